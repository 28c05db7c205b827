"""The glossary: term pairs, forbidden words, allowed identical texts and the public phone numbers."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from ..problems import Problem, error
from ..sources.snapshot import Snapshot
from ..sources.yaml_lines import YamlError, load_with_lines
from .lexicon import LEXICON_KEYS, Lexicon, read_lexicon
from .safety_table import OLD_KEYS, SAFETY_KEY, SafetyTable, read_safety

GLOSSARY = "glossary.yaml"
KEYS = {"terms", "forbidden", "identical", SAFETY_KEY} | LEXICON_KEYS


@dataclass(frozen=True)
class Term:
    """A term and its required translations: when one language uses it, the others must too."""

    forms: dict[str, tuple[str, ...]]
    line: int


@dataclass
class Glossary:
    """What the terminology checks need, read from locales/glossary.yaml."""

    path: str = f"locales/{GLOSSARY}"
    terms: list[Term] = field(default_factory=list)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    identical: frozenset[str] = frozenset()
    # The typed table of public numbers, and two views of it that the text checks read: what
    # each number is, and per language the numbers its readers cannot call.
    safety: SafetyTable = field(default_factory=SafetyTable)
    emergency: dict[str, str] = field(default_factory=dict)
    wrong_emergency: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)

    def identical_ok(self, text: str) -> bool:
        """Tell whether a text may be the same in a translation as in its source."""
        return text.strip() in self.identical


# Cached: the checks name languages in thousands of messages; parsing a Locale is slow.
@functools.cache
def language_name(code: str) -> str:
    """Return a language's English name, such as 'Swedish'."""
    try:
        return Locale.parse(code).get_language_name("en") or code
    except (ValueError, TypeError):
        return code


def load_glossary(
    locales_dir: Path, sources: Snapshot, langs: tuple[str, ...]
) -> tuple[Glossary, list[Problem]]:
    """Read the glossary; a missing file is an empty glossary."""
    file = locales_dir / GLOSSARY
    rel = sources.rel(file)
    if not sources.is_file(file):
        return Glossary(rel), []
    text, problem = sources.text(file, check="glossary")
    if problem is not None:
        return Glossary(rel), [problem]
    assert text is not None
    try:
        raw, lines = load_with_lines(text)
    except YamlError as exc:
        return Glossary(rel), [error(rel, exc.line, exc.message, exc.check or "glossary")]
    problems: list[Problem] = []

    def bad(key: tuple[object, ...], message: str) -> None:
        while key and key not in lines:
            key = key[:-1]
        problems.append(error(rel, lines.get(key, 1), message, "glossary"))

    glossary = Glossary(rel)
    if raw is None:
        return glossary, []
    if not isinstance(raw, dict):
        bad((), "the glossary must be a mapping")
        return glossary, problems
    for key in raw:
        if key not in KEYS and key not in OLD_KEYS:  # the old keys get their own message
            bad((key,), f"unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
    for i, entry in enumerate(raw.get("terms") or []):
        forms = _per_language(entry, langs)
        if forms is None or len(forms) < 2:
            bad(("terms", i), f"term {i + 1} needs a text or a list of texts for each of {', '.join(langs)}")
            continue
        glossary.terms.append(Term(forms, lines.get(("terms", i), 1)))
    forbidden = _per_language(raw.get("forbidden") or {}, langs)
    if forbidden is None:
        bad(("forbidden",), "'forbidden' must map language codes to lists of words")
    else:
        glossary.forbidden = forbidden
    identical = raw.get("identical") or []
    if not isinstance(identical, list) or not all(isinstance(t, str) for t in identical):
        bad(("identical",), "'identical' must be a list of texts")
    else:
        glossary.identical = frozenset(t.strip() for t in identical)
    glossary.safety = read_safety(raw, lines, langs, bad)
    glossary.emergency = glossary.safety.descriptions()
    glossary.wrong_emergency = glossary.safety.wrong_for()
    glossary.lexicon = read_lexicon(raw, lines, langs, bad)
    return glossary, problems


def _per_language(value: Any, langs: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict) or any(k not in langs for k in value):
        return None
    result: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        items = [texts] if isinstance(texts, str | int) else texts
        if not isinstance(items, list) or not all(isinstance(t, str | int) and str(t).strip() for t in items):
            return None
        result[lang] = tuple(str(t).strip() for t in items)
    return result


def _alternatives(words: tuple[str, ...]) -> str:
    """Return a pattern for any of the words, longest first, a space standing for spaces or dashes."""
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True))


# Cached: the checks ask for the same few patterns once per line of every article.
@functools.cache
def word_start(words: tuple[str, ...]) -> re.Pattern[str]:
    """Match any of the words at the start of a word, in any case: 'bota' also finds 'botar'."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)})", re.I)


@functools.cache
def any_word_start(word_lists: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """Match, without taking any text, every place where a word of any of the lists starts."""
    return re.compile(rf"(?<!\w)(?=(?:{'|'.join(_alternatives(words) for words in word_lists)}))", re.I)


@functools.cache
def anywhere(words: tuple[str, ...]) -> re.Pattern[str]:
    """Match any of the words anywhere, also inside a compound word ('spänningshuvudvärk')."""
    return re.compile(_alternatives(words), re.I)


def forbidden_in(glossary: Glossary, lang: str, text: str) -> list[str]:
    """Return the forbidden words of lang that occur in text, as written there."""
    words = glossary.forbidden.get(lang)
    if not words:
        return []
    return [m.group(0) + _rest_of_word(text, m.end()) for m in word_start(words).finditer(text)]


def _rest_of_word(text: str, end: int) -> str:
    m = re.match(r"\w*", text[end:])
    return m.group(0) if m else ""


def missing_terms(glossary: Glossary, source_lang: str, source: str, lang: str, text: str) -> list[Term]:
    """Return the terms the source text uses but the translation does not."""
    terms = [t for t in glossary.terms if source_lang in t.forms and lang in t.forms]
    if not terms:
        return []
    # One pass over the source finds where any term may start (a search per term took 8 times
    # as long); each term is then tried only there.
    starts = [m.start() for m in any_word_start(tuple(t.forms[source_lang] for t in terms)).finditer(source)]
    missing: list[Term] = []
    for term in terms:
        used = word_start(term.forms[source_lang])
        if any(used.match(source, at) for at in starts) and not anywhere(term.forms[lang]).search(text):
            missing.append(term)
    return missing


def emergency_in(glossary: Glossary, text: str) -> list[tuple[int, str]]:
    """Return the emergency numbers given in text, each with its 0-based line offset."""
    # Only the numbers the text contains at all; most texts give none, and need no scan.
    numbers = tuple(
        sorted((n for n in glossary.emergency if n in text and "\n" not in n), key=len, reverse=True)
    )
    if not numbers:
        return []
    found: list[tuple[int, str]] = []
    offset, counted = 0, 0
    # One pass over the whole text finds what a pass per line would: a line break is neither
    # a word character nor a digit, so the pattern's edges read it as they read a line's end.
    for m in _emergency_pattern(numbers).finditer(text):
        offset += text.count("\n", counted, m.start())
        counted = m.start()
        found.append((offset, m.group(1)))
    return found


def emergency_at(glossary: Glossary, text: str) -> list[tuple[int, str]]:
    """Return the emergency numbers given in text, each with the offset where it starts."""
    numbers = tuple(sorted((n for n in glossary.emergency if n in text), key=len, reverse=True))
    if not numbers:
        return []
    return [(m.start(1), m.group(1)) for m in _emergency_pattern(numbers).finditer(text)]


@functools.cache
def _emergency_pattern(numbers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.,])(" + "|".join(map(re.escape, numbers)) + r")(?![\w])(?![.,]\d)")
