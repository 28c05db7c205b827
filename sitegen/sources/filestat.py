"""Tell that a file is unchanged by its size, mtime and inode, without reading it again."""

from __future__ import annotations

import os
import time

# A file modified this close to when it was read may change again within the same mtime:
# such a file is read again (git's "racy" rule).
RACY_NS = 2_000_000_000

Stamp = tuple[int, int, int]


def stamp(st: os.stat_result) -> Stamp:
    """Return what identifies a file's version: size, mtime in ns, inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def unchanged(recorded: Stamp | None, read_at: int, st: os.stat_result) -> bool:
    """Tell whether a file read at read_at (time.time_ns()) with stamp recorded is still that file."""
    return recorded == stamp(st) and st.st_mtime_ns < read_at - RACY_NS


def now() -> int:
    """Return the time to record with a stamp, taken before the file is read."""
    return time.time_ns()
