"""Catalogues: strict parsing with line numbers, compiling in memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.catalogs import compile_catalog, extract_data_labels, read_catalog
from sitegen.markup.dialect import RAW_HTML
from sitegen.sources.snapshot import Snapshot

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
    catalog, problems = read_catalog(path, Snapshot.of(tmp_path, [path]), "sv")
    assert problems == []
    translations = compile_catalog(catalog)
    assert translations.gettext("Side effect") == "Biverkning"
    assert translations.gettext("Rare") == "Rare"


def test_broken_catalogue_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_text(PO + '\nmsgid "x"\nmsgstring "y"\n')
    catalog, problems = read_catalog(path, Snapshot.of(tmp_path, [path]), "sv")
    assert catalog is None
    assert [str(p) for p in problems] == [
        "messages.po:13: error [catalog] catalogue does not parse: Unknown or misformatted keyword"
    ]


def test_missing_catalogue_is_a_warning(tmp_path: Path) -> None:
    catalog, problems = read_catalog(
        tmp_path / "none.po", Snapshot.of(tmp_path, [tmp_path / "none.po"]), "sv"
    )
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


def _entry_problems(tmp_path: Path, msgid: str, msgstr: str) -> list[str]:
    esc = lambda text: text.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    path = tmp_path / "messages.po"
    path.write_text(PO + f'\nmsgid "{esc(msgid)}"\nmsgstr "{esc(msgstr)}"\n', encoding="utf-8")
    catalog, problems = read_catalog(path, Snapshot.of(tmp_path, [path]), "sv")
    assert catalog is not None
    return [str(p) for p in problems]


def test_a_quote_the_source_lacks_is_refused_at_its_line(tmp_path: Path) -> None:
    found = _entry_problems(
        tmp_path, "Disclaimer", 'Ansvarsfriskrivning" onmouseover="alert(document.domain)" x="'
    )
    assert found == [
        "messages.po:12: error [catalog] the translation of 'Disclaimer' contains '\"', which the source "
        "text does not have: write it without HTML-special characters (< > & \" ')"
    ]


def test_every_special_character_the_source_lacks_is_named_once(tmp_path: Path) -> None:
    found = _entry_problems(tmp_path, "Q and A", "F & S 'x' & y > z")
    assert found == [
        "messages.po:12: error [catalog] the translation of 'Q and A' contains '&' ''' '>', which the "
        "source text does not have: write it without HTML-special characters (< > & \" ')"
    ]


def test_special_characters_the_source_has_are_allowed(tmp_path: Path) -> None:
    assert _entry_problems(tmp_path, "Q&A: 'quoted' \"text\"", "F&S: 'citerad' \"text\"") == []


@given(
    msgid=st.text(alphabet="ab &\"'<>", max_size=12).filter(lambda t: t.strip()),
    msgstr=st.text(alphabet="ab &\"'<>", max_size=12),
)
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_a_translation_may_hold_only_the_special_characters_of_its_source(msgid: str, msgstr: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        found = _entry_problems(Path(tmp), msgid, msgstr)
    extra = set(msgstr) - set(msgid) - set("ab ")
    tags = RAW_HTML.findall(msgstr) != [] and set(RAW_HTML.findall(msgstr)) - set(RAW_HTML.findall(msgid))
    if not extra and not tags:
        assert found == []
    else:
        assert len(found) >= 1 and all(":12: error [catalog] the translation of" in line for line in found)
