"""Scan an article body: its links, citations, directives, headings and raw HTML, with their lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dialect import (
    CITATION,
    CLOSE,
    CODE_SPAN,
    DIRECTIVE,
    HEADING,
    RAW_HTML,
    Heading,
    Link,
    heading_id,
    unfenced_lines,
)
from .parsed import parse_body, uneven_rows


@dataclass
class BodyScan:
    """What an article body contains, each item with its line in the file."""

    links: list[Link] = field(default_factory=list)
    citations: list[tuple[int, str]] = field(default_factory=list)
    directives: list[tuple[int, str, str]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    raw_html: list[tuple[int, str]] = field(default_factory=list)
    closings: list[int] = field(default_factory=list)
    # Table rows whose number of cells differs from the header's: (line, cells, header cells).
    uneven_rows: list[tuple[int, int, int]] = field(default_factory=list)
    heading_ids: list[str] = field(default_factory=list)  # as the page gets them

    @property
    def anchors(self) -> set[str]:
        return set(self.heading_ids)


def scan_body(body: str, first_line: int) -> BodyScan:
    """Find links, citations, directives, headings and raw HTML, with their lines."""
    scan = BodyScan()
    parsed = parse_body(body, first_line)
    scan.links = parsed.links
    scan.heading_ids = parsed.heading_ids
    scan.uneven_rows = uneven_rows(body, first_line)
    used: set[str] = set()
    for lineno, line in unfenced_lines(body, first_line):
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+")):
            continue
        text = CODE_SPAN.sub("", line)
        directive = DIRECTIVE.match(text)
        if directive:
            scan.directives.append((lineno, directive.group(1), directive.group(2)))
            continue
        if CLOSE.match(text):
            scan.closings.append(lineno)
            continue
        heading = HEADING.match(text)
        if heading:
            level = len(heading.group(1))
            scan.headings.append(Heading(lineno, level, heading.group(2), heading_id(heading.group(2), used)))
        for m in CITATION.finditer(text):
            scan.citations.append((lineno, m.group(1)))
        for m in RAW_HTML.finditer(text):
            scan.raw_html.append((lineno, m.group(0)))
    # The ids the page gets, for the headings the patterns found (setext ones have none here).
    if len(scan.heading_ids) == len(scan.headings):
        for heading, ident in zip(scan.headings, scan.heading_ids, strict=True):
            heading.id = ident
    return scan
