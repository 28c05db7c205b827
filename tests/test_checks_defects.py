"""Translation mistakes a medical reviewer catches, each put into a copy of the shipped site (issue 12).

Each defect must be reported with its exact message at the line of the defect, make `check` fail
(warnings under --strict) and, when it is an error, stop the build before anything is written.
Each legitimate edit a translator makes must pass `check --strict`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.shipped import Change, apply, assert_legitimate, check, line_of, shipped_copy

SV_SIDE = "content/sv/biverkningar.md"
EN_SIDE = "content/en/side-effects.md"
SV_PO = "locales/sv/LC_MESSAGES/messages.po"
DISCLAIMER_ID = 'msgid "Disclaimer"'
DELIBERATE = "check the meaning, or mark the difference deliberate"


@dataclass(frozen=True)
class Defect:
    """Changes that bring one mistake in, and the problem line expected (given the copy and the edit's line)."""

    changes: tuple[Change, ...]
    expect: Callable[[Path, int], str]
    error: bool = True
    extra: tuple[str, ...] = field(default_factory=tuple)


def en(root: Path, rel: str, needle: str) -> str:
    """Return 'rel:line' of the English source text where needle is."""
    return f"{rel}:{line_of(root, rel, needle)}"


def polarity(kind: str, here: str, there: str, what: str = "paragraph") -> Callable[[str], str]:
    """Return the polarity message for a kind ('1 (\'över\')' here), given where the source text is."""

    def message(src: str) -> str:
        (n_here, w_here), (n_there, w_there) = here.split(" ", 1), there.split(" ", 1)
        return (
            f"error [polarity] {kind} words differ from the English {what} ({src}): {n_here} here "
            f"{w_here}, {n_there} there {w_there}: {DELIBERATE}: {kind} (README, 'Deliberate differences')"
        )

    return message


def add_to_both(en_text: str, sv_text: str) -> tuple[Change, ...]:
    """Add a sentence to a paragraph of the English side-effects page and its translation, marked updated."""
    return (
        Change(EN_SIDE, "Do not drive if you feel drowsy.", f"{en_text} Do not drive if you feel drowsy."),
        Change(SV_SIDE, "Kör inte bil om du är dåsig.", f"{sv_text} Kör inte bil om du är dåsig.", mark=True),
    )


def in_future() -> str:
    """Return a date a month from today, as ISO text."""
    return (dt.date.today() + dt.timedelta(days=30)).isoformat()


DEFECTS: dict[str, Defect] = {
    "lost-inte": Defect(
        (Change(SV_SIDE, "Vänta inte för att se", "Vänta för att se"),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: " + polarity("negation", "0 (none)", "1 ('not')")(en(r, EN_SIDE, "Do not wait"))
        ),
    ),
    "gained-inte": Defect(
        (Change(SV_SIDE, "dåsig. Vänta tills", "dåsig. Vänta inte tills"),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: "
            + polarity("negation", "2 ('inte', 'inte')", "1 ('not')")(
                en(r, EN_SIDE, "Do not drive if you feel drowsy")
            )
        ),
    ),
    "under-became-over": Defect(
        (Change(SV_SIDE, "kom efter under 0,1 %", "kom efter över 0,1 %"),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: " + polarity("more", "1 ('över')", "0 (none)")(en(r, EN_SIDE, "Under 0.1%"))
        ),
        extra=("less words differ",),
    ),
    "rare-became-common": Defect(
        (Change(SV_SIDE, "Allvarliga biverkningar är sällsynta.", "Allvarliga biverkningar är vanliga."),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: "
            + polarity("common", "1 ('vanliga')", "0 (none)")(en(r, EN_SIDE, "Serious side effects are rare"))
        ),
        extra=("rare words differ",),
    ),
    "certainty-flipped": Defect(
        (
            Change(
                "content/sv/forskningen.md",
                "underlaget hade mycket låg kvalitet",
                "underlaget hade hög kvalitet",
            ),
        ),
        lambda r, n: (
            f"content/sv/forskningen.md:{n}: "
            + polarity("certainty-high", "1 ('hög')", "0 (none)")(
                en(r, "content/en/the-research.md", "very low quality")
            )
        ),
        extra=("certainty-low words differ",),
    ),
    "paragraph-gone": Defect(
        (Change(SV_SIDE, "Vänta inte för att se om det går över.\n\n", ""),),
        lambda r, n: (
            f"{SV_SIDE}:{line_of(r, SV_SIDE, 'Ring 112 om du får något')}: error [completeness] paragraphs "
            "differ from the English version in section 'Sök hjälp direkt om du får ont i bröstet eller "
            f"svårt att andas': 2 here, 3 there; the one at {en(r, EN_SIDE, 'Do not wait')} has no "
            "counterpart here"
        ),
    ),
    "second-half-of-sentence-gone": Defect(
        (
            Change(
                "content/sv/nar-soka-vard.md",
                "får svaghet, domningar, förvirring eller svårt att prata, eller om du får ont i bröstet "
                "eller svårt att andas, oavsett var du fick behandlingen.",
                "får svaghet.",
            ),
        ),
        # The sentences are aligned: the one cut short is named, not only the paragraph's length.
        lambda r, n: (
            f"content/sv/nar-soka-vard.md:{n}: error [completeness] a sentence of the English "
            f"paragraph ({en(r, 'content/en/when-to-seek-care.md', 'can also be a warning sign')}) has no "
            "counterpart here: 'Do the same if it comes with weakness, numbness, confusion…': translate it, "
            "or mark it deliberate: omission"
        ),
    ),
    "section-emptied": Defect(
        (
            Change(
                SV_SIDE,
                "Klåda, domningar och infektion där nålen gick in är sällsynta. Kontakta en vårdcentral om "
                "du tror att du har fått en infektion. Du kan också ringa 1177 för råd.\n\nPunkterad lunga "
                "är sällsynt men allvarligt. Varningstecknen står överst på sidan.\n",
                "",
            ),
        ),
        lambda r, n: (
            f"{SV_SIDE}:{line_of(r, SV_SIDE, '## Sällsynta biverkningar')}: error [completeness] section "
            "'Sällsynta biverkningar' is empty: no paragraphs here, 2 in the English version "
            f"({en(r, EN_SIDE, 'Itching, numbness')}): translate them"
        ),
    ),
    "paragraph-left-in-english": Defect(
        (
            Change(
                SV_SIDE,
                "Kör inte bil om du är dåsig. Vänta tills du är pigg igen.",
                "Do not drive if you feel drowsy. Wait until you are alert again.",
            ),
        ),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [language] this paragraph is in English, not Swedish (6 English and "
            "0 Swedish common words): translate it"
        ),
    ),
    "heading-left-in-english": Defect(
        (Change(SV_SIDE, "## Sällsynta biverkningar", "## What are the rare side effects"),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [language] this heading is in English, not Swedish (3 English and "
            "0 Swedish common words): translate it"
        ),
    ),
    "minutes-became-hours": Defect(
        add_to_both("Rest for 30 minutes after a session.", "Vila i 30 timmar efter behandlingen."),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [units] units differ from the English paragraph "
            f"({en(r, EN_SIDE, 'Rest for 30 minutes')}): 30 hour here, 30 minute there"
        ),
    ),
    "days-became-weeks": Defect(
        add_to_both("Soreness can last 2 days.", "Ömheten kan sitta i 2 veckor."),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [units] units differ from the English paragraph "
            f"({en(r, EN_SIDE, 'Soreness can last')}): 2 week here, 2 day there"
        ),
    ),
    "mg-became-g": Defect(
        add_to_both("A dose is 500 mg.", "En dos är 500 g."),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [units] units differ from the English paragraph "
            f"({en(r, EN_SIDE, 'A dose is 500 mg')}): 500 g here, 500 mg there"
        ),
    ),
    "month-in-a-date": Defect(
        (
            Change(
                "content/sv/regler-i-usa.md",
                "21 november 2026. Reglerna ändras, så",
                "21 oktober 2026. Reglerna ändras, så",
            ),
        ),
        lambda r, n: (
            f"content/sv/regler-i-usa.md:{n}: error [dates] months differ from the English paragraph "
            f"({en(r, 'content/en/rules-in-the-us.md', 'Rules change, so check')}): oktober here, November there"
        ),
    ),
    "figures-swapped": Defect(
        (
            Change(
                SV_SIDE,
                "blödning (4,65 %), smärta under behandlingen (3,01 %)",
                "blödning (3,01 %), smärta under behandlingen (4,65 %)",
            ),
        ),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [numbers] figures in another order than the English paragraph "
            f"({en(r, EN_SIDE, 'Next came bleeding')}): 3.01%, 4.65%, 2.19% here, 4.65%, 3.01%, 2.19% "
            "there: check which goes where"
        ),
    ),
    "place-moved-between-lists": Defect(
        (
            Change(
                "content/sv/regler-i-usa.md",
                "Hawaii, New York och Oregon",
                "Hawaii, Michigan, New York och Oregon",
            ),
            Change("content/sv/regler-i-usa.md", "Massachusetts, Michigan och", "Massachusetts och"),
        ),
        lambda r, n: (
            f"content/sv/regler-i-usa.md:{n}: error [names] names differ from the English paragraph "
            f"({en(r, 'content/en/rules-in-the-us.md', 'In California, Hawaii')}): Michigan here, none there"
        ),
        extra=("none here, Michigan there",),
    ),
    "domain-changed": Defect(
        (
            Change(
                "content/sv/hitta-behandlare.md",
                "[1177.se](https://www.1177.se)",
                "[1177.nu](https://www.1177.nu)",
            ),
        ),
        lambda r, n: (
            f"content/sv/hitta-behandlare.md:{n}: error [web-address] web addresses differ from the English "
            f"paragraph ({en(r, 'content/en/finding-a-provider.md', 'https://www.1177.se')}): 1177.nu, "
            "https://www.1177.nu here, 1177.se, https://www.1177.se there"
        ),
    ),
    "duplicate-msgid": Defect(
        (Change(SV_PO, 'msgid "Draft"', 'msgid "Disclaimer"\nmsgstr "Friskrivning"\n\nmsgid "Draft"'),),
        lambda r, n: (
            f"{SV_PO}:{n}: error [catalog-syntax] duplicate entry for 'Disclaimer' (first at line "
            f"{line_of(r, SV_PO, DISCLAIMER_ID)}): msgfmt refuses the catalogue; keep one"
        ),
    ),
    "msgctxt-shows-english": Defect(
        (Change(SV_PO, 'msgid "Disclaimer"\n', 'msgctxt "footer"\nmsgid "Disclaimer"\n'),),
        lambda r, n: (
            f"{SV_PO}:{n}: error [catalog] 'Disclaimer' has msgctxt 'footer' here and no msgctxt in "
            "locales/messages.pot: the pages look it up as the template says, so they show the "
            "untranslated text; use the template's context"
        ),
    ),
    "entry-not-in-template": Defect(
        (
            Change(
                SV_PO, 'msgid "Draft"', 'msgid "Not in the template"\nmsgstr "Inte i mallen"\n\nmsgid "Draft"'
            ),
        ),
        lambda r, n: (
            f"{SV_PO}:{n}: warning [catalog] 'Not in the template' is not in locales/messages.pot: no page "
            "asks for it; run the update command (README, 'Translating UI strings')"
        ),
        error=False,
    ),
    "leading-space": Defect(
        (Change(SV_PO, 'msgstr "Ansvarsfriskrivning"', 'msgstr " Ansvarsfriskrivning"'),),
        lambda r, n: (
            f"{SV_PO}:{n}: warning [whitespace] the translation of 'Disclaimer' has a leading space that "
            "the msgid lacks"
        ),
        error=False,
    ),
    "trailing-newline": Defect(
        (Change(SV_PO, 'msgstr "Ansvarsfriskrivning"', 'msgstr "Ansvarsfriskrivning\\n"'),),
        lambda r, n: (
            f"{SV_PO}:{n}: error [whitespace] the msgid and msgstr of 'Disclaimer' do not both end with a "
            "newline (msgfmt refuses the catalogue)"
        ),
    ),
    "conversion-type": Defect(
        (Change(SV_PO, '"Uppgifterna gäller %(date)s."', '"Uppgifterna gäller %(date)d."'),),
        # The msgstr's own line, where the fault is (not the msgid's, one above it).
        lambda r, n: (
            f"{SV_PO}:{n}: error [placeholder] placeholders differ from 'Information as of %(date)s.': "
            "%(date)d here, %(date)s in the source"
        ),
    ),
    "plural-formula": Defect(
        (Change(SV_PO, "plural=(n != 1);", "plural=(n > 1);"),),
        lambda r, n: (
            f"{SV_PO}:{n}: error [plural] Plural-Forms gives form 0 for n = 0, CLDR's rule for Swedish "
            "gives form 1: use nplurals=2; plural=(n != 1);"
        ),
    ),
    "if-hides-disclaimer": Defect(
        (
            Change(
                "templates/article.html",
                '<aside class="disclaimer"',
                '{% if lang != "sv" %}<aside class="disclaimer"',
            ),
            Change("templates/article.html", "</aside>\n</article>", "</aside>{% endif %}\n</article>"),
        ),
        lambda r, n: (
            f"templates/article.html:{n}: error [rendered] the Swedish article pages render no disclaimer "
            "(10 of 10, such as /sv/biverkningar/ from content/sv/biverkningar.md): check the conditions "
            "around it"
        ),
    ),
    "english-sentence-in-partial": Defect(
        (
            Change(
                "templates/partials/seek-care.html",
                '<h2 id="seek-care-heading">',
                '<p>Call us if you are not sure.</p>\n<h2 id="seek-care-heading">',
            ),
        ),
        lambda r, n: (
            f"templates/partials/seek-care.html:{n}: error [template-text] literal text 'Call us if you are "
            'not sure\' outside _(): every language shows it as written; wrap it in {{ _("...") }}, or list '
            "it under template_text in locales/glossary.yaml"
        ),
    ),
    "last-reviewed-in-future": Defect(
        (Change(SV_SIDE, "last_reviewed: 2026-12-01", f"last_reviewed: {in_future()}"),),
        lambda r, n: (
            f"{SV_SIDE}:{n}: error [review-date] last_reviewed {in_future()} is in the future (today is "
            f"{dt.date.today().isoformat()}): give the date the review was done"
        ),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_defect_is_reported_at_its_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    defect = DEFECTS[name]
    root = shipped_copy(tmp_path / "site")
    line = apply(root, defect.changes, capsys)
    expected = defect.expect(root, line)
    status, problems = check(root, capsys, "--strict")
    assert expected in problems, "\n".join(problems)
    for also in defect.extra:
        assert any(also in p for p in problems), (also, problems)
    assert status == 1
    if defect.error:
        assert main(["--project", str(root), "--no-search", "--no-cache", "build"]) == 1
        printed = capsys.readouterr()
        assert expected in (printed.out + printed.err).splitlines()
        assert not (root / "_site").exists(), "a build with an error wrote the site"
    else:
        assert check(root, capsys)[0] == 0, "a warning fails check without --strict"


LEGITIMATE: dict[str, tuple[Change, ...]] = {
    "reflowed-paragraph": (
        Change(
            SV_SIDE,
            "är lindriga. Allvarliga biverkningar är sällsynta.",
            "är lindriga.\nAllvarliga biverkningar\när sällsynta.",
        ),
    ),
    "reflowed-list-item": (
        Change(
            SV_SIDE,
            "- Punkterad lunga (pneumothorax) är sällsynt",
            "- Punkterad lunga (pneumothorax)\n  är sällsynt",
        ),
    ),
    "sentences-reordered": (
        Change(
            SV_SIDE,
            "De flesta biverkningar av dry needling är lindriga. Allvarliga biverkningar är sällsynta.",
            "Allvarliga biverkningar är sällsynta. De flesta biverkningar av dry needling är lindriga.",
        ),
    ),
    "number-as-word": (
        Change(
            "content/sv/dry-needling-och-akupunktur.md", "gick igenom 8 studier", "gick igenom åtta studier"
        ),
    ),
    "percent-as-word": (Change(SV_SIDE, "efter 7,55 % av", "efter 7,55 procent av"),),
    "no-break-space-in-number": (Change(SV_SIDE, "7 629 behandlingar", "7\u00a0629 behandlingar"),),
    "plain-space-in-number": (Change(SV_SIDE, "7 629 behandlingar", "7629 behandlingar"),),
    "clarifying-sentence": (
        Change(
            SV_SIDE,
            "Vänta tills du är pigg igen.",
            "Vänta tills du är pigg igen. Be gärna någon annan köra dig hem.",
        ),
    ),
    "glossary-alternative": (
        Change(
            "content/sv/vad-ar-dry-needling.md",
            "För Hortons huvudvärk (klusterhuvudvärk)",
            "För Hortons huvudvärk",
        ),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LEGITIMATE))
def test_legitimate_edit_passes(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_legitimate(shipped_copy(tmp_path / "site"), LEGITIMATE[name], capsys)


@pytest.mark.slow
def test_json_output_carries_the_new_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = shipped_copy(tmp_path / "site")
    apply(root, DEFECTS["under-became-over"].changes + DEFECTS["month-in-a-date"].changes, capsys)
    assert main(["--project", str(root), "check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = {(p["check"], p["path"], p["line"]) for p in report["problems"]}
    assert ("polarity", SV_SIDE, line_of(root, SV_SIDE, "över 0,1 %")) in found
    assert (
        "dates",
        "content/sv/regler-i-usa.md",
        line_of(root, "content/sv/regler-i-usa.md", "21 oktober"),
    ) in found
    assert report["ok"] is False and report["errors"] == len(report["problems"])
