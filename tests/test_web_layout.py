"""Every page on a phone, a small phone and a desktop, light and dark: nothing off-screen, the
article on the first screen, no layout shift, no axe violation; tables readable on paper."""

from __future__ import annotations

import io
import re
from collections import Counter

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


@pytest.mark.slow
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
        # One tab per page, all open before the two seconds' wait: one wait, not one per page.
        tabs = []
        for output in built_site.pages:
            tab = context.new_page()
            visits.watch(tab)
            tab.goto(site_url + url_path(output))
            tabs.append((output, tab))
        tabs[-1][1].wait_for_timeout(2000)  # since the last load: every page was watched 2 s or longer
        for output, page in tabs:
            path = url_path(output)
            shift = page.evaluate("window.__shift")
            if shift != 0:
                problems.append(
                    f"{path}: cumulative layout shift {shift:.4f} in the two seconds or more after it loaded"
                )
            problems += [f"{path}: text off screen: {t}" for t in page.evaluate(TEXT_OFF_SCREEN)]
            if kinds.get(output) == "article" and size == "375":
                top = page.evaluate(FIRST_SENTENCE_TOP)
                if top is None or top >= height:
                    problems.append(f"{path}: the article's first sentence starts at {top} px")
            problems += [f"{path}: {v}" for v in axe_violations(page, axe_source)]
            page.close()
        if size != "320":
            page = context.new_page()
            visits.watch(page)
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


# Each column of each data set as printed: its name and the words of its header and cells.
# A table's column is its cells by index; a card list's is each label (dt) with its values.
PRINTED_COLUMNS = """() => {
  const columns = [];
  for (const figure of document.querySelectorAll("main figure.dataset")) {
    const title = figure.querySelector("caption, figcaption").innerText.trim();
    const table = figure.querySelector("table");
    if (table) {
      const heads = [...table.tHead.rows[0].cells].map((c) => c.innerText.trim());
      heads.forEach((name, i) => {
        const cells = [...table.rows].map((row) => row.cells[i]).filter(Boolean);
        columns.push({title, name, text: cells.map((c) => c.innerText).join(" ")});
      });
    } else {
      const byLabel = new Map();
      for (const dt of figure.querySelectorAll("dt")) {
        const name = dt.innerText.trim();
        const dd = dt.nextElementSibling;
        byLabel.set(name, (byLabel.get(name) || "") + " " + name + " " + (dd ? dd.innerText : ""));
      }
      const first = [...figure.querySelectorAll(".card-title")].map((p) => p.innerText).join(" ");
      if (first) columns.push({title, name: "(card title)", text: first});
      for (const [name, text] of byLabel) columns.push({title, name, text});
    }
  }
  return {columns, page: document.querySelector("main").innerText};
}"""
WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    """Return how often each word occurs, ignoring case and punctuation."""
    return Counter(WORD.findall(text.casefold()))


def printed(browser, site_url: str, path: str, before_print: str = "") -> tuple[bytes, dict]:
    """Print a page to PDF as Chromium does for a reader (A4, no backgrounds); return it and its columns."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.emulate_media(media="print")
        if before_print:
            page.evaluate(before_print)
        return page.pdf(format="A4"), page.evaluate(PRINTED_COLUMNS)
    finally:
        context.close()


def print_problems(path: str, data: bytes, shown: dict) -> tuple[list[str], int]:
    """Return what the PDF prints too small or leaves out of a column, and how many characters it has."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars, found = [], Counter()
        for sheet in pdf.pages:
            # Text past the paper's left or right edge is not on the page a reader holds.
            on_paper = sheet.filter(
                lambda o, w=sheet.width: (
                    o.get("object_type") != "char" or (o["x0"] >= -0.5 and o["x1"] <= w + 0.5)
                )
            )
            chars += [c for c in on_paper.chars if c["text"].strip()]
            found += words(" ".join(w["text"] for w in on_paper.extract_words()))
    problems = []
    small = sorted({round(c["size"], 1) for c in chars if c["size"] < SMALLEST_PRINT_PT - 0.01})
    if small:
        problems.append(f"{path}: text printed at {small} pt")
    # Each word of a column must be printed as often as the page shows it, so a column that
    # is cut off is missed even when its words also occur in the prose.
    on_page = words(shown["page"])
    for column in shown["columns"]:
        missing = sorted(w for w in words(column["text"]) if found[w] < on_page[w])
        if missing:
            problems.append(
                f"{path}: {column['title']!r}, column {column['name']!r} is not all printed: {missing}"
            )
    return problems, len(chars)


@pytest.mark.slow
def test_print_shows_every_column_of_every_table_at_a_readable_size(
    built_site: BuiltSite, site_url: str, browser
) -> None:
    site = built_site.result.site
    checked = columns = 0
    problems: list[str] = []
    for page in site.pages:
        if page.kind != "article":
            continue
        used = [args for _line, name, args in site.scans[page.article.path].directives if name == "dataset"]
        if not used:
            continue
        data, shown = printed(browser, site_url, page.url)
        found, count = print_problems(page.url, data, shown)
        problems += found
        checked += count
        columns += len(shown["columns"])
    assert problems == []
    assert checked > 1000
    assert columns > 20


def test_the_print_check_sees_small_text(site_url: str, browser) -> None:
    shrink = "document.querySelector('table').style.fontSize = '6pt'"
    data, shown = printed(browser, site_url, "/en/side-effects/", shrink)
    problems, _ = print_problems("/en/side-effects/", data, shown)
    assert problems[0].startswith("/en/side-effects/: text printed at [6.0")


# The table in a box 60 mm wide that hides what overflows, as a scrolling wrapper does on paper.
CLIP_TABLE = """
const table = document.querySelector("main table");
const box = document.createElement("div");
box.style.cssText = "overflow: hidden; width: 60mm";
table.before(box);
box.append(table);
"""


def test_the_print_check_sees_a_column_cut_off(site_url: str, browser) -> None:
    data, shown = printed(browser, site_url, "/en/side-effects/")
    assert print_problems("/en/side-effects/", data, shown)[0] == []
    title = next(c["title"] for c in shown["columns"] if c["name"] == "What to do")
    names = [c["name"] for c in shown["columns"] if c["title"] == title]
    assert names == ["Side effect", "How common", "Share of treatments (2014 survey)", "What to do"]
    data, shown = printed(browser, site_url, "/en/side-effects/", CLIP_TABLE)
    problems, _ = print_problems("/en/side-effects/", data, shown)
    assert any("column 'What to do' is not all printed" in p for p in problems), problems


def test_the_print_check_reads_the_cards_of_a_wide_data_set(site_url: str, browser) -> None:
    data, shown = printed(browser, site_url, "/en/the-research/")
    names = [c["name"] for c in shown["columns"]]
    assert names[0] == "(card title)" and len(names) > 5
    assert print_problems("/en/the-research/", data, shown)[0] == []
