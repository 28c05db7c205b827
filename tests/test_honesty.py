"""`check` warns when a translation was marked up to date while its text stayed as it was."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.shipped import check, edit, line_of, shipped_copy

SV = "content/sv/biverkningar.md"
EN = "content/en/side-effects.md"
OLD_EN = "They can change what they do, or stop."
NEW_EN = "They can change what they do, stop, or ask you to see a doctor."


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@localhost", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Return a copy of the shipped site under git, with the English source changed and committed."""
    root = shipped_copy(tmp_path / "site")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "as shipped")
    edit(root, EN, OLD_EN, NEW_EN)
    git(root, "commit", "-q", "-am", "more advice in English")
    return root


def mark(root: Path, capsys) -> str:
    old = line_of(root, SV, "source_hash:")
    before = (root / SV).read_text(encoding="utf-8").splitlines()[old - 1].split('"')[1]
    assert main(["--project", str(root), "check", "--mark-updated", str(root / SV)]) == 0
    capsys.readouterr()
    return before


def test_a_mark_without_a_change_to_the_translation_is_a_warning(repo: Path, capsys) -> None:
    before = mark(repo, capsys)
    git(repo, "commit", "-q", "-am", "mark the Swedish page up to date")
    status, problems = check(repo, capsys, "--strict")
    assert status == 1
    now = (repo / SV).read_text(encoding="utf-8")
    after = now.split('source_hash: "')[1].split('"')[0]
    assert problems == [
        f"{SV}:{line_of(repo, SV, 'source_hash:')}: warning [outdated] marked up to date with version "
        f"{after} of {EN}, but its text is as it was when it followed version {before}, and 1 sentence(s) of "
        f"the source changed since (first: '{NEW_EN[:59].rstrip()}…', {EN}:{line_of(repo, EN, NEW_EN)}): translate the "
        f'change (to see it, set source_hash back to "{before}" and run python3 build.py check --diff {SV}); '
        "if it needs none, say so after the hash: # deliberate: unchanged"
    ]
    assert check(repo, capsys)[0] == 0  # a warning: the translator may know better


def test_a_translator_who_says_the_change_needs_no_translation_is_believed(repo: Path, capsys) -> None:
    mark(repo, capsys)
    text = (repo / SV).read_text(encoding="utf-8")
    hashed = next(line for line in text.splitlines() if line.startswith("source_hash:"))
    (repo / SV).write_text(
        text.replace(hashed, f"{hashed}  # deliberate: unchanged (the same advice)"), "utf-8"
    )
    git(repo, "commit", "-q", "-am", "mark, and say why")
    assert check(repo, capsys, "--strict") == (0, [])


def test_the_same_holds_before_the_mark_is_committed(repo: Path, capsys) -> None:
    mark(repo, capsys)
    status, problems = check(repo, capsys, "--strict")
    assert status == 1 and len(problems) == 1 and "but its text is as it was" in problems[0]


def test_a_mark_that_comes_with_the_translated_change_passes(repo: Path, capsys) -> None:
    edit(
        repo,
        SV,
        "Den som behandlar dig kan då göra på ett annat sätt eller sluta.",
        "Den som behandlar dig kan då göra på ett annat sätt, sluta eller be dig gå till en läkare.",
    )
    mark(repo, capsys)
    git(repo, "commit", "-q", "-am", "translate and mark")
    assert check(repo, capsys, "--strict") == (0, [])


def test_without_git_there_is_nothing_to_compare(tmp_path: Path, capsys) -> None:
    root = shipped_copy(tmp_path / "site")
    edit(root, EN, OLD_EN, NEW_EN)
    mark(root, capsys)
    assert check(root, capsys, "--strict") == (0, [])
