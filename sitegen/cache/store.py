"""Remember parsed articles and rendered pages between builds, keyed by content hashes.

The cache lives in PROJECT/.cache/build.sqlite (SQLite: a killed build never leaves it half
written). It is also kept in memory per project for the life of the process, so that a
preview server calling build() again and again reads neither SQLite nor unchanged sources.
Nothing in it is trusted by name alone: a parsed article is reused only for the same bytes
at the same path, a page only for the same key (see keys.py), and everything is dropped
when the generator's own code changes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from .. import __version__
from ..content import Article, read_article
from ..markup.dialect import BodyScan, scan_body
from ..problems import Problem
from ..sources.filestat import Stamp, now, stamp, unchanged

CACHE_DIR = ".cache"
DB_NAME = "build.sqlite"
PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = ("jinja2", "markdown", "babel", "pyyaml", "markupsafe")
_code_version: str | None = None
T = TypeVar("T")


def digest(data: bytes) -> str:
    """Return a short, collision-safe content hash."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


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


@dataclass
class Parsed:
    """One article file as read: its hash, the article (or None) and its problems and scan."""

    digest: str
    article: Article | None
    problems: list[Problem]
    scan: BodyScan | None
    stamp: Stamp | None = None
    read_at: int = 0


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
        self._step_blobs: dict[str, bytes] = {}  # unpickled when first asked for
        self._seen: set[str] = set()
        self._dirty_steps: set[str] = set()
        self._dirty_parsed: set[str] = set()
        self._dirty_pages: set[str] = set()
        if path is not None and path.is_file():
            self._load(path)

    def read_article(self, file: Path, root: Path, lang: str) -> tuple[Article | None, list[Problem]]:
        """Read one article, reusing the parsed result when its bytes are unchanged."""
        key = f"{lang}:{file.relative_to(root).as_posix()}"
        self._seen.add(key)
        found = self.parsed.get(key)
        st = os.stat(file)
        if found is not None and unchanged(found.stamp, found.read_at, st):
            return found.article, list(found.problems)
        read_at = now()
        current = digest(file.read_bytes())
        if found is None or found.digest != current:
            article, problems = read_article(file, root, lang)
            scan = scan_body(article.body, article.body_line) if article is not None else None
            found = Parsed(current, article, problems, scan)
            self.parsed[key] = found
        found.stamp, found.read_at = stamp(st), read_at
        self._dirty_parsed.add(key)
        return found.article, list(found.problems)

    def begin(self) -> None:
        """Start a build: forget which sources the last one read."""
        self._seen = set()

    def source_digests(self) -> list[tuple[str, str]]:
        """Return (language:path, hash) of every source read since begin()."""
        return sorted((key, self.parsed[key].digest) for key in self._seen)

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
        self._dirty_pages.add(output)

    def set_manifest(self, output_dir: str, files: Manifest | None) -> None:
        """Record what is in an output folder now; None when that is not known."""
        if files is None:
            self.manifests.pop(output_dir, None)
        else:
            self.manifests[output_dir] = files

    def step(self, name: str, key: str) -> object | None:
        """Return what a whole-site step (checks, search index) produced for this key."""
        if name in self._step_blobs:
            self.steps[name] = pickle.loads(self._step_blobs.pop(name))
        found = self.steps.get(name)
        return found[1] if found is not None and found[0] == key else None

    def remember_step(self, name: str, key: str, value: object) -> None:
        """Store what a whole-site step produced; it must pickle."""
        self.steps[name] = (key, value)
        self._step_blobs.pop(name, None)
        self._dirty_steps.add(name)

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
            self._dirty_parsed.add(key)
        for output in set(self.pages) - outputs:
            del self.pages[output]
            self._dirty_pages.add(output)

    def save(self) -> None:
        """Write what changed since the last save to disk, in one transaction."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        db = _connect(self.path)
        try:
            with db:
                for key in sorted(self._dirty_parsed):
                    if key in self.parsed:
                        blob = pickle.dumps(self.parsed[key], protocol=pickle.HIGHEST_PROTOCOL)
                        db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?)", (key, blob))
                    else:
                        db.execute("DELETE FROM parsed WHERE source = ?", (key,))
                for output in sorted(self._dirty_pages):
                    if output in self.pages:
                        db.execute(
                            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (output, *self.pages[output])
                        )
                    else:
                        db.execute("DELETE FROM pages WHERE output = ?", (output,))
                for name in sorted(self._dirty_steps):
                    blob = pickle.dumps(self.steps[name], protocol=pickle.HIGHEST_PROTOCOL)
                    db.execute("INSERT OR REPLACE INTO steps VALUES (?, ?)", (name, blob))
                blob = pickle.dumps(self.manifests, protocol=pickle.HIGHEST_PROTOCOL)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('manifests', ?)", (blob,))
        finally:
            db.close()
        self._dirty_parsed.clear()
        self._dirty_pages.clear()
        self._dirty_steps.clear()

    def _load(self, path: Path) -> None:
        db = _connect(path)
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
            if row is None or row[0] != code_version().encode():
                # Another generator version wrote it: its pickles and keys mean nothing here.
                with db:
                    for table in ("parsed", "pages", "steps", "meta"):
                        db.execute(f"DELETE FROM {table}")
                    db.execute("INSERT INTO meta VALUES ('code', ?)", (code_version().encode(),))
                return
            for key, blob in db.execute("SELECT source, state FROM parsed"):
                self.parsed[key] = pickle.loads(blob)
            for output, key, html in db.execute("SELECT output, key, html FROM pages"):
                self.pages[output] = (key, html)
            for name, blob in db.execute("SELECT name, state FROM steps"):
                self._step_blobs[name] = blob
            row = db.execute("SELECT value FROM meta WHERE name = 'manifests'").fetchone()
            if row is not None:
                self.manifests = pickle.loads(row[0])
        finally:
            db.close()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS parsed (source TEXT PRIMARY KEY, state BLOB)")
    db.execute("CREATE TABLE IF NOT EXISTS pages (output TEXT PRIMARY KEY, key TEXT, html BLOB)")
    db.execute("CREATE TABLE IF NOT EXISTS steps (name TEXT PRIMARY KEY, state BLOB)")
    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)")
    if db.execute("SELECT 1 FROM meta WHERE name = 'code'").fetchone() is None:
        with db:
            db.execute("INSERT INTO meta VALUES ('code', ?)", (code_version().encode(),))
    return db


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
