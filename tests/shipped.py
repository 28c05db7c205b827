"""Copies of the shipped site with one edit, for the translation-check tests (the content changes: find, not hard-code)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import REPO, SHARED

# sitegen/ too: babel.cfg extracts the strings the generator writes, and `check` compares them.
SHIPPED = (*SHARED, "content", "sitegen")
# The shipped site names no publisher yet, which fails a strict check by itself; the copies name a
# test one, so that `check --strict` judges the translation checks these tests are about.
PUBLISHER = re.compile(r"^publisher:\n  name: .*\n  contact: .*\n", re.M)
TEST_PUBLISHER = 'publisher:\n  name: "Test publisher"\n  contact: "fel@example.org"\n'
NO_PUBLISHER = 'publisher:\n  name: ""\n  contact: ""\n'


def shipped_copy(root: Path, publisher: bool = True) -> Path:
    """Copy the shipped site (content, templates, locales, static, configuration) to root.

    publisher: name a test publisher in site.yaml (False: an empty one, as shipped today).
    """
    for name in SHIPPED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(
                src, root / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        elif src.exists():
            shutil.copy2(src, root / name)
    config, count = PUBLISHER.subn(TEST_PUBLISHER if publisher else NO_PUBLISHER, read(root, "site.yaml"))
    assert count == 1, "site.yaml has no publisher block of name and contact"
    (root / "site.yaml").write_text(config, encoding="utf-8")
    return root


def read(root: Path, rel: str) -> str:
    """Return a file of the copy as text."""
    return (root / rel).read_text(encoding="utf-8")


def edit(root: Path, rel: str, old: str | re.Pattern[str], new: str, count: int = 1) -> int:
    """Replace the first match of old in a file of the copy; return the line where it was."""
    text = read(root, rel)
    m = re.search(old, text) if isinstance(old, re.Pattern) else None
    start = (m.start() if m else -1) if isinstance(old, re.Pattern) else text.find(old)
    assert start >= 0, f"{old!r} is not in {rel}"
    text = old.sub(new, text, count=count) if isinstance(old, re.Pattern) else text.replace(old, new, count)
    (root / rel).write_text(text, encoding="utf-8")
    return text.count("\n", 0, start) + 1


def line_of(root: Path, rel: str, needle: str) -> int:
    """Return the line of the copy's file where needle first occurs."""
    text = read(root, rel)
    at = text.find(needle)
    assert at >= 0, f"{needle!r} is not in {rel}"
    return text.count("\n", 0, at) + 1


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run `check` on the copy; return the exit status and the problem lines."""
    status = main(["--project", str(root), "check", *args])
    out = capsys.readouterr().out
    return status, [line for line in out.splitlines() if ": error [" in line or ": warning [" in line]


def paragraph_with(root: Path, rel: str, pattern: str) -> tuple[int, str]:
    """Return the line and text of the first one-line paragraph of a file that matches pattern."""
    for i, line in enumerate(read(root, rel).split("\n"), 1):
        if line and line[0].isalpha() and re.search(pattern, line) and ":" not in line[:12]:
            return i, line
    raise AssertionError(f"no paragraph matching {pattern!r} in {rel}")


@dataclass(frozen=True)
class Change:
    """Replace old by new in a file of the copy (mark: then record the Swedish page as up to date)."""

    rel: str
    old: str
    new: str
    mark: bool = False


def apply(root: Path, changes: tuple[Change, ...], capsys: pytest.CaptureFixture[str]) -> int:
    """Make the changes in the copy; return the line of the first change outside the English source."""
    lines = []
    for change in changes:
        line = edit(root, change.rel, change.old, change.new)
        if not change.rel.startswith("content/en/"):
            lines.append(line)
        if change.mark:
            assert main(["--project", str(root), "check", "--mark-updated", str(root / change.rel)]) == 0
    capsys.readouterr()
    return lines[0] if lines else 0


def assert_legitimate(root: Path, changes: tuple[Change, ...], capsys: pytest.CaptureFixture[str]) -> None:
    """Make a translator's legitimate edit in the copy: it must change the file and pass check --strict."""
    before = read(root, changes[0].rel)
    apply(root, changes, capsys)
    assert read(root, changes[0].rel) != before
    status, problems = check(root, capsys, "--strict")
    assert problems == []
    assert status == 0
