"""Render one Atom feed per language of new and updated articles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

from ..content import Article
from ..model import Site

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50


def feed_path(lang: str) -> str:
    """Return the site path of a language's feed."""
    return f"/{lang}/feed.xml"


def render_feeds(site: Site) -> dict[str, bytes]:
    """Return every language's feed by output path, e.g. {'sv/feed.xml': ...}."""
    return {feed_path(lang).lstrip("/"): render_feed(site, lang) for lang in site.config.codes}


def render_feed(site: Site, lang: str) -> bytes:
    """Render the Atom feed of one language; updated is each article's last review."""
    config = site.config
    # Newest review first; the URL breaks ties so the order never depends on the file system.
    articles = sorted(site.articles_in(lang), key=lambda a: (a.last_reviewed, a.url), reverse=True)
    articles = articles[:FEED_ENTRIES]
    etree.register_namespace("", ATOM)
    feed = etree.Element(_q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _text(feed, "id", config.absolute_url(feed_path(lang)))
    _text(feed, "title", config.title[lang])
    # A feed without articles still needs a stable date: the epoch is deterministic.
    newest = articles[0].last_reviewed if articles else dt.date(1970, 1, 1)
    _text(feed, "updated", _timestamp(newest))
    author = etree.SubElement(feed, _q("author"))
    _text(author, "name", config.title[lang])
    _text(author, "uri", config.absolute_url(f"/{lang}/"))
    _link(feed, "self", config.absolute_url(feed_path(lang)), "application/atom+xml")
    _link(feed, "alternate", config.absolute_url(f"/{lang}/"), "text/html")
    for article in articles:
        _entry(feed, site, article)
    etree.indent(feed)
    body = etree.tostring(feed, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _entry(feed: etree.Element, site: Site, article: Article) -> None:
    url = site.config.absolute_url(article.url)
    entry = etree.SubElement(feed, _q("entry"))
    _text(entry, "id", url)
    _text(entry, "title", article.title)
    _link(entry, "alternate", url, "text/html")
    _text(entry, "published", _timestamp(article.published))
    _text(entry, "updated", _timestamp(article.last_reviewed))
    _text(entry, "summary", article.description)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _text(parent: etree.Element, tag: str, text: str) -> etree.Element:
    child = etree.SubElement(parent, _q(tag))
    child.text = text
    return child


def _link(parent: etree.Element, rel: str, href: str, kind: str) -> None:
    etree.SubElement(parent, _q("link"), {"rel": rel, "href": href, "type": kind})
