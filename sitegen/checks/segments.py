"""Split an article into aligned segments: headings, paragraphs, list items, table cells, alt texts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content import Article
from ..markup.dialect import DIRECTIVE, FENCE, HEADING, LINK
from .structure import LIST_ITEM, TABLE_ROW, TABLE_RULE

# A Markdown comment that renders nothing: `[//]: # (deliberate: negation, units)`.
DELIBERATE = re.compile(r"^\s{0,3}\[//\]:\s*#\s*[(\"']\s*deliberate\s*:\s*([^)\"']*)[)\"']\s*$", re.I)
# What a reader does not see as words: citation keys, code, heading ids, emphasis marks.
_MARKUP = re.compile(
    r"\[@[^\]]*\]|`[^`]*`|\{#[^}]*\}|[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}|^\s*(?:[-*+]|\d+[.)])\s+"
)
KINDS = {
    "heading": "heading",
    "paragraph": "paragraph",
    "item": "list item",
    "cell": "table cell",
    "alt": "alt text",
}


@dataclass
class Segment:
    """A piece of text a reader sees as one unit, with the lines it spans."""

    kind: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    deliberate: frozenset[str] = frozenset()
    urls: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the segment as plain words, its lines joined by spaces."""
        return " ".join(t for _, t in self.lines)

    def line_of(self, pattern: re.Pattern[str]) -> int:
        """Return the first line whose text matches pattern (the segment's first line otherwise)."""
        return next((n for n, t in self.lines if pattern.search(t)), self.line)

    def describe(self) -> str:
        """Name the kind of segment for a message."""
        return KINDS.get(self.kind, self.kind)


def plain(line: str, urls: list[str] | None = None) -> str:
    """Return a Markdown line as the words it shows: link texts without targets, no markup."""

    def link(m: re.Match[str]) -> str:
        if urls is not None and not m.group(1):
            urls.append(m.group(3))
        return "" if m.group(1) else m.group(2)

    return " ".join(_MARKUP.sub("", LINK.sub(link, line)).split())


def read_segments(article: Article) -> list[list[Segment]]:
    """Return the segments of each section (the part before the first heading comes first)."""
    sections: list[list[Segment]] = [[]]
    current: Segment | None = None
    pending: frozenset[str] = frozenset()
    fence: str | None = None

    def start(kind: str, lineno: int) -> Segment:
        nonlocal pending
        segment = Segment(kind, lineno, deliberate=pending)
        pending = frozenset()
        sections[-1].append(segment)
        return segment

    def add(segment: Segment, lineno: int, raw: str) -> None:
        for m in LINK.finditer(raw):
            if m.group(1):
                alt = start("alt", lineno)
                alt.lines.append((lineno, plain(m.group(2))))
        words = plain(raw, segment.urls)
        if words:
            segment.lines.append((lineno, words))

    for offset, line in enumerate(article.body.split("\n")):
        lineno = article.body_line + offset
        opening = FENCE.match(line)
        if fence is not None or opening:
            if fence is None:
                fence = opening.group(1)  # type: ignore[union-attr]
            elif opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            current = None
            continue
        deliberate = DELIBERATE.match(line)
        if deliberate:
            pending = frozenset(w.strip().lower() for w in deliberate.group(1).split(",") if w.strip())
            current = None
            continue
        if not line.strip() or DIRECTIVE.match(line):
            current = None
            continue
        heading = HEADING.match(line)
        if heading:
            sections.append([])
            segment = start("heading", lineno)
            add(segment, lineno, heading.group(2))
            current = None
        elif TABLE_ROW.match(line):
            current = None
            if not TABLE_RULE.match(line):
                for cell in line.strip().strip("|").split("|"):
                    add(start("cell", lineno), lineno, cell)
        elif LIST_ITEM.match(line):
            current = start("item", lineno)
            add(current, lineno, line)
        elif current is not None:
            add(current, lineno, line)  # the paragraph or list item goes on (or lazily continues)
        else:
            current = start("paragraph", lineno)
            add(current, lineno, line)
    for section in sections:
        section[:] = [s for s in section if s.lines or s.urls]
    return sections


def by_kind(segments: list[Segment], kind: str) -> list[Segment]:
    """Return the segments of one kind, in order."""
    return [s for s in segments if s.kind == kind]
