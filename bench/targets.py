"""Hold the comparison against the targets of issue 16: each one held, or missed by how much."""

from __future__ import annotations

from collections.abc import Sequence

from bench.table import Measure, middle, number

# (measure, peer or None for an absolute bound, field, bound, what the target says)
TARGETS = (
    ("cold build, search off", "floor", "cpu", 1.15, "CPU ≤ 1.15 × the Python-Markdown floor"),
    ("cold build, search off", "MkDocs", "wall", 0.6, "wall ≤ 0.6 × MkDocs"),
    ("cold build, search on", "search off + Pagefind", "cpu", 1.0, "CPU ≤ search off + Pagefind alone"),
    ("cold build, search on", None, "peak", 500, "peak ≤ 500 MiB"),
    ("no-change rebuild, search off", "Hugo cold", "cpu", 0.05, "CPU ≤ 0.05 × Hugo's cold build"),
    (
        "one-article edit, search off",
        "Hugo CLI (renders all)",
        "cpu",
        0.08,
        "CPU ≤ 0.08 × Hugo's one-edit build",
    ),
    (
        "one-article edit, search on",
        "Hugo CLI (renders all)",
        "cpu",
        0.5,
        "CPU ≤ 0.5 × Hugo's one-edit build",
    ),
    (
        "preview, save → reloaded page",
        "hugo server, write → log line",
        "wall",
        1.0,
        "≤ hugo server's write → log",
    ),
    ("preview, shipped site", None, "wall", 0.2, "save → reloaded page ≤ 0.2 s"),
    ("build.py --help", None, "wall", 0.15, "≤ 0.15 s"),
)
UNITS = {"cpu": " s", "wall": " s", "peak": " MiB"}


def verdict(got: float, bound: float) -> str:
    """Say whether got is within bound, or by how much it misses."""
    if got <= bound:
        return "held"
    return f"missed by {(got / bound - 1) * 100:.0f} %"


def format_targets(measures: Sequence[Measure]) -> str:
    """Return one line per target whose figures were measured."""
    by_name = {m.name: m for m in measures}
    lines = ["Targets (medians; ratios are sitegen ÷ peer):"]
    for name, peer, what, bound, says in TARGETS:
        measure = by_name.get(name)
        if measure is None or (peer is not None and peer not in measure.peers):
            continue
        ours = middle(measure.ours, what)
        if peer is None:
            got, shown = ours, f"{number(ours)}{UNITS[what]}"
        else:
            theirs = middle(measure.peers[peer], what)
            got = ours / theirs
            shown = f"{number(got)} × ({number(ours)} against {number(theirs)}{UNITS[what]})"
        lines.append(f"- {name}, {says}: {shown}: {verdict(got, bound)}")
    return "\n".join(lines)
