"""Split a segment into sentences and align a translation's with its source's (Gale and Church, 1993).

Gale and Church align the sentences of two texts by their lengths alone with a small dynamic
programme: each step takes one sentence from each side (1-1), or merges two into one (2-1,
1-2), or leaves one without a counterpart (1-0, 0-1); a step costs what its prior and its
length difference make unlikely. Anchors both sentences share (a figure, a name, a web
address) make a step cheaper, an anchor only one side has makes it dearer. The unmatched
steps are the completeness check: 1-0 is a sentence the translation lost, 0-1 one it added.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# The steps and how often they occur in translated text (Gale and Church's table 5, with
# 3-1 and 1-3 for translators who join three short sentences).
PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
    (3, 1): 0.005,
    (1, 3): 0.005,
}
PENALTY = {step: -math.log(prior) for step, prior in PRIORS.items()}
# Gale and Church's variance per character. The glossary's length model measures whole segments,
# whose lengths vary less: a sentence with a deliberate cut ("999 in the UK") needs this leeway.
VARIANCE = 6.8
ANCHOR = 2.0  # what one shared anchor takes off a step's cost, and one unshared adds
# A 1-1 step at most this dear (its length within about 1.3 standard deviations, no anchor
# split) is taken as it is when every sentence has one (see align).
EASY = -math.log(PRIORS[(1, 1)]) + 1.6
# A sentence ends at . ! ? (or … and a closing quote or bracket) before a capital, a digit or
# an opening quote; an abbreviation of the language or a lone initial before the full stop
# does not end it.
END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[^\W_a-zåäöéü])")
LAST_WORD = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a segment: its text and where it starts in the segment's text."""

    text: str
    start: int


@dataclass(frozen=True)
class Bead:
    """One step of an alignment: the source's sentences and the translation's that match."""

    source: tuple[int, ...]
    translation: tuple[int, ...]


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    """Split text into sentences; an abbreviation (lower case, with its full stop) ends none."""
    found: list[Sentence] = []
    start = 0
    for m in END.finditer(text):
        word = LAST_WORD.search(text, start, m.start())
        written = word.group(1) if word else ""
        # An abbreviation of the language, or an initial: one capital letter ("J. Dommerholt");
        # a small word ("i.", "a.") ends its sentence.
        if (
            written.lower() in abbreviations
            or re.fullmatch(r"\(?[^\W\d_]\.", written)
            and written[-2].isupper()
        ):
            continue
        piece = text[start : m.start()].strip()
        if piece:
            found.append(Sentence(piece, start))
        start = m.end()
    piece = text[start:].strip()
    if piece:
        found.append(Sentence(piece, start))
    return found


def align(
    source: Sequence[str],
    translation: Sequence[str],
    ratio: float = 1.0,
    variance: float = VARIANCE,
    anchors: Callable[[str, bool], frozenset[object]] | None = None,
) -> list[Bead]:
    """Return the cheapest alignment of the two lists of sentences, in order.

    ratio and variance: the translation's expected length per source character and its variance
    (the glossary's length model for the language); anchors(text, is_source):
    the typed values a sentence holds, compared between the sides of a step.
    """
    n, m = len(source), len(translation)
    lengths = ([len(s) for s in source], [len(t) for t in translation])
    held = ([anchors(s, True) for s in source], [anchors(t, False) for t in translation]) if anchors else None
    if n == m and all(
        _step(lengths, held, (i + 1, i + 1), (1, 1), (ratio, variance)) <= EASY for i in range(n)
    ):
        # Most translated paragraphs keep their sentences one to one, each of a likely length
        # and with the same anchors: no other path can then cost less by much, so none is sought.
        return [Bead((i,), (i,)) for i in range(n)]
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = []
            for di, dj in PENALTY:
                before = best.get((i - di, j - dj))
                if before is None:
                    continue
                cost = before[0] + _step(lengths, held, (i, j), (di, dj), (ratio, variance))
                options.append((cost, (di, dj)))
            if options:
                best[(i, j)] = min(options)
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = best[(i, j)][1]
        assert step is not None
        di, dj = step
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return _joined(beads[::-1])


def _joined(beads: list[Bead]) -> list[Bead]:
    """Join a sentence left out next to one put in: one sentence said otherwise, not two faults."""
    joined: list[Bead] = []
    for bead in beads:
        last = joined[-1] if joined else None
        one_sided = last and not (last.source and last.translation) and not (bead.source and bead.translation)
        if one_sided and last and bool(last.source) != bool(bead.source):
            joined[-1] = Bead(last.source + bead.source, last.translation + bead.translation)
            continue
        joined.append(bead)
    return joined


def _step(
    lengths: tuple[list[int], list[int]],
    held: tuple[list[frozenset[object]], list[frozenset[object]]] | None,
    end: tuple[int, int],
    step: tuple[int, int],
    model: tuple[float, float],
) -> float:
    """Return the cost of matching source[i-di:i] with translation[j-dj:j]."""
    (i, j), (di, dj), (ratio, variance) = end, step, model
    cost = PENALTY[(di, dj)]
    l1 = sum(lengths[0][i - di : i])
    l2 = sum(lengths[1][j - dj : j])
    if di and dj:
        mean = (l1 + l2 / ratio) / 2
        delta = (l2 - l1 * ratio) / math.sqrt(max(mean, 1.0) * variance)
        cost += -math.log(max(2 * (1 - _phi(abs(delta))), 1e-12))
    if held is not None:
        mine = frozenset().union(*held[0][i - di : i])
        theirs = frozenset().union(*held[1][j - dj : j])
        if di and dj:
            cost += ANCHOR * (len(mine ^ theirs) - len(mine & theirs))
    return cost


def _phi(x: float) -> float:
    """Return the standard normal distribution function at x."""
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))
