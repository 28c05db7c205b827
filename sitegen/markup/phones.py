"""Make the site's phone numbers tel: links, in article text and in data texts."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence

from markupsafe import Markup, escape

# Text inside these is left alone: a link is already a link, code is quoted as it is.
SKIPPED = {"a", "code", "pre"}


@functools.cache
def phone_pattern(numbers: tuple[str, ...]) -> re.Pattern[str] | None:
    """Return a pattern that finds the numbers as whole words, or None when there are none."""
    if not numbers:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
    # Not part of a longer number, a decimal, a web address (1177.se) or a placeholder (:112).
    return re.compile(rf"(?<![\w.,/:+-])({alternatives})(?![\w/@-])(?![.,]\w)")


def link_phones(text: str, numbers: Sequence[str]) -> Markup:
    """Escape a text and make every phone number in it a tel: link."""
    pattern = phone_pattern(tuple(numbers))
    if pattern is None:
        return escape(text)
    parts = pattern.split(text)
    # split() with one group alternates text, number, text, ...
    return Markup("").join(
        escape(part) if i % 2 == 0 else Markup('<a href="tel:{0}">{0}</a>').format(part)
        for i, part in enumerate(parts)
    )


def link_phones_in_tree(root: etree.Element, numbers: Sequence[str]) -> None:
    """Turn every phone number in the text of an element tree into a tel: link."""
    pattern = phone_pattern(tuple(numbers))
    if pattern is not None:
        _link(root, pattern)


def _link(element: etree.Element, pattern: re.Pattern[str]) -> None:
    if element.tag in SKIPPED:
        return
    head, links = _split(element.text, pattern)
    element.text = head
    children: list[etree.Element] = list(links)
    for child in list(element):
        _link(child, pattern)
        child.tail, after = _split(child.tail, pattern)
        children += [child, *after]
    element[:] = children


def _split(text: str | None, pattern: re.Pattern[str]) -> tuple[str | None, list[etree.Element]]:
    """Return the text before the first number, and one link per number with the text after it."""
    if not text or pattern.search(text) is None:
        return text, []
    parts = pattern.split(text)
    links = []
    for number, tail in zip(parts[1::2], parts[2::2], strict=True):
        link = etree.Element("a", {"href": f"tel:{number}"})
        link.text, link.tail = number, tail
        links.append(link)
    return parts[0], links
