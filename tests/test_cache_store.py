"""The cache on disk is untrusted input: a cache this machine did not write is ignored and replaced."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.cache.db
import sitegen.cache.store
from sitegen.cache.codec import CodecError, decode, encode
from sitegen.cache.store import CACHE_DIR, DB_NAME
from sitegen.cli import main
from sitegen.problems import Problem
from tests.conftest import tree

WARNING = ".cache: warning [cache] ignored: {}; building without it"


@pytest.fixture(autouse=True)
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give each test its own machine key, and forget caches kept in memory between tests."""
    home = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    sitegen.cache.db._keys.clear()
    sitegen.cache.store._open.clear()
    yield home
    sitegen.cache.store._open.clear()
    sitegen.cache.db._keys.clear()


def build_fresh(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Build as a new process would (no cache in memory); return the exit status and stderr."""
    sitegen.cache.store._open.clear()
    capsys.readouterr()
    status = main(["--project", str(root), "--no-search", *extra])
    return status, capsys.readouterr().err


def cold(root: Path) -> dict[str, bytes]:
    """Return the files of a build that uses no cache at all."""
    assert main(["--project", str(root), "--no-search", "--no-cache", "--output", str(root / "cold")]) == 0
    return tree(root / "cold")


def db(root: Path) -> Path:
    return root / CACHE_DIR / DB_NAME


def garbage(root: Path) -> str:
    db(root).write_bytes(b"this is not a database\n" * 50)
    return "it is not a readable cache (file is not a database)"


def truncated(root: Path) -> str:
    data = db(root).read_bytes()
    db(root).write_bytes(data[: len(data) // 3])
    return "it is not a readable cache (database disk image is malformed)"


def empty(root: Path) -> str:
    db(root).write_bytes(b"")
    return "it is not a cache of this generator's format"


def directory(root: Path) -> str:
    db(root).unlink()
    (db(root) / "inside").mkdir(parents=True)
    return "build.sqlite is not a file"


def wrong_schema(root: Path) -> str:
    db(root).unlink()
    con = sqlite3.connect(db(root))
    con.execute("CREATE TABLE meta (name TEXT, value TEXT, extra INTEGER)")
    con.execute("INSERT INTO meta VALUES ('format', 'whatever', 1)")
    con.commit()
    con.close()
    return "it is not a cache of this generator's format"


def other_version(root: Path) -> str:
    con = sqlite3.connect(db(root))
    con.execute("UPDATE meta SET value = ? WHERE name = 'code'", (b"0" * 32,))
    con.commit()
    con.close()
    return "it was written by another version of the generator"


def old_pickle_format(root: Path) -> str:
    # The layout of the generator's earlier caches, whose entries were pickles.
    db(root).unlink()
    con = sqlite3.connect(db(root))
    con.execute("CREATE TABLE parsed (source TEXT PRIMARY KEY, state BLOB)")
    con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB)")
    con.execute("INSERT INTO parsed VALUES ('en:content/en/advice.md', ?)", (pickle.dumps(Exploit()),))
    con.commit()
    con.close()
    return "it is not a cache of this generator's format"


def other_machine(root: Path) -> str:
    ours = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(root / "another-machine")
    sitegen.cache.db._keys.clear()
    sitegen.cache.store._open.clear()
    assert main(["--project", str(root), "--no-search"]) == 0  # written with another key
    os.environ["XDG_CACHE_HOME"] = ours
    sitegen.cache.db._keys.clear()
    return "it was not written on this machine"


def injected_html(root: Path) -> str:
    con = sqlite3.connect(db(root))
    (name, html) = con.execute("SELECT name, value FROM entries WHERE kind = 'page' ORDER BY name").fetchone()
    html = html.replace(b"</body>", b"<script>alert(1)</script></body>")
    con.execute("UPDATE entries SET value = ? WHERE kind = 'page' AND name = ?", (html, name))
    con.commit()
    con.close()
    return f"its entry page {name!r} fails its signature"


def symlink_out(root: Path) -> str:
    outside = root.parent / f"{root.name}-outside.sqlite"
    outside.write_bytes(b"precious")
    db(root).unlink()
    db(root).symlink_to(outside)
    return "build.sqlite is a symbolic link"


def cache_folder_link(root: Path) -> str:
    outside = root.parent / f"{root.name}-outside-folder"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me")
    shutil.rmtree(root / CACHE_DIR)
    (root / CACHE_DIR).symlink_to(outside)
    return ".cache was a symbolic link"


def unreadable(root: Path) -> str:
    db(root).chmod(0)
    return "it is not a readable cache (unable to open database file)"


class Exploit:
    def __reduce__(self):  # runs code when unpickled
        return (Path("/tmp/sitegen-cache-exploit-ran").write_text, ("pwned",))


SHAPES: dict[str, Callable[[Path], str]] = {
    "garbage": garbage,
    "truncated": truncated,
    "empty": empty,
    "a directory": directory,
    "wrong schema": wrong_schema,
    "another version's": other_version,
    "the old pickled layout": old_pickle_format,
    "another machine's": other_machine,
    "HTML edited in": injected_html,
    "a symlink out": symlink_out,
    "a .cache folder that links out": cache_folder_link,
    "unreadable": unreadable,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_untrusted_cache_is_ignored_once_with_a_warning_and_the_site_equals_a_cold_build(
    site_factory, capsys, shape: str
) -> None:
    if shape == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads every file")
    root = site_factory()
    assert build_fresh(root, capsys) == (0, "")  # a good cache to spoil
    reason = SHAPES[shape](root)
    status, err = build_fresh(root, capsys)
    assert status == 0
    assert err.splitlines() == [WARNING.format(reason)]
    assert tree(root / "_site") == cold(root)
    assert not Path("/tmp/sitegen-cache-exploit-ran").exists()
    # Replaced: the next build trusts the new cache and says nothing.
    assert build_fresh(root, capsys) == (0, "")
    assert tree(root / "_site") == cold(root)
    if shape == "a symlink out":
        assert (root.parent / f"{root.name}-outside.sqlite").read_bytes() == b"precious"
        assert not db(root).is_symlink()
    if shape == "a .cache folder that links out":
        outside = root.parent / f"{root.name}-outside-folder"
        assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
        assert not (root / CACHE_DIR).is_symlink()


def test_a_cache_warning_does_not_fail_a_strict_build(site_factory, capsys) -> None:
    root = site_factory()
    assert build_fresh(root, capsys) == (0, "")
    reason = garbage(root)
    assert build_fresh(root, capsys, "--strict") == (0, WARNING.format(reason) + "\n")


def test_a_cache_that_cannot_be_saved_is_a_warning_and_the_site_is_built(site_factory, capsys) -> None:
    root = site_factory()
    (root / CACHE_DIR).mkdir()
    # A folder where the database file goes: neither readable as a cache nor replaceable by sqlite.
    db(root).mkdir()
    (db(root) / "x").write_text("")
    status, err = build_fresh(root, capsys)
    assert status == 0
    assert err.splitlines() == [WARNING.format("build.sqlite is not a file")]
    assert tree(root / "_site") == cold(root)


def test_the_cache_file_holds_no_pickle(site_factory, capsys) -> None:
    root = site_factory()
    assert build_fresh(root, capsys) == (0, "")
    con = sqlite3.connect(db(root))
    values = [v for (v,) in con.execute("SELECT value FROM entries WHERE kind != 'page'")]
    con.close()
    assert values
    for value in values:
        assert not value.startswith(b"\x80"), "a pickle"
        decode(value)  # plain JSON of the listed types


plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.binary() | st.dates(),
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(plain)
def test_the_codec_gives_back_what_it_was_given(value: object) -> None:
    assert decode(encode(value)) == value


@settings(max_examples=60, deadline=None)
@given(st.binary())
def test_the_codec_refuses_bytes_it_did_not_write_without_crashing(data: bytes) -> None:
    with contextlib.suppress(CodecError):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"$type": "Popen", "fields": {"args": ["sh"]}}',
        b'{"$type": "Problem", "fields": {"path": "a"}}',
        b'{"$type": "Problem", "fields": {"path": "a", "line": 1, "severity": "e", "message": "m",'
        b' "check": "c", "extra": 1}}',
        b'{"$pickle": "gASV"}',
        b"[" * 100_000,
    ],
)
def test_the_codec_builds_only_the_listed_types_with_their_exact_fields(data: bytes) -> None:
    with pytest.raises(CodecError):
        decode(data)


def test_the_codec_refuses_to_store_what_is_not_plain_data() -> None:
    with pytest.raises(TypeError, match="the cache stores plain data only, not Exploit"):
        encode([Exploit()])
    assert decode(encode(Problem("a.md", 3, "error", "m", "c"))) == Problem("a.md", 3, "error", "m", "c")
