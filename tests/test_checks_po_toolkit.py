"""Catalogue entries checked with translate-toolkit, per plural form, and against each other (issue 25).

Each defect is put into a copy of the shipped site and must be reported with its exact message at
the msgstr's line, once, and make `check --strict` fail; each legitimate edit a translator makes
must pass `check --strict` with no problem at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shipped import check, edit, line_of, read, shipped_copy

SV_PO = "locales/sv/LC_MESSAGES/messages.po"
EN_PO = "locales/en/LC_MESSAGES/messages.po"
POT = "locales/messages.pot"
TEMPLATE = "templates/404.html"
STUDIES = "Flera bra studier visar samma sak. Ny forskning ändrar troligen inte bilden."
STUDIES_ID = "Several good studies agree. New research is unl..."
PAGE_GONE = "Sidan du sökte finns inte. Den kan ha flyttats."
PAGE_GONE_ID = "The page you asked for does not exist. It may h..."

pytestmark = pytest.mark.slow  # each test checks a copy of the shipped site


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Return a copy of the shipped site."""
    return shipped_copy(tmp_path / "site")


def msgstr(old: str, new: str) -> tuple[str, str]:
    """Return the edit of a Swedish msgstr line."""
    return f'msgstr "{old}"', f'msgstr "{new}"'


def at(root: Path, needle: str) -> str:
    """Return 'path:line' of the Swedish catalogue's line with needle."""
    return f"{SV_PO}:{line_of(root, SV_PO, needle)}"


def msgstr_at(root: Path, text: str, form: int | None = None) -> str:
    """Return 'path:line' of the Swedish msgstr (or msgstr[form]) that is text."""
    return at(root, f'msgstr{"" if form is None else f"[{form}]"} "{text}"')


def assert_only(root: Path, capsys: pytest.CaptureFixture[str], expected: list[str], error: bool) -> None:
    """Check the copy: exactly the expected problems; --strict fails, and without it only errors do."""
    status, problems = check(root, capsys, "--strict")
    assert problems == expected, "\n".join(problems)
    assert status == 1
    assert check(root, capsys)[0] == (1 if error else 0)


def assert_clean(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Check the copy: no problem at all, even with --strict."""
    status, problems = check(root, capsys, "--strict")
    assert problems == []
    assert status == 0


# Sentence count: translate-toolkit counts, our aligner finds which sentence has no counterpart.


def test_a_dropped_sentence_is_one_error_quoting_it(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr(STUDIES, "Flera bra studier visar samma sak."))
    # The lost sentence held the only negation: it is not reported a second time as [polarity].
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, 'Flera bra studier visar samma sak.')}: error [completeness] a sentence of "
            f"'{STUDIES_ID}' has no counterpart in the translation: 'New research is unlikely to change "
            "the picture.': translate it, or mark it deliberate: omission"
        ],
        error=True,
    )


def test_a_dropped_sentence_marked_deliberate_passes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr(STUDIES, "Flera bra studier visar samma sak."))
    edit(root, SV_PO, 'msgid "Several good studies', '# deliberate: omission\nmsgid "Several good studies')
    assert_clean(root, capsys)


def test_two_sentences_joined_into_one_pass(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    joined = "Flera bra studier visar samma sak, och ny forskning ändrar troligen inte bilden."
    edit(root, SV_PO, *msgstr(STUDIES, joined))
    assert_clean(root, capsys)


def test_a_rephrased_msgstr_with_as_many_sentences_passes(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, SV_PO, *msgstr(PAGE_GONE, "Den här sidan finns inte. Kanske har den flyttats."))
    assert_clean(root, capsys)


# End punctuation.


def test_a_lost_full_stop_is_a_warning(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr("Uppgifterna gäller %(date)s.", "Uppgifterna gäller %(date)s"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, 'Uppgifterna gäller %(date)s')}: warning [punctuation] the translation of "
            "'Information as of %(date)s.' ends with no punctuation and the msgid with '.': end it the "
            "same way, or mark it deliberate: punctuation"
        ],
        error=False,
    )


def test_a_question_for_a_statement_is_a_warning(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr("Sidan finns inte på svenska.", "Finns sidan inte på svenska?"))
    assert_only(
        root,
        capsys,
        [
            f"{at(root, 'Finns sidan inte på svenska?')}: warning [punctuation] the translation of 'This page "
            "is not available in this language.' ends with '?' and the msgid with '.': end it the same way, "
            "or mark it deliberate: punctuation"
        ],
        error=False,
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Swedish puts the full stop after a closing quote where English puts it inside.
        ("Sidan finns inte på svenska.", "Sidan finns inte på ”svenska”."),
        # Three dots for the ellipsis, with the space Swedish writes before it.
        ("Söker …", "Söker ..."),
        ("Söker …", "Söker…"),
        # Typographic quotes inside the text.
        ("Inga sidor matchar din sökning.", "Inga sidor matchar ”din sökning”."),
    ],
)
def test_swedish_end_punctuation_passes(
    root: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    edit(root, SV_PO, *msgstr(old, new))
    assert_clean(root, capsys)


def test_end_punctuation_marked_deliberate_passes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr("Uppgifterna gäller %(date)s.", "Uppgifterna gäller %(date)s"))
    edit(root, SV_PO, 'msgid "Information as of', '# deliberate: punctuation\nmsgid "Information as of')
    assert_clean(root, capsys)


# Doubled words, brackets, double spaces.


def test_a_doubled_word_is_a_warning(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr(PAGE_GONE, "Sidan du du sökte finns inte. Den kan ha flyttats."))
    assert_only(
        root,
        capsys,
        [
            f"{at(root, 'Sidan du du sökte')}: warning [doubled-word] the translation of '{PAGE_GONE_ID}' "
            "repeats the word 'du': delete one, or mark it deliberate: doubled"
        ],
        error=False,
    )


def test_a_bracket_left_open_is_a_warning(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr("Andel av behandlingarna (enkät 2014)", "Andel av behandlingarna (enkät 2014"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, 'Andel av behandlingarna (enkät 2014')}: warning [brackets] the brackets of the translation of 'Share of "
            "treatments (2014 survey)' do not pair up (missing ')', against the msgid): add or delete the "
            "bracket, or mark it deliberate: brackets"
        ],
        error=False,
    )


def test_brackets_said_with_a_dash_pass(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr("Säkerhet (vår bedömning)", "Säkerhet – vår bedömning"))
    assert_clean(root, capsys)


def test_a_double_space_is_a_warning(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root, SV_PO, *msgstr(PAGE_GONE, "Sidan du sökte  finns inte. Den kan ha flyttats."))
    assert_only(
        root,
        capsys,
        [
            f"{at(root, 'sökte  finns')}: warning [whitespace] the translation of '{PAGE_GONE_ID}' has a "
            "double space the msgid lacks (after 'sökte'): write one space, or mark it deliberate: spacing"
        ],
        error=False,
    )


def test_leading_spaces_are_reported_once_by_the_whitespace_check(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root, SV_PO, *msgstr("Meny", "  Meny"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, '  Meny')}: warning [whitespace] the translation of 'Menu' has a leading "
            "space that the msgid lacks"
        ],
        error=False,
    )


def test_a_dropped_placeholder_is_reported_once(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # translate-toolkit's printf check would find it too: the placeholder check reports it alone.
    edit(root, SV_PO, *msgstr("Uppgifterna gäller %(date)s.", "Uppgifterna gäller i dag."))
    assert_only(
        root,
        capsys,
        [
            f"{at(root, 'Uppgifterna gäller i dag.')}: error [placeholder] placeholders differ from "
            "'Information as of %(date)s.': none here, %(date)s in the source"
        ],
        error=True,
    )


# Entries compared with each other.


def swap(root: Path, first: str, second: str) -> None:
    """Exchange two msgstrs of the Swedish catalogue."""
    edit(root, SV_PO, *msgstr(first, "\0"))
    edit(root, SV_PO, *msgstr(second, first))
    edit(root, SV_PO, *msgstr("\0", second))


def test_a_short_and_a_long_msgstr_swapped_are_reported_at_both(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    swap(root, "Meny", PAGE_GONE)
    # After the swap, "Menu"'s msgstr is the long one and the page-not-found text's is "Meny".
    menu, gone = line_of(root, SV_PO, f'msgstr "{PAGE_GONE}"'), line_of(root, SV_PO, 'msgstr "Meny"')
    assert_only(
        root,
        capsys,
        [
            f"{SV_PO}:{menu}: error [swapped] the msgstr of 'Menu' translates '{PAGE_GONE_ID}' (line {gone}), "
            "whose msgstr translates this msgid: the two look swapped; move each msgstr under its own "
            "msgid, or mark it deliberate: swap",
            f"{SV_PO}:{gone}: error [swapped] the msgstr of '{PAGE_GONE_ID}' translates 'Menu' (line {menu}), "
            "whose msgstr translates this msgid: the two look swapped; move each msgstr under its own "
            "msgid, or mark it deliberate: swap",
        ],
        error=True,
    )


def test_opposite_levels_swapped_are_one_problem_each(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Same length: the marker words give it away. Not also [polarity] at each: one cause, one problem.
    swap(root, "Låg", "Hög")
    low, high = line_of(root, SV_PO, 'msgstr "Hög"'), line_of(root, SV_PO, 'msgstr "Låg"')
    assert line_of(root, SV_PO, 'msgid "Low"') == low - 1
    assert_only(
        root,
        capsys,
        [
            f"{SV_PO}:{high}: error [swapped] the msgstr of 'High' translates 'Low' (line {low}), whose msgstr "
            "translates this msgid: the two look swapped; move each msgstr under its own msgid, or mark it "
            "deliberate: swap",
            f"{SV_PO}:{low}: error [swapped] the msgstr of 'Low' translates 'High' (line {high}), whose msgstr "
            "translates this msgid: the two look swapped; move each msgstr under its own msgid, or mark it "
            "deliberate: swap",
        ],
        error=True,
    )


def test_one_wrong_msgstr_is_not_a_swap(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Low certainty"'s msgstr copied under "High certainty": one entry is wrong, none is swapped.
    edit(root, SV_PO, *msgstr("Hög tillförlitlighet", "Låg tillförlitlighet"))
    status, problems = check(root, capsys, "--strict")
    assert status == 1
    where = msgstr_at(root, "Låg tillförlitlighet")  # the first: "High certainty"'s, the wrong one
    assert problems == [
        f"{where}: error [polarity] {kind} words differ from 'High certainty': {counts}: check the meaning, "
        f"or mark the difference deliberate: {kind} (README, 'Deliberate differences')"
        for kind, counts in (
            ("certainty-high", "0 here (none), 1 there ('High')"),
            ("certainty-low", "1 here ('Låg'), 0 there (none)"),
        )
    ]


# Plural forms, per form, as msgfmt -c reads them.


def add_plural(
    root: Path,
    forms: tuple[str, str],
    ids: tuple[str, str] = ("%(num)s page", "%(num)s pages"),
    comment: str = "",
) -> None:
    """Use a plural string in a template, and add it to the template catalogue and both catalogues."""
    text = read(root, TEMPLATE).replace(
        '<ul class="way-on">', f'<p>{{{{ ngettext("{ids[0]}", "{ids[1]}", 3) }}}}</p>\n<ul class="way-on">'
    )
    (root / TEMPLATE).write_text(text, encoding="utf-8")
    head = f'#, python-format\nmsgid "{ids[0]}"\nmsgid_plural "{ids[1]}"\n'
    for rel, strs in ((POT, ("", "")), (EN_PO, ids), (SV_PO, forms)):
        note = comment if rel == SV_PO else ""
        entry = f'{note}{head}msgstr[0] "{strs[0]}"\nmsgstr[1] "{strs[1]}"\n'
        (root / rel).write_text(read(root, rel).rstrip("\n") + "\n\n" + entry, encoding="utf-8")


def test_a_singular_form_without_the_number_passes(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Swedish uses form 0 for n = 1 only: msgfmt -c accepts "en sida" there, and so do we.
    add_plural(root, ("en sida", "%(num)s sidor"))
    assert_clean(root, capsys)


def test_a_worded_english_singular_with_a_numbered_translation_passes(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each form is compared with msgid_plural, as msgfmt does: "%(num)s sida" against "One page" is fine.
    add_plural(root, ("%(num)s sida", "%(num)s sidor"), ids=("One page", "%(num)s pages"))
    assert_clean(root, capsys)


def test_a_plural_form_without_the_number_is_an_error(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_plural(root, ("%(num)s sida", "sidor"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, 'sidor', 1)}: error [plural] msgstr[1] of '%(num)s page' lacks %(num)s, "
            "which '%(num)s pages' has: Swedish uses form 1 for n = 0, 2, 3, 4, ..., which would show no "
            "number: put %(num)s in it"
        ],
        error=True,
    )


def test_a_singular_copied_from_the_plural_is_a_warning(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_plural(root, ("%(num)s sidor", "%(num)s sidor"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, '%(num)s sidor', 0)}: warning [plural] msgstr[0] and msgstr[1] of "
            "'%(num)s page' are the same, '%(num)s sidor', where the English forms differ: n = 1 and n = 2 "
            "read alike; write each form, or mark it deliberate: plural if Swedish says both alike"
        ],
        error=False,
    )


def test_a_word_the_same_in_both_numbers_marked_deliberate_passes(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_plural(
        root,
        ("%(num)s år", "%(num)s år"),
        ids=("%(num)s year", "%(num)s years"),
        comment="# deliberate: plural\n",
    )
    assert_clean(root, capsys)


def test_a_renamed_placeholder_in_a_plural_form_is_an_error(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_plural(root, ("%(num)s sida", "%(count)s sidor"))
    assert_only(
        root,
        capsys,
        [
            f"{msgstr_at(root, '%(count)s sidor', 1)}: error [placeholder] placeholders of msgstr[1] differ "
            "from '%(num)s pages': %(count)s here, %(num)s in the source"
        ],
        error=True,
    )
