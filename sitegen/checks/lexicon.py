"""The glossary's word lists for reading meaning: stop words, markers, units, number words, names."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LEXICON_KEYS = {
    "stop_words",
    "abbreviations",
    "scales",
    "after_negation",
    "markers",
    "markers_by_presence",
    "units",
    "number_words",
    "entities",
    "length",
    "template_text",
}


@dataclass(frozen=True)
class LengthModel:
    """How long a translation's segment is expected to be, against its source's (Gale and Church)."""

    ratio: float
    variance: float
    shorter: float
    longer: float

    def deviation(self, here: int, there: int) -> float:
        """Return how many standard deviations the length here is off the expected one."""
        return (here - self.ratio * there) / ((max(there, 1) * self.variance) ** 0.5)


@dataclass(frozen=True)
class Entity:
    """A name and its form in each language."""

    forms: dict[str, tuple[str, ...]]
    line: int

    def name(self, lang: str) -> str:
        """Return the name as the language writes it (its first form)."""
        forms = self.forms.get(lang) or next(iter(self.forms.values()))
        return forms[0]


@dataclass
class Lexicon:
    """The word lists of the glossary that the meaning checks read."""

    stop_words: dict[str, frozenset[str]] = field(default_factory=dict)
    markers: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    by_presence: frozenset[str] = frozenset()
    units: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    number_words: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    length: dict[str, LengthModel] = field(default_factory=dict)
    template_text: frozenset[str] = frozenset()
    abbreviations: dict[str, frozenset[str]] = field(default_factory=dict)
    scales: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> marker kinds, in order
    after_negation: dict[str, frozenset[str]] = field(default_factory=dict)


def _words(value: Any) -> tuple[str, ...] | None:
    items = [value] if isinstance(value, str | int) else value
    # YAML reads a bare no, on or yes as a boolean: the glossary must quote them.
    if not isinstance(items, list) or not all(
        isinstance(t, str | int) and not isinstance(t, bool) and str(t).strip() for t in items
    ):
        return None
    return tuple(str(t).strip() for t in items)


def _per_lang(value: Any, langs: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict) or any(k not in langs for k in value):
        return None
    found = {k: _words(v) for k, v in value.items()}
    return None if any(v is None for v in found.values()) else found  # type: ignore[return-value]


def read_lexicon(
    raw: dict[str, Any],
    lines: dict[tuple[object, ...], int],
    langs: tuple[str, ...],
    bad: Callable[[tuple[object, ...], str], None],
) -> Lexicon:
    """Read the lexicon's keys of the glossary; report what is malformed through bad(key, message)."""
    lex = Lexicon()
    codes = ", ".join(langs)
    stops = _per_lang(raw.get("stop_words") or {}, langs)
    if stops is None:
        bad(("stop_words",), f"'stop_words' must map language codes ({codes}) to lists of words")
    else:
        shared = set.intersection(*(set(w.lower() for w in v) for v in stops.values())) if stops else set()
        lex.stop_words = {k: frozenset(w.lower() for w in v) - shared for k, v in stops.items()}
    for name in ("markers", "units"):
        table = raw.get(name) or {}
        if not isinstance(table, dict):
            bad((name,), f"'{name}' must map names to words per language")
            continue
        for kind, value in table.items():
            forms = _per_lang(value, langs)
            if forms is None:
                bad((name, kind), f"{name} '{kind}' must map language codes ({codes}) to lists of words")
            else:
                getattr(lex, name)[str(kind)] = forms
    numbers = raw.get("number_words") or {}
    for lang, words in numbers.items() if isinstance(numbers, dict) else []:
        read = [_words(w) for w in words] if isinstance(words, list) and lang in langs else [None]
        if any(w is None for w in read):
            bad(("number_words", lang), f"number_words '{lang}' must list the words for 0, 1, 2... in order")
        else:
            lex.number_words[lang] = tuple(read)  # type: ignore[arg-type]
    if not isinstance(numbers, dict):
        bad(("number_words",), "'number_words' must map language codes to lists of words")
    for i, entry in enumerate(raw.get("entities") or []):
        forms = {lang: (entry,) for lang in langs} if isinstance(entry, str) else _per_lang(entry, langs)
        if not forms:
            bad(("entities", i), f"entity {i + 1} needs a name, or a name for each of {codes}")
        else:
            lex.entities.append(Entity(forms, lines.get(("entities", i), 1)))
    for lang, spec in (raw.get("length") or {}).items():
        keys = ("ratio", "variance", "shorter", "longer")
        if not isinstance(spec, dict) or not all(isinstance(spec.get(k), int | float) for k in keys):
            bad(("length", lang), f"length '{lang}' needs the numbers {', '.join(keys)}")
        else:
            lex.length[str(lang)] = LengthModel(*(float(spec[k]) for k in keys))
    short = _per_lang(raw.get("abbreviations") or {}, langs)
    if short is None:
        bad(("abbreviations",), f"'abbreviations' must map language codes ({codes}) to lists of words")
    else:
        lex.abbreviations = {k: frozenset(w.lower() for w in v) for k, v in short.items()}
    joining = _per_lang(raw.get("after_negation") or {}, langs)
    if joining is None:
        bad(("after_negation",), f"'after_negation' must map language codes ({codes}) to lists of words")
    else:
        lex.after_negation = {k: frozenset(w.lower() for w in v) for k, v in joining.items()}
    scales = raw.get("scales") or {}
    for name, kinds in scales.items() if isinstance(scales, dict) else [(None, None)]:
        points = _words(kinds)
        if name is None or points is None or len(points) < 2 or any(k not in lex.markers for k in points):
            bad(
                ("scales", *([name] if name else [])),
                "'scales' must map names to two or more kinds of 'markers'",
            )
        else:
            lex.scales[str(name)] = points
    presence = _words(raw.get("markers_by_presence") or [])
    if presence is None or any(k not in lex.markers for k in presence):
        bad(("markers_by_presence",), "'markers_by_presence' must list kinds of 'markers'")
    else:
        lex.by_presence = frozenset(presence)
    literal = _words(raw.get("template_text") or [])
    if literal is None:
        bad(("template_text",), "'template_text' must be a list of texts")
    else:
        lex.template_text = frozenset(literal)
    return lex


# What a phrase already counted is replaced with: neither a word character nor a space.
GAP = "\x00"


@functools.cache
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Match whole words (a trailing * takes any ending, a trailing ' #' needs a number after it)."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        before_number = word.endswith(" #")
        word = word.removesuffix(" #")
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
        ending = r"\w*" if prefix else ""
        edge = "" if word.startswith(("-", "'", "n'")) else r"(?<![\w-])"
        after = r"\s*(?=\d)" if before_number else r"(?![\w])"
        parts.append(f"{edge}{body}{ending}{after}")
    return re.compile("|".join(parts), re.I)


def find_words(words: tuple[str, ...], text: str) -> list[str]:
    """Return the words of the list found in text, as written there."""
    if not words:
        return []
    return [m.group(0).strip() for m in word_pattern(words).finditer(text)]


@functools.cache
def _first_token(word: str) -> str:
    return word.removesuffix(" #").rstrip("*").split()[0].lower()


def may_match(word: str, lowered: str) -> bool:
    """Say whether a word of a list could match a text (lower-cased): its literal start is in it."""
    return _first_token(word) in lowered


@functools.cache
def _longest_first(table: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, str], ...]:
    entries = ((word, kind) for kind, words in table for word in words)
    return tuple(sorted(entries, key=lambda e: (-len(e[0].rstrip("*# ")), e[0])))


@functools.cache
def _any_start(entries: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Match the literal start of any word of the list: no match, no marker word in the text."""
    starts = sorted({_first_token(word) for word, _kind in entries}, key=len, reverse=True)
    return re.compile("|".join(re.escape(start) for start in starts) or r"(?!)")


def find_markers(
    markers: dict[str, dict[str, tuple[str, ...]]], lang: str, text: str
) -> dict[str, list[str]]:
    """Return the marker words of each kind in text; a longer phrase takes its words from shorter ones."""
    entries = _longest_first(tuple((kind, forms.get(lang, ())) for kind, forms in markers.items()))
    found: dict[str, list[tuple[int, str]]] = {kind: [] for kind in markers}
    lowered = text.lower()
    if not _any_start(entries).search(lowered):
        return {kind: [] for kind in markers}  # most sentences hold no marker word at all
    for word, kind in entries:
        if not may_match(word, lowered):
            continue  # it cannot match: most words of the list are in no given segment
        pattern = word_pattern((word,))

        def take(m: re.Match[str], kind: str = kind) -> str:
            found[kind].append((m.start(), m.group(0).strip()))
            # Not spaces: the words either side would meet across the gap, and "under hög
            # feber 3 dagar" (its "hög feber" taken out) would read as "under 3".
            return GAP * len(m.group(0))

        text = pattern.sub(take, text)
    return {kind: [w for _, w in sorted(hits)] for kind, hits in found.items()}
