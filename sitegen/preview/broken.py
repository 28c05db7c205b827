"""The preview's pages that cannot be rendered: which URLs show an error page, and with what.

A preview build keeps going past the checks' errors (they go in the banners), so a page is
replaced only when there is nothing to show: its article could not be read (front matter,
YAML, a body Markdown cannot convert), rendering it raised (a template fault, an unknown
directive or data set), or the guard refused its markup.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..content import IDENT, split_front_matter
from ..model import Site
from ..problems import ERROR, Problem, sort_key
from ..render.faults import merge_template_problems
from ..sources.yaml_lines import YamlError, load_with_lines
from .banner import render_error_page


def url_of(output: str) -> str:
    """Return the site path that serves an output file."""
    return "/" + output.removesuffix("index.html")


def error_pages(
    site: Site, problems: list[Problem], unrendered: dict[str, Problem], known: dict[str, str]
) -> dict[str, bytes]:
    """Return, by output path, the error page of each page that cannot be rendered.

    unrendered: the build's pages that failed, with why; known: article path -> output path of
    earlier builds, to find the URL of an article that cannot be read at all.
    """
    pages = {page.output: page for page in site.pages}
    merged = set(merge_template_problems(list(unrendered.values())))
    # What a page failed on may come from any shared file: a data set, a template, a catalogue.
    shared = [p for p in problems if p.severity == ERROR and not is_article(site, p.path) and p not in merged]
    # A syntax error found before rendering is the cause: the page's own echo of it is left out.
    causes = {(p.path, p.line) for p in shared if p.check == "template"}
    stopped: dict[str, list[Problem]] = {}
    for output, problem in unrendered.items():
        article = pages[output].article if output in pages else None
        own = [p for p in problems if article is not None and p.path == article.path]
        echo = problem.check == "template" and (problem.path, problem.line) in causes
        stopped[output] = [*([] if echo else [problem]), *own, *shared]
    for path, output in unread_articles(site, problems, known).items():
        if output not in pages:  # a rendered page at that URL is not hidden behind another's error
            stopped.setdefault(output, []).extend(p for p in problems if p.path == path)
    return {
        output: render_error_page(sorted(set(found), key=sort_key), url_of(output))
        for output, found in stopped.items()
    }


def is_article(site: Site, path: str) -> bool:
    """Tell whether a path is an article's file: content/LANG/NAME.md."""
    parts = PurePosixPath(path).parts
    in_language = len(parts) == 3 and parts[0] == "content" and parts[1] in site.config.codes
    return in_language and path.endswith(".md")


def unread_articles(site: Site, problems: list[Problem], known: dict[str, str]) -> dict[str, str]:
    """Return the output path of each article that has errors and could not be read."""
    parsed = {a.path for a in site.articles} | {a.path for a in site.drafts.values()}
    found: dict[str, str] = {}
    for problem in problems:
        path = problem.path
        if problem.severity != ERROR or path in parsed or path in found or not is_article(site, path):
            continue
        output = known.get(path) or claimed_output(site, path)
        if output is not None:
            found[path] = output
    return found


def claimed_output(site: Site, path: str) -> str | None:
    """Return the output path an unreadable article's front matter asks for, as far as it can be read."""
    lang = PurePosixPath(path).parts[1]
    # Through the checked reader: the file may be a pipe or a link out of content/.
    text, _problem = site.config.sources.text(site.config.root / path, site.config.content_dir)
    front = split_front_matter(text) if text is not None else None
    try:
        raw = load_with_lines(front[0])[0] if front else None
    except YamlError:
        return None
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{lang}/{slug}/index.html" if isinstance(slug, str) and IDENT.match(slug) else None
