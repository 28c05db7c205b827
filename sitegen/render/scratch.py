"""Temporary work folders and child processes that die with the build that made them.

The search index is made by a child process (Pagefind) in a folder of the temporary
directory. A build stopped by a signal kills its child and deletes its folder on the way
out; a build killed outright (SIGKILL, a crash, the machine) cannot, so each folder holds a
lock that its build keeps open: the next build that finds a folder whose lock it can take
knows its owner is gone, kills what still runs in it and deletes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .. import progress

OWNER = "owner.lock"
# A folder without its lock file is one a live build made an instant ago, or one a build
# was killed in before it could lock it; only the second kind is this old.
UNLOCKED_GRACE = 600.0

_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()


@contextlib.contextmanager
def owned_folder(prefix: str) -> Iterator[Path]:
    """Make a temporary folder locked by this process; delete it on the way out, however it ends."""
    remove_abandoned(prefix)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        folder = Path(tmp)
        fd = os.open(folder / OWNER, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield folder
        finally:
            os.close(fd)


def remove_abandoned(prefix: str, temp: Path | None = None) -> list[Path]:
    """Delete the work folders of prefix whose build is gone, and kill what still runs in them."""
    temp = temp or Path(tempfile.gettempdir())
    removed = []
    try:
        names = sorted(name for name in os.listdir(temp) if name.startswith(prefix))
    except OSError:
        return removed
    for name in names:
        folder = temp / name
        with contextlib.suppress(OSError):
            if _abandoned(folder):
                _kill_processes_in(folder)
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    """Return whether folder is ours, a real folder, and no live process holds its lock."""
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return False
    try:
        fd = os.open(folder / OWNER, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return time.time() - st.st_mtime > UNLOCKED_GRACE
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        # Closing releases the lock; a build that takes it meanwhile finds the folder gone.
        os.close(fd)
    return True


def _kill_processes_in(folder: Path) -> None:
    """Kill this user's processes whose command line names folder (Linux's /proc; elsewhere none)."""
    needle = os.fsencode(folder) + b"/"
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_uid != os.getuid():
                continue
            if needle in entry.joinpath("cmdline").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)


def run_child(command: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run command in cwd and return its result; stop_children() kills it from another thread."""
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        with _running_lock:
            _running.add(proc)
        try:
            progress.reached("indexing")
            out, err = proc.communicate(timeout=timeout)
        except BaseException:
            # A timeout, Ctrl-C or the signal handler's exception: the child goes with us.
            proc.kill()
            proc.wait()
            raise
        finally:
            with _running_lock:
                _running.discard(proc)
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def stop_children() -> None:
    """Kill every child that run_child started and that still runs."""
    with _running_lock:
        for proc in _running:
            with contextlib.suppress(OSError):
                proc.kill()
