"""Format the comparison: each measure, our figures and each peer's, with the ratios between them."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.timing import Sample

OURS = "sitegen"
HEADER = ("measure", "tool", "CPU s", "wall s", "peak MiB", "sitegen ÷ tool (CPU)", "sitegen ÷ tool (wall)")


@dataclass
class Measure:
    """One thing measured: our runs and each peer's runs of the same work."""

    name: str
    ours: list[Sample]
    peers: dict[str, list[Sample]] = field(default_factory=dict)


def middle(samples: Sequence[Sample], what: str) -> float:
    """Return the median of one field over samples; NaN when none has it."""
    values = [v for s in samples if not math.isnan(v := getattr(s, what))]
    return statistics.median(values) if values else math.nan


def number(value: float) -> str:
    """Write seconds or a ratio with about three significant digits."""
    if math.isnan(value):
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def spread(samples: Sequence[Sample], what: str) -> str:
    """Write the median of a field with its range over runs: '34.2 (33.9–35.0)'."""
    values = [v for s in samples if not math.isnan(v := getattr(s, what))]
    if not values:
        return "–"
    if len(values) == 1:
        return number(values[0])
    return f"{number(statistics.median(values))} ({number(min(values))}–{number(max(values))})"


def ratio(ours: Sequence[Sample], theirs: Sequence[Sample], what: str) -> str:
    """Write how many times a peer's median our median is (below 1: we are faster)."""
    a, b = middle(ours, what), middle(theirs, what)
    if math.isnan(a) or math.isnan(b) or b == 0:
        return "–"
    return number(a / b) + " ×"


def rows(measures: Sequence[Measure]) -> list[tuple[str, ...]]:
    """Return the table's rows: per measure, ours first, then each peer with the ratios."""
    found: list[tuple[str, ...]] = []
    for m in measures:
        peak = middle(m.ours, "peak")
        found.append((m.name, OURS, spread(m.ours, "cpu"), spread(m.ours, "wall"), number_mib(peak), "", ""))
        for peer, samples in m.peers.items():
            found.append(
                (
                    "",
                    peer,
                    spread(samples, "cpu"),
                    spread(samples, "wall"),
                    number_mib(middle(samples, "peak")),
                    ratio(m.ours, samples, "cpu"),
                    ratio(m.ours, samples, "wall"),
                )
            )
    return found


def number_mib(value: float) -> str:
    """Write a peak in MiB, or a dash when it was not measured."""
    return "–" if math.isnan(value) or value == 0 else f"{value:,.0f}"


def markdown_table(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    """Return a Markdown table whose columns line up on a terminal; numbers to the right."""
    widths = [max(len(row[i]) for row in (header, *body)) for i in range(len(header))]
    right = [i >= 2 for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(
        ("-" * (w + 1) + ":") if r else "-" * (w + 2) for w, r in zip(widths, right, strict=True)
    )
    return "\n".join([line(header), rule + "|", *(line(row) for row in body)])


def format_table(measures: Sequence[Measure]) -> str:
    """Return the whole comparison as a Markdown table."""
    return markdown_table(HEADER, rows(measures))
