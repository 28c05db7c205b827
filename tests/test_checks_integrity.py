"""Integrity checks on article bodies: container directives, care levels and tel: links."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from tests.check_helpers import EN_ADVICE, SV_ADVICE, sample


def build_errors(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Build root; return the exit status and the error lines."""
    status = main(["--project", str(root), "--no-search"])
    _out, err = capsys.readouterr()
    return status, [line for line in err.splitlines() if ": error [" in line]


def with_body(old: str, new: str) -> dict[str, str]:
    """Replace old by new in the English advice article, and the same in the Swedish one."""
    sv_old = {
        "It is common to feel sore for 1 to 2 days.": "Det är vanligt att vara öm i 1 till 2 dagar."
    }.get(old, old)
    return {EN_ADVICE: sample(EN_ADVICE, (old, new)), SV_ADVICE: sample(SV_ADVICE, (sv_old, new))}


def test_a_care_box_with_an_unknown_level_is_an_error(site_factory, capsys) -> None:
    body = "::: care urgently\nText.\n:::\n\nIt is common to feel sore for 1 to 2 days."
    status, errors = build_errors(
        site_factory(with_body("It is common to feel sore for 1 to 2 days.", body)), capsys
    )
    assert status == 1
    assert (
        "content/en/advice.md:12: error [directive] unknown care level 'urgently' (use one of: emergency, urgent, routine)"
        in errors
    )


def test_an_unclosed_box_and_a_stray_closing_line_are_errors(site_factory, capsys) -> None:
    body = ":::\n\n::: in-short\n- One.\n\nIt is common to feel sore for 1 to 2 days."
    status, errors = build_errors(
        site_factory(with_body("It is common to feel sore for 1 to 2 days.", body)), capsys
    )
    assert status == 1
    assert (
        "content/en/advice.md:12: error [directive] ':::' closes nothing: remove it, or open a box above it"
        in errors
    )
    assert (
        "content/en/advice.md:14: error [directive] '::: in-short' is never closed: "
        "end the box with a line of its own that says ':::'"
    ) in errors


def test_a_closed_box_builds(site_factory, capsys) -> None:
    body = "::: in-short\n- One.\n- Two.\n- Three.\n:::\n\nIt is common to feel sore for 1 to 2 days."
    root = site_factory(with_body("It is common to feel sore for 1 to 2 days.", body))
    status, errors = build_errors(root, capsys)
    assert (status, errors) == (0, [])
    html = (root / "_site/en/advice/index.html").read_text()
    assert (
        '<section class="in-short" aria-labelledby="in-short-heading">\n<h2 id="in-short-heading">In short</h2>'
        in html
    )
    assert '<h2 id="in-short-heading">I korthet</h2>' in (root / "_site/sv/rad/index.html").read_text()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("tel:112", None),
        ("tel:+46771117700", None),
        ("tel:javascript:alert", "a tel: link takes digits only, such as 'tel:112'"),
        ("tel:112;ext=1", "a tel: link takes digits only, such as 'tel:112'"),
    ],
)
def test_a_tel_link_takes_digits_only(site_factory, capsys, target: str, message: str | None) -> None:
    body = f"[Ring]({target}).\n\nIt is common to feel sore for 1 to 2 days."
    status, errors = build_errors(
        site_factory(with_body("It is common to feel sore for 1 to 2 days.", body)), capsys
    )
    expected = (
        [] if message is None else [f"content/en/advice.md:12: error [link] link to '{target}': {message}"]
    )
    assert [line for line in errors if line.startswith("content/en/")] == expected
    assert status == (0 if message is None else 1)
