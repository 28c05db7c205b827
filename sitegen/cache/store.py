"""Remember parsed articles and rendered pages between builds, keyed by content hashes.

The cache lives in PROJECT/.cache/build.sqlite (SQLite: a killed build never leaves it half
written), as plain data signed by this machine (db.py, codec.py). It is also kept in memory
per project for the life of the process, so that a preview server calling build() again and
again reads neither SQLite nor unchanged sources. Nothing in it is trusted by name alone: a
parsed article is reused only for the same bytes at the same path, a page only for the same
key (see keys.py), and everything is dropped when the generator's own code changes. A cache
file this machine and this code did not write is ignored with one warning and replaced.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from .. import __version__
from ..content import Article, read_article
from ..markup.scan import BodyScan, scan_body
from ..problems import Problem, warning
from ..sources.snapshot import Snapshot
from .codec import CodecError, decode, encode, register
from .db import CacheFile, Untrusted, safe_folder

CACHE_DIR = ".cache"
DB_NAME = "build.sqlite"
PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = ("jinja2", "markdown", "babel", "pyyaml", "markupsafe", "translate-toolkit")
_code_version: str | None = None
T = TypeVar("T")
Row = tuple[str, str, str, bytes | None]


def code_version() -> str:
    """Return a hash of the generator's version and every one of its source files."""
    global _code_version
    if _code_version is None:
        h = hashlib.blake2b(__version__.encode(), digest_size=16)
        # The libraries that shape the bytes of a page are part of the generator too.
        for library in LIBRARIES:
            h.update(f"{library} {metadata.version(library)}\0".encode())
        for file in sorted(PACKAGE.rglob("*.py")):
            h.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
        _code_version = h.hexdigest()
    return _code_version


@register
@dataclass
class Parsed:
    """One article file as read: its hash, the article (or None) and its problems and scan."""

    digest: str
    article: Article | None
    problems: list[Problem]
    scan: BodyScan | None


# What a build wrote into an output folder: per file its hash, size, mtime and inode.
Manifest = dict[str, tuple[str, int, int, int]]


class BuildCache:
    """Parsed sources and rendered pages of one project, in memory and (optionally) on disk."""

    def __init__(self, path: Path | None):
        self.path = path
        self.parsed: dict[str, Parsed] = {}
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.manifests: dict[str, Manifest] = {}
        self.steps: dict[str, tuple[str, object]] = {}
        self.warnings: list[Problem] = []
        self._step_blobs: dict[str, tuple[str, bytes]] = {}  # decoded when first asked for
        self._seen: set[str] = set()
        self._dirty: set[tuple[str, str]] = set()
        self._fresh = False  # the file on disk is replaced whole at the next save
        self._held = False  # a source changed during this build: the file on disk stays as it was
        if path is not None:
            self._load(path)

    def read_article(self, file: Path, sources: Snapshot, lang: str) -> tuple[Article | None, list[Problem]]:
        """Parse one article, reusing the parsed result when the snapshot's bytes are unchanged."""
        key = f"{lang}:{sources.rel(file)}"
        self._seen.add(key)
        found = self.parsed.get(key)
        current = sources.digest(file)
        if found is None or found.digest != current:
            article, problems = read_article(file, sources, lang)
            scan = scan_body(article.body, article.body_line) if article is not None else None
            found = Parsed(current, article, problems, scan)
            self.parsed[key] = found
            self._dirty.add(("parsed", key))
        return found.article, list(found.problems)

    def begin(self) -> None:
        """Start a build: forget which sources the last one read."""
        self._seen = set()
        self._held = False

    def take_warnings(self) -> list[Problem]:
        """Return the warnings about the cache itself, each once."""
        found, self.warnings = self.warnings, []
        return found

    def source_digest(self, article: Article) -> str:
        """Return the hash of the file an article was read from."""
        return self.parsed[f"{article.lang}:{article.path}"].digest

    def scans(self, articles: list[Article]) -> dict[str, BodyScan]:
        """Return the body scans of the articles, made when they were read."""
        found = {}
        for article in articles:
            scan = self.parsed[f"{article.lang}:{article.path}"].scan
            assert scan is not None
            found[article.path] = scan
        return found

    def page(self, output: str, key: str) -> bytes | None:
        """Return the cached bytes of a page if they were rendered for this key."""
        found = self.pages.get(output)
        return found[1] if found is not None and found[0] == key else None

    def remember_page(self, output: str, key: str, html: bytes) -> None:
        """Store a freshly rendered page."""
        self.pages[output] = (key, html)
        self._dirty.add(("page", output))

    def set_manifest(self, output_dir: str, files: Manifest | None) -> None:
        """Record what is in an output folder now; None when that is not known."""
        if files is None:
            self.manifests.pop(output_dir, None)
        else:
            self.manifests[output_dir] = files
        self._dirty.add(("meta", "manifests"))

    def step(self, name: str, key: str) -> object | None:
        """Return what a whole-site step (checks, search index) produced for this key."""
        if name in self._step_blobs:
            stored_key, blob = self._step_blobs.pop(name)
            try:
                self.steps[name] = (stored_key, decode(blob))
            except CodecError:
                self._dirty.add(("step", name))  # signed, yet unreadable: computed again
        found = self.steps.get(name)
        return found[1] if found is not None and found[0] == key else None

    def remember_step(self, name: str, key: str, value: object) -> None:
        """Store what a whole-site step produced; it must be plain data (see codec.py)."""
        self.steps[name] = (key, value)
        self._step_blobs.pop(name, None)
        self._dirty.add(("step", name))

    def memo(self, name: str, key: str, compute: Callable[[], T]) -> T:
        """Return what compute() returned for this key last time, or call it and remember."""
        found = self.step(name, key)
        if found is None:
            found = compute()
            self.remember_step(name, key, found)
        return found  # type: ignore[return-value]

    def forget_except(self, outputs: set[str]) -> None:
        """Drop articles not read since begin() and pages not built, so the cache stays small."""
        for key in set(self.parsed) - self._seen:
            del self.parsed[key]
            self._dirty.add(("parsed", key))
        for output in set(self.pages) - outputs:
            del self.pages[output]
            self._dirty.add(("page", output))

    def hold(self) -> None:
        """Keep this build's results out of the file on disk (a source changed while it ran)."""
        self._held = True

    def save(self) -> bool:
        """Write what changed since the last save, in one transaction; warn and say False if it cannot."""
        if self.path is None:
            return True
        if self._held:
            return False
        try:
            folder = self.path.parent
            replaced = safe_folder(folder) is not None
            folder.mkdir(parents=True, exist_ok=True)
            _write_gitignore(folder)
            fresh = self._fresh or replaced
            rows = self._rows(self._everything() if fresh else self._dirty)
            CacheFile(self.path, code_version()).write(rows, fresh)
        except (OSError, sqlite3.Error, Untrusted) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            message = f"could not be saved: {reason}; the next build starts without it"
            self.warnings.append(warning(CACHE_DIR, None, message, "cache"))
            return False
        self._dirty.clear()
        self._fresh = False
        return True

    def _everything(self) -> set[tuple[str, str]]:
        found = {("parsed", k) for k in self.parsed} | {("page", k) for k in self.pages}
        found |= {("step", k) for k in [*self.steps, *self._step_blobs]}
        return found | {("meta", "manifests")}

    def _rows(self, which: set[tuple[str, str]]) -> list[Row]:
        rows: list[Row] = []
        for kind, name in sorted(which):
            if kind == "parsed":
                parsed = self.parsed.get(name)
                rows.append((kind, name, "", None if parsed is None else encode(parsed)))
            elif kind == "page":
                page = self.pages.get(name)
                rows.append((kind, name, "", None) if page is None else (kind, name, *page))
            elif kind == "step" and name in self.steps:
                key, value = self.steps[name]
                rows.append((kind, name, key, encode(value)))
            elif kind == "step" and name in self._step_blobs:
                rows.append((kind, name, *self._step_blobs[name]))
            elif kind == "meta":
                rows.append((kind, name, "", encode(self.manifests)))
        return rows

    def _load(self, path: Path) -> None:
        wrong = safe_folder(path.parent)
        if wrong is not None:
            self._distrust(wrong)
            return
        try:
            for kind, name, key, value in CacheFile(path, code_version()).rows():
                if kind == "page":
                    self.pages[name] = (key, value)
                elif kind == "step":
                    self._step_blobs[name] = (key, value)
                elif kind == "parsed":
                    parsed = decode(value)
                    if not isinstance(parsed, Parsed):
                        raise Untrusted(f"its entry {name!r} is not a parsed article")
                    self.parsed[name] = parsed
                elif kind == "meta" and name == "manifests":
                    self.manifests = decode(value)
        except (Untrusted, CodecError) as exc:
            self._distrust(str(exc))
        except OSError as exc:
            self._distrust(f"cannot be read: {exc.strerror}")

    def _distrust(self, reason: str) -> None:
        """Forget everything read from the file, and replace the file at the next save."""
        self.parsed, self.pages, self.steps, self.manifests = {}, {}, {}, {}
        self._step_blobs = {}
        self._fresh = True
        self.warnings.append(warning(CACHE_DIR, None, f"ignored: {reason}; building without it", "cache"))


def _write_gitignore(folder: Path) -> None:
    """Keep the cache out of git; never write through a link planted in its place."""
    try:
        fd = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("*\n")


# One cache per project and process: a preview server's rebuilds start from memory.
_open: dict[Path, BuildCache] = {}


def open_cache(root: Path, enabled: bool = True) -> BuildCache:
    """Return the project's cache; with enabled=False an empty one that is never saved."""
    if not enabled:
        return BuildCache(None)
    root = root.absolute()
    if root not in _open:
        _open[root] = BuildCache(root / CACHE_DIR / DB_NAME)
    return _open[root]
