"""The menu, breadcrumbs, contents list and related block on every page, with JavaScript off."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin

import pytest

from tests.web_site import BuiltSite, url_path

BLOCKS = {
    "menu": ".menu-panel a",
    "breadcrumbs": ".breadcrumbs a",
    "contents": ".toc a",
    "related": ".related a",
}


@pytest.mark.slow
def test_every_navigation_link_works_without_javascript(
    built_site: BuiltSite, site_url: str, browser
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    fetched: dict[str, str | None] = {}
    problems: list[str] = []
    seen = dict.fromkeys(BLOCKS, 0)
    try:
        page = context.new_page()
        for output in built_site.pages:
            path = url_path(output)
            page.goto(site_url + path)
            if page.query_selector(".site-menu"):
                page.click(".site-menu > summary")
                if not page.is_visible(".menu-panel"):
                    problems.append(f"{path}: the menu does not open")
                page.click(".site-menu > summary")  # closed again: its panel lies over the page
            if page.query_selector(".toc"):
                page.click(".toc > summary")
                if not page.is_visible(".toc nav"):
                    problems.append(f"{path}: the contents list does not open")
            for block, selector in BLOCKS.items():
                for href in page.eval_on_selector_all(
                    selector, "els => els.map(e => e.getAttribute('href'))"
                ):
                    seen[block] += 1
                    target, anchor = urldefrag(urljoin(site_url + path, href))
                    if target not in fetched:
                        response = context.request.get(target)
                        fetched[target] = response.text() if response.ok else None
                    html = fetched[target]
                    if html is None:
                        problems.append(f"{path}: {block} link {href} does not resolve")
                    elif anchor and not re.search(rf'\sid="{re.escape(anchor)}"', html):
                        problems.append(f"{path}: {block} link {href} has no element with that id")
        # And a reader can follow them: one click in each block lands where it said.
        page.goto(site_url + "/en/side-effects/")
        for block, selector in BLOCKS.items():
            if block == "menu":
                page.click(".site-menu > summary")
            if block == "contents":
                page.click(".toc > summary")
            link = page.locator(selector).locator("visible=true").first  # a phone shows one breadcrumb
            href = link.get_attribute("href")
            link.click()
            page.wait_for_load_state()
            assert page.url == urljoin(site_url + "/en/side-effects/", href), block
            page.goto(site_url + "/en/side-effects/")
    finally:
        context.close()
    assert problems == []
    assert all(count > 0 for count in seen.values()), seen
