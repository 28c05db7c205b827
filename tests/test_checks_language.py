"""Source-language text left in a translation: per sentence and per bold label, titles and site.yaml texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.shipped import check, edit, line_of, shipped_copy

SV_RESEARCH = "content/sv/forskningen.md"
EN_RESEARCH = "content/en/the-research.md"
SV_WHAT = "content/sv/vad-ar-dry-needling.md"
GLOSSARY = "locales/glossary.yaml"
FIX_COPIED = (
    "translate them (an English term may stand in parentheses or quotes), or list a name that stays "
    f"the same under 'identical' in {GLOSSARY}"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path / "site")


def refused(site: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run check --strict on the copy; it must fail; return the problem lines."""
    status, problems = check(site, capsys, "--strict")
    assert status == 1
    return problems


def same_label_in_both(site: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """Give a glossary label the same word in both languages, the translation marked up to date."""
    edit(site, EN_RESEARCH, "**Sham treatment.**", "**Placebo.**")
    line = edit(site, SV_RESEARCH, "**Låtsasbehandling.**", "**Placebo.**")
    assert main(["--project", str(site), "check", "--mark-updated", str(site / SV_RESEARCH)]) == 0
    capsys.readouterr()
    return line


# --- defects: each fails check --strict at its line ------------------------------------------


def test_an_english_bold_label_in_a_swedish_paragraph_is_an_error_at_its_line(site: Path, capsys) -> None:
    line = edit(site, SV_RESEARCH, "**Vad visade studien?** Gruppen som", "**What it found.** Gruppen som")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this bold label 'What it found.' is in English, not "
        "Swedish (2 English and 0 Swedish common words): translate it"
    ]


def test_a_short_label_left_as_the_source_wrote_it_is_an_error_though_it_has_no_stop_words(
    site: Path, capsys
) -> None:
    line = edit(site, SV_RESEARCH, "- **Uppföljning.**", "- **Follow-up.**")
    at = line_of(site, EN_RESEARCH, "**Follow-up.**")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this bold label 'Follow-up.' is in English, not Swedish: "
        f"the same as the English label at {EN_RESEARCH}:{at}: translate it, or list it under 'identical' "
        f"in {GLOSSARY} if Swedish writes it so too"
    ]


def test_an_identical_label_the_glossary_does_not_list_is_an_error(site: Path, capsys) -> None:
    line = same_label_in_both(site, capsys)
    at = line_of(site, EN_RESEARCH, "**Placebo.**")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this bold label 'Placebo.' is in English, not Swedish: "
        f"the same as the English label at {EN_RESEARCH}:{at}: translate it, or list it under 'identical' "
        f"in {GLOSSARY} if Swedish writes it so too"
    ]


def test_an_english_sentence_inside_a_swedish_paragraph_is_an_error_at_its_line(site: Path, capsys) -> None:
    line = edit(site, SV_WHAT, "Punkten kallas triggerpunkt.", "This spot is called a trigger point.")
    assert refused(site, capsys) == [
        f"{SV_WHAT}:{line}: error [language] this paragraph has a sentence in English: 'This spot is "
        "called a trigger point.', not Swedish (3 English and 0 Swedish common words): translate it"
    ]


def test_a_sentence_half_left_in_english_is_an_error_by_the_words_copied_from_the_source(
    site: Path, capsys
) -> None:
    # Two English stop words against one Swedish: too few for the stop words, not for the copy.
    line = edit(
        site,
        SV_RESEARCH,
        "Huvudvärken kom också mer sällan och varade kortare tid.",
        "The headaches also came mer sällan och varade kortare tid.",
    )
    at = line_of(site, EN_RESEARCH, "**What it found.** The dry needling group")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this paragraph has words in English, not Swedish: "
        f"'The headaches also came' as at {EN_RESEARCH}:{at}: {FIX_COPIED}"
    ]


def test_an_english_term_written_into_the_sentence_is_copied_words_so_the_message_says_parentheses(
    site: Path, capsys
) -> None:
    line = edit(
        site,
        SV_RESEARCH,
        "Hur säkert det är att ett resultat stämmer.",
        "Hur säkert det är att ett resultat stämmer, på engelska quality of evidence.",
    )
    at = line_of(site, EN_RESEARCH, "**Quality of evidence.**")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this list item has words in English, not Swedish: "
        f"'quality of evidence' as at {EN_RESEARCH}:{at}: {FIX_COPIED}"
    ]


def test_an_untranslated_site_title_in_site_yaml_is_an_error_at_its_line(site: Path, capsys) -> None:
    line = edit(site, "site.yaml", "sv: Dry needling vid huvudvärk", "sv: Dry needling for headache")
    at = line_of(site, "site.yaml", "en: Dry needling for headache")
    assert refused(site, capsys) == [
        f"site.yaml:{line}: error [language] the site title: the Swedish text is the same as the English "
        f"(site.yaml:{at}): translate it, or list it under 'identical' in {GLOSSARY} if Swedish writes it "
        "so too"
    ]


def test_a_menu_group_written_in_english_is_an_error_though_not_the_source_text(site: Path, capsys) -> None:
    line = edit(site, "site.yaml", 'sv: "Hjälper det?"', 'sv: "Does it work?"')
    assert refused(site, capsys) == [
        f"site.yaml:{line}: error [language] menu group 'evidence': the Swedish text is in English "
        "(2 English and 0 Swedish common words): translate it"
    ]


def test_an_english_article_title_is_an_error_at_the_title_line(site: Path, capsys) -> None:
    line = edit(site, SV_RESEARCH, "title: Vad säger forskningen?", "title: What does the research say?")
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this title is in English, not Swedish (3 English and "
        "0 Swedish common words): translate it"
    ]


def test_an_english_description_is_an_error_and_the_same_as_the_source_a_warning_too(
    site: Path, capsys
) -> None:
    source = (site / EN_RESEARCH).read_text(encoding="utf-8").split("\n")
    english = next(line for line in source if line.startswith("description: "))
    line = edit(site, SV_RESEARCH, re.compile(r"^description: .*$", re.M), english)
    assert refused(site, capsys) == [
        f"{SV_RESEARCH}:{line}: error [language] this description is in English, not Swedish (13 English "
        "and 0 Swedish common words): translate it",
        f"{SV_RESEARCH}:{line}: warning [untranslated] 'description' is the same as in the English version: "
        f"translate it (or list it under 'identical' in {GLOSSARY})",
    ]


# --- legitimate edits: check --strict passes -------------------------------------------------

LEGITIMATE = {
    "'Dry needling' starting a Swedish sentence": (
        SV_WHAT,
        "Behandlaren sticker in en tunn nål genom huden",
        "Dry needling går till så att behandlaren sticker in en tunn nål genom huden",
    ),
    "a name with English stop words, written another way than the source's": (
        "content/sv/hitta-behandlare.md",
        "- National Certification Commission for Acupuncture and Oriental Medicine (NCCAOM)",
        "- NCCAOM, National Certification Commission for Acupuncture and Oriental Medicine",
    ),
    "a loanword the source uses too": (
        SV_RESEARCH,
        "Det gick bättre för gruppen som fick manipulation och elektrisk dry needling.",
        "Manipulation och elektrisk dry needling gav gruppen ett bättre resultat.",
    ),
    "an English term in parentheses after its Swedish one": (
        SV_RESEARCH,
        "Hur säkert det är att ett resultat stämmer.",
        "Hur säkert det är att ett resultat stämmer (på engelska quality of evidence).",
    ),
    "an English term in parentheses after a Swedish label": (
        SV_RESEARCH,
        "- **Låtsasbehandling.**",
        "- **Låtsasbehandling (sham treatment).**",
    ),
}


@pytest.mark.parametrize("rel, old, new", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_legitimate_edits_pass_check_strict(site: Path, capsys, rel: str, old: str, new: str) -> None:
    edit(site, rel, old, new)
    assert check(site, capsys, "--strict") == (0, [])


def test_a_short_label_identical_in_both_languages_passes_when_the_glossary_lists_it(
    site: Path, capsys
) -> None:
    same_label_in_both(site, capsys)
    edit(site, GLOSSARY, "identical:\n", "identical:\n  - Placebo\n")
    assert check(site, capsys, "--strict") == (0, [])
