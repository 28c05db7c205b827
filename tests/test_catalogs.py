"""Catalogues: strict parsing with line numbers, compiling in memory."""

from __future__ import annotations

from pathlib import Path

from sitegen.catalogs import compile_catalog, extract_data_labels, read_catalog

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Side effect"
msgstr "Biverkning"

#, fuzzy
msgid "Rare"
msgstr "Ovanlig"
"""


def test_compiled_catalogue_translates_and_leaves_out_fuzzy(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_text(PO)
    catalog, problems = read_catalog(path, tmp_path, "sv")
    assert problems == []
    translations = compile_catalog(catalog)
    assert translations.gettext("Side effect") == "Biverkning"
    assert translations.gettext("Rare") == "Rare"


def test_broken_catalogue_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_text(PO + '\nmsgid "x"\nmsgstring "y"\n')
    catalog, problems = read_catalog(path, tmp_path, "sv")
    assert catalog is None
    assert [str(p) for p in problems] == [
        "messages.po:13: error [catalog] catalogue does not parse: Unknown or misformatted keyword"
    ]


def test_missing_catalogue_is_a_warning(tmp_path: Path) -> None:
    catalog, problems = read_catalog(tmp_path / "none.po", tmp_path, "sv")
    assert catalog is None
    assert [str(p) for p in problems] == [
        "none.po: warning [catalog] missing catalogue: UI strings stay untranslated"
    ]


def test_extractor_yields_field_and_value_labels_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(
        "fields:\n  effect: {type: text, label: Side effect}\n"
        "  how:\n    type: enum\n    label: How common\n    values: {mild: Mild}\n"
    )
    with path.open("rb") as fileobj:
        found = [(line, msg) for line, _f, msg, _c in extract_data_labels(fileobj, [], [], {})]
    assert found == [(2, "Side effect"), (5, "How common"), (6, "Mild")]
