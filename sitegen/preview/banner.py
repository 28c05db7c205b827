"""The preview's own marks: a banner on drafts and on pages with problems, and the error page."""

from __future__ import annotations

import re

from babel.support import NullTranslations
from markupsafe import Markup, escape

from ..catalogs import compile_catalog
from ..model import Page, Site
from ..problems import ERROR, Problem, format_problems, sort_key

MAIN_OPEN = re.compile(rb"<main\b[^>]*>")
BODY_OPEN = re.compile(rb"<body\b[^>]*>")
# A banner lists this many errors, and as many warnings, at most; the console has them all.
MAX_NOTES = 20
# Served as /_preview/preview.css: the pages' Content-Security-Policy allows no inline style.
# Explicit colours everywhere, so that the site's own CSS (dark mode too) cannot fade the banner.
# Errors differ from warnings by more than colour: a box of their own with a thick left edge,
# a cross before their heading (warnings: a triangle), the heading's words, "error" in each line.
PREVIEW_CSS = """\
.preview-banner { margin: 1rem 0; color: #1f2937; font: 1rem/1.4 system-ui, sans-serif; }
.preview-banner > * { margin: 0; padding: .5rem .75rem; }
.preview-banner > * + * { margin-top: .5rem; }
.preview-draft, .preview-notes { border: 3px solid #b45309; background: #fffbeb; color: #1f2937; }
.preview-errors { border: 2px solid #991b1b; border-left-width: .5rem; background: #fef2f2; color: #1f2937; }
.preview-banner div > p { margin: 0; }
.preview-banner ul { margin: .25rem 0 0; padding-left: 1.25rem; }
.preview-banner li { margin: .25rem 0; }
.preview-banner code { font: .875rem/1.4 ui-monospace, monospace; color: inherit; background: none;
  white-space: normal; overflow-wrap: anywhere; }
.preview-errors-title::before { content: "\\2716\\00a0"; content: "\\2716\\00a0" / ""; color: #991b1b; }
.preview-warnings::before { content: "\\26a0\\00a0"; content: "\\26a0\\00a0" / ""; color: #92400e; }
"""


def mark_pages(site: Site, files: dict[str, bytes], problems: list[Problem]) -> dict[str, bytes]:
    """Add a banner to drafts and to pages that problems concern; other pages stay as rendered."""
    translations: dict[str, NullTranslations] = {}
    marked = dict(files)
    for page, notes in page_notes(site, problems):
        if page.output not in marked or (not notes and not _is_draft(page)):
            continue
        if page.lang not in translations:
            translations[page.lang] = compile_catalog(site.catalogs.get(page.lang))
        banner = preview_banner(page, notes, translations[page.lang])
        marked[page.output] = insert_banner(marked[page.output], banner)
    return marked


def _is_draft(page: Page) -> bool:
    return page.article is not None and page.article.draft


def page_notes(site: Site, problems: list[Problem]) -> list[tuple[Page, list[Problem]]]:
    """Sort each problem to the page of its article; the rest go to the front pages."""
    by_path = {page.article.path: page for page in site.pages if page.article is not None}
    homes = [page for page in site.pages if page.kind == "home"]
    notes: dict[str, list[Problem]] = {page.output: [] for page in site.pages}
    for problem in sorted(problems, key=sort_key):
        page = by_path.get(problem.path)
        for target in [page] if page is not None else homes:
            notes[target.output].append(problem)
    return [(page, notes[page.output]) for page in site.pages]


def preview_banner(page: Page, notes: list[Problem], translations: NullTranslations) -> str:
    """Return the banner HTML for a page: draft mark, errors, then warnings, in the page's language."""
    _ = translations.gettext
    parts = ['<div class="preview-banner" role="note">']
    if _is_draft(page):
        label = escape(_("Draft"))
        text = escape(_("This page is shown only in the preview. It is left out of the published site."))
        parts.append(f'<p class="preview-draft"><strong>{label}</strong>: {text}</p>')
    errors = [problem for problem in notes if problem.severity == ERROR]
    warnings = [problem for problem in notes if problem.severity != ERROR]
    if errors:
        heading = escape(_("Errors from the checks"))
        advice = escape(
            _(
                "The page is shown as it is, but the site cannot be published until they are fixed. "
                "Correct each file at the line given and save it: the page reloads by itself."
            )
        )
        parts.append('<div class="preview-errors">')
        parts.append(f'<p class="preview-errors-title"><strong>{heading}</strong>: {advice}</p>')
        parts += problem_list(errors)
        parts.append("</div>")
    if warnings:
        heading = escape(_("Warnings from the checks"))
        parts.append('<div class="preview-notes">')
        parts.append(f'<p class="preview-warnings"><strong>{heading}</strong></p>')
        parts += problem_list(warnings)
        parts.append("</div>")
    parts.append("</div>")
    return "\n".join(parts)


def problem_list(problems: list[Problem]) -> list[str]:
    """Return the HTML lines of a list of problems, one a line as the command line prints them."""
    # The messages are the generator's, in English, whatever the page's language.
    parts = ['<ul lang="en">']
    parts += [f"<li><code>{escape(str(problem))}</code></li>" for problem in problems[:MAX_NOTES]]
    if len(problems) > MAX_NOTES:
        parts.append(f"<li>… and {len(problems) - MAX_NOTES} more: see the console</li>")
    parts.append("</ul>")
    return parts


def insert_banner(html: bytes, banner: str) -> bytes:
    """Put the banner at the start of <main>, or of <body> when there is no <main>."""
    data = banner.encode("utf-8")
    for pattern in (MAIN_OPEN, BODY_OPEN):
        found = pattern.search(html)
        if found:
            return html[: found.end()] + b"\n" + data + html[found.end() :]
    return data + html


def render_error_page(problems: list[Problem], url: str | None = None) -> bytes:
    """Return the page shown for a URL that cannot be rendered (url), or for every URL (None)."""
    text = escape(format_problems(problems))
    count = sum(1 for p in problems if p.severity == ERROR)
    if url is None:
        title, heading = "Build failed", "Build failed"
        what = f"{count} problem(s) stop the build."
        swedish = "Bygget misslyckades."
    else:
        title, heading = "Page not rendered", "This page cannot be rendered"
        what = f"{count} problem(s) stop {escape(url)} from rendering; the rest of the site is served."
        swedish = "Sidan kan inte visas."
    page = Markup(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} – preview</title>\n</head>\n"
        '<body style="margin:2rem;font:1rem/1.5 system-ui,sans-serif;color:#1f2937">\n'
        f'<h1 style="color:#b91c1c">{heading}</h1>\n'
        f"<p>{what} Fix the file and save it: this page reloads by itself.</p>\n"
        f'<p lang="sv">{swedish} Rätta filen och spara: sidan laddas om av sig själv.</p>\n'
        '<pre class="problems" style="white-space:pre-wrap;padding:1rem;background:#fef2f2;'
        f'border:2px solid #b91c1c">{text}</pre>\n'
        "</body>\n</html>\n"
    )
    return str(page).encode("utf-8")
