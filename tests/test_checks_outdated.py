"""Outdated translations: the source hash, --diff from git history, and --mark-updated."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.checks.outdated import normalise, text_hash
from tests.check_helpers import EN_ADVICE, SV_ADVICE, problem_lines, run_check

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_layout_only_changes_do_not_change_the_hash() -> None:
    a = normalise("Title", "About it.", "Text.\n\n\n## Heading   \nMore.\n\n")
    b = normalise("Title ", " About it.", "Text.\n\n## Heading\nMore.\n")
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash(normalise("Title", "About it.", "Text.\n\n## Heading\nMore!\n"))
    assert len(text_hash(a)) == 12


@needs_git
def test_an_edited_source_makes_its_translation_outdated_until_marked(site_factory, capsys) -> None:
    root = site_factory()
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    en = root / EN_ADVICE
    en.write_text(
        en.read_text(encoding="utf-8").replace("- Drink water.", "- Drink a glass of water."), "utf-8"
    )
    git(root, "commit", "-q", "-am", "edit the English advice")

    status, out, _err = run_check(root, "--strict", capsys=capsys)
    assert status == 1
    outdated = [line for line in problem_lines(out) if "[outdated]" in line]
    assert outdated == [
        "content/sv/rad.md:10: warning [outdated] outdated: content/en/advice.md has changed since this "
        "translation was made (version 9d16bcc448da, now fef8febbd399); see what changed with: "
        "python3 build.py check --diff content/sv/rad.md; then update it and run: "
        "python3 build.py check --mark-updated content/sv/rad.md"
    ]
    assert "sv (Swedish): pages 1/2 up to date, 1 outdated" in out

    status, out, _err = run_check(root, "--diff", SV_ADVICE, capsys=capsys)
    assert status == 0
    assert out.splitlines()[:2] == [
        f"--- content/en/advice.md (version 9d16bcc448da, commit {_head(root, '~1')[:12]})",
        "+++ content/en/advice.md (now, version fef8febbd399)",
    ]
    assert "-- Drink water.\n+- Drink a glass of water.\n" in out

    sv = root / SV_ADVICE
    sv.write_text(
        sv.read_text(encoding="utf-8").replace("- Drick vatten.", "- Drick ett glas vatten."), "utf-8"
    )
    status, out, _err = run_check(root, "--mark-updated", SV_ADVICE, capsys=capsys)
    assert (status, out) == (
        0,
        "content/sv/rad.md: marked up to date with content/en/advice.md (version fef8febbd399)\n",
    )
    assert 'source_hash: "fef8febbd399"\n---\n' in sv.read_text(encoding="utf-8")
    assert sv.read_text(encoding="utf-8").count("source_hash") == 1

    status, out, _err = run_check(root, capsys=capsys)
    assert status == 0
    assert not [line for line in problem_lines(out) if "[outdated]" in line]
    assert "sv (Swedish): pages 2/2 up to date, 0 outdated" in out
    status, out, _err = run_check(root, "--diff", SV_ADVICE, capsys=capsys)
    assert (status, out) == (
        0,
        "content/sv/rad.md is up to date with content/en/advice.md: nothing changed.\n",
    )


def _head(root: Path, suffix: str = "") -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", f"HEAD{suffix}"], capture_output=True, text=True
    )
    return done.stdout.strip()


def test_an_uncommitted_change_is_diffed_against_the_index(site_factory, capsys) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = site_factory()
    git(root, "init", "-q")
    git(root, "add", ".")
    en = root / EN_ADVICE
    en.write_text(en.read_text(encoding="utf-8").replace("1 to 2 days", "one or two days"), "utf-8")
    status, out, _err = run_check(root, "--diff", SV_ADVICE, capsys=capsys)
    assert status == 0
    assert out.splitlines()[0] == "--- content/en/advice.md (version 9d16bcc448da, the git index)"


def test_without_history_the_diff_says_so(site_factory, capsys) -> None:
    root = site_factory()
    en = root / EN_ADVICE
    en.write_text(en.read_text(encoding="utf-8").replace("1 to 2 days", "one or two days"), "utf-8")
    status, out, _err = run_check(root, "--diff", SV_ADVICE, capsys=capsys)
    assert status == 1
    assert out == (
        "version 9d16bcc448da of content/en/advice.md is not in git history: the change cannot be shown. "
        "Compare content/sv/rad.md with content/en/advice.md by hand.\n"
    )


def test_marking_a_source_article_is_refused(site_factory, capsys) -> None:
    status, out, err = run_check(site_factory(), "--mark-updated", EN_ADVICE, capsys=capsys)
    assert (status, out) == (1, "")
    assert err == (
        "content/en/advice.md: error [outdated] this is the English source; give the path of one of its "
        "translations\n"
    )


def test_a_translation_without_a_hash_is_marked_in_its_front_matter(site_factory, capsys) -> None:
    root = site_factory()
    sv = root / SV_ADVICE
    sv.write_text(sv.read_text(encoding="utf-8").replace("source_hash: 9d16bcc448da\n", ""), "utf-8")
    status, out, _err = run_check(root, "--strict", capsys=capsys)
    assert "content/sv/rad.md:1: warning [outdated] no 'source_hash'" in out
    status, _out, _err = run_check(root, "--mark-updated", str(sv), capsys=capsys)
    assert status == 0
    assert 'order: 20\nsource_hash: "9d16bcc448da"\n---\n' in sv.read_text(encoding="utf-8")
