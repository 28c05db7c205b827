"""Helpers for the translation-check tests: run `check` on a tiny site and edit sample files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import SAMPLE

SV_NEEDLES = "content/sv/om-nalar.md"
SV_ADVICE = "content/sv/rad.md"
EN_NEEDLES = "content/en/about-needles.md"
EN_ADVICE = "content/en/advice.md"


def sample(rel: str, *replacements: tuple[str, str]) -> str:
    """Return a sample-site file's text with each (old, new) replaced; old must occur."""
    text = (SAMPLE / rel).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{old!r} is not in {rel}"
        text = text.replace(old, new, 1)
    return text


def run_check(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `check` on root; return the exit status, stdout and stderr."""
    status = main(["--project", str(root), "check", *args])
    out, err = capsys.readouterr()
    return status, out, err


def problem_lines(out: str) -> list[str]:
    """Return the problem lines of check's text output (not the summary)."""
    return [line for line in out.splitlines() if ": error [" in line or ": warning [" in line]
