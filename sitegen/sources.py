"""Read source files as text, turning encoding faults into problems."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, error


def relpath(path: Path, root: Path) -> str:
    """Return path relative to root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, check: str = "encoding") -> tuple[str | None, Problem | None]:
    """Read a UTF-8 file; normalise BOM and line endings; report a decode fault."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        return None, error(
            relpath(path, root), line, f"not valid UTF-8: byte 0x{byte} cannot be decoded", check
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None
