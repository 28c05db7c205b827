"""Compare a catalogue's entries with each other: find two msgstrs that belong under each other's msgid.

Each entry is first compared with its own msgid, as the catalogue check does: its typed anchors
(placeholders, figures, glossary terms, marker words, units, months, names, web addresses) and its length
against the language's length model (Gale and Church). Only an entry that misfits its own msgid
is a suspect. Two suspects are reported as swapped when each msgstr fits the other's msgid with
no anchor out of place and a length a real translation has, and neither fits any other suspect.
A correct catalogue has no suspects, so this costs one comparison per entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Problem, error
from .facts import compare_figures
from .glossary import Glossary, missing_terms
from .lexicon import Entity
from .meaning import compare_texts
from .numbers import find_numbers
from .po_plurals import placeholders
from .po_rules import short

# A crossed pairing must fit as a real translation does: the shipped catalogue's entries lie
# within 2.7 standard deviations of the length model.
CROSS_FIT = 3.0
NOT_PAIRWISE = frozenset({"length", "language"})  # judged here by length alone; language is per text


@dataclass(frozen=True)
class Entry:
    """A translated singular entry: what gettext looks it up by, its texts and its msgstr's line."""

    key: tuple[str | None, str]
    msgid: str
    msgstr: str
    line: int
    skip: frozenset[str]


class Fit:
    """Judge how well a msgstr fits a msgid: anchors first, then length."""

    def __init__(self, glossary: Glossary, entities: list[Entity], src: str, lang: str) -> None:
        self.glossary, self.entities, self.src, self.lang = glossary, entities, src, lang
        self.model = glossary.lexicon.length.get(lang)

    def anchors_differ(self, msgstr: str, msgid: str, skip: frozenset[str]) -> bool:
        """Tell whether a placeholder, figure, term, marker word, unit, month, name or address differs."""
        if placeholders(msgstr) != placeholders(msgid):
            return True
        if missing_terms(self.glossary, self.src, msgid, self.lang, msgstr):
            return True
        lex = self.glossary.lexicon
        only_here, only_there = compare_figures(
            lex,
            (find_numbers(msgstr, self.lang), [(1, msgstr)]),
            (find_numbers(msgid, self.src), [(1, msgid)]),
            self.lang,
            self.src,
        )
        if only_here or only_there:
            return True
        found = compare_texts(
            self.glossary, self.entities, self.src, self.lang, msgstr, msgid, skip | NOT_PAIRWISE
        )
        return bool(found)

    def deviation(self, msgstr: str, msgid: str) -> float:
        """Return how many standard deviations the msgstr's length is off what the msgid's predicts."""
        return 0.0 if self.model is None else self.model.deviation(len(msgstr), len(msgid))

    def misfits(self, entry: Entry) -> bool:
        """Tell whether an entry's msgstr misfits its own msgid: an anchor, or a length past tolerance."""
        if self.model is not None:
            deviation = self.deviation(entry.msgstr, entry.msgid)
            if not -self.model.shorter <= deviation <= self.model.longer:
                return True
        return self.anchors_differ(entry.msgstr, entry.msgid, entry.skip)

    def fits(self, msgstr: str, msgid: str, skip: frozenset[str]) -> bool:
        """Tell whether a msgstr fits a msgid as a real translation does."""
        return abs(self.deviation(msgstr, msgid)) <= CROSS_FIT and not self.anchors_differ(
            msgstr, msgid, skip
        )


def swapped_entries(fit: Fit, rel: str, entries: list[Entry]) -> dict[tuple[str | None, str], Problem]:
    """Return a problem for each entry whose msgstr and another's have changed places, by its key."""
    suspects = [e for e in entries if "swap" not in e.skip and e.msgid != e.msgstr and fit.misfits(e)]
    partners: dict[tuple[str | None, str], list[Entry]] = {}
    for i, a in enumerate(suspects):
        for b in suspects[i + 1 :]:
            if a.msgid == b.msgid or a.msgstr == b.msgstr:
                continue
            if fit.fits(a.msgstr, b.msgid, a.skip | b.skip) and fit.fits(b.msgstr, a.msgid, a.skip | b.skip):
                partners.setdefault(a.key, []).append(b)
                partners.setdefault(b.key, []).append(a)
    found: dict[tuple[str | None, str], Problem] = {}
    for a in suspects:
        pair = partners.get(a.key, [])
        # Only an unambiguous pair: each fits the other and no third entry.
        if len(pair) != 1 or len(partners.get(pair[0].key, [])) != 1:
            continue
        b = pair[0]
        found[a.key] = error(
            rel,
            a.line,
            f"the msgstr of '{short(a.msgid)}' translates '{short(b.msgid)}' (line {b.line}), whose "
            "msgstr translates this msgid: the two look swapped; move each msgstr under its own msgid, "
            "or mark it deliberate: swap",
            "swapped",
        )
    return found
