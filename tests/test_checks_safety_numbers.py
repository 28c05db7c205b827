"""Typed safety facts (issue 25, item 3): every public number is held against the glossary's one table.

Each defect goes into a copy of the shipped site and must be reported with its exact message at its
line, fail `check --strict` and stop the build; each legitimate edit must pass `check --strict`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from tests.shipped import Change, apply, assert_legitimate, check, edit, line_of, shipped_copy

GLOSSARY = "locales/glossary.yaml"
SV_CARE = "content/sv/nar-soka-vard.md"
EN_CARE = "content/en/when-to-seek-care.md"
SV_PO = "locales/sv/LC_MESSAGES/messages.po"
SV_SLOTS = '    emergency:\n      - {numbers: ["112"]}\n    advice:\n      - {numbers: ["1177"]}\n'
SV_112 = "emergency number in Sweden and the EU"
SV_1177 = "Swedish health advice line"
GIVE_112 = "give 112 here, the glossary's emergency number for Swedish readers (in Sweden)"
# 1177 is also reached from abroad on +46 771 11 77 00: the glossary names both for Swedish readers.
GIVE_1177 = (
    "give 1177 or +46771117700 here, the glossary's health advice lines for Swedish readers (in Sweden)"
)
# The Swedish Poisons Information Centre's number for questions that are not urgent.
POISON = (
    '    - {number: "0104566700", role: poison, countries: [SE], name: Swedish Poisons Information Centre}\n'
)
FIRST_NUMBER = '    - {number: "112"'


def sv_slots(emergency: str, advice: str) -> Change:
    """Give the Swedish seek-care box other numbers in site.yaml."""
    new = f'    emergency:\n      - {{numbers: ["{emergency}"]}}\n    advice:\n      - {{numbers: ["{advice}"]}}\n'
    return Change("site.yaml", SV_SLOTS, new)


def translated(rel: str) -> Change:
    """Record a Swedish page as translated from the current English source, unchanged."""
    return Change(rel, "", "", mark=True)


# Each defect: the changes, then the problems expected as (file, text at the line, message).
DEFECTS: dict[str, tuple[tuple[Change, ...], tuple[tuple[str, str, str], ...]]] = {
    "advice-number-in-the-emergency-slot": (
        (sv_slots("1177", "1177"),),
        (
            (
                "site.yaml",
                '      - {numbers: ["1177"]}\n    advice',
                "error [safety-number] seek_care.sv.emergency gives 1177 (Swedish health advice line), not an "
                f"emergency number: {GIVE_112}, and 1177 under 'advice'",
            ),
        ),
    ),
    "emergency-and-advice-swapped": (
        (sv_slots("1177", "112"),),
        (
            (
                "site.yaml",
                '      - {numbers: ["1177"]}\n    advice',
                f"error [safety-number] seek_care.sv.emergency gives 1177 ({SV_1177}) and seek_care.sv.advice "
                f"gives 112 ({SV_112}): the emergency and advice numbers are swapped; put 112 under 'emergency' "
                "and 1177 under 'advice'",
            ),
            (
                "site.yaml",
                '      - {numbers: ["112"]}\n  en:',
                f"error [safety-number] seek_care.sv.advice gives 112 ({SV_112}) and seek_care.sv.emergency "
                f"gives 1177 ({SV_1177}): the emergency and advice numbers are swapped; put 1177 under 'advice' "
                "and 112 under 'emergency'",
            ),
        ),
    ),
    "uk-advice-line-for-swedish-readers": (
        (sv_slots("112", "111"),),
        (
            (
                "site.yaml",
                '      - {numbers: ["111"]}',
                "error [safety-number] seek_care.sv.advice gives 111 (NHS 111, the UK health advice line), but "
                f"Swedish readers are in Sweden: {GIVE_1177}",
            ),
        ),
    ),
    "number-the-glossary-does-not-know": (
        (sv_slots("112", "1171"),),
        (
            (
                "site.yaml",
                '      - {numbers: ["1171"]}',
                "error [safety-number] seek_care.sv.advice gives 1171, a number the glossary does not know: "
                f"{GIVE_1177}; if 1171 is a real public number, add it to 'safety_numbers' in "
                "locales/glossary.yaml with its role and countries",
            ),
        ),
    ),
    "second-number-in-a-block-list": (
        (
            Change(
                "site.yaml",
                '      - {numbers: ["112"]}\n',
                '      - numbers:\n          - "112"\n          - "1177"\n',
            ),
        ),
        (
            (
                "site.yaml",
                '          - "1177"',
                f"error [safety-number] seek_care.sv.emergency gives 1177 ({SV_1177}), not an emergency number: "
                f"{GIVE_112}, and 1177 under 'advice'",
            ),
        ),
    ),
    "poison-line-in-the-advice-slot": (
        (Change(GLOSSARY, FIRST_NUMBER, POISON + FIRST_NUMBER), sv_slots("112", "0104566700")),
        (
            (
                "site.yaml",
                '      - {numbers: ["0104566700"]}',
                "error [safety-number] seek_care.sv.advice gives 0104566700 (Swedish Poisons Information Centre), "
                f"not a health advice line: {GIVE_1177}",
            ),
        ),
    ),
    "tel-link-dials-another-number": (
        (Change(SV_CARE, "Ring 112 om du eller", "Ring [112](tel:1177) om du eller"),),
        (
            (
                SV_CARE,
                "Ring [112](tel:1177)",
                f"error [safety-number] the tel: link shows 112 ({SV_112}) but dials 1177 ({SV_1177}): make the "
                "target tel:112, or the text 1177",
            ),
        ),
    ),
    "tel-link-to-an-unknown-number": (
        (
            Change(
                SV_CARE,
                "- Ring 1177 om du behöver råd om vård.",
                "- Ring 1177 om du behöver råd om vård, eller [ring din vårdcentral](tel:0812345678).",
            ),
        ),
        (
            (
                SV_CARE,
                "(tel:0812345678)",
                "error [safety-number] the tel: link dials 0812345678, a number the glossary does not know: link "
                "only the public numbers of 'safety_numbers' in locales/glossary.yaml (if 0812345678 is one, add "
                "it there with its role and countries)",
            ),
        ),
    ),
    "uk-number-on-a-swedish-page": (
        (Change(SV_CARE, "- Ring 112 om det är akut.", "- Ring 112 om det är akut (999 i Storbritannien)."),),
        (
            (
                SV_CARE,
                "(999 i Storbritannien)",
                "error [emergency] '999' is the UK emergency number: a Swedish page must not give it; its "
                f"readers are in Sweden: give 112 ({SV_112}) instead, or leave it out",
            ),
        ),
    ),
    "us-number-in-a-swedish-data-text": (
        (
            Change(
                "content/data/side-effects.yaml",
                'oavsett var du fick den. Ring 112."',
                'oavsett var du fick den. Ring 112 (911 i USA)."',
            ),
        ),
        (
            (
                "content/data/side-effects.yaml",
                "Ring 112 (911 i USA)",
                "error [emergency] '911' is the US emergency number: a Swedish page must not give it; its "
                f"readers are in Sweden: give 112 ({SV_112}) instead, or leave it out",
            ),
        ),
    ),
    "tel-link-in-a-data-text-dials-another-number": (
        (
            Change(
                "content/data/providers.yaml", "Ring 1177 om du undrar", "Ring [1177](tel:112) om du undrar"
            ),
        ),
        (
            (
                "content/data/providers.yaml",
                "Ring [1177](tel:112)",
                f"error [safety-number] the tel: link shows 1177 ({SV_1177}) but dials 112 ({SV_112}): make the "
                "target tel:1177, or the text 112",
            ),
        ),
    ),
    "uk-number-in-a-swedish-ui-string": (
        (
            Change(
                SV_PO,
                'msgstr "Ring %(numbers)s."',
                'msgstr ""\n"Ring %(numbers)s "\n"(999 i Storbritannien)."',
            ),
        ),
        (
            (
                SV_PO,
                '"(999 i Storbritannien)."',
                "error [emergency] '999' is the UK emergency number: a Swedish page must not give it; its "
                f"readers are in Sweden: give 112 ({SV_112}) instead, or leave it out",
            ),
        ),
    ),
    "tel-link-in-a-ui-string-dials-another-number": (
        (
            Change(
                SV_PO,
                'msgstr "Ring %(numbers)s för att få råd om vart du ska vända dig."',
                'msgstr ""\n"Ring %(numbers)s för att få råd om vart du ska vända dig, "\n'
                '"eller <a href=\\"tel:1177\\">112</a>."',
            ),
        ),
        (
            (
                SV_PO,
                '"eller <a href=',
                f"error [safety-number] the tel: link shows 112 ({SV_112}) but dials 1177 ({SV_1177}): make the "
                "target tel:112, or the text 1177",
            ),
        ),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_defect_is_reported_at_its_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changes, expected = DEFECTS[name]
    root = shipped_copy(tmp_path / "site")
    apply(root, changes, capsys)
    lines = [f"{rel}:{line_of(root, rel, needle)}: {message}" for rel, needle, message in expected]
    status, problems = check(root, capsys, "--strict")
    for line in lines:
        assert line in problems, "\n".join(problems)
    assert status == 1
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 1
    printed = capsys.readouterr()
    for line in lines:
        assert line in (printed.out + printed.err).splitlines()
    assert not (root / "_site").exists(), "a build with an error wrote the site"


LEGITIMATE: dict[str, tuple[Change, ...]] = {
    # English readers are anywhere: the UK's emergency number suits them, and the Swedish page
    # rightly leaves it out.
    "uk-number-for-english-readers": (
        Change(
            "content/en/finding-a-provider.md",
            "If a life is at risk, call 112.",
            "If a life is at risk, call 112 (999 in the UK).",
        ),
        translated("content/sv/hitta-behandlare.md"),
    ),
    "swedish-numbers-as-tel-links-in-their-roles": (
        Change(SV_CARE, "- Ring 112 om det är akut.", "- Ring [112](tel:112) om det är akut."),
        Change(SV_CARE, "- Ring 1177 om du behöver", "- Ring [1177](tel:1177) om du behöver"),
    ),
    # A long number is written in groups: "+46 771 11 77 00" abroad, "0771-11 77 00" in Sweden.
    "international-and-national-forms-of-one-number": (
        Change(
            EN_CARE,
            "- For advice, call 1177 in Sweden or NHS 111 in the UK.",
            "- For advice, call 1177 in Sweden ([+46 771 11 77 00](tel:+46771117700) from abroad) or NHS 111 "
            "in the UK.",
        ),
        Change(
            SV_CARE,
            "- Ring 1177 om du behöver råd om vård.",
            "- Ring 1177 om du behöver råd om vård ([0771-11 77 00](tel:+46771117700) från utlandet).",
            True,
        ),
    ),
    "a-poison-line-the-glossary-knows": (Change(GLOSSARY, FIRST_NUMBER, POISON + FIRST_NUMBER),),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LEGITIMATE))
def test_legitimate_edit_passes(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_legitimate(shipped_copy(tmp_path / "site"), LEGITIMATE[name], capsys)


# Glossary faults: (text replaced, its replacement, text at the faulty line, message).
GLOSSARY_FAULTS = {
    "unknown-role": (
        "role: advice, countries: [SE], name: Swedish",
        "role: advise, countries: [SE], name: Swedish",
        '"1177", role: advise',
        "error [glossary] 'safety_numbers.numbers' entry 2: unknown role 'advise' (use one of: advice, crisis, "
        "emergency, poison)",
    ),
    "number-not-quoted": (
        '{number: "911"',
        "{number: 911",
        "{number: 911",
        "error [glossary] 'safety_numbers.numbers' entry 4: '911' is not a phone number: write its digits in "
        'quotes, such as "112"',
    ),
    "not-a-country": (
        "countries: [GB], name: UK emergency",
        "countries: [UK], name: UK emergency",
        "countries: [UK]",
        "error [glossary] 'safety_numbers.numbers' entry 5: 'UK' is not a country code: list ISO 3166 codes "
        "such as SE, GB, US (EU for the European Union)",
    ),
    "the-old-untyped-form": (
        "safety_numbers:\n",
        'emergency_numbers:\n  "112": emergency number\nsafety_numbers:\n',
        "emergency_numbers:",
        "error [glossary] 'emergency_numbers' is replaced by the typed table 'safety_numbers': give each "
        "number its role and countries under 'safety_numbers.numbers', and where each language's readers are "
        "under 'safety_numbers.readers' (see README.md, 'The glossary')",
    ),
    "readers-of-a-language-not-given": (
        "    sv: [SE]\n",
        "",
        "  readers:",
        "error [glossary] 'safety_numbers.readers' does not say where the sv readers are: add 'sv: [SE]' (their "
        "country codes) or 'sv: anywhere'",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GLOSSARY_FAULTS))
def test_glossary_fault_is_reported_at_its_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, needle, message = GLOSSARY_FAULTS[name]
    root = shipped_copy(tmp_path / "site")
    edit(root, GLOSSARY, old, new)
    expected = f"{GLOSSARY}:{line_of(root, GLOSSARY, needle)}: {message}"
    status, problems = check(root, capsys)
    assert expected in problems, "\n".join(problems)
    assert status == 1
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 1
    printed = capsys.readouterr()
    assert expected in (printed.out + printed.err).splitlines()
