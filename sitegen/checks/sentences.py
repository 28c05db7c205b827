"""Compare aligned segments sentence by sentence: what is missing or added, and facts where they stand.

A paragraph or list item of a translation and its source's counterpart are split into
sentences and aligned (align.py). A source sentence without a counterpart is an error at the
place it is missing from; a translation sentence without one is a warning (an addition a
translator may mean: `deliberate: addition`). When the segments agree as a whole, the figures
and marker words of each aligned unit are compared with its counterpart's, so a number or a
"not" that moved to another sentence is found where it stands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..content import Article
from ..problems import Problem, error, warning
from .align import Bead, Sentence, align, split_sentences
from .facts import compare_figures, web_addresses
from .glossary import Glossary, language_name
from .lexicon import Entity
from .meaning import IGNORE, marker_words, polarity
from .numbers import Number, describe_difference, find_numbers
from .segments import Segment

SHOWN = 60  # characters of a sentence quoted in a message
# Marks that excuse a sentence without counterpart (length: the mark README has long shown).
EXCUSE_MISSING = frozenset({"omission", "length"})
EXCUSE_ADDED = frozenset({"addition", "length"})
REORDER_HINT = "sentences put in another order on purpose: mark it deliberate: order"


@dataclass
class Aligned:
    """A translated segment and its source's, split into sentences and aligned."""

    translation: Article
    source: Article
    seg: Segment
    other: Segment
    mine: list[Sentence]
    theirs: list[Sentence]
    beads: list[Bead]

    @property
    def version(self) -> str:
        """Name the source segment for a message: 'the English paragraph'."""
        return f"the {language_name(self.source.lang)} {self.other.describe()}"

    def matched(self) -> Iterator[tuple[Bead, str, str]]:
        """Yield each unit with sentences on both sides: its bead, its text here and there.

        A unit of as many sentences on each side (2-2) is taken sentence by sentence: the
        alignment may have joined two sentences only because their figures were swapped.
        """
        for bead in self.beads:
            if bead.source and bead.translation:
                pairs = (
                    [Bead((i,), (j,)) for i, j in zip(bead.source, bead.translation, strict=True)]
                    if len(bead.source) == len(bead.translation)
                    else [bead]
                )
                for unit in pairs:
                    here = " ".join(self.mine[i].text for i in unit.translation)
                    there = " ".join(self.theirs[i].text for i in unit.source)
                    yield unit, here, there

    def line(self, bead: Bead) -> int:
        """Return the line of the unit's first sentence here."""
        return _line_in(self.seg, self.mine[bead.translation[0]])

    def at(self, bead: Bead) -> str:
        """Return where the unit's source sentence is, as path:line."""
        return f"{self.source.path}:{_line_in(self.other, self.theirs[bead.source[0]])}"


def compare_sentences(
    glossary: Glossary,
    entities: list[Entity],
    pair: tuple[Article, Article],
    seg: Segment,
    other: Segment,
    meaning_agrees: bool = True,
) -> list[Problem]:
    """Return the sentences missing from or added to seg against other, and facts that moved.

    meaning_agrees: the segments' marker words agree as a whole (else that is reported already).
    """
    translation, source = pair
    src, lang = source.lang, translation.lang
    lex = glossary.lexicon
    mine = split_sentences(seg.text, lex.abbreviations.get(lang, frozenset()))
    theirs = split_sentences(other.text, lex.abbreviations.get(src, frozenset()))
    if len(mine) <= 1 and len(theirs) <= 1:
        return []  # one sentence each: the segment's own checks compare them
    # The numbers this language's readers must not be given (999 on a Swedish page) anchor nothing.
    unwanted = frozenset(glossary.wrong_emergency.get(lang, ()))

    def anchors(text: str, is_source: bool) -> frozenset[object]:
        return _anchors(entities, text, src if is_source else lang, src, unwanted)

    model = lex.length.get(lang)
    ratio = model.ratio if model else 1.0
    beads = align([s.text for s in theirs], [s.text for s in mine], ratio, anchors=anchors)
    unit = Aligned(translation, source, seg, other, mine, theirs, beads)
    problems = _unmatched(unit)
    if not seg.deliberate & {"numbers", "order"} and _same_figures(glossary, seg, other, lang, src):
        problems += _moved_figures(glossary, unit)
    if meaning_agrees:
        problems += _moved_meaning(glossary, unit)
    return problems


def _unmatched(unit: Aligned) -> list[Problem]:
    """Report each source sentence the translation lost (error) and each it added (warning)."""
    problems: list[Problem] = []
    path, deliberate = unit.translation.path, unit.seg.deliberate
    for index, bead in enumerate(unit.beads):
        if not bead.translation and not deliberate & EXCUSE_MISSING:
            lost = " ".join(unit.theirs[i].text for i in bead.source)
            at = f"{unit.source.path}:{_line_in(unit.other, unit.theirs[bead.source[0]])}"
            problems.append(
                error(
                    path,
                    _gap_line(unit, index),
                    f"a sentence of {unit.version} ({at}) has no counterpart here: "
                    f"'{shorten(lost)}': translate it, or mark it deliberate: omission",
                    "completeness",
                )
            )
        elif not bead.source and not deliberate & EXCUSE_ADDED:
            added = " ".join(unit.mine[i].text for i in bead.translation)
            problems.append(
                warning(
                    path,
                    unit.line(bead),
                    f"this sentence has no counterpart in {unit.version} ({unit.source.path}:"
                    f"{unit.other.line}): '{shorten(added)}': check it, or mark it deliberate: addition",
                    "completeness",
                )
            )
    return problems


def _moved_figures(glossary: Glossary, unit: Aligned) -> list[Problem]:
    """Report the first aligned unit whose figures differ although the segments' agree."""
    lang, src = unit.translation.lang, unit.source.lang
    for bead, here, there in unit.matched():
        only_here, only_there = compare_figures(
            glossary.lexicon,
            (_figures(glossary, here, lang), [(0, here)]),
            (_figures(glossary, there, src), [(0, there)]),
            lang,
            src,
        )
        if only_here or only_there:
            detail = describe_difference(only_here, only_there)
            message = (
                f"numbers differ from the sentence of {unit.version} ({unit.at(bead)}): {detail}; the "
                f"figures are in another sentence here than there ({REORDER_HINT})"
            )
            return [error(unit.translation.path, unit.line(bead), message, "numbers")]
    return []


def _moved_meaning(glossary: Glossary, unit: Aligned) -> list[Problem]:
    """Report the first aligned unit whose negation, direction or certainty words differ from its source's.

    Only when the segments agree as a whole: a word that moved to another sentence changes
    what both sentences say. Sentences merely put in another order carry the same marker
    words each, and are a legitimate edit (the length alignment cannot cross).
    """
    lang, src = unit.translation.lang, unit.source.lang
    # Each sentence's marker words are counted once; a unit's are the sum of its sentences'.
    mine = [_signature(glossary, lang, s.text) for s in unit.mine]
    theirs = [_signature(glossary, src, s.text) for s in unit.theirs]
    differing = [
        (bead, here, there)
        for bead, here, there in unit.matched()
        if _total(mine, bead.translation) != _total(theirs, bead.source)
    ]
    if not differing or (len(mine) == len(theirs) and Counter(mine) == Counter(theirs)):
        return []
    for bead, here, there in differing:
        found = polarity(glossary, src, lang, here, there, unit.seg.deliberate)
        if found:
            where = f"the sentence of {unit.version} ({unit.at(bead)})"
            return [error(unit.translation.path, unit.line(bead), found[0].message(where), found[0].check)]
    return []


def _signature(glossary: Glossary, lang: str, text: str) -> tuple[tuple[str, int], ...]:
    """Return how many marker words of each kind a sentence has (of a kind counted by presence: 1)."""
    lex = glossary.lexicon
    found = marker_words(glossary, lang, text)
    return tuple(
        sorted(
            (kind, 1 if kind in lex.by_presence else len(words))
            for kind, words in found.items()
            if words and kind != IGNORE
        )
    )


def _total(signatures: list[tuple[tuple[str, int], ...]], indexes: tuple[int, ...]) -> dict[str, int]:
    """Return the marker counts of a unit's sentences together."""
    total: Counter[str] = Counter()
    for i in indexes:
        total.update(dict(signatures[i]))
    return {kind: count for kind, count in total.items() if count}


def _anchors(
    entities: list[Entity], text: str, lang: str, src: str, unwanted: frozenset[str]
) -> frozenset[object]:
    """Return the typed values a sentence holds, comparable across languages: figures, names, addresses."""
    found: set[object] = {("number", n.key) for n in find_numbers(text, lang) if n.written not in unwanted}
    for entity in entities:
        if any(form in text for form in entity.forms.get(lang) or ()):
            found.add(("name", entity.name(src)))
    found |= {("address", a) for a in web_addresses(text)}
    return frozenset(found)


def _figures(glossary: Glossary, text: str, lang: str) -> list[Number]:
    """Return the figures of a text, without the emergency numbers (the emergency check's)."""
    return [n for n in find_numbers(text, lang) if n.written not in glossary.emergency]


def _same_figures(glossary: Glossary, seg: Segment, other: Segment, lang: str, src: str) -> bool:
    """Tell whether the segments give the same figures, some (else the section check reports, or none)."""
    here = Counter(n.key for n in _figures(glossary, seg.text, lang))
    there = Counter(n.key for n in _figures(glossary, other.text, src))
    return bool(here) and here == there


def _line_in(segment: Segment, sentence: Sentence) -> int:
    """Return the line a sentence of the segment's text starts on."""
    offset = 0
    for lineno, text in segment.lines:
        if sentence.start < offset + len(text) + 1:
            return lineno
        offset += len(text) + 1
    return segment.lines[-1][0] if segment.lines else segment.line


def _gap_line(unit: Aligned, index: int) -> int:
    """Return the line where a missing sentence would be: that of the translation sentence before it."""
    for bead in reversed(unit.beads[:index]):
        if bead.translation:
            return _line_in(unit.seg, unit.mine[bead.translation[-1]])
    return unit.seg.line


def shorten(text: str) -> str:
    """Return a sentence short enough to quote in a one-line message."""
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"
