"""Navigation for a page: the site menu, breadcrumbs, contents list and related articles."""

from __future__ import annotations

import re
from typing import Any

from ..content import Article
from ..menu import menu_sections
from ..model import Page, Site

# An article gets an "On this page" list from this many second-level headings on.
TOC_FROM = 4
# The context names below depend on other articles; the page cache keys them on the listing.
MORE_PAGES_LIMIT = 20
LISTING_NAMES = frozenset({"menu", "breadcrumbs", "related", "care_page_url"})


def plain(text: str) -> str:
    """Return a Markdown heading's text without link targets, emphasis or code marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[@[^\]]*\]", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def navigation(site: Site, page: Page, articles: list[Article]) -> dict[str, Any]:
    """Return the navigation parts of a page's template context."""
    lang = page.lang
    home = f"/{lang}/"
    sections = menu_sections(site.config.menu, articles, lang)
    if page.url != home:
        # Every page carries the menu: listing every unplaced article on each would make pages
        # grow with the site and the build quadratic in it. The front page lists them all.
        sections = [(i, t, found if i != "more" else found[:MORE_PAGES_LIMIT]) for i, t, found in sections]
    menu = [
        {
            "id": ident,
            "title": title,
            "items": [
                {"title": a.title, "description": a.description, "url": a.url, "current": a.url == page.url}
                for a in found
            ],
        }
        for ident, title, found in sections
    ]
    article = page.article
    breadcrumbs: list[dict[str, str | None]] = []
    toc: list[dict[str, str]] = []
    related: list[Article] = []
    if article is not None:
        breadcrumbs.append({"title": site.config.title[lang], "url": home})
        for ident, title, found in sections:
            if article in found and title:
                breadcrumbs.append({"title": title, "url": f"{home}#{ident}"})
        breadcrumbs.append({"title": article.title, "url": None})
        headings = [h for h in site.scans[article.path].headings if h.level == 2]
        if len(headings) >= TOC_FROM:
            toc = [{"id": h.id, "title": plain(h.text)} for h in headings]
        for name in article.related:
            other = site.by_file.get((lang, name))
            if other is not None and other is not article and other not in related:
                related.append(other)
    care = site.by_key.get(getattr(site.config, "care_page", "") or "", {}).get(lang)
    return {
        "menu": menu,
        "breadcrumbs": breadcrumbs,
        "toc": toc,
        "related": related,
        "care_page_url": care.url if care else None,
    }
