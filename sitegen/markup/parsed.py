"""Read an article's links, images and heading ids from the document Markdown parses.

Patterns over the source miss what the parser also turns into links (reference-style
links and images, autolinks) and disagree with it on the ids of headings. Here the body
is converted with the page's own Markdown settings and every `href` and `src` is taken
from the result, with the line it was written on: the reference definition's line for a
reference-style link, else the line where its target appears.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .dialect import CITATION, DIRECTIVE, FENCE, Link, plain_url, unfenced_lines

# The inline processors that make links from reference definitions.
REFERENCE_PATTERNS = ("reference", "image_reference", "short_reference", "short_image_ref")
# A definition as Python-Markdown reads it, also inside a quote or a list item.
DEFINITION = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?\[([^\[\]]+)\]:[ \t]*<?([^\s>]*)")
FROM = "data-sitegen-from"  # set on each link while parsing, removed before it is read


@dataclass
class ParsedBody:
    """What the parsed document links to and the ids its headings get, in document order."""

    links: list[Link] = field(default_factory=list)
    heading_ids: list[str] = field(default_factory=list)


class _Directives(Preprocessor):
    """Drop directive lines outside fenced code, as the renderer replaces them."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        for line in lines:
            opening = FENCE.match(line)
            if fence is not None:
                if opening and opening.group(1)[0] == fence[0]:
                    fence = None
            elif opening:
                fence = opening.group(1)
            elif DIRECTIVE.match(line):
                line = ""
            out.append(line)
        return out


class _Citation(InlineProcessor):
    """Keep '[@ref]' from being read as a link, as the renderer's citation pattern does."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        return etree.Element("sup"), m.start(0), m.end(0)


class _Collect(Treeprocessor):
    def __init__(self, md: markdown.Markdown, found: list[ParsedBody]):
        super().__init__(md)
        self.found = found

    def run(self, root: etree.Element) -> None:
        body = ParsedBody()
        for el in root.iter():
            if el.tag in ("a", "img"):
                attr = "href" if el.tag == "a" else "src"
                origin = el.attrib.pop(FROM, "inline")
                if origin == "automail":
                    continue  # a mailto: link by construction, its address entity-encoded
                text = "".join(el.itertext()) if el.tag == "a" else el.get("alt", "")
                origin, _, ref = origin.partition(":")
                link = Link(0, plain_url(el.get(attr, "")), text, el.tag == "img", origin)
                link.ref = ref  # type: ignore[attr-defined]
                body.links.append(link)
            elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and el.get("id"):
                body.heading_ids.append(el.get("id", ""))
        self.found.append(body)


def _tagging(processor: InlineProcessor, origin: str) -> None:
    """Make processor mark the links it makes with where they come from (and the reference id)."""
    handle = processor.handleMatch
    evaluate = getattr(processor, "evalId", None)
    last: list[str] = [""]

    def eval_id(data: str, index: int, text: str):  # type: ignore[no-untyped-def]
        ident, end, handled = evaluate(data, index, text)  # type: ignore[misc]
        last[0] = ident or ""
        return ident, end, handled

    def handle_match(m: re.Match[str], data: str):  # type: ignore[no-untyped-def]
        el, start, end = handle(m, data)  # type: ignore[arg-type]
        if el is not None and not isinstance(el, str) and el.tag in ("a", "img"):
            ref = " ".join(last[0].split()).lower()
            el.set(FROM, f"{origin}:{ref}" if evaluate is not None else origin)
        return el, start, end

    if evaluate is not None:
        processor.evalId = eval_id  # type: ignore[attr-defined]
    processor.handleMatch = handle_match  # type: ignore[method-assign]


class _CollectExtension(Extension):
    def __init__(self, found: list[ParsedBody]) -> None:
        super().__init__()
        self.found = found

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.preprocessors.register(_Directives(md), "site_directives", 25)
        md.inlinePatterns.register(_Citation(CITATION.pattern), "site_citation", 175)
        for name in REFERENCE_PATTERNS:
            _tagging(md.inlinePatterns[name], "reference")  # type: ignore[arg-type]
        _tagging(md.inlinePatterns["automail"], "automail")  # type: ignore[arg-type]
        md.treeprocessors.register(_Collect(md, self.found), "site_collect", 1)


_local = threading.local()


def _converter() -> tuple[markdown.Markdown, list[ParsedBody]]:
    # One per thread: a Markdown instance is not thread-safe, and the preview builds in threads.
    if not hasattr(_local, "md"):
        found: list[ParsedBody] = []
        _local.found = found
        _local.md = markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists", "toc", _CollectExtension(found)],
            extension_configs={"toc": {"slugify": slugify}},
            output_format="html",
        )
    return _local.md, _local.found


def parse_body(body: str, first_line: int) -> ParsedBody:
    """Parse a body as the renderer does; return its links (with lines) and heading ids."""
    md, found = _converter()
    md.reset()
    found.clear()
    md.convert(body)
    parsed = found[0] if found else ParsedBody()
    lines = list(unfenced_lines(body, first_line))
    definitions: dict[str, int] = {}
    by_target: dict[str, int] = {}
    for lineno, line in lines:
        m = DEFINITION.match(line)
        if m:
            ref = " ".join(m.group(1).split()).lower()
            definitions[ref] = lineno  # the last one wins, as in Markdown
            by_target.setdefault(m.group(2), lineno)
    cursor = (0, 0)
    for link in parsed.links:
        if link.origin == "reference":
            ref = getattr(link, "ref", "")
            link.line = definitions.get(ref) or by_target.get(link.target) or first_line
            del link.ref  # type: ignore[attr-defined]
            continue
        # Inline links and autolinks: where the target is next written, in document order.
        link.line, cursor = _find(lines, link.target, cursor, first_line)
    return parsed


def _find(
    lines: list[tuple[int, str]], target: str, cursor: tuple[int, int], default: int
) -> tuple[int, tuple[int, int]]:
    """Return the line where target is next written as a link from cursor, and the new cursor."""
    written = re.compile(r"\]\(\s*<?" + re.escape(target) + r"|<" + re.escape(target) + ">")
    start, col = cursor
    for index in range(start, len(lines)):
        found = written.search(lines[index][1], col if index == start else 0)
        if found:
            return lines[index][0], (index, found.end())
    # Written with escapes the parser removed: the line of the previous link is the best guess.
    return (lines[start][0] if start < len(lines) else default), cursor


def uneven_rows(body: str, first_line: int) -> list[tuple[int, int, int]]:
    """Return (line, cells, header cells) of table rows whose cells the table would drop or add."""
    md, _found = _converter()
    table = next((p for p in md.parser.blockprocessors if isinstance(p, TableProcessor)), None)
    if table is None or "|" not in body:
        return []
    found: list[tuple[int, int, int]] = []
    block: list[tuple[int, str]] = []
    for lineno, line in [*unfenced_lines(body, first_line), (0, "")]:
        if line.strip():
            block.append((lineno, line))
            continue
        # A table as Python-Markdown's own processor sees it: its test, its way of splitting.
        text = "\n".join(row for _, row in block)
        if len(block) > 2 and not block[0][1].startswith((" " * 4, "\t")) and table.test(None, text):
            columns = len(table.separator)  # type: ignore[attr-defined]
            for lineno_row, row in block[2:]:
                cells = len(table._split_row(row.strip(" ")))
                if cells != columns:
                    found.append((lineno_row, cells, columns))
        block = []
    return found
