"""axe-core in Chromium on every page: light and dark, 320 px and desktop; screenshots for a person."""

from __future__ import annotations

import pytest

from tests.web_site import ARTIFACTS, BuiltSite, Visits, url_path

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"mobile": 320, "desktop": 1280}
SCHEMES = ("light", "dark")
SCREENSHOTS = {"home": "/sv/", "article": "/sv/biverkningar/"}
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def axe_violations(page, axe_source: str) -> list[str]:
    """Run axe on the loaded page; return one line per violation and element."""
    page.evaluate(axe_source)
    found = page.evaluate(RUN_AXE, TAGS)
    return [f"{v['id']} ({v['help']}): {node}" for v in found for node in v["nodes"]]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_axe_violations_on_any_page(
    built_site: BuiltSite, site_url: str, browser, axe_source: str, scheme: str, width: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": WIDTHS[width], "height": 900})
    visits = Visits(context, site_url)
    problems: list[str] = []
    try:
        page = context.new_page()
        visits.watch(page)
        for output in built_site.pages:
            page.goto(site_url + url_path(output))
            problems += [f"{url_path(output)}: {v}" for v in axe_violations(page, axe_source)]
            # Nothing may be wider than the screen, except inside the tables' own scroll boxes.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{url_path(output)}: page is {overflow}px wider than the viewport")
        for name, path in SCREENSHOTS.items():
            page.goto(site_url + path)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert problems == []
    assert visits.foreign == []
    assert visits.errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_with_search_results_shown(
    site_url: str, browser, axe_source: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 320, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "/en/")
        page.fill("#search-input", "headache")
        page.press("#search-input", "Enter")
        page.wait_for_selector(".search-results li", timeout=15000)
        assert axe_violations(page, axe_source) == []
        page.screenshot(path=str(ARTIFACTS / f"search-{scheme}-mobile.png"))
    finally:
        context.close()


def test_axe_reports_a_real_violation(site_url: str, browser, axe_source: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "/en/")
        page.evaluate("document.querySelector('.site-title').style.color = '#c8c4bb'")
        assert any(v.startswith("color-contrast") for v in axe_violations(page, axe_source))
    finally:
        context.close()


def test_focus_is_visible_and_skip_link_comes_first(site_url: str, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "/en/side-effects/")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.getAttribute('href'), s.outlineStyle, s.outlineWidth, e.getBoundingClientRect().top]; })()"
        )
        assert focused[:3] == ["#main", "solid", "3px"]
        assert focused[3] >= 0  # moved into view when focused
    finally:
        context.close()


def test_print_hides_navigation_and_search(site_url: str, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "/en/side-effects/")
        page.emulate_media(media="print")
        for selector in (".language-switcher", ".site-footer", ".skip-link"):
            assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
        assert page.is_visible(".seek-care")
    finally:
        context.close()
