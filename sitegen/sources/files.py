"""Read source files as text, turning encoding faults, links out of the project and
files that are not plain files into problems."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..problems import Problem, error

# Folders the build reads; content/ is read by its own readers, file by file.
SOURCE_FOLDERS = ("content", "templates", "static", "locales")


def relpath(path: Path, root: Path) -> str:
    """Return path relative to root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def inside(path: Path, folder: Path) -> bool:
    """Tell whether path, with every symbolic link followed, lies inside folder."""
    real, real_folder = os.path.realpath(path), os.path.realpath(folder)
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def plainly_inside(path: Path, folder: Path) -> bool:
    """Tell cheaply that path lies below folder with no symbolic link on the way; False: look closer."""
    base, name = os.fspath(folder).rstrip(os.sep), os.fspath(path)
    if not name.startswith(base + os.sep):
        return False
    current = base
    for part in name[len(base) + 1 :].split(os.sep):
        if part in ("", ".", ".."):
            return False
        current += os.sep + part
        if stat.S_ISLNK(os.lstat(current).st_mode):
            return False
    return True


def outside_message(target: str, where: str) -> str:
    """Say that a source is a link out of its folder (where, relative to the project)."""
    return f"symbolic link to {target}, outside {where}/: only files inside it are read"


def source_problem(path: Path, folder: Path, root: Path, check: str = "path") -> Problem | None:
    """Return why a source file may not be read: a link out of folder, or not a plain file."""
    rel = relpath(path, root)
    # Resolving every link costs a system call per folder of the path; most files have none.
    try:
        plain = plainly_inside(path, folder)
    except OSError:
        plain = False
    if not plain and not inside(path, folder):
        return error(rel, None, outside_message(os.path.realpath(path), relpath(folder, root)), check)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return error(rel, None, f"cannot be read: {exc.strerror}", check)
    if not stat.S_ISREG(mode):
        return error(rel, None, "not a regular file", check)
    return None


def check_folders(root: Path) -> list[Problem]:
    """Report source folders or files that lead out of their folder, and files that are not plain."""
    problems: list[Problem] = []
    for name in SOURCE_FOLDERS:
        folder = root / name
        if not inside(folder, root):
            target = os.path.realpath(folder)
            problems.append(error(name, None, f"symbolic link to {target}, outside the project", "path"))
            continue
        if name == "content":
            continue  # read file by file by content.py and data.py, which check each file
        for parent, dirs, files in os.walk(folder):
            for entry in sorted(dirs + files):
                path = Path(parent) / entry
                if entry in files or not inside(path, folder):
                    found = source_problem(path, folder, root)
                    if found is not None:
                        problems.append(found)
    return problems


Text = tuple[str | None, Problem | None]


def read_text(path: Path, root: Path, check: str = "encoding") -> Text:
    """Read a UTF-8 file inside root from disk (commands outside the build); see Snapshot.text."""
    refused = source_problem(path, root, root)
    if refused is not None:
        return None, refused
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, error(relpath(path, root), None, f"cannot be read: {exc.strerror}", "path")
    return decode_text(data, relpath(path, root), check)


def decode_text(data: bytes, rel: str, check: str = "encoding") -> Text:
    """Decode a UTF-8 source; normalise BOM and line endings; report a decode fault with its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        return None, error(rel, line, f"not valid UTF-8: byte 0x{byte} cannot be decoded", check)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None
