"""Limits: refuse article bodies that Markdown cannot convert, or not in reasonable time.

Python-Markdown recurses once per level of nested lists or quotes (a few hundred levels
exhaust Python's stack) and looks for the closing ']' of every '[' to the end of its
paragraph (a paragraph full of unclosed brackets takes minutes). Both are found here in
one linear pass, before the body is scanned or converted, and reported at their line.
"""

from __future__ import annotations

import re

from ..problems import Problem, error
from .dialect import unfenced_lines

MAX_NESTING = 20
# Sum over paragraphs of ('[' count x paragraph length): a few seconds of Python-Markdown
# at most. Real articles stay far below: a 10 MB article of ordinary prose is about 1e7.
BRACKET_BUDGET = 50_000_000
QUOTES = re.compile(r"^[ \t]*((?:>[ \t]?)+)")
MAX_CONTROL_REPORTS = 20
# C0 and C1 controls but tab and line breaks: invisible in an editor, passed on raw into HTML.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def body_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """Return the limits an article body exceeds, each once, at the first line that does."""
    problems: list[Problem] = []
    at, counted = first_line, 0
    for control in CONTROL.finditer(body):
        if control.start() < counted:
            continue  # one report per line
        if len(problems) == MAX_CONTROL_REPORTS:
            break  # a binary file pasted in: the first lines say enough
        at += body.count("\n", counted, control.start())
        end = body.find("\n", control.start())
        counted = end if end != -1 else len(body)
        problems.append(
            error(
                path,
                at,
                f"control character U+{ord(control.group(0)):04X} in the text: delete it "
                "(it is invisible in most editors; search for it or retype the line)",
                "characters",
            )
        )
    nested_at: int | None = None
    cost, worst, worst_line = 0, 0, first_line
    block: list[str] = []
    block_line = first_line
    for lineno, line in [*unfenced_lines(body, first_line), (0, "")]:
        if nested_at is None and _depth(line) > MAX_NESTING:
            nested_at = lineno
        if line.strip():
            if not block:
                block_line = lineno
            block.append(line)
            continue
        text = "\n".join(block)
        block_cost = text.count("[") * len(text)
        cost += block_cost
        if block_cost > worst:
            worst, worst_line = block_cost, block_line
        block = []
    if nested_at is not None:
        problems.append(
            error(
                path,
                nested_at,
                f"lists or quotes nested more than {MAX_NESTING} levels deep cannot be built",
                "limits",
            )
        )
    if cost > BRACKET_BUDGET:
        problems.append(
            error(
                path,
                worst_line,
                "too many '[' in long paragraphs for Markdown to convert in reasonable time: "
                "close the brackets or split the paragraph",
                "limits",
            )
        )
    return problems


def _depth(line: str) -> int:
    """Return how many levels of list (four columns each) or quote a line is nested in."""
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    quotes = QUOTES.match(line)
    return indent // 4 + (quotes.group(1).count(">") if quotes else 0)
