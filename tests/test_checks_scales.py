"""How often, how many and bounds: marker words as points on scales, compared per aligned unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from tests.shipped import check, edit, line_of, shipped_copy

DELIBERATE = "check the meaning, or mark the difference deliberate"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return shipped_copy(tmp_path / "site")


def test_another_point_of_the_frequency_scale_is_one_error(site: Path, capsys) -> None:
    line = edit(site, "content/sv/forebygga-huvudvark.md", "att säga nej ibland", "att säga nej ofta")
    status, problems = check(site, capsys, "--strict")
    assert status == 1
    at = line_of(site, "content/en/preventing-headache.md", "Try to find ways to feel less stressed")
    assert problems == [
        f"content/sv/forebygga-huvudvark.md:{line}: error [polarity] how often words differ from the English "
        f"paragraph (content/en/preventing-headache.md:{at}): 'ofta' (often) here, 'at times' (sometimes) "
        f"there: {DELIBERATE}: sometimes, often (README, 'Deliberate differences')"
    ]


def test_a_dropped_always_is_an_error(site: Path, capsys) -> None:
    line = edit(site, "content/sv/hitta-behandlare.md", "Fråga alltid.", "Fråga gärna.")
    status, problems = check(site, capsys, "--strict")
    assert status == 1
    at = line_of(site, "content/en/finding-a-provider.md", "Always ask.")
    assert problems == [
        f"content/sv/hitta-behandlare.md:{line}: error [polarity] always words differ from the English list "
        f"item (content/en/finding-a-provider.md:{at}): 0 here (none), 1 there ('Always'): {DELIBERATE}: "
        "always (README, 'Deliberate differences')"
    ]


@pytest.mark.parametrize(
    "bound",
    ["högst 0,1 %", "inte mer än 0,1 %", "färre än 0,1 %"],
    ids=["högst", "inte mer än", "färre än"],
)
def test_an_equivalent_bound_passes(site: Path, capsys, bound: str) -> None:
    # The source: "Under 0.1% were followed by a major one."
    edit(site, "content/sv/biverkningar.md", "kom efter under 0,1 %.", f"kom efter {bound}.")
    assert check(site, capsys, "--strict") == (0, [])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("att säga nej ibland", "att säga nej då och då"),
        ("Fråga alltid.", "Fråga alltid, i alla lägen."),
        ("fungerade ungefär lika bra", "fungerade cirka lika bra"),
    ],
)
def test_another_word_for_the_same_point_passes(site: Path, capsys, old: str, new: str) -> None:
    rel = next(
        f"content/sv/{p.name}"
        for p in sorted((site / "content/sv").glob("*.md"))
        if old in p.read_text("utf-8")
    )
    edit(site, rel, old, new)
    assert check(site, capsys, "--strict") == (0, [])


def test_utan_after_a_negation_joins_and_does_not_negate_again(site: Path, capsys) -> None:
    # "The needle is not left in your body." as "not left in the body but taken out".
    edit(
        site,
        "content/sv/vad-ar-dry-needling.md",
        "Nålen sitter alltså inte kvar i kroppen.",
        "Nålen sitter alltså inte kvar i kroppen utan tas ut.",
    )
    assert check(site, capsys, "--strict") == (0, [])


def test_utan_without_a_negation_before_it_is_a_negation(site: Path, capsys) -> None:
    # "Wait until you feel alert again." as "Wait without feeling alert": a meaning turned round.
    line = edit(site, "content/sv/biverkningar.md", "Vänta tills du är pigg igen.", "Kör utan att vara pigg.")
    status, problems = check(site, capsys, "--strict")
    assert status == 1
    at = line_of(site, "content/en/side-effects.md", "Do not drive if you feel drowsy")
    assert (
        f"content/sv/biverkningar.md:{line}: error [polarity] negation words differ from the English paragraph "
        f"(content/en/side-effects.md:{at}): 2 here ('inte', 'utan'), 1 there ('not'): {DELIBERATE}: negation "
        "(README, 'Deliberate differences')"
    ) in problems


def test_a_scale_naming_an_unknown_kind_is_a_glossary_error(site: Path, capsys) -> None:
    line = edit(
        site,
        "locales/glossary.yaml",
        "  how often: [sometimes, often, always]",
        "  how often: [sometimes, oft]",
    )
    assert main(["--project", str(site), "check"]) == 1
    out = capsys.readouterr().out
    assert (
        f"locales/glossary.yaml:{line}: error [glossary] 'scales' must map names to two or more kinds of 'markers'"
    ) in out.splitlines()
