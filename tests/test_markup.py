"""Markdown: scanning bodies with line numbers, and converting them safely."""

from __future__ import annotations

from sitegen.markup.dialect import MarkdownRenderer, PageContext, heading_id, scan_body

BODY = """Intro [@gildir2019] and [a link](other.md#x).

## Vad säger forskningen?

::: dataset side-effects

```
[not a link](nowhere.md) <b>
```

## Vad säger forskningen?
"""


def context() -> PageContext:
    """Return a page context that resolves other.md and cites one reference."""
    return PageContext(
        "sv",
        lambda name: "/sv/other/" if name == "other.md" else None,
        lambda ref: 1 if ref == "gildir2019" else None,
        lambda name, args: f'<div class="d">{name}:{args}</div>',
    )


def test_scan_finds_items_with_their_lines_and_skips_code() -> None:
    scan = scan_body(BODY, 10)
    assert [(link.line, link.target) for link in scan.links] == [(10, "other.md#x")]
    assert scan.citations == [(10, "gildir2019")]
    assert scan.directives == [(14, "dataset", "side-effects")]
    assert [(h.line, h.level, h.id) for h in scan.headings] == [
        (12, 2, "vad-sager-forskningen"),
        (20, 2, "vad-sager-forskningen_1"),
    ]
    assert scan.raw_html == []


def test_scan_finds_raw_html_but_not_autolinks() -> None:
    scan = scan_body("See <https://1177.se> and <img src=x onerror=alert(1)>\n", 3)
    assert scan.raw_html == [(3, "<img src=x onerror=alert(1)>")]


def test_heading_ids_match_python_markdown() -> None:
    html = MarkdownRenderer().convert(BODY, context())
    assert '<h2 id="vad-sager-forskningen">' in html
    assert '<h2 id="vad-sager-forskningen_1">' in html
    assert heading_id("Vad *säger* [forskningen](x.md)?", set()) == "vad-sager-forskningen"


def test_convert_resolves_links_citations_and_directives() -> None:
    html = MarkdownRenderer().convert(BODY, context())
    assert '<sup class="citation"><a href="#ref-gildir2019">[1]</a></sup>' in html
    assert '<a href="/sv/other/#x">a link</a>' in html
    assert '<div class="d">dataset:side-effects</div>' in html
    assert "<code>[not a link](nowhere.md) &lt;b&gt;\n</code>" in html


def test_convert_escapes_raw_html_and_neutralises_scripts() -> None:
    body = (
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) ![y](data:text/html,hi) [z](https://a.org)\n"
    )
    html = MarkdownRenderer().convert(body, context())
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert 'src="data:' not in html
    assert '<a href="https://a.org" rel="noopener">z</a>' in html


def test_tables_get_column_scope() -> None:
    html = MarkdownRenderer().convert("| a | b |\n|---|---|\n| 1 | 2 |\n", context())
    assert '<th scope="col">a</th>' in html
