"""The search indexer's process and work folder die with the build, even a killed one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sitegen.render.scratch import owned_folder, remove_abandoned
from sitegen.render.search import WORK_PREFIX
from tests.conftest import REPO

# A stand-in for Pagefind that is still indexing whenever the build is stopped: one process
# whose command line names the work folder, as Pagefind's does.
SLOW_INDEXER = "#!/usr/bin/env python3\nimport time\ntime.sleep(600)\n"


def alive(pid: int) -> bool:
    """Return whether pid runs (a zombie that nobody reaped does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def indexers(temp: Path) -> list[int]:
    """Return the processes whose command line names a work folder in temp."""
    needle = os.fsencode(temp / WORK_PREFIX)
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if needle in entry.joinpath("cmdline").read_bytes() and alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def start(root: Path, temp: Path, progress: Path, slow: Path | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, TMPDIR=str(temp), SITEGEN_PROGRESS=str(progress), SITEGEN_PAUSE_AT="")
    if slow is not None:
        env["PAGEFIND_BINARY_PATH"] = str(slow)
    command = [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-cache"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_indexing(proc: subprocess.Popen[bytes], progress: Path, temp: Path) -> int:
    """Wait until the build runs its indexer; return the indexer's pid."""
    deadline = time.monotonic() + 120
    while True:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the build never started its indexer"
        if progress.exists() and "indexing#1" in progress.read_text().split():
            found = indexers(temp)
            if found:
                return found[0]
        time.sleep(0.01)


def indexing(root: Path, tmp_path: Path, slow: Path) -> tuple[Path, Path, subprocess.Popen[bytes], int]:
    """Start a build with its own temporary folder; return it all once its indexer runs."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = start(root, temp, tmp_path / "progress", slow)
    return root, temp, proc, wait_for_indexing(proc, tmp_path / "progress", temp)


@pytest.fixture
def slow_indexer(tmp_path: Path) -> Path:
    path = tmp_path / "pagefind"
    path.write_text(SLOW_INDEXER)
    path.chmod(0o755)
    return path


def test_a_build_killed_while_indexing_leaves_nothing_after_the_next_build(
    site_factory, tmp_path: Path, slow_indexer: Path
) -> None:
    root, temp, proc, indexer = indexing(site_factory(), tmp_path, slow_indexer)
    proc.kill()
    proc.wait(timeout=60)
    # SIGKILL gives the build no chance: its indexer and folder are still there...
    assert alive(indexer)
    assert [p.name.startswith(WORK_PREFIX) for p in temp.iterdir()] == [True]
    # ...until the next build, which finds the folder's lock free and clears up.
    after = start(root, temp, tmp_path / "progress-2", None)
    _out, err = after.communicate(timeout=300)
    assert after.returncode == 0, err
    deadline = time.monotonic() + 10
    while alive(indexer) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(indexer)
    assert indexers(temp) == []
    assert list(temp.iterdir()) == []


def test_a_build_stopped_with_sigterm_while_indexing_takes_its_indexer_and_folder_with_it(
    site_factory, tmp_path: Path, slow_indexer: Path
) -> None:
    _root, temp, proc, indexer = indexing(site_factory(), tmp_path, slow_indexer)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().splitlines()[-1] == "build stopped before it finished; build again for a new site"
    assert "Traceback" not in err.decode()
    assert not alive(indexer)
    assert list(temp.iterdir()) == []


def test_a_folder_whose_build_still_runs_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with owned_folder(WORK_PREFIX) as mine:
        assert remove_abandoned(WORK_PREFIX) == []
        assert mine.is_dir()
    assert list(tmp_path.iterdir()) == []


def test_a_link_or_a_file_with_the_prefix_is_never_followed_or_removed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep").write_text("x")
    (tmp_path / f"{WORK_PREFIX}link").symlink_to(target)
    (tmp_path / f"{WORK_PREFIX}file").write_text("x")
    assert remove_abandoned(WORK_PREFIX, tmp_path) == []
    assert (target / "keep").exists()
    assert (tmp_path / f"{WORK_PREFIX}file").exists()
