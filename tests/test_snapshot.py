"""The snapshot: each source is read once, and a file saved during a build waits for the next."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import sitegen.cache.store
from sitegen import progress
from sitegen.build import build
from sitegen.problems import BuildFailed
from sitegen.sources.filestat import RACY_NS
from sitegen.sources.snapshot import Snapshot
from tests.conftest import tree
from tests.test_cache import cold_build, replace

CATALOG = "locales/sv/LC_MESSAGES/messages.po"
DATASET = "content/data/effects.yaml"
TEMPLATE = "templates/article.html"


def age(path: Path, seconds: float = 10) -> None:
    """Set a file's modification time this many seconds back: safely older than any read."""
    then = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(then, then))


def test_the_snapshot_keeps_the_bytes_it_read(site_factory) -> None:
    root = site_factory()
    snapshot = Snapshot.take(root)
    before = (root / CATALOG).read_bytes()
    replace(root, CATALOG, '"Senast uppdaterad"', '"Granskad senast"')
    assert snapshot.read_bytes(root / CATALOG) == before
    assert snapshot.text(root / CATALOG)[0] == before.decode("utf-8")


def test_a_file_saved_added_or_deleted_after_the_read_is_named(site_factory) -> None:
    root = site_factory()
    snapshot = Snapshot.take(root)
    assert snapshot.changed() == []
    replace(root, DATASET, "share: 7.55", "share: 8.25")
    (root / "content/en/new.md").write_text("new\n", encoding="utf-8")
    (root / "content/sv/rad.md").unlink()
    assert [str(p) for p in snapshot.changed()] == [
        f"{rel}: warning [changed] saved during the build; the next build picks it up"
        for rel in ("content/data/effects.yaml", "content/en/new.md", "content/sv/rad.md")
    ]


def test_a_file_touched_but_not_changed_is_not_named(site_factory) -> None:
    root = site_factory()
    snapshot = Snapshot.take(root)
    os.utime(root / DATASET)
    assert snapshot.changed() == []


def test_babel_cfg_and_the_files_it_names_are_read(site_factory) -> None:
    root = site_factory(
        {
            "babel.cfg": "[python: tools/**.py]\n\n[jinja2: templates/**.html]\n",
            "tools/strings.py": "_('Hi')\n",
        }
    )
    snapshot = Snapshot.take(root)
    assert snapshot.is_file("babel.cfg") and snapshot.is_file("tools/strings.py")
    assert not snapshot.is_file("tools")


def test_an_old_unchanged_file_is_lent_from_the_previous_snapshot(site_factory) -> None:
    root = site_factory()
    age(root / DATASET)
    first = Snapshot.take(root)
    assert Snapshot.take(root, first).entry(DATASET) is first.entry(DATASET)
    (root / DATASET).unlink()
    assert Snapshot.take(root, first).digest(DATASET) == "missing"


def test_a_file_modified_just_before_it_was_read_is_read_again(site_factory) -> None:
    # Racily clean: within the file system's timestamp resolution it may change again unseen.
    root = site_factory()
    os.utime(root / DATASET)  # saved just now
    first = Snapshot.take(root)
    assert time.time_ns() - (root / DATASET).stat().st_mtime_ns < RACY_NS
    second = Snapshot.take(root, first)
    assert second.entry(DATASET) is not first.entry(DATASET)
    assert second.digest(DATASET) == first.digest(DATASET)


def test_a_file_saved_with_the_same_stamp_is_read_again_when_recent(site_factory) -> None:
    root = site_factory()
    path = root / DATASET
    os.utime(path)  # saved just now
    first = Snapshot.take(root)
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b"share: 7.55", b"share: 8.25"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # size too is unchanged: same stamp
    assert b"8.25" in Snapshot.take(root, first).read_bytes(path)


def save_during(root: Path, step: str, edits: list[tuple[str, str, str]]) -> list[str]:
    """Build once with the cache, saving each edit when the build reaches step; return its warnings."""

    def save(reached: str) -> None:
        if reached == step:
            for rel, old, new in edits:
                replace(root, rel, old, new)

    stop = progress.listen(save)
    try:
        result = build(root, search=False)
    finally:
        stop()
    return [str(p) for p in result.problems if p.check == "changed"]


@pytest.mark.parametrize("reload", [False, True], ids=["in-memory cache", "cache read from disk"])
def test_sources_saved_between_read_and_render_reach_the_next_build(site_factory, reload) -> None:
    root = site_factory()
    sitegen.cache.store._open.clear()
    build(root, search=False)
    edits = [
        (CATALOG, '"Senast uppdaterad"', '"Granskad senast"'),
        (DATASET, "share: 7.55", "share: 8.25"),
        (TEMPLATE, '<div class="article-body">', '<div class="article-body" id="text">'),
    ]
    warnings = save_during(root, "read", edits)
    assert warnings == [
        f"{rel}: warning [changed] saved during the build; the next build picks it up"
        for rel in (DATASET, CATALOG, TEMPLATE)
    ]
    # What this build published is what it read: the old catalogue everywhere.
    assert b"Granskad senast" not in b"".join(tree(root / "_site").values())
    if reload:
        sitegen.cache.store._open.clear()
    result = build(root, search=False)
    assert [p for p in result.problems if p.check == "changed"] == []
    site = tree(root / "_site")
    assert site == cold_build(root)
    assert b"Granskad senast" in b"".join(site.values())


def test_an_article_saved_during_the_build_reaches_the_next_build(site_factory) -> None:
    root = site_factory()
    sitegen.cache.store._open.clear()
    build(root, search=False)
    edit = ("content/en/advice.md", "for 1 to 2 days.", "for 1 to 2 days, or longer.")
    assert save_during(root, "rendered", [edit]) == [
        "content/en/advice.md: warning [changed] saved during the build; the next build picks it up"
    ]
    sitegen.cache.store._open.clear()
    build(root, search=False)
    assert tree(root / "_site") == cold_build(root)


def test_a_template_deleted_after_the_read_does_not_fail_the_build(site_factory) -> None:
    root = site_factory()

    def delete(reached: str) -> None:
        if reached == "read":
            (root / TEMPLATE).unlink()

    stop = progress.listen(delete)
    try:
        result = build(root, search=False)
    finally:
        stop()
    assert [str(p) for p in result.problems if p.check == "changed"] == [
        f"{TEMPLATE}: warning [changed] saved during the build; the next build picks it up"
    ]
    with pytest.raises(BuildFailed):
        build(root, search=False)
