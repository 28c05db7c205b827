"""Check the blocks every article page must carry: the disclaimer and the seek-care box."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..catalogs import catalog_path
from ..model import Site
from ..problems import Problem, error
from ..sources.files import relpath
from ..sources.snapshot import Snapshot
from .glossary import language_name

ARTICLE_TEMPLATE = "article.html"
# Block name -> the class its element carries in the templates.
BLOCKS = {"disclaimer": "disclaimer", "seek-care box": "seek-care"}
INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")
# `_("...")` and `_html("...")`, the form for strings that carry markup.
GETTEXT = re.compile(r"""\b_(?:html)?\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.S)


@dataclass(frozen=True)
class RequiredString:
    """A UI string a required block shows, and where the template uses it."""

    block: str
    msgid: str
    path: str
    line: int


def _templates(sources: Snapshot, folder: Path, name: str, seen: set[str]) -> list[tuple[str, str]]:
    """Return a template and the templates it includes, recursively, as (name, text)."""
    if name in seen or not sources.is_file(folder / name):
        return []
    seen.add(name)
    text = sources.read_bytes(folder / name).decode("utf-8", errors="replace")
    found = [(name, text)]
    for include in INCLUDE.findall(text):
        found += _templates(sources, folder, include, seen)
    return found


def _element(text: str, css_class: str) -> tuple[int, str] | None:
    """Return the offset and source of the element carrying a class, up to its closing tag."""
    start = re.search(
        rf"""<(\w+)\b[^>]*\bclass=["'](?:[^"']*\s)?{re.escape(css_class)}(?:\s[^"']*)?["']""", text
    )
    if start is None:
        return None
    end = text.find(f"</{start.group(1)}>", start.end())
    return start.start(), text[start.start() : end if end >= 0 else len(text)]


def required_strings(site: Site) -> tuple[list[RequiredString], list[Problem]]:
    """Find the required blocks in the article template; report a block that is missing."""
    folder = site.config.templates_dir
    article = relpath(folder / ARTICLE_TEMPLATE, site.config.root)
    templates = _templates(site.config.sources, folder, ARTICLE_TEMPLATE, set())
    if not templates:
        return [], []
    strings: list[RequiredString] = []
    problems: list[Problem] = []
    for block, css_class in BLOCKS.items():
        for name, text in templates:
            found = _element(text, css_class)
            if found is None:
                continue
            offset, source = found
            path = relpath(folder / name, site.config.root)
            for m in GETTEXT.finditer(source):
                msgid = " ".join((m.group(1) or m.group(2) or "").split())
                line = text.count("\n", 0, offset + m.start()) + 1
                strings.append(
                    RequiredString(block, msgid.replace('\\"', '"').replace("\\'", "'"), path, line)
                )
            break
        else:
            problems.append(
                error(
                    article,
                    1,
                    f'the article template has no {block} (an element with class="{css_class}", '
                    "in the template or a template it includes)",
                    "required-block",
                )
            )
    return strings, problems


def check_required(site: Site) -> tuple[list[Problem], set[str]]:
    """Check that every required block's strings are translated; return problems and the msgids."""
    strings, problems = required_strings(site)
    config = site.config
    for lang in config.codes:
        if lang == config.source_language:
            continue
        rel = relpath(catalog_path(config.locales_dir, lang), config.root)
        catalog = site.catalogs.get(lang)
        name = language_name(lang)
        for item in strings:
            message = catalog.get(item.msgid) if catalog is not None else None
            if message is None:
                problems.append(
                    error(
                        item.path,
                        item.line,
                        f"the {item.block} needs '{item.msgid[:50]}' in {name}, but it is not in {rel}: "
                        "run the extract and update commands and translate it",
                        "required-block",
                    )
                )
            elif message.fuzzy or not message.string:
                state = "fuzzy" if message.fuzzy else "untranslated"
                problems.append(
                    error(
                        rel,
                        message.lineno,
                        f"the {item.block} shows '{item.msgid[:50]}' on every {name} article, "
                        f"but it is {state} here: translate it",
                        "required-block",
                    )
                )
    return problems, {s.msgid for s in strings}
