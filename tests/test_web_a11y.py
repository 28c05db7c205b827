"""axe-core in Chromium: search results, a planted violation, focus, print. Every page at three
sizes in both schemes is checked in test_web_layout.py."""

from __future__ import annotations

import pytest

from tests.web_site import ARTIFACTS

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ("light", "dark")
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
