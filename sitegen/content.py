"""Read content: Markdown articles with validated YAML front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .markup.limits import body_problems
from .problems import Problem, error
from .sources.files import relpath
from .sources.snapshot import Snapshot
from .sources.yaml_lines import YamlError, load_with_lines

IDENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HASH = re.compile(r"^[0-9a-f]{12}$")
REF_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
MD_FILE = re.compile(r"^[^/:#?\s]+\.md$")


@dataclass
class Article:
    """One article in one language, as read from its Markdown file."""

    path: str
    lang: str
    title: str
    description: str
    translation_key: str
    slug: str
    published: dt.date
    last_reviewed: dt.date
    next_review: dt.date
    references: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    order: int = 100
    draft: bool = False
    source_hash: str | None = None
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Return the site path of the article's page."""
        return f"/{self.lang}/{self.slug}/"

    @property
    def filename(self) -> str:
        """Return the file name that internal links use."""
        return self.path.rsplit("/", 1)[-1]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ident(value: Any) -> str | None:
    return value if isinstance(value, str) and IDENT.match(value) else None


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def _refs(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) and REF_ID.match(v) for v in value):
        return tuple(value)
    return None


def _files(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) and MD_FILE.match(v) for v in value):
        return tuple(value)
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _hash(value: Any) -> str | None:
    return value if isinstance(value, str) and HASH.match(value) else None


# key: (parser returning None when the value is wrong, required, what the value must be)
SCHEMA: dict[str, tuple[Any, bool, str]] = {
    "title": (_text, True, "a non-empty text"),
    "description": (_text, True, "a non-empty text"),
    "translation_key": (_ident, True, "lowercase letters, digits and hyphens"),
    "slug": (_ident, True, "lowercase letters, digits and hyphens"),
    "published": (_date, True, "a date (YYYY-MM-DD)"),
    "last_reviewed": (_date, True, "a date (YYYY-MM-DD)"),
    "next_review": (_date, True, "a date (YYYY-MM-DD)"),
    "references": (_refs, False, "a list of reference ids"),
    "related": (_files, False, "a list of article file names in this language, such as [side-effects.md]"),
    "order": (_int, False, "a whole number"),
    "draft": (_bool, False, "true or false"),
    "source_hash": (_hash, False, "12 hexadecimal digits"),
}


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split text into front matter and body; return None if there is none."""
    if not text.startswith("---\n"):
        return None
    end = re.search(r"^---[ \t]*$", text[4:], re.M)
    if end is None:
        return None
    front = text[4 : 4 + end.start()]
    rest = text[4 + end.end() :]
    body = rest[1:] if rest.startswith("\n") else rest
    body_line = front.count("\n") + 3
    return front, body, body_line


def parse_article(text: str, path: str, lang: str) -> tuple[Article | None, list[Problem]]:
    """Parse one article's text; return it, or None and the problems found."""

    def bad(line: int | None, message: str) -> Problem:
        return error(path, line, message, "front-matter")

    if not text.startswith("---"):
        return None, [bad(1, "missing front matter: the file must start with a '---' line")]
    parts = split_front_matter(text)
    if parts is None:
        return None, [bad(1, "front matter is not closed by a '---' line")]
    front, body, body_line = parts
    try:
        raw, lines = load_with_lines(front, first_line=2)
    except YamlError as exc:
        return None, [error(path, exc.line, exc.message, exc.check or "front-matter")]
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return None, [bad(2, "front matter must be a mapping of keys to values")]
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    meant: set[str] = set()  # required keys misspelt: the unknown key's message says so
    for key, value in raw.items():
        line = lines.get((key,), 2)
        if key not in SCHEMA:
            close = difflib.get_close_matches(str(key), SCHEMA, n=1)
            meant.update(close)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(bad(line, f"unknown front-matter key '{key}'{hint}"))
            continue
        parser, _required, wanted = SCHEMA[key]
        parsed = parser(value)
        if parsed is None:
            problems.append(bad(line, f"'{key}' must be {wanted}, not {_show(value)}"))
        else:
            values[key] = parsed
    for key, (_parser, required, _wanted) in SCHEMA.items():
        if required and key not in raw and key not in meant:
            problems.append(bad(1, f"missing required field '{key}'"))
    reviewed, due = values.get("last_reviewed"), values.get("next_review")
    if reviewed and due and due <= reviewed:
        line = lines.get(("next_review",), 1)
        problems.append(bad(line, "'next_review' must come after 'last_reviewed'"))
    problems += body_problems(body, body_line, path)  # what Markdown cannot convert
    if problems:
        return None, problems
    key_lines = {str(k): lines[(k,)] for k in raw}
    return Article(path=path, lang=lang, body=body, body_line=body_line, lines=key_lines, **values), []


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def read_content(config: Config, read: ArticleReader | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every article of every language, drafts included; return articles and problems."""
    read = read or read_article
    articles: list[Article] = []
    problems: list[Problem] = []
    for lang in config.codes:
        folder = config.content_dir / lang
        if not folder.is_dir():
            problems.append(error(relpath(folder, config.root), None, "missing content folder", "content"))
            continue
        for file in config.sources.files(folder, ".md"):
            refused = config.sources.refused(file, config.content_dir)
            if refused is not None:  # a link out of content/, a folder or a pipe named *.md
                problems.append(refused)
                continue
            article, found = read(file, config.sources, lang)
            problems.extend(found)
            if article is not None:
                articles.append(article)
    return articles, problems


# The build cache passes its own reader, which reuses what it parsed before.
ArticleReader = Callable[[Path, Snapshot, str], tuple[Article | None, list[Problem]]]


def read_article(file: Path, sources: Snapshot, lang: str) -> tuple[Article | None, list[Problem]]:
    """Parse one article file as the snapshot holds it."""
    text, problem = sources.text(file)
    if problem is not None:
        return None, [problem]
    assert text is not None
    return parse_article(text, sources.rel(file), lang)
