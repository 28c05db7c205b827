"""Read the facts of a text beyond its digits: units, months, number words, names and web addresses."""

from __future__ import annotations

import functools
import re
from collections import Counter
from decimal import Decimal

from babel import Locale

from .lexicon import Lexicon, may_match, word_pattern
from .numbers import COMMA_DECIMAL, Number, difference, find_numbers, prose

DOMAIN = re.compile(
    r"(?<![\w@./-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:se|com|org|net|gov|eu|uk|nu|edu|int|info|io|dk|no|fi|de))"
    r"(?![\w-])",
    re.I,
)
URL = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-ZÅÄÖÉ0-9])")


@functools.cache
def _months(lang: str) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """Return a pattern for the month names of lang next to a number, and name -> month."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, TypeError):
        return None, {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for month, name in locale.months[context][width].items():
                names[name.lower().rstrip(".")] = month
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) >= 3)
    # A month counts only in a date: a day before it or a year after ("May" is also a verb).
    pattern = re.compile(
        rf"(?:(?<=\d)\.?\s+|(?<=\d\s))({alternatives})\.?(?!\w)|(?<!\w)({alternatives})\.?(?=\s+\d)", re.I
    )
    return pattern, names


def months_in(text: str, lang: str) -> list[int]:
    """Return the months named in the dates of a text, as numbers 1-12."""
    pattern, names = _months(lang)
    if pattern is None:
        return []
    return [names[(m.group(1) or m.group(2)).lower()] for m in pattern.finditer(text)]


def month_name(month: int, lang: str = "en") -> str:
    """Return a month's name, such as 'November'."""
    return Locale.parse(lang).months["format"]["wide"][month]


def number_words(lex: Lexicon, text: str, lang: str) -> tuple[list[Decimal], list[Decimal]]:
    """Return the numbers written as words: those that count, and the ones that double as articles."""
    firm: list[Decimal] = []
    loose: list[Decimal] = []
    line = prose(text)
    lowered = line.lower()
    for value, words in enumerate(lex.number_words.get(lang, ())):
        if any(may_match(word, lowered) for word in words):
            found = len(word_pattern(words).findall(line))
            (loose if value == 1 else firm).extend([Decimal(value)] * found)
    return firm, loose


Lines = list[tuple[int, str]]


def worded(lex: Lexicon, lines: Lines, lang: str) -> tuple[list[Number], list[Decimal]]:
    """Return the numbers written as words in lines (with their lines) and the loose ones ('one')."""
    firm: list[Number] = []
    loose: list[Decimal] = []
    for lineno, text in lines:
        values, ones = number_words(lex, text, lang)
        firm += [Number(v, False, lineno, str(v)) for v in values]
        loose += ones
    return firm, loose


def compare_figures(
    lex: Lexicon, here: tuple[list[Number], Lines], there: tuple[list[Number], Lines], lang: str, src: str
) -> tuple[list[Number], list[Number]]:
    """Return the figures only here and only there: digits and number words, 'one' only against a 1."""
    firm_here, loose_here = worded(lex, here[1], lang)
    firm_there, loose_there = worded(lex, there[1], src)
    only_here, only_there = difference(here[0] + firm_here, there[0] + firm_there)
    only_here, only_there = _drop(only_here, Counter(loose_there)), _drop(only_there, Counter(loose_here))
    # A number written as a word with nothing against it is a way of saying ("the two methods");
    # against a different number on the other side it is a difference.
    if not only_there:
        only_here = [n for n in only_here if n not in firm_here]
    if not only_here:
        only_there = [n for n in only_there if n not in firm_there]
    return only_here, only_there


def _drop(numbers: list[Number], loose: Counter[Decimal]) -> list[Number]:
    kept = []
    for n in numbers:
        if not n.percent and loose[n.value] > 0:
            loose[n.value] -= 1
        else:
            kept.append(n)
    return kept


@functools.cache
def _unit_pattern(lex_units: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    groups = []
    for i, (_name, words) in enumerate(lex_units):
        groups.append(f"(?P<u{i}>{word_pattern(words).pattern})")
    return re.compile(r"^[\s\u00a0\u202f-]*(?:\w+\s+)?(?:" + "|".join(groups) + ")", re.I)


def units_in(lex: Lexicon, text: str, lang: str) -> list[tuple[str, str]]:
    """Return (number, unit) for each number followed by a unit word, numbers shown neutrally."""
    table = tuple((name, forms[lang]) for name, forms in sorted(lex.units.items()) if lang in forms)
    if not table:
        return []
    pattern = _unit_pattern(table)
    line = prose(text)
    found: list[tuple[str, str]] = []
    style = "," if lang in COMMA_DECIMAL else "."
    number = re.compile(rf"(?<![\w.,])\d+(?:[{style}]\d+)?(?![\w])")
    tokens = [(m.end(), m.group(0).replace(",", ".")) for m in number.finditer(line)]
    lowered = line.lower()
    for value, words in enumerate(lex.number_words.get(lang, ())):
        if value != 1 and any(may_match(word, lowered) for word in words):
            tokens += [(m.end(), str(value)) for m in word_pattern(words).finditer(line)]
    for end, shown in sorted(tokens):
        unit = pattern.match(line[end:])
        if unit:
            name = table[int(next(k for k, v in unit.groupdict().items() if v)[1:])][0]
            found.append((format(Decimal(shown).normalize(), "f"), name))
    return found


def order_swaps(here: str, there: str, lang: str, src: str) -> tuple[list[str], list[str]] | None:
    """Return two figures of one source sentence that a translated sentence gives the other way round."""
    theirs = [[n.show() for n in find_numbers(s, src)] for s in SENTENCE.split(there)]
    mine = [[n.show() for n in find_numbers(s, lang)] for s in SENTENCE.split(here)]
    for sentence in theirs:
        for i, a in enumerate(sentence):
            for b in sentence[i + 1 :]:
                if a == b:
                    continue
                for other in mine:
                    if a in other and b in other and other.index(b) < other.index(a):
                        return other, sentence
    return None


def web_addresses(text: str, urls: list[str] | None = None) -> list[str]:
    """Return the web addresses and domains of a text (and of its link targets), normalised."""
    found = [u.lower().rstrip("/") for u in urls or [] if re.match(r"(?:https?|mailto):", u, re.I)]
    rest = URL.sub(lambda m: found.append(m.group(0).lower().rstrip("/")) or " ", text)
    found += [d.lower() for d in DOMAIN.findall(rest)]
    return sorted(found)


@functools.cache
def entity_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Match a name as written, at word edges (case counts: 'US' is not 'us')."""
    return re.compile(
        "|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in sorted(forms, key=len, reverse=True))
    )
