"""The build cache: a cached, incremental build writes exactly what a cold build writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import sitegen.build
import sitegen.cache.store
import sitegen.render.pages
from sitegen.build import build
from sitegen.cache.store import CACHE_DIR, DB_NAME
from tests.conftest import tree


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace one exact piece of text in a file of the site."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def rename_advice(root: Path) -> None:
    (root / "content/en/advice.md").rename(root / "content/en/aftercare.md")
    replace(root, "content/en/aftercare.md", "slug: advice\n", "slug: aftercare\n")


def delete_needles(root: Path) -> None:
    (root / "content/en/about-needles.md").unlink()
    (root / "content/sv/om-nalar.md").unlink()


# One edit of each kind a page depends on, applied in this order to the same site.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("body", lambda r: replace(r, "content/en/advice.md", "for 1 to 2 days.", "for 1 to 2 days, or longer.")),
    ("front matter", lambda r: replace(r, "content/en/advice.md", "title: Advice\n", "title: Aftercare\n")),
    (
        "template",
        lambda r: replace(
            r, "templates/article.html", '<div class="article-body">', '<div class="article-body" id="text">'
        ),
    ),
    (
        "catalogue",
        lambda r: replace(
            r, "locales/sv/LC_MESSAGES/messages.po", '"Senast uppdaterad"', '"Granskad senast"'
        ),
    ),
    ("data", lambda r: replace(r, "content/data/effects.yaml", "share: 7.55", "share: 8.25")),
    ("deletion", delete_needles),
    ("rename", rename_advice),
]


def cold_build(root: Path) -> dict[str, bytes]:
    """Build without any cache into a separate folder and return every file written."""
    build(root, root / "cold", use_cache=False, search=False)
    return tree(root / "cold")


@pytest.mark.parametrize("reload", [False, True], ids=["in-memory cache", "cache read from disk"])
def test_cached_builds_equal_cold_builds_after_every_kind_of_edit(site_factory, reload) -> None:
    root = site_factory()
    sitegen.cache.store._open.clear()
    build(root, search=False)
    assert (root / CACHE_DIR / DB_NAME).is_file()
    for name, edit in EDITS:
        edit(root)
        if reload:  # as a new process would: nothing in memory, everything from .cache/
            sitegen.cache.store._open.clear()
        build(root, search=False)
        assert tree(root / "_site") == cold_build(root), f"cached build differs after the {name} edit"


def count_rendered(monkeypatch) -> list[str]:
    """Record the output path of every page actually rendered (not taken from the cache)."""
    rendered: list[str] = []
    original = sitegen.build.render_pages

    def counting(renderer, pages, jobs=None):  # type: ignore[no-untyped-def]
        rendered.extend(page.output for page in pages)
        return original(renderer, pages, jobs)

    monkeypatch.setattr(sitegen.build, "render_pages", counting)
    return rendered


def test_a_rebuild_without_changes_renders_and_writes_nothing(site_factory, monkeypatch) -> None:
    root = site_factory()
    build(root, search=False)
    before = {p: p.stat().st_mtime_ns for p in (root / "_site").rglob("*") if p.is_file()}
    rendered = count_rendered(monkeypatch)
    build(root, search=False)
    assert rendered == []
    assert {p: p.stat().st_mtime_ns for p in (root / "_site").rglob("*") if p.is_file()} == before


def test_a_body_edit_renders_that_page_again_and_only_pages_that_may_show_it(
    site_factory, monkeypatch
) -> None:
    root = site_factory()
    build(root, search=False)
    rendered = count_rendered(monkeypatch)
    EDITS[0][1](root)
    build(root, search=False)
    assert "en/advice/index.html" in rendered
    # The Swedish version has no data set directive, whose template may read the whole site.
    assert "sv/rad/index.html" not in rendered
    assert "en/about-needles/index.html" in rendered


def test_a_file_changed_in_the_output_folder_is_written_again(site_factory) -> None:
    root = site_factory()
    build(root, search=False)
    page = root / "_site/en/advice/index.html"
    good = page.read_bytes()
    page.write_bytes(b"changed by hand")
    (root / "_site/stray.html").write_bytes(b"left behind")
    build(root, search=False)
    assert page.read_bytes() == good
    assert not (root / "_site/stray.html").exists()


def test_parallel_rendering_gives_the_same_bytes_as_serial(site_factory, monkeypatch) -> None:
    root = site_factory()
    build(root, root / "serial", use_cache=False, search=False, jobs=1)
    monkeypatch.setattr(sitegen.render.pages, "PARALLEL_FROM", 1)
    build(root, root / "parallel", use_cache=False, search=False, jobs=2)
    assert tree(root / "parallel") == tree(root / "serial")


def test_no_cache_leaves_no_cache_folder(site_factory) -> None:
    root = site_factory()
    build(root, use_cache=False, search=False)
    assert not (root / CACHE_DIR).exists()


def test_a_cache_from_another_generator_version_is_not_used(site_factory, monkeypatch) -> None:
    root = site_factory()
    build(root, search=False)
    sitegen.cache.store._open.clear()
    monkeypatch.setattr(sitegen.cache.store, "_code_version", "another version")
    rendered = count_rendered(monkeypatch)
    build(root, search=False)
    assert "en/advice/index.html" in rendered
