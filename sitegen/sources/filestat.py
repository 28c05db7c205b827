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


# Path -> (stamp, read at, hash): a long-running preview hashes each unchanged file once.
_digests: dict[str, tuple[Stamp, int, str]] = {}


def file_digest(path: os.PathLike[str] | str, digest) -> str:  # type: ignore[no-untyped-def]
    """Return digest(bytes of path), or 'missing'; reuse the last hash while the file is unchanged."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        return "missing"
    known = _digests.get(name)
    if known is not None and unchanged(known[0], known[1], st):
        return known[2]
    at = now()
    # There a moment ago and gone now: the machine's fault, which the build reports as [io].
    with open(name, "rb") as handle:
        value = digest(handle.read())
    _digests[name] = (stamp(st), at, value)
    return value
