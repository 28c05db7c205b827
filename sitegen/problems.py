"""One way to report problems: used by build, check and serve alike."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
# Every character that str.splitlines() breaks at, or a terminal acts on, shown escaped instead.
# What to do about a failing machine, by errno; other errors are shown as the system words them.
IO_ADVICE = {
    errno.ENOSPC: "free some space, then build again",
    errno.EDQUOT: "free some space, then build again",
    errno.EROFS: "the file system is read-only: make it writable or choose another --output",
    errno.EACCES: "check who may write to (or read) this folder",
    errno.EPERM: "check who may write to (or read) this folder",
    errno.ENOENT: "it vanished during the build: build again once it is back",
}
ONE_LINE = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, 0x85]} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found in a source file, with the line it is on."""

    path: str
    line: int | None
    severity: str
    message: str
    check: str = "build"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        # One problem, one line: a quoted value may hold newlines or other line breaks.
        return f"{where}: {self.severity} [{self.check}] {self.message}".translate(ONE_LINE)

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
        }


def error(path: str, line: int | None, message: str, check: str = "build") -> Problem:
    """Make an error."""
    return Problem(path, line, ERROR, message, check)


def warning(path: str, line: int | None, message: str, check: str = "build") -> Problem:
    """Make a warning."""
    return Problem(path, line, WARNING, message, check)


def io_problem(path: str, exc: OSError, doing: str, severity: str = ERROR) -> Problem:
    """Describe a failing machine (a full disk, a read-only folder, a file gone) as one problem."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    advice = IO_ADVICE.get(exc.errno or 0)
    message = f"cannot {doing}: {reason}" + (f"; {advice}" if advice else "")
    return Problem(path, None, severity, message, "io")


class BuildFailed(Exception):
    """Raised when a stage finds problems that stop the build."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Sort problems by file, then line, then text."""
    return (problem.path, problem.line or 0, problem.check, problem.message)


# Checks whose warnings --strict does not turn into errors: they say nothing about the content.
LENIENT = frozenset({"cache"})


def has_errors(problems: Iterable[Problem], strict: bool = False) -> bool:
    """Tell whether the problems stop a build (warnings too when strict, but not the cache's)."""
    # A cache that had to be ignored changes nothing in the site, so --strict does not fail on it.
    return any(p.severity == ERROR or (strict and p.check not in LENIENT) for p in problems)


def format_problems(problems: Iterable[Problem]) -> str:
    """Format problems one a line, grouped by file in path and line order."""
    return "\n".join(str(p) for p in sorted(problems, key=sort_key))


def summarised(problems: Iterable[Problem], limit: int | None) -> str:
    """Format problems like format_problems, the warnings of a check beyond limit counted, not shown."""
    ordered = sorted(problems, key=sort_key)
    if limit is None:
        return format_problems(ordered)
    shown: list[str] = []
    seen: dict[str, int] = {}
    for problem in ordered:
        if problem.severity == WARNING:
            seen[problem.check] = seen.get(problem.check, 0) + 1
            if seen[problem.check] > limit:
                continue
        shown.append(str(problem))
    for check, count in sorted(seen.items()):
        if count > limit:
            shown.append(f"... and {count - limit} more [{check}] warning(s) (--all shows every one)")
    return "\n".join(shown)
