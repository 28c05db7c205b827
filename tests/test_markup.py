"""Markdown: scanning bodies with line numbers, and converting them safely."""

from __future__ import annotations

from sitegen.markup.dialect import MarkdownRenderer, PageContext, heading_id
from sitegen.markup.scan import scan_body

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


def container_context(numbers: tuple[str, ...] = ()) -> PageContext:
    """Return a page context whose container directives wrap their body in a section."""
    from sitegen.markup.dialect import BODY

    def render(name: str, args: str) -> str:
        return f'<section class="{name} {args}">\n<h2>{name}</h2>\n{BODY}\n</section>\n'

    return PageContext("sv", lambda name: None, lambda ref: None, render, "", numbers)


def test_a_container_directive_wraps_the_markdown_it_holds() -> None:
    body = "::: in-short\n- ett\n- två\n:::\n\nText efter.\n"
    html = MarkdownRenderer().convert(body, container_context())
    assert html == (
        '<section class="in-short ">\n<h2>in-short</h2>\n'
        "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>\n</section>\n<p>Text efter.</p>"
    )


def test_containers_nest_and_an_unclosed_one_is_closed_at_the_end() -> None:
    body = "::: care emergency\n## Ring direkt\n\n::: in-short\nInne.\n:::\nUte.\n"
    html = MarkdownRenderer().convert(body, container_context())
    assert html == (
        '<section class="care emergency">\n<h2>care</h2>\n<h2 id="ring-direkt">Ring direkt</h2>\n'
        '<section class="in-short ">\n<h2>in-short</h2>\n<p>Inne.</p>\n</section>\n<p>Ute.</p>\n</section>'
    )


def test_a_closing_line_inside_code_or_without_a_container_stays_text() -> None:
    body = "```\n::: in-short\n:::\n```\n\n:::\n"
    html = MarkdownRenderer().convert(body, container_context())
    assert html == "<pre><code>::: in-short\n:::\n</code></pre>\n<p>:::</p>"


def test_scan_records_where_containers_close() -> None:
    scan = scan_body("::: in-short\n- a\n:::\n```\n:::\n```\n", 5)
    assert scan.directives == [(5, "in-short", "")]
    assert scan.closings == [7]


def test_phone_numbers_in_article_text_become_tel_links() -> None:
    body = "Ring 112 eller läs på [1177.se](https://www.1177.se). `112` är koden.\n"
    html = MarkdownRenderer().convert(body, container_context(("112", "1177")))
    assert html == (
        '<p>Ring <a href="tel:112">112</a> eller läs på '
        '<a href="https://www.1177.se" rel="noopener">1177.se</a>. <code>112</code> är koden.</p>'
    )
