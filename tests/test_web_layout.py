"""Every page on a phone, a small phone and a desktop, light and dark: nothing off-screen, the
article on the first screen, no layout shift, no axe violation; tables readable on paper."""

from __future__ import annotations

import io

import pytest

from tests.test_web_a11y import axe_violations
from tests.web_site import ARTIFACTS, BuiltSite, Visits, url_path

VIEWPORTS = {"320": (320, 640), "375": (375, 667), "1280": (1280, 800)}
SCHEMES = ("light", "dark")
SEEK_CARE = {"/sv/nar-soka-vard/", "/en/when-to-seek-care/"}
SCREENSHOTS = {
    "front": "/sv/",
    "seek-care": "/sv/nar-soka-vard/",
    "side-effects": "/en/side-effects/",
    "research": "/sv/forskningen/",
}
SMALLEST_PRINT_PT = 9

# Registered before any page script: sums the layout shifts that no input caused.
WATCH_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""

# Every visible text node whose box reaches past the left or right edge of the viewport.
TEXT_OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    let el = node.parentElement, hidden = false;
    for (; el; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.clipPath !== "none" || s.visibility === "hidden" || el.classList.contains("skip-link")) {
        hidden = true;
        break;
      }
    }
    if (hidden) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && (r.left < -0.5 || r.right > width + 0.5)) {
        out.push(`${node.textContent.trim().slice(0, 40)} (${Math.round(r.left)}..${Math.round(r.right)})`);
        break;
      }
    }
  }
  return out;
}"""

FIRST_SENTENCE_TOP = """() => {
  const first = document.querySelector(".article-body :is(p, li)");
  return first ? first.getBoundingClientRect().top : null;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_every_page_fits_starts_at_once_stays_still_and_passes_axe(
    built_site: BuiltSite, site_url: str, browser, axe_source: str, scheme: str, size: str
) -> None:
    width, height = VIEWPORTS[size]
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": height})
    context.add_init_script(WATCH_SHIFTS)
    visits = Visits(context, site_url)
    problems: list[str] = []
    kinds = {page.output: page.kind for page in built_site.result.site.pages}
    try:
        page = context.new_page()
        visits.watch(page)
        for output in built_site.pages:
            path = url_path(output)
            page.goto(site_url + path)
            page.wait_for_timeout(2000)
            shift = page.evaluate("window.__shift")
            if shift != 0:
                problems.append(f"{path}: cumulative layout shift {shift:.4f} in the first two seconds")
            problems += [f"{path}: text off screen: {t}" for t in page.evaluate(TEXT_OFF_SCREEN)]
            if kinds.get(output) == "article" and size == "375":
                top = page.evaluate(FIRST_SENTENCE_TOP)
                if top is None or top >= height:
                    problems.append(f"{path}: the article's first sentence starts at {top} px")
            problems += [f"{path}: {v}" for v in axe_violations(page, axe_source)]
        if size != "320":
            ARTIFACTS.mkdir(exist_ok=True)
            for name, path in SCREENSHOTS.items():
                page.goto(site_url + path)
                page.screenshot(path=str(ARTIFACTS / f"{name}-{size}-{scheme}.png"), full_page=True)
    finally:
        context.close()
    assert problems == []
    assert visits.foreign == []
    assert visits.errors == []


@pytest.mark.parametrize("path", sorted(SEEK_CARE))
def test_the_emergency_card_is_on_the_first_screen(site_url: str, browser, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        card = page.query_selector(".article-body .care-emergency")
        assert card is not None
        assert card.bounding_box()["y"] < 667
    finally:
        context.close()


def test_the_off_screen_check_finds_a_wide_line(site_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(site_url + "/en/side-effects/")
        assert page.evaluate(TEXT_OFF_SCREEN) == []
        page.evaluate("document.querySelector('h1').style.whiteSpace = 'nowrap'")
        page.evaluate(
            "document.querySelector('h1').textContent = 'A heading far too long for a phone screen'"
        )
        [found] = page.evaluate(TEXT_OFF_SCREEN)
        assert found.startswith("A heading far too long for a phone")
        assert int(found.rsplit("..", 1)[1].rstrip(")")) > 320
    finally:
        context.close()


def test_the_shift_watch_sees_a_shift(site_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    context.add_init_script(WATCH_SHIFTS)
    try:
        page = context.new_page()
        page.goto(site_url + "/en/side-effects/")
        page.wait_for_timeout(300)
        page.evaluate("document.querySelector('.site-header').style.paddingTop = '200px'")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") > 0
    finally:
        context.close()


def pdf_of(browser, site_url: str, path: str) -> bytes:
    """Print a page to PDF as Chromium does for a reader (A4, no backgrounds)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.emulate_media(media="print")
        return page.pdf(format="A4")
    finally:
        context.close()


def test_print_shows_every_column_of_every_table_at_a_readable_size(
    built_site: BuiltSite, site_url: str, browser
) -> None:
    import pdfplumber

    site = built_site.result.site
    checked = 0
    problems: list[str] = []
    for page in site.pages:
        if page.kind != "article":
            continue
        used = [args for _line, name, args in site.scans[page.article.path].directives if name == "dataset"]
        if not used:
            continue
        with pdfplumber.open(io.BytesIO(pdf_of(browser, site_url, page.url))) as pdf:
            chars = [c for p in pdf.pages for c in p.chars if c["text"].strip()]
        small = sorted({round(c["size"], 1) for c in chars if c["size"] < SMALLEST_PRINT_PT - 0.01})
        if small:
            problems.append(f"{page.url}: text printed at {small} pt")
        checked += len(chars)
    assert problems == []
    assert checked > 1000


def _translate(site, lang: str, text: str) -> str:
    from sitegen.catalogs import compile_catalog

    return compile_catalog(site.catalogs.get(lang)).gettext(text)


def test_the_print_check_reads_sizes(site_url: str, browser) -> None:
    import pdfplumber

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "/en/side-effects/")
        page.emulate_media(media="print")
        page.evaluate("document.querySelector('table').style.fontSize = '6pt'")
        data = page.pdf(format="A4")
    finally:
        context.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = {round(c["size"]) for p in pdf.pages for c in p.chars}
    assert 6 in sizes and 11 in sizes
