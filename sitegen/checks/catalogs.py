"""Check the UI string catalogues: untranslated, fuzzy, obsolete, out of date, placeholders, plurals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message

from ..catalogs import catalog_path, read_catalog
from ..config import Config
from ..model import Site
from ..problems import Problem, error, warning
from ..sources.files import relpath
from .aligned import known_entities
from .extract import extract_messages
from .facts import compare_figures
from .glossary import Glossary, forbidden_in, language_name, missing_terms
from .lexicon import Entity
from .meaning import compare_texts, deliberate
from .numbers import describe_difference, find_numbers
from .po_plurals import placeholders
from .po_rules import short
from .po_toolkit import check_entries
from .pofile import parse_po


@dataclass
class Coverage:
    """How much of one catalogue is translated."""

    path: str
    lang: str
    total: int
    translated: int

    @property
    def percent(self) -> float:
        """Return the translated share in per cent (100 for an empty catalogue)."""
        return 100.0 if not self.total else round(100 * self.translated / self.total, 1)


def catalog_coverage(site: Site) -> list[Coverage]:
    """Count the translated entries of each language's catalogue (the source language counts as done)."""
    found: list[Coverage] = []
    for lang in site.config.codes:
        catalog = site.catalogs.get(lang)
        if catalog is None:
            continue
        entries = [m for m in catalog if m.id]
        done = sum(1 for m in entries if _is_translated(m) or lang == site.config.source_language)
        rel = relpath(catalog_path(site.config.locales_dir, lang), site.config.root)
        found.append(Coverage(rel, lang, len(entries), done))
    return found


def _is_translated(message: Message) -> bool:
    strs = [message.string] if isinstance(message.string, str) else list(message.string or ())
    return bool(strs) and all(strs) and not message.fuzzy


def check_catalogs(site: Site, glossary: Glossary, required: set[str]) -> list[Problem]:
    """Check every catalogue; required strings are left to the required-blocks check."""
    config = site.config
    problems: list[Problem] = []
    pot = config.locales_dir / "messages.pot"
    if config.sources.is_file(pot):
        problems += read_catalog(pot, config.sources, config.source_language)[1]
    loaded = [(relpath(path, config.root), lang, catalog) for path, lang, catalog in _catalog_files(site)]
    extracted, faults = extract_messages(config)
    problems += faults + _against_extracted(loaded, extracted)
    entities = known_entities(site, glossary)
    for rel, lang, catalog in loaded:
        problems += _obsolete(rel, catalog)
        if lang is not None:
            problems += _entries(config, glossary, rel, lang, catalog, required, entities)
    return problems


def _msgids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def _against_extracted(
    loaded: list[tuple[str, str | None, Catalog]], extracted: dict[str, tuple[str, int]]
) -> list[Problem]:
    """Compare each catalogue with a fresh extraction: what is missing, what is no longer used."""
    if not extracted:
        return []
    problems: list[Problem] = []
    have = {rel: _msgids(catalog) for rel, _lang, catalog in loaded}
    for msgid, (file, line) in sorted(extracted.items(), key=lambda kv: kv[1]):
        lacking = [rel for rel, ids in have.items() if msgid not in ids]
        if lacking:
            problems.append(
                warning(
                    file,
                    line,
                    f"UI string '{short(msgid)}' is missing from {', '.join(lacking)}: "
                    "run the extract and update commands (README, 'Translating UI strings')",
                    "catalog-outdated",
                )
            )
    return problems


def stale_entries(site: Site) -> list[Problem]:
    """Report catalogue entries that nothing uses any more (by `check` only: they do not affect pages)."""
    config = site.config
    extracted, _faults = extract_messages(config)  # the faults are check_catalogs' to report
    if not extracted:
        return []
    problems: list[Problem] = []
    files = _catalog_files(site)
    # Stale entries of the template become obsolete in every catalogue on update: report them once.
    templates = [f for f in files if f[1] is None]
    for path, _lang, catalog in templates or files:
        rel = relpath(path, config.root)
        for message in catalog:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            if msgid and msgid not in extracted:
                problems.append(
                    warning(
                        rel,
                        message.lineno,
                        f"'{short(msgid)}' is no longer used by the templates, the generator or the data "
                        "sets: run the extract and update commands",
                        "catalog-outdated",
                    )
                )
    return problems


def _catalog_files(site: Site) -> list[tuple[Path, str | None, Catalog]]:
    """Return the template (messages.pot, language None) and every language's catalogue that loaded."""
    config = site.config
    files: list[tuple[Path, str | None, Catalog | None]] = []
    pot = config.locales_dir / "messages.pot"
    if config.sources.is_file(pot):
        files.append((pot, None, read_catalog(pot, config.sources, config.source_language)[0]))
    for lang in config.codes:
        files.append((catalog_path(config.locales_dir, lang), lang, site.catalogs.get(lang)))
    return [(path, lang, catalog) for path, lang, catalog in files if catalog is not None]


def _msgstr_lines(config: Config, rel: str) -> dict[tuple[str | None, str], dict[int, int]]:
    """Return the line of each msgstr of a catalogue, by context and msgid."""
    text, _ = config.sources.text(config.root / rel, config.locales_dir)  # its faults: the .po check's
    return {} if text is None else {entry.key: entry.msgstr_lines for entry in parse_po(text).entries}


def _obsolete(rel: str, catalog: Catalog) -> list[Problem]:
    return [
        warning(rel, m.lineno, f"obsolete entry '{short(str(m.id))}': delete it", "catalog-obsolete")
        for m in catalog.obsolete.values()
    ]


def _entries(
    config: Config,
    glossary: Glossary,
    rel: str,
    lang: str,
    catalog: Catalog,
    required: set[str],
    entities: list[Entity],
) -> list[Problem]:
    problems: list[Problem] = []
    source = lang == config.source_language
    name = language_name(lang)
    # CLDR lists the plural categories besides 'other'; the header must agree with it.
    needed = len(Locale.parse(lang).plural_form.tags) + 1
    if catalog.num_plurals != needed:
        header = next((m.lineno for m in catalog if not m.id), None) or 1
        text = f"the header's Plural-Forms gives nplurals={catalog.num_plurals}; {name} has {needed} forms"
        problems.append(error(rel, header, text, "plural"))
    strings = _msgstr_lines(config, rel)
    # translate-toolkit's checks, plural forms and swapped entries (po_toolkit.py); what a swap or a
    # lost sentence makes differ from the msgid is not reported again below.
    found, against = check_entries(glossary, entities, (config.source_language, lang), rel, catalog, strings)
    problems += found
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strs = [message.string] if isinstance(message.string, str) else list(message.string or ())
        filled = [s for s in strs if s]
        done = _is_translated(message)
        key = ids[0]
        line = message.lineno
        # Babel pads missing plural forms with empty strings: a partly filled entry lacks forms.
        if message.pluralizable and filled and (len(filled) != len(strs) or len(strs) != needed):
            text = f"'{short(key)}' has {len(filled)} plural forms; {name} needs {needed}"
            problems.append(error(rel, line, text, "plural"))
        elif message.fuzzy and not source and key not in required:
            text = (
                f"fuzzy translation of '{short(key)}': check it and remove the fuzzy flag (fuzzy is not used)"
            )
            problems.append(warning(rel, line, text, "fuzzy"))
        elif not done and not source and key not in required and not filled:
            problems.append(warning(rel, line, f"untranslated: '{short(key)}'", "untranslated"))
        for word in forbidden_in(glossary, config.source_language, " ".join(ids)) if source else []:
            text = f"'{word}' is on the list of forbidden {name} words in {glossary.path}"
            problems.append(error(rel, line, text, "forbidden-word"))
        at = strings.get((message.context, key), {})
        for i, text in enumerate(strs):
            if text:
                original = ids[0] if i == 0 else ids[-1]
                where = at.get(i, line)  # the msgstr's own line: that is where the fault is
                compared = against.get(((message.context, key), i), original)
                problems += _translation(
                    config, glossary, rel, lang, message, where, (original, compared), text, source, entities
                )
    return problems


def _translation(
    config: Config,
    glossary: Glossary,
    rel: str,
    lang: str,
    message: Message,
    line: int,
    msgids: tuple[str, str | None],
    text: str,
    source: bool,
    entities: list[Entity],
) -> list[Problem]:
    """Compare one msgstr (one plural form) with its msgid.

    msgids: the msgid, and the text to compare with (po_toolkit.check_entries: None for a swapped
    entry, the msgid without the sentence the translation lost).
    """
    msgid, there = msgids
    problems: list[Problem] = []
    # A plural entry's forms are compared with msgid_plural, form by form (po_plurals.py).
    if there is not None and not message.pluralizable and placeholders(there) != placeholders(text):
        want = ", ".join(sorted(placeholders(there))) or "none"
        got = ", ".join(sorted(placeholders(text))) or "none"
        problems.append(
            error(
                rel,
                line,
                f"placeholders differ from '{short(msgid)}': {got} here, {want} in the source",
                "placeholder",
            )
        )
    if source:
        return problems
    src = config.source_language
    only_here, only_there = (
        ([], [])
        if there is None
        else compare_figures(
            glossary.lexicon,
            (find_numbers(text, lang), [(line, text)]),
            (find_numbers(there, src), [(line, there)]),
            lang,
            src,
        )
    )
    if only_here or only_there:
        problems.append(
            error(
                rel,
                line,
                f"numbers differ from '{short(msgid)}': {describe_difference(only_here, only_there)}",
                "numbers",
            )
        )
    if text == msgid and not glossary.identical_ok(msgid) and not message.fuzzy:
        problems.append(
            warning(
                rel,
                line,
                f"the {language_name(lang)} text is the same as the {language_name(config.source_language)} "
                f"'{short(msgid)}': translate it, or list it under 'identical' in {glossary.path}",
                "untranslated",
            )
        )
    for word in forbidden_in(glossary, lang, text):
        problems.append(
            error(
                rel,
                line,
                f"'{word}' is on the list of forbidden {language_name(lang)} words in {glossary.path}",
                "forbidden-word",
            )
        )
    if there is None:
        return problems
    if text != msgid:
        skip = deliberate(message.user_comments) | {"length"}  # UI strings are too short to measure
        for f in compare_texts(glossary, entities, src, lang, text, there, skip):
            problems.append(error(rel, line, f.message(f"'{short(msgid)}'"), f.check))
    for term in missing_terms(glossary, config.source_language, there, lang, text):
        wanted = "' or '".join(term.forms[lang])
        problems.append(
            warning(
                rel,
                line,
                f"'{short(msgid)}' uses '{term.forms[config.source_language][0]}' but the translation "
                f"does not use '{wanted}' (term pair at {glossary.path}:{term.line})",
                "terminology",
            )
        )
    return problems
