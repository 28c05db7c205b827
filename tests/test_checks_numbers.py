"""Numbers: read the way each language writes them, and compared section by section."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sitegen.checks.numbers import difference, find_numbers, looks_like_slip
from tests.check_helpers import SV_ADVICE, problem_lines, run_check, sample


@pytest.mark.parametrize(
    ("sv", "en"),
    [
        ("0,5 mg", "0.5 mg"),
        ("12 %", "12%"),
        ("12 procent", "12 per cent"),
        ("1 200 patienter", "1,200 patients"),
        ("1\u00a0200 patienter", "1,200 patients"),
        ("7 629 behandlingar och 19,18 %", "7,629 treatments and 19.18%"),
        ("år 2019, 3 gånger", "in 2019, 3 times"),
        ("ring 1177 eller gå in på 1177.se", "call 1177 or visit 1177.se"),
    ],
)
def test_the_same_numbers_written_the_swedish_and_the_english_way_agree(sv: str, en: str) -> None:
    assert difference(find_numbers(sv, "sv"), find_numbers(en, "en")) == ([], [])


@pytest.mark.parametrize(
    ("sv", "en", "here", "there"),
    [
        ("5 mg", "50 mg", ["5"], ["50"]),
        ("0,5 mg", "5 mg", ["0.5"], ["5"]),
        ("12 %", "12", ["12%"], ["12"]),
        ("år 2019", "in 2018", ["2019"], ["2018"]),
        ("1,200 patienter", "1,200 patients", ["1.2"], ["1200"]),
    ],
)
def test_different_numbers_are_found(sv: str, en: str, here: list[str], there: list[str]) -> None:
    only_here, only_there = difference(find_numbers(sv, "sv"), find_numbers(en, "en"))
    assert ([n.show() for n in only_here], [n.show() for n in only_there]) == (here, there)


def test_numbers_in_link_targets_and_citation_keys_do_not_count() -> None:
    text = "See [the 2014 survey](side-effects.md#x2) [@brady2014] and https://example.org/a/99."
    assert [n.show() for n in find_numbers(text, "en")] == ["2014"]


def test_a_number_that_may_be_a_slip_of_a_stored_one_is_told_apart() -> None:
    assert (
        looks_like_slip(Decimal("75.5"), Decimal("7.55"))
        == "a misplaced decimal mark or a zero too many or too few?"
    )
    assert looks_like_slip(Decimal("7692"), Decimal("7629")) == "digits in the wrong order?"
    assert looks_like_slip(Decimal("2"), Decimal("20")) is None  # one digit: too common to tell
    assert looks_like_slip(Decimal("7.55"), Decimal("7.55")) is None


def test_a_changed_dose_in_a_translation_is_an_error_at_its_line(site_factory, capsys) -> None:
    files = {SV_ADVICE: sample(SV_ADVICE, ("öm i 1 till 2 dagar", "öm i 1 till 20 dagar"))}
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:13: error [numbers] numbers differ from the English version in the introduction "
        "(content/en/advice.md:11): 20 here, 2 there"
    ) in problem_lines(out)


def test_a_number_moved_to_another_section_is_reported_in_both(site_factory, capsys) -> None:
    files = {
        SV_ADVICE: sample(
            SV_ADVICE,
            ("öm i 1 till 2 dagar.", "öm i några dagar."),
            ("- Drick vatten.", "- Drick vatten i 1 till 2 dagar."),
        )
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    lines = problem_lines(out)
    assert (
        "content/sv/rad.md:12: error [numbers] numbers differ from the English version in the introduction "
        "(content/en/advice.md:11): none here, 1, 2 there"
    ) in lines
    assert (
        "content/sv/rad.md:18: error [numbers] numbers differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): 1, 2 here, none there"
    ) in lines
