"""A site published under a sub-path: every internal link and asset resolves when served there."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitegen.build import build
from tests.conftest import article

SUB = "/dryneedling"
SITE_YAML = (Path(__file__).resolve().parent.parent / "site.yaml").read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    """Return every href and src of a page."""
    parser = _Links()
    parser.feed(html)
    return parser.links


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve tmp_path/www on 127.0.0.1; yield its address and the folder."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", www
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def crawl(origin: str, start: str) -> tuple[set[str], list[str]]:
    """Follow every same-host link and asset from start; return the URLs seen and the broken ones."""
    seen: set[str] = set()
    broken: list[str] = []
    todo = [origin + start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            broken.append(f"{url}: {exc.code}")
            continue
        if kind != "text/html":
            continue
        for link in links_of(body.decode("utf-8")):
            target = urljoin(url, link).split("#", 1)[0]
            if target.startswith(origin):
                todo.append(target)
    return seen, broken


def test_a_sub_path_build_links_and_assets_resolve_when_served(site_factory, served) -> None:
    origin, www = served
    body = "See [the other](other.md) and [home](/en/).\n\n![A needle](/static/favicon.svg)\n"
    root = site_factory(
        {
            "site.yaml": SITE_YAML.replace("https://www.example.org", f"https://user.github.io{SUB}"),
            "content/en/linking.md": article("Linking", key="linking", slug="linking", body=body),
            "content/en/other.md": article("Other", key="other", slug="other"),
        }
    )
    build(root, www / SUB.strip("/"), search=False, use_cache=False)
    seen, broken = crawl(origin, f"{SUB}/")
    assert broken == []
    paths = {urlsplit(url).path for url in seen}
    assert {f"{SUB}/en/linking/", f"{SUB}/en/other/", f"{SUB}/static/style.css"} <= paths
    assert f"{SUB}/static/favicon.svg" in paths
    assert all(path.startswith(SUB + "/") for path in paths), sorted(paths)
    page = (www / "dryneedling/en/linking/index.html").read_text(encoding="utf-8")
    assert f'<a href="{SUB}/en/other/">the other</a>' in page
    assert f'<a href="{SUB}/en/">home</a>' in page
    assert f'<link rel="canonical" href="https://user.github.io{SUB}/en/linking/">' in page
    assert f'data-base="{SUB}/"' in page


def test_without_a_sub_path_links_start_at_the_root(site_factory) -> None:
    root = site_factory()
    result = build(root, search=False, use_cache=False)
    home = result.files["en/index.html"].decode("utf-8")
    assert re.search(r'<link rel="stylesheet" href="/static/style.css">', home)
    assert 'data-base="/"' in home
