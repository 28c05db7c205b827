"""The write stage on other disks and failing machines: one `[io]` line, the previous site kept.

The tests that need a file system of their own mount a tmpfs (root only) and are skipped,
saying why, where that cannot be done.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import sitegen.output.write
from sitegen.cli import main
from tests.conftest import REPO, tree

FAILED = "build failed: 1 problem(s); the previous site was left as it was"
NO_SPACE = "No space left on device; free some space, then build again"


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Return a function that mounts a tmpfs of the given size and returns its folder."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root and mount(8); run as root to test other file systems")
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def run(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-search", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def cold(root: Path) -> dict[str, bytes]:
    done = run(root, "--no-cache", "--output", str(root / "cold"))
    assert done.returncode == 0, done.stderr
    return tree(root / "cold")


def edit(root: Path, n: int) -> None:
    path = root / "content/en/advice.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nEdit ")[0].rstrip("\n") + f"\n\nEdit {n}.\n", encoding="utf-8")


def generated(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site.new-", ".site.old-")))


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system of folder until about leave bytes are free; return the filler."""
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with open(filler, "r+b") as handle:
        handle.truncate(max(0, filler.stat().st_size - leave))
    return filler


# --- --output on another file system ---------------------------------------------------


def test_output_on_another_file_system_builds_again_and_again(site_factory, tmpfs) -> None:
    root = site_factory()
    out = tmpfs("16m") / "site"
    for n in range(4):  # a cold build, a hard-linked one, then the spare brought up to date
        edit(root, n)
        done = run(root, "--output", str(out))
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert tree(out) == cold(root), f"build {n}"
        assert generated(out.parent) == []
    spare = out.parent / ".site.spare"
    assert spare.is_dir()
    assert os.stat(spare).st_dev == os.stat(out).st_dev != os.stat(root).st_dev


# --- a full disk, a read-only folder, permission denied ----------------------------------


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "no-cache"])
def test_a_full_disk_gives_one_io_error_and_keeps_the_previous_site(site_factory, tmpfs, cached) -> None:
    root = site_factory()
    out = tmpfs("4m") / "site"
    extra = ("--output", str(out)) if cached else ("--output", str(out), "--no-cache")
    assert run(root, *extra).returncode == 0
    previous = tree(out)
    filler = fill(out.parent, 8192)
    edit(root, 1)
    done = run(root, *extra)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == FAILED, done.stderr
    where, doing = re.fullmatch(rf"(\S+): error \[io\] cannot (.+): {re.escape(NO_SPACE)}", lines[0]).groups()
    assert where.startswith(str(out.parent)), where
    assert doing in ("lock the output folder", "write the site", "write the status page")
    assert tree(out) == previous
    assert generated(out.parent) == []
    filler.unlink()
    done = run(root, *extra)
    assert done.returncode == 0, done.stderr
    assert tree(out) == cold(root)


def test_a_full_disk_while_the_site_is_written_names_the_file(site_factory, tmpfs) -> None:
    root = site_factory()
    out = tmpfs("4m") / "site"
    extra = ("--output", str(out), "--no-cache")
    assert run(root, *extra).returncode == 0
    previous = tree(out)
    reports = sum(p.stat().st_size for p in (out.parent / "_reports").iterdir())
    # Room for the lock and the status page, not for a whole new site.
    filler = fill(out.parent, reports + 32768)
    edit(root, 1)
    done = run(root, *extra)
    assert done.returncode == 1
    first, second = done.stderr.splitlines()
    assert second == FAILED
    assert re.fullmatch(
        rf"{re.escape(str(out))}/\S+: error \[io\] cannot write the site: {re.escape(NO_SPACE)}", first
    )
    assert tree(out) == previous
    assert generated(out.parent) == []
    filler.unlink()


def test_a_read_only_file_system_gives_one_io_error_and_keeps_the_site(site_factory, tmpfs) -> None:
    root = site_factory()
    mnt = tmpfs("16m")
    out = mnt / "site"
    assert run(root, "--output", str(out)).returncode == 0
    previous = tree(out)
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
    try:
        edit(root, 1)
        done = run(root, "--output", str(out))
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(mnt)], check=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{out}: error [io] cannot lock the output folder: Read-only file system; "
        "the file system is read-only: make it writable or choose another --output",
        FAILED,
    ]
    assert tree(out) == previous


def test_a_read_only_output_folder_gives_one_io_error_and_keeps_the_site(site_factory, tmpfs) -> None:
    root = site_factory()
    out = tmpfs("16m") / "site"
    assert run(root, "--output", str(out)).returncode == 0
    previous = tree(out)
    # The folder alone read-only (root ignores permissions, so a read-only bind mount).
    subprocess.run(["mount", "--bind", str(out), str(out)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], check=True)
        edit(root, 1)
        done = run(root, "--output", str(out))
        assert tree(out) == previous
    finally:
        subprocess.run(["umount", str(out)], check=True)
    assert done.returncode == 1
    first, second = done.stderr.splitlines()
    assert re.fullmatch(rf"{re.escape(str(out))}(/\S+)?: error \[io\] cannot write the site: .+", first), (
        first
    )
    assert second == FAILED
    assert generated(out.parent) == [], first


def test_permission_denied_while_writing_is_one_io_error(site_factory, monkeypatch, capsys) -> None:
    # As root no permission is ever denied, so the write stage is made to meet one.
    root = site_factory()
    assert main(["--project", str(root), "--no-search"]) == 0
    previous = tree(root / "_site")
    real = sitegen.output.write.write_file

    def denied(path: Path, data: bytes) -> None:
        if path.name == "index.html" and path.parent.name == "advice":
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        real(path, data)

    monkeypatch.setattr(sitegen.output.write, "write_file", denied)
    edit(root, 1)
    capsys.readouterr()
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "_site/en/advice/index.html: error [io] cannot write the site: Permission denied; "
        "check who may write to (or read) this folder",
        FAILED,
    ]
    assert tree(root / "_site") == previous
    assert not [p for p in root.iterdir() if p.name.startswith("._site.new-")]


# --- a source that vanishes mid-build -----------------------------------------------------

# Builds with one file deleted just before the build opens it: listed, then gone.
VANISH = """
import builtins, io, os, sys

victim = os.path.abspath(sys.argv[2])
real_open, real_os_open = builtins.open, os.open

def gone(path):
    if isinstance(path, (str, os.PathLike)) and os.path.abspath(os.fspath(path)) == victim:
        if os.path.lexists(victim):
            os.unlink(victim)

def vanishing_open(file, *args, **kwargs):
    gone(file)
    return real_open(file, *args, **kwargs)

def vanishing_os_open(path, *args, **kwargs):
    gone(path)
    return real_os_open(path, *args, **kwargs)

builtins.open = io.open = vanishing_open
os.open = vanishing_os_open
from sitegen.cli import main
sys.exit(main(["--project", sys.argv[1], "--no-search", *sys.argv[3:]]))
"""


@pytest.mark.parametrize(
    "victim", ["templates/base.html", "templates/partials/switcher.html", "content/en/advice.md"]
)
@pytest.mark.parametrize("cached", [True, False], ids=["cached", "no-cache"])
def test_a_source_vanishing_mid_build_gives_one_io_error(site_factory, victim: str, cached: bool) -> None:
    root = site_factory()
    assert run(root).returncode == 0
    previous = tree(root / "_site")
    edit(root, 1)
    extra = [] if cached else ["--no-cache"]
    done = subprocess.run(
        [sys.executable, "-c", VANISH, str(root), str(root / victim), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert not (root / victim).exists(), "the build never opened it"
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert [line for line in lines if ": error " in line] == [
        f"{victim}: error [io] cannot read the file: No such file or directory; "
        "it vanished during the build: build again once it is back"
    ]
    assert lines[-1] == FAILED
    assert "Traceback" not in done.stderr
    assert tree(root / "_site") == previous


def test_a_failure_after_the_swap_is_a_warning_and_exit_status_0(site_factory, monkeypatch, capsys) -> None:
    root = site_factory()
    assert main(["--project", str(root), "--no-search"]) == 0

    def refuse(path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(sitegen.output.write.shutil, "rmtree", refuse)
    edit(root, 1)
    capsys.readouterr()
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 0
    assert (
        "_site: warning [io] cannot put the previous site away (the new one is in place; the next build "
        "tidies up): Permission denied; check who may write to (or read) this folder"
    ) in capsys.readouterr().err.splitlines()
    new = tree(root / "_site")
    assert "Edit 1." in new["en/advice/index.html"].decode()
    monkeypatch.undo()
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 0
    assert tree(root / "_site") == new
    assert not [p for p in root.iterdir() if p.name.startswith("._site.new-")]
