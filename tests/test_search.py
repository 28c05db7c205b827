"""Search: a Pagefind index per language, built into the site before the swap, and used in a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.render.search import build_search_index, stable_entry
from tests.conftest import tree
from tests.web_site import BuiltSite, Visits


def test_the_index_has_one_language_per_site_language(built_site: BuiltSite) -> None:
    entry = json.loads((built_site.root / "pagefind" / "pagefind-entry.json").read_bytes())
    site = built_site.result.site
    assert list(entry["languages"]) == ["en", "sv"]
    for lang in ("sv", "en"):
        assert entry["languages"][lang]["page_count"] == len(site.articles_in(lang))
        assert entry["languages"][lang]["wasm"] == lang  # Swedish stemming for Swedish pages
        assert (built_site.root / "pagefind" / f"wasm.{lang}.pagefind").is_file()
    assert not list((built_site.root / "pagefind").glob("pagefind-ui*"))


def test_the_index_is_byte_identical_between_runs(built_site: BuiltSite) -> None:
    site, files = built_site.result.site, built_site.result.files
    first = build_search_index(site, files)
    for _ in range(3):
        assert build_search_index(site, files) == first
    assert first == {k: v for k, v in files.items() if k.startswith("pagefind/")}


def test_entry_languages_are_sorted_whatever_order_pagefind_wrote() -> None:
    raw = '{"version":"1.5.2","languages":{"sv":{"hash":"sv_1","wasm":"sv","page_count":2},"en":{"hash":"en_2","wasm":"en","page_count":2}},"include_characters":["_","‿"]}'
    assert (
        stable_entry(raw.encode())
        == (
            '{"version":"1.5.2","languages":{"en":{"hash":"en_2","wasm":"en","page_count":2},"sv":{"hash":"sv_1","wasm":"sv","page_count":2}},"include_characters":["_","‿"]}'
        ).encode()
    )


def test_no_search_builds_without_an_index(site_factory, capsys) -> None:
    root = site_factory()
    assert main(["--project", str(root), "--no-search"]) == 0
    capsys.readouterr()
    assert not (root / "_site" / "pagefind").exists()
    assert (root / "_site" / "sv" / "index.html").is_file()


def test_only_articles_are_indexed_and_search_is_part_of_the_same_swap(site_factory) -> None:
    root = site_factory()
    result = build(root)
    written = tree(root / "_site")
    index = {k for k in written if k.startswith("pagefind/")}
    assert index and index == {k for k in result.files if k.startswith("pagefind/")}
    entry = json.loads(written["pagefind/pagefind-entry.json"])
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": 2, "sv": 2}


def test_a_missing_pagefind_binary_fails_the_build_and_keeps_the_site(
    site_factory, capsys, monkeypatch
) -> None:
    root = site_factory()
    assert main(["--project", str(root)]) == 0
    before = tree(root / "_site")
    capsys.readouterr()
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    # A changed page, so that no cached index from the first build can stand in.
    changed = root / "content" / "en" / "advice.md"
    changed.write_text(changed.read_text() + "\nOne more line.\n")
    assert main(["--project", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        "pagefind: error [search] search index: the pagefind binary was not found: install it with pip install 'pagefind[bin]'"
        in err
    )
    assert tree(root / "_site") == before
    assert not [p for p in root.iterdir() if p.name.startswith("._site")]


def test_a_failing_pagefind_fails_the_build_with_its_message(
    site_factory, capsys, monkeypatch, tmp_path
) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: broken index' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    root = site_factory()
    assert main(["--project", str(root)]) == 1
    assert (
        "pagefind: error [search] search index: pagefind exited with status 3: Error: broken index"
        in capsys.readouterr().err
    )
    assert not (root / "_site").exists()


def search(browser, site_url: str, path: str, query: str) -> tuple[list[str], str, Visits]:
    """Type a query into the search form of a page; return the result URLs and the status text."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visits = Visits(context, site_url)
    try:
        page = context.new_page()
        visits.watch(page)
        page.goto(site_url + path)
        page.fill("#search-input", query)
        page.press("#search-input", "Enter")
        page.wait_for_selector(".search-results li", timeout=15000)
        urls = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
        return urls, page.inner_text(".search-status"), visits
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "query", "first", "status"),
    [
        # "biverkning" only matches "biverkningar" through Swedish stemming.
        ("/sv/", "biverkning", "/sv/biverkningar/", "Hittade sidor:"),
        # "bruise" finds "bruising" through English stemming.
        ("/en/", "bruise", "/en/side-effects/", "Pages found:"),
    ],
)
def test_search_in_the_browser_finds_the_right_page_in_the_page_language(
    browser, site_url: str, path: str, query: str, first: str, status: str
) -> None:
    urls, text, visits = search(browser, site_url, path, query)
    assert urls[0] == first
    lang = path.strip("/")
    assert all(url.startswith(f"/{lang}/") for url in urls), urls
    assert text.startswith(status)
    assert visits.foreign == []
    assert visits.errors == []


def test_the_search_form_stays_hidden_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "/sv/")
        assert page.is_hidden("form[role=search]")
        assert page.is_visible("main h1")
    finally:
        context.close()


def test_search_index_files_are_in_the_site(built_site: BuiltSite) -> None:
    assert (built_site.root / "pagefind" / "pagefind.js").is_file()
    assert Path(built_site.root / "static" / "search.js").is_file()
