"""Read every source file of a build once, into an immutable snapshot: path -> bytes and hash.

Every stage reads from the snapshot, never from disk, so a file saved during a build cannot
mix versions: pages, checks and cache keys all see the bytes read here. After the build,
changed() tells which files no longer match, and the build warns and keeps its cache to itself.
A previous snapshot (the preview's) lends its entries to files whose size, mtime and inode are
unchanged and whose mtime lies safely before it read them (git's "racily clean" rule).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..problems import Problem, error, io_problem, warning
from .babelcfg import BABEL_CFG, read_mapping
from .files import SOURCE_FOLDERS, Text, decode_text, inside, outside_message
from .filestat import Stamp, now, stamp, unchanged

# What a build reads: these files and everything below these folders (content/ holds the data).
FILES = ("site.yaml", "babel.cfg")
MISSING = "missing"
LOOK_LIKE_FILES = (".md", ".yaml", ".yml")


def digest(data: bytes) -> str:
    """Return a short, collision-safe content hash (the one every cache key is made of)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One file as read: its bytes (None when it could not be read), hash, stamp and read time."""

    data: bytes | None
    digest: str
    stamp: Stamp
    read_at: int
    reason: str = ""  # why data is None, as a problem says it
    target: str | None = None  # where the file leads, when it is a symbolic link
    errno: int = 0  # the system's fault when reading failed: the machine, not the input


class Snapshot:
    """The source files of one build, read once; paths are relative to root, with '/'."""

    def __init__(self, root: Path, entries: Mapping[str, Entry]):
        self.root = root
        self.entries: Mapping[str, Entry] = MappingProxyType(dict(sorted(entries.items())))

    @classmethod
    def take(cls, root: Path, previous: Snapshot | None = None) -> Snapshot:
        """Read the project's sources, reusing the previous snapshot's entries for unchanged files."""
        root = root.absolute()
        kept = previous.entries if previous is not None and previous.root == root else {}
        entries: dict[str, Entry] = {}
        for rel in _walk(root, FILES, SOURCE_FOLDERS):
            entries[rel] = _read(root / rel, kept.get(rel))
        for rel in _named_by(entries.get(BABEL_CFG), root):
            if rel not in entries:
                entries[rel] = _read(root / rel, kept.get(rel))
        return cls(root, entries)

    @classmethod
    def of(cls, root: Path, paths: Iterable[Path]) -> Snapshot:
        """Read just these files (tests and one-file commands): a snapshot that holds only them."""
        root = root.absolute()
        entries = {}
        for path in paths:
            path = Path(path).absolute()
            if os.path.lexists(path):
                entries[path.relative_to(root).as_posix()] = _read(path, None)
        return cls(root, entries)

    def rel(self, path: Path | str) -> str:
        """Return a path's key: relative to root, with '/'."""
        path = Path(path)
        if not path.is_absolute():
            return path.as_posix()
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def entry(self, path: Path | str) -> Entry | None:
        """Return what was read at path, or None when the build saw no such file."""
        return self.entries.get(self.rel(path))

    def is_file(self, path: Path | str) -> bool:
        """Tell whether the build saw a file at path."""
        return self.rel(path) in self.entries

    def digest(self, path: Path | str) -> str:
        """Return the hash of the bytes read at path, or 'missing'."""
        found = self.entry(path)
        return MISSING if found is None else found.digest

    def read_bytes(self, path: Path | str) -> bytes:
        """Return the bytes read at path; raise OSError as reading the file itself would."""
        found = self.entry(path)
        if found is None:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        if found.data is None:
            code = found.errno or errno.EIO
            raise OSError(
                code, found.reason.removeprefix("cannot be read: "), str(self.root / self.rel(path))
            )
        return found.data

    def refused(self, path: Path, folder: Path, check: str = "path") -> Problem | None:
        """Return why a source may not be read: a link out of folder, not a plain file, unreadable."""
        rel, found = self.rel(path), self.entry(path)
        if found is None:
            return error(rel, None, "cannot be read: No such file or directory", check)
        if found.target is not None and not inside(Path(found.target), folder):
            where = self.rel(folder) if folder != self.root else "."
            return error(rel, None, outside_message(found.target, where), check)
        if found.errno:  # listed, then gone or unreadable when opened
            return io_problem(rel, OSError(found.errno, os.strerror(found.errno)), "read the file")
        if found.data is None:
            return error(rel, None, found.reason, check)
        return None

    def text(self, path: Path, folder: Path | None = None, check: str = "encoding") -> Text:
        """Return a source's text (BOM and line endings normalised), or the problem reading it."""
        refused = self.refused(path, folder or self.root)
        if refused is not None:
            return None, refused
        return decode_text(self.read_bytes(path), self.rel(path), check)

    def files(self, folder: Path | str, suffix: str = "", deep: bool = True) -> list[Path]:
        """Return the absolute paths of the files below folder (deep) or in it, sorted."""
        prefix = self.rel(folder).rstrip("/") + "/"
        return [
            self.root / rel
            for rel in self.under(prefix)
            if rel.endswith(suffix) and (deep or "/" not in rel[len(prefix) :])
        ]

    def digest_of(self, paths: Iterable[str] | None = None) -> str:
        """Return one hash of the named entries (all of them by default), names included."""
        names = self.entries if paths is None else sorted(set(paths))
        h = hashlib.blake2b(digest_size=16)
        for name in names:
            h.update(f"{name}\0{self.digest(name)}\0".encode())
        return h.hexdigest()

    def under(self, folder: str) -> Iterator[str]:
        """Yield the keys of the entries below folder (relative to root)."""
        prefix = folder.rstrip("/") + "/"
        return (rel for rel in self.entries if rel.startswith(prefix))

    def changed(self) -> list[Problem]:
        """Warn about every file saved, added or deleted since it was read: the build used the old one."""
        now_there = set(_walk(self.root, FILES, SOURCE_FOLDERS))
        now_there.update(_named_by(self.entries.get(BABEL_CFG), self.root))
        problems = []
        for rel in sorted(now_there | set(self.entries)):
            old = self.entries.get(rel)
            if old is None or rel not in now_there or _read(self.root / rel, old).digest != old.digest:
                message = "saved during the build; the next build picks it up"
                problems.append(warning(rel, None, message, "changed"))
        return problems


def _walk(root: Path, files: Iterable[str], folders: Iterable[str]) -> Iterator[str]:
    """Yield the project paths a build reads: the named files, then every file below the folders."""
    for name in files:
        if os.path.lexists(root / name):
            yield name
    for name in folders:
        top = root / name
        if not top.is_dir():
            continue
        for parent, dirs, names in os.walk(top):
            dirs.sort()
            base = Path(parent).relative_to(root).as_posix()
            for entry in sorted(names):
                yield f"{base}/{entry}"
            # A folder named like an article or a data set is listed too: the readers refuse it.
            for entry in dirs:
                if entry.endswith(LOOK_LIKE_FILES):
                    yield f"{base}/{entry}"


def _read(path: Path, known: Entry | None) -> Entry:
    """Read one file, or lend the known entry when the file is safely unchanged since then."""
    target = os.path.realpath(path) if os.path.islink(path) else None
    try:
        st = os.stat(path)
    except OSError as exc:
        return Entry(None, MISSING, (0, 0, 0), now(), f"cannot be read: {exc.strerror}", target)
    if known is not None and known.target == target and unchanged(known.stamp, known.read_at, st):
        return known
    read_at = now()
    if not stat.S_ISREG(st.st_mode):
        return Entry(None, "not-a-file", stamp(st), read_at, "not a regular file", target)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            st = os.fstat(handle.fileno())
    except OSError as exc:
        reason = f"cannot be read: {exc.strerror}"
        return Entry(None, MISSING, stamp(st), read_at, reason, target, exc.errno or 0)
    return Entry(data, digest(data), stamp(st), read_at, "", target)


def _named_by(cfg: Entry | None, root: Path) -> list[str]:
    """Return the files babel.cfg's patterns name outside the source folders (the code's strings)."""
    if cfg is None or cfg.data is None:
        return []
    try:
        method_map = read_mapping(cfg.data.decode("utf-8")).methods
    except UnicodeDecodeError:
        return []
    from babel.util import pathmatch

    tops = sorted({pattern.split("/", 1)[0] for pattern, _method in method_map} - set(SOURCE_FOLDERS))
    found = []
    for top in tops:
        if "*" in top or "?" in top or not (root / top).is_dir():
            continue
        for rel in _walk(root, (), (top,)):
            if any(pathmatch(pattern, rel) for pattern, _method in method_map):
                found.append(rel)
    return found
