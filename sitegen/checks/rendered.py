"""Check what each language really renders: the required blocks in the article pages, and the review dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..model import Page, Site
from ..problems import Problem, error, warning
from ..sources.files import relpath
from .glossary import Glossary, language_name
from .required import ARTICLE_TEMPLATE, _element, _templates

# Block name -> the class of the element that carries it in a rendered article page.
RENDERED = {"disclaimer": "disclaimer", "seek-care box": "seek-care", "review dates": "review-info"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class _Block:
    text: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)


class _Blocks(HTMLParser):
    """Collect the text and <time> values inside the elements that carry the required classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, _Block] = {}
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        block = next((name for name, css in RENDERED.items() if css in classes), None)
        if tag not in VOID:
            self.open.append((tag, block))
        if block is not None:
            self.found.setdefault(block, _Block())
        if tag == "time":
            for name in self._inside():
                self.found[name].times.append(dict(attrs).get("datetime") or "")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data: str) -> None:
        for name in self._inside():
            self.found[name].text.append(data)

    def _inside(self) -> set[str]:
        return {block for _tag, block in self.open if block is not None}


Blocks = dict[str, str | list[str]]


def rendered_blocks(html: bytes) -> Blocks:
    """Return the text of each required block of a rendered page, and the dates it shows."""
    parser = _Blocks()
    parser.feed(html.decode("utf-8", "replace"))
    found: dict[str, str | list[str]] = {}
    for name, block in parser.found.items():
        found[name] = " ".join(" ".join(block.text).split())
        found[name + ":times"] = block.times
    return found


def _where(site: Site, css_class: str) -> tuple[str, int]:
    """Return the template and line of the element that carries a class (else the article template)."""
    folder = site.config.templates_dir
    for name, text in _templates(site.config.sources, folder, ARTICLE_TEMPLATE, set()):
        found = _element(text, css_class)
        if found is not None:
            return relpath(folder / name, site.config.root), text.count("\n", 0, found[0]) + 1
    return relpath(folder / ARTICLE_TEMPLATE, site.config.root), 1


def check_rendered(
    site: Site,
    glossary: Glossary,
    files: dict[str, bytes],
    read: Callable[[bytes], Blocks] = rendered_blocks,
) -> list[Problem]:
    """Check the required blocks in the rendered article pages: one problem per language and fault."""
    src = site.config.source_language
    faults: dict[tuple[str, str, str], list[Page]] = {}
    reference: dict[str, Blocks] = {}
    pages = [p for p in site.pages if p.kind == "article" and p.article is not None and p.output in files]
    shown = {p.output: read(files[p.output]) for p in pages}
    for page in pages:
        if page.lang == src:
            reference.setdefault(page.key, shown[page.output])
    for page in pages:
        found, article = shown[page.output], page.article
        assert article is not None
        source = reference.get(page.key, {})
        for block in RENDERED:
            text = found.get(block)
            if text is None:
                faults.setdefault((page.lang, block, "missing"), []).append(page)
                continue
            if not text:
                faults.setdefault((page.lang, block, "empty"), []).append(page)
            elif page.lang != src and source.get(block) == text:
                faults.setdefault((page.lang, block, "untranslated"), []).append(page)
        times = found.get("review dates:times") or []
        dates = {article.last_reviewed.isoformat(), article.next_review.isoformat()}
        if "review dates" in found and not dates <= set(times):
            faults.setdefault((page.lang, "review dates", "dates"), []).append(page)
        if "seek-care box" in found:
            numbers = _numbers(glossary, found["seek-care box"])
            wrong = numbers & set(glossary.wrong_emergency.get(page.lang, ()))
            # Each language may give its own numbers; a box that gives none the source gives lacks them.
            given = _numbers(glossary, source.get("seek-care box"))
            lacking = given - set(glossary.wrong_emergency.get(page.lang, ())) if not numbers else set()
            if wrong or lacking:
                kind = f"numbers:{','.join(sorted(lacking))}:{','.join(sorted(wrong))}"
                faults.setdefault((page.lang, "seek-care box", kind), []).append(page)
    return [_problem(site, lang, block, kind, found) for (lang, block, kind), found in sorted(faults.items())]


def _numbers(glossary: Glossary, text: object) -> set[str]:
    """Return the emergency numbers a rendered text gives."""
    shown = str(text or "")
    return {n for n in glossary.emergency if re.search(rf"(?<![\d.,]){re.escape(n)}(?!\d)", shown)}


def _problem(site: Site, lang: str, block: str, kind: str, pages: list[Page]) -> Problem:
    path, line = _where(site, RENDERED[block])
    total = sum(1 for p in site.pages if p.kind == "article" and p.lang == lang)
    first = pages[0]
    example = (
        f"{len(pages)} of {total}, such as {first.url} from {first.article.path if first.article else '?'}"
    )
    name = language_name(lang)
    if kind == "missing":
        what = f"the {name} article pages render no {block} ({example}): check the conditions around it"
    elif kind == "empty":
        what = (
            f"the {block} is empty on the {name} article pages ({example}): check its strings and conditions"
        )
    elif kind == "untranslated":
        what = (
            f"the {block} shows the {language_name(site.config.source_language)} text on the {name} article "
            f"pages ({example}): check its strings' translations and msgctxt in the {name} catalogue"
        )
    elif kind == "dates":
        what = f"the {block} of the {name} article pages do not show the article's own dates ({example})"
    else:
        _, missing, wrong = kind.split(":")
        parts = [
            f"lacks {missing}" if missing else "",
            f"gives {wrong}, not for {name} pages" if wrong else "",
        ]
        what = f"the {block} on the {name} article pages {' and '.join(p for p in parts if p)} ({example})"
    return error(path, line, what, "rendered")


def check_review_dates(site: Site, today: dt.date | None = None) -> list[Problem]:
    """Report a last_reviewed in the future (an error) and a next_review that has passed (a warning)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    for article in sorted(site.articles, key=lambda a: a.path):
        if article.last_reviewed > today:
            problems.append(
                error(
                    article.path,
                    article.lines.get("last_reviewed", 1),
                    f"last_reviewed {article.last_reviewed.isoformat()} is in the future (today is "
                    f"{today.isoformat()}): give the date the review was done",
                    "review-date",
                )
            )
        if article.next_review < today:
            problems.append(
                warning(
                    article.path,
                    article.lines.get("next_review", 1),
                    f"the review was due on {article.next_review.isoformat()} (today is "
                    f"{today.isoformat()}): review the article, then update last_reviewed and next_review",
                    "review-date",
                )
            )
    return problems
