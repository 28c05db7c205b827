"""Knowing a file unchanged by its stamp: a file changed within the same mtime is still read again."""

from __future__ import annotations

import os

from sitegen.cache.store import digest
from sitegen.sources.filestat import file_digest


def test_a_changed_file_gets_a_new_hash_even_with_the_same_size_and_mtime(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    before = os.stat(path)
    assert file_digest(path, digest) == digest(b"one")
    path.write_bytes(b"two")  # same size, same inode; mtime put back as it was
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file_digest(path, digest) == digest(b"two")


def test_an_old_unchanged_file_is_not_read_again_and_a_missing_one_is_missing(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    old = os.stat(path).st_mtime_ns - 60 * 10**9
    os.utime(path, ns=(old, old))
    assert file_digest(path, digest) == digest(b"one")
    assert file_digest(path, lambda data: "read again") == digest(b"one")
    path.unlink()
    assert file_digest(path, digest) == "missing"
