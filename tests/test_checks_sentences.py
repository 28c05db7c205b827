"""Sentences aligned inside a paragraph: what a translation lost or added, and figures where they stand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.checks.align import Bead, align, split_sentences
from tests.shipped import check, edit, line_of, shipped_copy

SV = "content/sv/biverkningar.md"
EN = "content/en/side-effects.md"
LUNG_SV = "Det betyder att luft har läckt in runt lungan."
SURVEY_SV = (
    "Lindriga biverkningar kom efter 19,18 % av behandlingarna. Vanligast var blåmärken, som kom efter 7,55 %"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path / "site")


# --- the splitter and the aligner -----------------------------------------------------------


def test_sentences_end_at_a_full_stop_before_a_capital_but_not_after_an_abbreviation() -> None:
    text = "Det gäller t.ex. nacken. Ring 1177 (dygnet runt). 7,55 % fick ett blåmärke. Dr. Ek svarar."
    found = [s.text for s in split_sentences(text, frozenset({"t.ex.", "dr."}))]
    assert found == [
        "Det gäller t.ex. nacken.",
        "Ring 1177 (dygnet runt).",
        "7,55 % fick ett blåmärke.",
        "Dr. Ek svarar.",
    ]


def test_a_decimal_point_and_an_initial_end_no_sentence() -> None:
    found = [s.text for s in split_sentences("It was 7.55 per cent. J. Dommerholt wrote it.")]
    assert found == ["It was 7.55 per cent.", "J. Dommerholt wrote it."]


def test_a_small_word_before_a_full_stop_ends_its_sentence_an_initial_does_not() -> None:
    found = [s.text for s in split_sentences("Han bor i. Nästa mening. Without a. Of with. J. Ek skrev.")]
    assert found == ["Han bor i.", "Nästa mening.", "Without a.", "Of with.", "J. Ek skrev."]


def test_a_figure_is_the_same_anchor_however_each_language_writes_it() -> None:
    from sitegen.checks.sentences import _anchors

    swedish = _anchors([], "Där hälsa den 28,9 % och 1 200.", "sv", "en", frozenset())
    english = _anchors([], "Virus stress 28.9% and 1,200.", "en", "en", frozenset())
    assert swedish == english != frozenset()


def test_a_lost_sentence_is_found_by_the_anchors_it_took_with_it() -> None:
    en = [
        "Dry needling is not acupuncture.",
        "About 1 in 10 people get a bruise.",
        "Most side effects are mild.",
    ]
    sv = ["Dry needling är inte akupunktur.", "De flesta biverkningar är lindriga."]

    def anchors(text: str, _is_source: bool) -> frozenset[object]:
        return frozenset(w for w in text.split() if w.isdigit())

    assert align(en, sv, 1.02, anchors=anchors) == [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))]


def test_a_sentence_left_out_next_to_one_put_in_is_one_sentence_said_otherwise() -> None:
    # Lengths this far apart make 1-0 then 0-1 cheaper than 1-1: still one unit, compared as one.
    beads = align(["Same here.", "x" * 300], ["Samma här.", "y" * 20])
    assert beads == [Bead((0,), (0,)), Bead((1,), (1,))]


@given(st.lists(st.integers(5, 200), min_size=0, max_size=8), st.lists(st.integers(5, 200), max_size=8))
def test_an_alignment_covers_every_sentence_once_in_order(a: list[int], b: list[int]) -> None:
    beads = align(["x" * n for n in a], ["y" * n for n in b])
    assert [i for bead in beads for i in bead.source] == list(range(len(a)))
    assert [j for bead in beads for j in bead.translation] == list(range(len(b)))


# --- defects in a copy of the shipped site --------------------------------------------------


def refused(site: Path, capsys) -> list[str]:
    """Run check --strict on the copy; it must fail; return the problem lines."""
    status, problems = check(site, capsys, "--strict")
    assert status == 1
    return problems


def test_a_sentence_left_out_of_a_paragraph_is_an_error_where_it_is_missing(site: Path, capsys) -> None:
    line = edit(site, SV, " " + LUNG_SV, "")
    problems = refused(site, capsys)
    at = line_of(site, EN, "This means that air has leaked")
    assert problems == [
        f"{SV}:{line}: error [completeness] a sentence of the English paragraph ({EN}:{at}) has no "
        "counterpart here: 'This means that air has leaked into the space around a lung.': translate it, "
        "or mark it deliberate: omission"
    ]


def test_a_sentence_left_out_on_purpose_is_marked_and_passes(site: Path, capsys) -> None:
    edit(site, SV, " " + LUNG_SV, "")
    edit(
        site,
        SV,
        "Dry needling mot huvudvärk ges ofta",
        "[//]: # (deliberate: omission)\nDry needling mot huvudvärk ges ofta",
    )
    assert check(site, capsys, "--strict") == (0, [])


def test_figures_that_changed_sentences_are_an_error_though_the_paragraph_gives_them_all(
    site: Path, capsys
) -> None:
    line = edit(
        site,
        SV,
        SURVEY_SV,
        "Lindriga biverkningar kom efter 7,55 % av behandlingarna. Vanligast var blåmärken, som kom efter 19,18 %",
    )
    problems = refused(site, capsys)
    at = line_of(site, EN, "The first is from 2014")
    assert problems == [
        f"{SV}:{line}: error [numbers] numbers differ from the sentence of the English paragraph ({EN}:{at}): "
        "7.55% here, 19.18% there; the figures are in another sentence here than there (sentences put in "
        "another order on purpose: mark it deliberate: order)"
    ]


def test_a_negation_moved_into_another_sentence_is_an_error_though_the_paragraph_has_as_many(
    site: Path, capsys
) -> None:
    # "The most common was not bruising ... Someone had a serious side effect": one 'not' in
    # the paragraph, as in its source, but in the wrong sentence (not merely sentences reordered).
    line = edit(site, SV, "Vanligast var blåmärken", "Vanligast var inte blåmärken")
    edit(site, SV, "Ingen fick någon allvarlig biverkning.", "Någon fick en allvarlig biverkning.")
    problems = refused(site, capsys)
    at = line_of(site, EN, "The first is from 2014")
    assert problems == [
        f"{SV}:{line}: error [polarity] negation words differ from the sentence of the English paragraph "
        f"({EN}:{at}): 1 here ('inte'), 0 there (none): check the meaning, or mark the difference "
        "deliberate: negation (README, 'Deliberate differences')"
    ]


LEGITIMATE = {
    "list items whose order means nothing, reordered": (
        "- huvudvärk\n- illamående",
        "- illamående\n- huvudvärk",
    ),
    "a sentence split in two": (
        "Den första är från 2014 och gällde 7 629 behandlingar [@brady2014].",
        "Den första är från 2014. Den gällde 7 629 behandlingar [@brady2014].",
    ),
    "two sentences joined": (
        "De flesta biverkningar av dry needling är lindriga. Allvarliga biverkningar är sällsynta.",
        "De flesta biverkningar av dry needling är lindriga, och allvarliga biverkningar är sällsynta.",
    ),
    "a clause that adds no fact": (
        "Det kan hända under behandlingen eller efteråt.",
        "Det kan hända under behandlingen eller en stund efteråt, och det går oftast över av sig självt.",
    ),
    "a paragraph re-wrapped inside a figure": ("som kom efter 7,55 % av", "som kom efter 7,55\n% av"),
    "typographic quotes and a no-break space": (
        "Det betyder att luft har läckt in runt lungan.",
        "Det betyder att ”luft” har läckt in runt\u00a0lungan.",
    ),
}


@pytest.mark.parametrize("name", sorted(LEGITIMATE))
def test_a_legitimate_edit_passes_strict(site: Path, capsys, name: str) -> None:
    old, new = LEGITIMATE[name]
    edit(site, SV, old, new)
    assert check(site, capsys, "--strict") == (0, [])
