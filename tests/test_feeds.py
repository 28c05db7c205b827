"""The Atom feed of each language: parses, lists the articles, updated is the last review."""

from __future__ import annotations

import feedparser
import pytest

from sitegen.build import build
from sitegen.render.feeds import render_feed
from tests.conftest import article
from tests.web_site import BuiltSite


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_each_language_feed_parses_and_lists_its_articles(built_site: BuiltSite, lang: str) -> None:
    feed = feedparser.parse((built_site.root / lang / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    site = built_site.result.site
    articles = site.articles_in(lang)
    assert feed.feed.title == site.config.title[lang]
    assert feed.feed.id == f"https://www.example.org/{lang}/feed.xml"
    assert feed.feed.language == lang
    assert sorted(e.link for e in feed.entries) == sorted(f"https://www.example.org{a.url}" for a in articles)
    by_url = {f"https://www.example.org{a.url}": a for a in articles}
    for entry in feed.entries:
        source = by_url[entry.id]
        assert entry.title == source.title
        assert entry.summary == source.description
        assert entry.updated == f"{source.last_reviewed.isoformat()}T00:00:00Z"
        assert entry.published == f"{source.published.isoformat()}T00:00:00Z"


def test_feeds_are_linked_from_the_head_of_every_page(built_site: BuiltSite) -> None:
    for lang in ("sv", "en"):
        html = (built_site.root / lang / "index.html").read_text()
        assert f'<link rel="alternate" type="application/atom+xml" href="/{lang}/feed.xml"' in html


def test_newest_review_first_and_feed_updated_is_the_newest(site_factory) -> None:
    root = site_factory(
        {
            "content/en/old.md": article("Old", key="old", slug="old", last_reviewed="2026-11-02"),
            "content/en/new.md": article(
                "New", key="new", slug="new", last_reviewed="2026-12-01", next_review="2027-12-01"
            ),
        }
    )
    result = build(root, search=False)
    feed = feedparser.parse(result.files["en/feed.xml"])
    assert feed.entries[0].title == "New"
    assert feed.entries[-1].title == "Old"
    assert feed.feed.updated == "2026-12-01T00:00:00Z"
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_feed_is_byte_identical_between_builds(site_factory) -> None:
    root = site_factory()
    first = build(root, search=False).files
    second = build(root, search=False).files
    assert first["sv/feed.xml"] == second["sv/feed.xml"]
    assert first["en/feed.xml"] == second["en/feed.xml"]


def test_text_is_escaped_in_the_feed(site_factory) -> None:
    root = site_factory({"content/en/amp.md": article("Needles & <pain>", key="amp", slug="amp")})
    result = build(root, search=False)
    text = result.files["en/feed.xml"].decode()
    assert "<title>Needles &amp; &lt;pain&gt;</title>" in text
    feed = feedparser.parse(result.files["en/feed.xml"])
    assert not feed.bozo
    assert render_feed(result.site, "en") == result.files["en/feed.xml"]
