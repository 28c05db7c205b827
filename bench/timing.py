"""Time one command as its own process: wall time, CPU time of it and its children, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class BenchError(Exception):
    """A step of the benchmark failed; the message says which step and why."""


@dataclass(frozen=True)
class Sample:
    """One timed run: seconds of wall time and of CPU (user + system), and peak memory in MiB."""

    wall: float
    cpu: float
    peak: float = 0.0


def timed(command: Sequence[str], label: str, cwd: Path | None = None) -> Sample:
    """Run command with its output discarded; return its times, or raise BenchError if it fails."""
    # The output goes to a file: a pipe nobody reads while waiting would fill and stall the child.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                list(command), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd
            )
        except OSError as exc:
            raise BenchError(f"{label}: cannot run {command[0]}: {exc.strerror}") from exc
        # wait4's usage counts the child and every descendant it waited for (a process pool, Pagefind).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            said = err.read().decode("utf-8", "replace").strip()[-2000:]
            raise BenchError(f"{label} failed with exit status {code}: {' '.join(command)}\n{said}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(samples: Sequence[Sample], what: str) -> float:
    """Return the median of one field ('wall', 'cpu' or 'peak') over samples."""
    return statistics.median(getattr(s, what) for s in samples)
