"""Check the data sets across languages: numbers in texts, words, and how complete each language is."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..data import Dataset
from ..model import Site
from ..problems import Problem, error, warning
from ..sources.files import relpath
from ..sources.yaml_lines import YamlError, load_with_lines
from .aligned import known_entities
from .facts import compare_figures
from .glossary import Glossary, forbidden_in, language_name, missing_terms
from .meaning import compare_texts
from .numbers import describe_difference, find_numbers, looks_like_slip

NUMERIC = {"number", "integer", "percent", "year"}


@dataclass
class DataCoverage:
    """How many of a data set's texts have a value in each language."""

    path: str
    total: int
    filled: dict[str, int]

    def percent(self, lang: str) -> float:
        """Return the share of texts that have a value in lang, in per cent."""
        return 100.0 if not self.total else round(100 * self.filled.get(lang, 0) / self.total, 1)


def _texts(dataset: Dataset) -> list[tuple[tuple[object, ...], dict[str, str], str, dict[str, Any] | None]]:
    """Return every text of a data set: key path, values by language, what it is, its entry."""
    found: list[tuple[tuple[object, ...], dict[str, str], str, dict[str, Any] | None]] = [
        (("title",), dataset.title, "the title", None)
    ]
    if dataset.note:
        found.append((("note",), dataset.note, "the note", None))
    for i, entry in enumerate(dataset.entries):
        for name, spec in dataset.fields.items():
            if spec.type == "text" and isinstance(entry.get(name), dict):
                found.append(
                    (("entries", i, name), entry[name], f"entry '{entry['id']}': field '{name}'", entry)
                )
    return found


def check_data(site: Site, glossary: Glossary) -> list[Problem]:
    """Compare each text of each data set across languages and with its entry's numeric fields."""
    problems: list[Problem] = []
    src = site.config.source_language
    entities = known_entities(site, glossary)
    for dataset in site.datasets.values():
        numeric = {n: s for n, s in dataset.fields.items() if s.type in NUMERIC}
        for key, values, what, entry in _texts(dataset):
            source = values.get(src, "")
            for lang in site.config.codes:
                text = values.get(lang, "")
                for word in forbidden_in(glossary, lang, text):
                    message = f"{what}: '{word}' is on the list of forbidden {language_name(lang)} words"
                    problems.append(
                        error(
                            dataset.path,
                            dataset.line_of(*key, lang),
                            f"{message} in {glossary.path}",
                            "forbidden-word",
                        )
                    )
                if entry is not None:
                    problems += _slips(dataset, key, lang, text, entry, numeric, what)
                if lang == src:
                    continue
                at = dataset.line_of(*key, lang)
                # A number this language must not give (999 in Swedish) is not missing from it,
                # and given, it is the [emergency] check's error, not a figure that differs.
                wrong = glossary.wrong_emergency.get(lang, ())
                theirs = [n for n in find_numbers(source, src) if n.written not in wrong]
                mine = [n for n in find_numbers(text, lang) if n.written not in wrong]
                only_here, only_there = compare_figures(
                    glossary.lexicon,
                    (mine, [(at, text)]),
                    (theirs, [(at, source)]),
                    lang,
                    src,
                )
                if only_here or only_there:
                    problems.append(
                        error(
                            dataset.path,
                            at,
                            f"{what}: numbers differ between {language_name(lang)} and {language_name(src)}: "
                            f"{describe_difference(only_here, only_there)}",
                            "numbers",
                        )
                    )
                if glossary.identical_ok(text) and text.strip() == source.strip():
                    continue  # a name: the same in every language, and no terms to check
                where = f"the {language_name(src)} text ({dataset.path}:{dataset.line_of(*key, src)})"
                for f in compare_texts(glossary, entities, src, lang, text, source):
                    problems.append(error(dataset.path, at, f"{what}: {f.message(where)}", f.check))
                if text.strip() == source.strip():
                    problems.append(
                        warning(
                            dataset.path,
                            at,
                            f"{what}: the {language_name(lang)} text is the same as the "
                            f"{language_name(src)}: "
                            f"translate it, or list it under 'identical' in {glossary.path}",
                            "untranslated",
                        )
                    )
                for term in missing_terms(glossary, src, source, lang, text):
                    problems.append(
                        warning(
                            dataset.path,
                            at,
                            f"{what}: the {language_name(src)} text uses '{term.forms[src][0]}' but the "
                            f"{language_name(lang)} text does not use '{' or '.join(term.forms[lang])}' "
                            f"(term pair at {glossary.path}:{term.line})",
                            "terminology",
                        )
                    )
    return problems


def _slips(
    dataset: Dataset,
    key: tuple[object, ...],
    lang: str,
    text: str,
    entry: dict[str, Any],
    numeric: dict,
    what: str,
) -> list[Problem]:
    """Report a number in a text that looks like a mistyped copy of one of the entry's own numbers."""
    problems: list[Problem] = []
    for number in find_numbers(text, lang):
        stored = {
            name: Decimal(str(entry[name]))
            for name, spec in numeric.items()
            if name in entry and (spec.type == "percent") == number.percent
        }
        if number.value in stored.values():
            continue
        for name, value in stored.items():
            slip = looks_like_slip(number.value, value)
            if slip:
                problems.append(
                    error(
                        dataset.path,
                        dataset.line_of(*key, lang),
                        f"{what}: the {language_name(lang)} text says {number.show()}, but the field "
                        f"'{name}' is {format(value.normalize(), 'f')}{'%' * number.percent}: {slip}",
                        "numbers",
                    )
                )
                break
    return problems


def data_coverage(site: Site) -> list[DataCoverage]:
    """Count, per data set file, how many texts have a value in each language (also for sets that failed)."""
    found: list[DataCoverage] = []
    sources = site.config.sources
    for file in sources.files(site.config.data_dir, deep=False):
        if file.suffix not in {".yaml", ".yml"}:
            continue
        text, problem = sources.text(file)
        try:
            raw = load_with_lines(text)[0] if text is not None and problem is None else None
        except YamlError:
            raw = None
        cover = DataCoverage(relpath(file, site.config.root), 0, {lang: 0 for lang in site.config.codes})
        if isinstance(raw, dict):
            fields = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
            texts = [raw.get("title"), raw.get("note")] if "note" in raw else [raw.get("title")]
            text_fields = [n for n, s in fields.items() if isinstance(s, dict) and s.get("type") == "text"]
            for entry in raw.get("entries") or []:
                if isinstance(entry, dict):
                    texts += [entry.get(n) for n in text_fields if n in entry]
            for value in texts:
                cover.total += 1
                for lang in site.config.codes:
                    if isinstance(value, dict) and isinstance(value.get(lang), str) and value[lang].strip():
                        cover.filled[lang] += 1
        found.append(cover)
    return found
