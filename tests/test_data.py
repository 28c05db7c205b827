"""Loading data sets: field types, bilingual texts, line numbers of each problem."""

from __future__ import annotations

from pathlib import Path

from sitegen.data import load_dataset
from sitegen.sources.snapshot import Snapshot

HEADER = """title: {sv: Biverkningar, en: Side effects}
display: table
fields:
  effect: {type: text, label: "Side effect"}
  share: {type: percent, label: "Share", optional: true}
  severity: {type: enum, label: "How common", values: {mild: "Mild", rare: "Rare"}}
entries:
"""


def problems(tmp_path: Path, entries: str, header: str = HEADER) -> list[str]:
    """Load a data set made of header and entries; return its problems as text."""
    file = tmp_path / "content" / "data" / "effects.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(header + entries, encoding="utf-8")
    dataset, found = load_dataset(file, Snapshot.of(tmp_path, [file]), ("sv", "en"))
    assert (dataset is None) == bool(found)
    return [str(p) for p in sorted(found, key=lambda p: (p.line or 0, p.message))]


def test_valid_dataset_loads(tmp_path: Path) -> None:
    entries = (
        "  - id: bruising\n    effect: {sv: Blåmärken, en: Bruising}\n    share: 7.55\n    severity: mild\n"
    )
    assert problems(tmp_path, entries) == []


def test_missing_swedish_text_names_file_and_line(tmp_path: Path) -> None:
    entries = (
        "  - id: bruising\n    effect: {sv: Blåmärken, en: Bruising}\n    severity: mild\n"
        "  - id: infection\n    effect: {en: Infection}\n    severity: rare\n"
    )
    assert problems(tmp_path, entries) == [
        "content/data/effects.yaml:12: error [data] entry 'infection': field 'effect' has no Swedish text ('sv')"
    ]


def test_wrong_types_unknown_fields_and_duplicates(tmp_path: Path) -> None:
    entries = (
        "  - id: a\n    effect: {sv: A, en: A}\n    share: lots\n    severity: often\n    colour: red\n"
        "  - id: a\n    effect: {sv: B, en: B}\n    severity: mild\n"
        "  - effect: {sv: C, en: C}\n"
    )
    assert problems(tmp_path, entries) == [
        "content/data/effects.yaml:10: error [data] entry 'a': field 'share' must be a value of type 'percent'",
        "content/data/effects.yaml:11: error [data] entry 'a': field 'severity' must be one of mild, rare",
        "content/data/effects.yaml:12: error [data] entry 'a' has an unknown field 'colour'",
        "content/data/effects.yaml:13: error [data] duplicate entry id 'a'",
        "content/data/effects.yaml:16: error [data] entry '3' is missing the field 'severity'",
        "content/data/effects.yaml:16: error [data] entry 3 needs an 'id' of lowercase letters, digits, '-' or '_'",
    ]


def test_unknown_field_type_and_top_level_key(tmp_path: Path) -> None:
    header = HEADER.replace("type: percent", "type: percentage").replace(
        "display: table", "display: table\nsort: yes"
    )
    entries = "  - id: a\n    effect: {sv: A, en: A}\n    severity: mild\n"
    assert problems(tmp_path, entries, header) == [
        "content/data/effects.yaml:3: error [data] unknown key 'sort'",
        "content/data/effects.yaml:6: error [data] field 'share' has an unknown type 'percentage'",
    ]


def test_malformed_yaml(tmp_path: Path) -> None:
    assert problems(tmp_path, "  - id: [a\n") == [
        "content/data/effects.yaml:8: error [data] malformed YAML: did not find expected ',' or ']'"
    ]
