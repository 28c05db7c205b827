"""The output lock: one build at a time, taken once, never through a symbolic link."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.output.lock import SITE_MARKER, lock_file, lock_output, site_marker, tidy
from sitegen.output.write import write_site
from sitegen.problems import BuildFailed
from tests.conftest import REPO, tree

LOCKED = re.compile(r"^_site: error \[lock\] another build( \(process \d+\))? is writing to this folder; ")
LOCK_MESSAGE = (
    "_site: error [lock] another build is writing to this folder; wait for it to finish, then build again"
)


def build_cmd(root: Path, *extra: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-search", *extra]


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(build_cmd(root, *extra), capture_output=True, text=True, timeout=300)


def edit(root: Path, n: int) -> None:
    """Change one article, so that the next build's site differs from the last one."""
    path = root / "content/en/advice.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nEdit ")[0].rstrip("\n") + f"\n\nEdit {n}.\n", encoding="utf-8")


def outside(tmp_path: Path) -> Path:
    """Return a folder outside the project with one file in it, to show it stays untouched."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me\n")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every entry below folder, links and folders included, with its bytes and mtime."""
    found = {".": (b"", folder.lstat().st_mtime_ns)}  # an entry made and deleted changes it
    for path in sorted(folder.rglob("*")):
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        found[path.relative_to(folder).as_posix()] = (data, path.lstat().st_mtime_ns)
    return found


def test_a_second_build_stops_with_a_clear_message_while_the_first_holds_the_lock(
    site_factory, capsys
) -> None:
    root = site_factory()
    assert main(["--project", str(root)]) == 0
    before = tree(root / "_site")
    capsys.readouterr()
    fd = os.open(lock_file(root / "_site"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        edit(root, 1)
        assert main(["--project", str(root)]) == 1
    finally:
        os.close(fd)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == LOCK_MESSAGE
    assert tree(root / "_site") == before
    assert main(["--project", str(root)]) == 0  # closing the holder's descriptor released it


def test_the_lock_message_names_the_process_that_holds_it(site_factory, capsys) -> None:
    root = site_factory()
    path = lock_file(root / "_site")
    path.write_text("4242\n")
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert main(["--project", str(root)]) == 1
    finally:
        os.close(fd)
    assert capsys.readouterr().err.splitlines()[0] == (
        "_site: error [lock] another build (process 4242) is writing to this folder; "
        "wait for it to finish, then build again"
    )


def test_the_lock_is_released_and_its_file_removed_after_a_build(site_factory) -> None:
    root = site_factory({"content/en/bad.md": "no front matter\n"})
    assert main(["--project", str(root)]) == 1
    assert not lock_file(root / "_site").exists()
    (root / "content/en/bad.md").unlink()
    assert main(["--project", str(root)]) == 0
    assert not lock_file(root / "_site").exists()
    assert main(["--project", str(root)]) == 0  # a lock file left by a killed build is no obstacle


def test_the_write_functions_take_the_held_lock_instead_of_locking_again(tmp_path) -> None:
    out = tmp_path / "_site"
    with lock_output(out, tmp_path) as held:
        assert lock_file(out).read_text() == f"{os.getpid()}\n"
        assert write_site(held, {"index.html": b"one", "sitemap.xml": b"<urlset/>"}) == []
    assert (out / "index.html").read_bytes() == b"one"
    assert not lock_file(out).exists()


def test_the_lock_is_not_reentrant_even_in_the_process_that_holds_it(tmp_path) -> None:
    out = tmp_path / "_site"
    with lock_output(out, tmp_path), pytest.raises(BuildFailed) as failed, lock_output(out, tmp_path):
        pytest.fail("locked twice")
    assert [str(p) for p in failed.value.problems] == [
        f"_site: error [lock] another build (process {os.getpid()}) is writing to this folder; "
        "wait for it to finish, then build again"
    ]
    with lock_output(out, tmp_path):  # released by the holder, not by the refused attempt
        pass


def test_two_builds_started_at_once_do_not_corrupt_each_other(site_factory) -> None:
    root = site_factory()
    assert run_build(root).returncode == 0
    for n in range(4):
        edit(root, n)
        first, second = (subprocess.Popen(build_cmd(root), stderr=subprocess.PIPE, text=True) for _ in "ab")
        results = [(p.wait(timeout=300), p.stderr.read()) for p in (first, second)]  # type: ignore[union-attr]
        assert any(code == 0 for code, _ in results)
        for code, err in results:
            assert code == 0 or LOCKED.match(err.splitlines()[0]), err
        complete = tree(root / "_site")
        assert run_build(root).returncode == 0
        assert tree(root / "_site") == complete


# --- a lock file that is not one -------------------------------------------------------


def test_a_symlinked_lock_is_refused_and_the_file_it_points_to_untouched(site_factory, tmp_path) -> None:
    root = site_factory()
    assert run_build(root).returncode == 0
    previous = tree(root / "_site")
    away = outside(tmp_path)
    before = snapshot(away)
    lock_file(root / "_site").symlink_to(away / "precious.txt")
    edit(root, 1)
    result = run_build(root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "._site.lock: error [lock] is a symbolic link; the lock is a plain file a build makes: remove the link",
        "build failed: 1 problem(s); the previous site was left as it was",
    ]
    assert snapshot(away) == before
    assert tree(root / "_site") == previous
    assert lock_file(root / "_site").is_symlink()  # refused, not removed: the user decides


def test_a_dangling_symlinked_lock_creates_nothing_where_it_points(site_factory, tmp_path) -> None:
    root = site_factory()
    lock_file(root / "_site").symlink_to(tmp_path / "made-by-the-build")
    result = run_build(root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("._site.lock: error [lock] is a symbolic link;")
    assert not (tmp_path / "made-by-the-build").exists()


def test_a_hard_linked_lock_is_refused_and_the_other_name_keeps_its_bytes(site_factory, tmp_path) -> None:
    root = site_factory()
    away = outside(tmp_path)
    os.link(away / "precious.txt", lock_file(root / "_site"))
    result = run_build(root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "._site.lock: error [lock] has another name (a hard link); "
        "the lock is a plain file a build makes: remove it"
    )
    assert (away / "precious.txt").read_text() == "keep me\n"


def test_a_lock_that_is_a_folder_is_refused(site_factory) -> None:
    root = site_factory()
    lock_file(root / "_site").mkdir()
    result = run_build(root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "._site.lock: error [lock] is not a plain file: remove it"


# --- what a killed build left ----------------------------------------------------------


def test_tidy_keeps_the_current_site_and_drops_an_old_one(tmp_path) -> None:
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site/index.html").write_text("current")
    (tmp_path / "_site" / SITE_MARKER).write_bytes(site_marker(tmp_path))
    (tmp_path / "._site.old-1").mkdir()
    (tmp_path / "._site.new-abc").mkdir()
    with lock_output(tmp_path / "_site", tmp_path) as held:
        tidy(held)
    assert (tmp_path / "_site/index.html").read_text() == "current"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]
    assert (tmp_path / "_site/index.html").read_text() == "current"


def test_a_symlinked_old_site_is_never_put_back_as_the_site(tmp_path) -> None:
    away = outside(tmp_path)
    (tmp_path / "project").mkdir()
    project = tmp_path / "project"
    (project / "._site.old-1").symlink_to(away)
    with lock_output(project / "_site", project):
        pass
    assert not os.path.lexists(project / "_site")
    assert not os.path.lexists(project / "._site.old-1")
    assert (away / "precious.txt").read_text() == "keep me\n"


def test_a_symlinked_cache_folder_is_removed_before_the_preview_is_written_into_it(
    site_factory, tmp_path
) -> None:
    from sitegen.preview.builder import PreviewBuilder

    root = site_factory()
    away = outside(tmp_path)
    before = snapshot(away)
    (root / ".cache").symlink_to(away, target_is_directory=True)
    assert PreviewBuilder(root, root / ".cache/preview").rebuild().ok
    assert snapshot(away) == before
    assert not (root / ".cache").is_symlink()
    assert (root / ".cache/preview/sitemap.xml").is_file()


def test_an_output_folder_reached_through_a_link_in_the_project_is_refused(site_factory, tmp_path) -> None:
    root = site_factory()
    away = outside(tmp_path)
    before = snapshot(away)
    (root / "public").symlink_to(away, target_is_directory=True)
    result = run_build(root, "--output", str(root / "public/site"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "public/site: error [output] public/ on the way to it is a symbolic link; "
        "give the folder it points to instead"
    )
    assert snapshot(away) == before


# --- the marker that lets a build replace a folder ---------------------------------------


def test_a_built_site_carries_a_marker_naming_its_project(site_factory) -> None:
    root = site_factory()
    assert main(["--project", str(root), "--no-search"]) == 0
    marker = (root / "_site" / SITE_MARKER).read_bytes()
    assert marker == site_marker(root)
    assert marker.startswith(b"sitegen output: ") and str(root).encode() not in marker


@pytest.mark.parametrize("kind", ["sitemap only", "link to a marker", "another project", "empty marker"])
def test_only_a_folder_with_this_projects_marker_is_replaced(
    site_factory, tmp_path, capsys, kind: str
) -> None:
    root = site_factory()
    out = tmp_path / "elsewhere"
    out.mkdir()
    (out / "precious.txt").write_text("keep me")
    (out / "sitemap.xml").write_text("<urlset/>")  # what once was enough
    if kind == "link to a marker":
        (tmp_path / "real-marker").write_bytes(site_marker(root))
        (out / SITE_MARKER).symlink_to(tmp_path / "real-marker")
    elif kind == "another project":
        (out / SITE_MARKER).write_bytes(site_marker(tmp_path / "other"))
    elif kind == "empty marker":
        (out / SITE_MARKER).write_bytes(b"")
    assert main(["--project", str(root), "--no-search", "--output", str(out)]) == 1
    message = (
        "the folder holds a site built from another project"
        if kind == "another project"
        else f"the folder exists and is not a site this generator built (no {SITE_MARKER})"
    )
    assert (
        f"{out}: error [output] {message}; refusing to replace it: empty it or choose another output folder"
        in (capsys.readouterr().err.splitlines())
    )
    assert (out / "precious.txt").read_text() == "keep me"


def test_a_folder_this_project_built_is_replaced(site_factory, tmp_path) -> None:
    root = site_factory()
    out = tmp_path / "elsewhere"
    assert main(["--project", str(root), "--no-search", "--output", str(out)]) == 0
    (out / "stale.txt").write_text("from before")
    assert main(["--project", str(root), "--no-search", "--no-cache", "--output", str(out)]) == 0
    assert not (out / "stale.txt").exists()
