"""The benchmark's comparison table and its verdict on each target."""

from __future__ import annotations

import math

from bench.table import Measure, format_table, number, ratio, spread
from bench.targets import format_targets
from bench.timing import Sample


def runs(*cpu: float, wall: float = math.nan, peak: float = 0.0) -> list[Sample]:
    return [Sample(wall if not math.isnan(wall) else c, c, peak) for c in cpu]


def test_a_median_is_shown_with_its_range_over_runs() -> None:
    assert spread(runs(3.0, 1.25, 34.2), "cpu") == "3.00 (1.25–34.2)"
    assert spread(runs(0.0421), "cpu") == "0.042"
    assert spread([Sample(0.5, math.nan)], "cpu") == "–"
    assert [number(v) for v in (1234.5, 56.78, 0.25)] == ["1,234", "56.8", "0.25"]


def test_a_ratio_is_ours_over_theirs() -> None:
    assert ratio(runs(10.0, 12.0), runs(4.0, 6.0, 5.0), "cpu") == "2.20 ×"
    assert ratio(runs(1.0), [Sample(1.0, math.nan)], "cpu") == "–"


def test_the_table_lines_up_and_puts_each_peer_under_our_row() -> None:
    measures = [
        Measure("cold", runs(2.0, 4.0, peak=100.0), {"Hugo": runs(1.0, wall=0.5, peak=80.0)}),
        Measure("help", runs(0.4)),
    ]
    assert format_table(measures).splitlines() == [
        "| measure | tool    |            CPU s |           wall s | peak MiB | sitegen ÷ tool (CPU) | sitegen ÷ tool (wall) |",
        "|---------|---------|-----------------:|-----------------:|---------:|---------------------:|----------------------:|",
        "| cold    | sitegen | 3.00 (2.00–4.00) | 3.00 (2.00–4.00) |      100 |                      |                       |",
        "|         | Hugo    |             1.00 |             0.50 |       80 |               3.00 × |                6.00 × |",
        "| help    | sitegen |             0.40 |             0.40 |        – |                      |                       |",
    ]


def test_each_target_is_held_or_missed_by_how_much() -> None:
    measures = [
        Measure("cold build, search off", runs(23.0, wall=10.0), {"floor": runs(20.0), "MkDocs": runs(15.0)}),
        Measure("build.py --help", runs(0.3)),
    ]
    assert format_targets(measures).splitlines() == [
        "Targets (medians; ratios are sitegen ÷ peer):",
        "- cold build, search off, CPU ≤ 1.15 × the Python-Markdown floor: 1.15 × (23.0 against 20.0 s): held",
        "- cold build, search off, wall ≤ 0.6 × MkDocs: 0.67 × (10.0 against 15.0 s): missed by 11 %",
        "- build.py --help, ≤ 0.15 s: 0.30 s: missed by 100 %",
    ]
