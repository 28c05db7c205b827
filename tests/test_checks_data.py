"""Data sets across languages: numbers in texts, missing languages, unknown keys, coverage."""

from __future__ import annotations

from tests.check_helpers import problem_lines, run_check, sample

EFFECTS = "content/data/effects.yaml"


def check_effects(site_factory, capsys, *replacements: tuple[str, str], strict: bool = False):
    args = ("--strict",) if strict else ()
    status, out, _err = run_check(
        site_factory({EFFECTS: sample(EFFECTS, *replacements)}), *args, capsys=capsys
    )
    return status, problem_lines(out), out


def test_numbers_in_the_two_languages_of_a_text_must_agree(site_factory, capsys) -> None:
    status, lines, _out = check_effects(
        site_factory,
        capsys,
        (
            "effect: {sv: Blåmärken, en: Bruising}",
            "effect: {sv: Blåmärken i 5 dagar, en: Bruising for 50 days}",
        ),
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:9: error [numbers] entry 'bruising': field 'effect': numbers differ "
        "between Swedish and English: 5 here, 50 there"
    ) in lines


def test_a_number_in_a_text_that_looks_like_a_slip_of_the_entrys_number_is_an_error(
    site_factory, capsys
) -> None:
    status, lines, _out = check_effects(
        site_factory,
        capsys,
        (
            "effect: {sv: Blåmärken, en: Bruising}",
            "effect: {sv: 'Blåmärken (75,5 %)', en: 'Bruising (75.5%)'}",
        ),
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:9: error [numbers] entry 'bruising': field 'effect': the Swedish text says "
        "75.5%, but the field 'share' is 7.55%: a misplaced decimal mark or a zero too many or too few?"
    ) in lines
    assert (
        "content/data/effects.yaml:9: error [numbers] entry 'bruising': field 'effect': the English text says "
        "75.5%, but the field 'share' is 7.55%: a misplaced decimal mark or a zero too many or too few?"
    ) in lines


def test_a_text_without_its_swedish_value_is_an_error(site_factory, capsys) -> None:
    status, lines, out = check_effects(
        site_factory, capsys, ("effect: {sv: Infektion, en: Infection}", "effect: {en: Infection}")
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:13: error [data] entry 'infection': field 'effect' has no Swedish text ('sv')"
        in lines
    )
    assert "data texts 75% (3/4)" in out.split("sv (Swedish)")[1].splitlines()[0]


def test_an_unknown_key_is_an_error(site_factory, capsys) -> None:
    status, lines, _out = check_effects(
        site_factory, capsys, ("    severity: rare\n", "    severity: rare\n    colour: red\n")
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:15: error [data] entry 'infection' has an unknown field 'colour'" in lines
    )


def test_an_untranslated_text_is_a_warning(site_factory, capsys) -> None:
    status, lines, _out = check_effects(
        site_factory,
        capsys,
        ("effect: {sv: Infektion, en: Infection}", "effect: {sv: Infection, en: Infection}"),
        strict=True,
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:13: warning [untranslated] entry 'infection': field 'effect': the Swedish text "
        "is the same as the English: translate it, or list it under 'identical' in locales/glossary.yaml"
    ) in lines


def test_forbidden_words_in_data_are_errors(site_factory, capsys) -> None:
    status, lines, _out = check_effects(
        site_factory,
        capsys,
        ("effect: {sv: Infektion, en: Infection}", "effect: {sv: Infektion, en: Infection that cures}"),
    )
    assert status == 1
    assert (
        "content/data/effects.yaml:13: error [forbidden-word] entry 'infection': field 'effect': 'cures' is on the "
        "list of forbidden English words in locales/glossary.yaml"
    ) in lines
