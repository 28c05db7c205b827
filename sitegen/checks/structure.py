"""Split an article into sections and compare the structure of two language versions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..content import Article
from ..markup.dialect import CITATION, DIRECTIVE, HEADING, LINK, Link, unfenced_lines
from .numbers import Number, find_numbers

LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
TABLE_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s{0,3}\|?[\s:|-]*-[\s:|-]*\|?\s*$")


@dataclass
class Section:
    """A heading and what follows it up to the next heading (the first has no heading)."""

    line: int
    level: int = 0
    title: str = ""
    list_items: int = 0
    tables: list[tuple[int, int]] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    text: list[tuple[int, str]] = field(default_factory=list)

    def name(self) -> str:
        """Return how a message names the section."""
        return f"section '{self.title}'" if self.level else "the introduction"


@dataclass
class Outline:
    """An article read as sections, with its directives, links and citations in order."""

    sections: list[Section]
    directives: list[tuple[int, str, str]]
    links: list[Link]
    citations: list[tuple[int, str]]

    @property
    def levels(self) -> list[int]:
        """Return the level of each heading, in order."""
        return [s.level for s in self.sections[1:]]

    def level_counts(self) -> str:
        """Describe the outline as counts per level, such as '5 × h2, 2 × h3'."""
        counts = Counter(self.levels)
        return ", ".join(f"{counts[level]} × h{level}" for level in sorted(counts)) or "no headings"


def read_outline(article: Article) -> Outline:
    """Read an article body into sections, skipping fenced code."""
    sections = [Section(article.body_line)]
    outline = Outline(sections, [], [], [])
    in_table = False
    for lineno, line in unfenced_lines(article.body, article.body_line):
        current = sections[-1]
        directive = DIRECTIVE.match(line)
        if directive:
            outline.directives.append((lineno, directive.group(1), directive.group(2)))
            in_table = False
            continue
        heading = HEADING.match(line)
        if heading:
            current = Section(lineno, len(heading.group(1)), heading.group(2).strip())
            sections.append(current)
        elif LIST_ITEM.match(line):
            current.list_items += 1
        if TABLE_ROW.match(line):
            if not in_table:
                current.tables.append((0, line.strip().strip("|").count("|") + 1))
                in_table = True
            if not TABLE_RULE.match(line):
                rows, cols = current.tables[-1]
                current.tables[-1] = (rows + 1, cols)
        else:
            in_table = False
        for m in LINK.finditer(line):
            link = Link(lineno, m.group(3), m.group(2), m.group(1) == "!")
            (current.images if link.image else outline.links).append(link)
        for m in CITATION.finditer(line):
            outline.citations.append((lineno, m.group(1)))
        current.text.append((lineno, line))
    for section in sections:
        body = "\n".join(text for _, text in section.text)
        first = section.text[0][0] if section.text else section.line
        section.numbers = find_numbers(body, article.lang, first)
    return outline


def outline_difference(here: Outline, there: Outline) -> int | None:
    """Return the index of the first heading whose level differs, or None if the outlines match."""
    a, b = here.levels, there.levels
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return None if len(a) == len(b) else min(len(a), len(b))


def describe_tables(tables: list[tuple[int, int]]) -> str:
    """Describe tables as '1 table (4 rows × 2 columns)'."""
    if not tables:
        return "no tables"
    shapes = ", ".join(f"{rows} rows × {cols} columns" for rows, cols in tables)
    return f"{len(tables)} table{'s' if len(tables) != 1 else ''} ({shapes})"


def merged(outline: Outline) -> Section:
    """Return the whole article as one section, for when the outlines do not line up."""
    whole = Section(outline.sections[0].line)
    for section in outline.sections:
        whole.list_items += section.list_items
        whole.tables += section.tables
        whole.images += section.images
        whole.numbers += section.numbers
        whole.text += section.text
    return whole
