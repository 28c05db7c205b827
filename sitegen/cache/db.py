"""The cache file on disk: rows of plain data, each signed with a key only this machine has.

Anything found in `.cache/` is untrusted input: it may have been committed, copied from
another machine, written by another version, truncated or planted. So every row carries an
HMAC made with a secret kept outside the project (in the user's cache folder), and the file
records the generator version that wrote it. A file that is not a cache this machine wrote
with this code, or any row whose signature fails, makes the whole file be ignored and
replaced: the build then runs as a cold build and says so in one warning.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shutil
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

FORMAT = "sitegen-cache 2"
KEY_NAME = "cache-key"
_keys: dict[Path, bytes] = {}


class Untrusted(Exception):
    """The cache file cannot be used; the message says why, for the user."""


def key_file() -> Path:
    """Return where this machine's cache signing key is kept, outside every project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitegen" / KEY_NAME


def machine_key() -> bytes:
    """Return this user's signing key, making it on first use (readable by the user only)."""
    path = key_file()
    if path in _keys:
        return _keys[path]
    try:
        key = _read_key(path)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            key = _read_key(path)  # another build made it first
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(key)
    _keys[path] = key
    return key


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        key = handle.read(65)
    if len(key) != 32:
        raise Untrusted(f"the signing key {path} is damaged; delete it")
    return key


def sign(key: bytes, *parts: bytes) -> bytes:
    """Return the HMAC of parts, kept apart so that no two splits sign alike."""
    mac = hmac.new(key, digestmod="sha256")
    for part in parts:
        mac.update(len(part).to_bytes(8, "big") + part)
    return mac.digest()


def clear_path(path: Path) -> None:
    """Remove whatever is at path without following a symbolic link."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def safe_folder(folder: Path) -> str | None:
    """Make folder a plain folder (not a link, not a file); return what was wrong, if anything."""
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(mode):
        return None
    what = "a symbolic link" if stat.S_ISLNK(mode) else "not a folder"
    folder.unlink()  # a link is removed, never followed
    return f"{folder.name} was {what}"


class CacheFile:
    """One open cache file: read its rows, and write changed rows in one transaction."""

    def __init__(self, path: Path, code: str):
        self.path = path
        self.code = code
        self.key = machine_key()

    def rows(self) -> Iterator[tuple[str, str, str, bytes]]:
        """Yield (kind, name, key, value) of every row; raise Untrusted for any fault."""
        try:
            mode = os.lstat(self.path).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise Untrusted(f"cannot be read: {exc.strerror}") from None
        if stat.S_ISLNK(mode):
            raise Untrusted("build.sqlite is a symbolic link")
        if not stat.S_ISREG(mode):
            raise Untrusted("build.sqlite is not a file")
        try:
            # Opened read-only, so that reading never changes the file.
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise Untrusted(f"cannot be opened: {exc}") from None
        try:
            try:
                meta = dict(
                    db.execute("SELECT name, value FROM meta WHERE name IN ('format', 'mac', 'code')")
                )
            except sqlite3.OperationalError as exc:
                if "no such" not in str(exc):
                    raise
                meta = {}  # an empty file, or another program's database
            if meta.get("format") != FORMAT.encode():
                raise Untrusted("it is not a cache of this generator's format")
            if not hmac.compare_digest(meta.get("mac", b""), sign(self.key, FORMAT.encode())):
                raise Untrusted("it was not written on this machine")
            if meta.get("code") != self.code.encode():
                raise Untrusted("it was written by another version of the generator")
            for kind, name, key, value, mac in db.execute("SELECT kind, name, key, value, mac FROM entries"):
                if not all(isinstance(v, str) for v in (kind, name, key)) or not isinstance(value, bytes):
                    raise Untrusted("it holds an entry of the wrong type")
                if not isinstance(mac, bytes) or not hmac.compare_digest(
                    mac, self._sign(kind, name, key, value)
                ):
                    raise Untrusted(f"its entry {kind} {name!r} fails its signature")
                yield kind, name, key, value
        except sqlite3.Error as exc:
            raise Untrusted(f"it is not a readable cache ({exc})") from None
        except OSError as exc:
            raise Untrusted(f"cannot be read: {exc.strerror}") from None
        finally:
            db.close()

    def write(self, changed: Iterable[tuple[str, str, str, bytes | None]], fresh: bool) -> None:
        """Store changed rows (value None deletes); with fresh, start a new file first."""
        if fresh:
            clear_path(self.path)
        db = sqlite3.connect(self.path)
        try:
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (kind TEXT, name TEXT, key TEXT, value BLOB,"
                    " mac BLOB, PRIMARY KEY (kind, name))"
                )
                meta = {"format": FORMAT.encode(), "mac": sign(self.key, FORMAT.encode())}
                meta["code"] = self.code.encode()
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
                for kind, name, key, value in changed:
                    if value is None:
                        db.execute("DELETE FROM entries WHERE kind = ? AND name = ?", (kind, name))
                    else:
                        mac = self._sign(kind, name, key, value)
                        db.execute(
                            "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                            (kind, name, key, value, mac),
                        )
        finally:
            db.close()

    def _sign(self, kind: str, name: str, key: str, value: bytes) -> bytes:
        return sign(self.key, kind.encode(), name.encode(), key.encode(), value)
