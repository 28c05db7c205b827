"""Tell a watching test how far a build has come, so it can stop the build at a known point.

With SITEGEN_PROGRESS=FILE, each step a build reaches is appended to FILE as `step#n` (the
n-th time this process reached it). With SITEGEN_PAUSE_AT=step#n as well, the build waits
there (up to PAUSE_SECONDS, then goes on), so a test can kill it at exactly that point
instead of guessing from the clock. Unset, reached() costs one comparison.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

PAUSE_SECONDS = 300
_FILE = os.environ.get("SITEGEN_PROGRESS") or None
_PAUSE_AT = os.environ.get("SITEGEN_PAUSE_AT") or None
_counts: dict[str, int] = {}  # only kept while a test watches
# The command line's stage timer, on a terminal only (see cli.StageTimer).
_listeners: list[Callable[[str], None]] = []


def listen(callback: Callable[[str], None]) -> Callable[[], None]:
    """Call callback with each step reached; return the function that stops it."""
    _listeners.append(callback)
    return lambda: _listeners.remove(callback)


def reached(step: str) -> None:
    """Record that the build reached step; pause there when a test asked for it."""
    for callback in _listeners:
        callback(step)
    if _FILE is None:
        return
    _counts[step] = count = _counts.get(step, 0) + 1
    marker = f"{step}#{count}"
    fd = os.open(_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, f"{marker}\n".encode())
    finally:
        os.close(fd)
    if marker == _PAUSE_AT:
        time.sleep(PAUSE_SECONDS)
