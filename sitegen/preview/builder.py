"""Preview builds for `serve`: drafts included and marked, warnings on their pages, an error page."""

from __future__ import annotations

import hashlib
import re
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import NullTranslations
from markupsafe import Markup, escape

from ..build import build
from ..cache.store import open_cache
from ..catalogs import compile_catalog
from ..model import Page, Site
from ..output.incremental import static_files, write_output
from ..output.lock import lock_output
from ..problems import WARNING, BuildFailed, Problem, error, format_problems, sort_key
from ..sources.files import relpath
from ..sources.snapshot import Snapshot
from .indexer import Job, SearchIndexer, without_index

MAIN_OPEN = re.compile(rb"<main\b[^>]*>")
BODY_OPEN = re.compile(rb"<body\b[^>]*>")
# A banner lists this many warnings at most; the console has them all.
MAX_NOTES = 20
# Inline styles: the banner must stand out whatever the site's own CSS does.
BANNER_STYLE = (
    "margin:1rem 0;padding:.75rem 1rem;border:3px solid #b45309;background:#fffbeb;color:#1f2937;"
    "font:1rem/1.4 system-ui,sans-serif"
)


@dataclass
class Outcome:
    """What one preview rebuild did."""

    ok: bool
    problems: list[Problem]
    changed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error_page: bytes | None = None


class PreviewBuilder:
    """Build the preview of a project again and again, remembering what the last build wrote."""

    def __init__(self, root: Path, output_dir: Path, search: bool = False) -> None:
        self.root = root.absolute()
        self.output_dir = output_dir.absolute()
        self.error_page: bytes | None = None
        self._digests: dict[str, bytes] = {}
        self._lock = threading.Lock()
        # With search, the index is made after each build, in the background (previewsearch.py).
        self.indexer = SearchIndexer(self._publish_index) if search else None
        self._index: dict[str, bytes] = {}
        self._written: dict[str, bytes] = {}
        self._generation = 0
        self._sources: Snapshot | None = None  # the last build's: unchanged files are not read again

    def rebuild(self) -> Outcome:
        """Build the preview; on failure keep the last good output and set the error page."""
        with self._lock:
            return self._rebuild()

    def _rebuild(self) -> Outcome:
        start = time.perf_counter()
        rendered: dict[str, bytes] = {}

        def postprocess(site: Site, files: dict[str, bytes], problems: list[Problem]) -> dict[str, bytes]:
            rendered.update(files)  # unmarked, as a published build indexes them
            return mark_pages(site, files, problems) | self._index  # the last index, until the next

        try:
            result = build(
                self.root,
                self.output_dir,
                include_drafts=True,
                search=False,
                postprocess=postprocess,
                previous=self._sources,
            )
        except BuildFailed as failed:
            return self._failed(failed.problems, start)
        except Exception as exc:  # noqa: BLE001 - the preview outlives any fault and shows it instead
            return self._failed([internal_problem(exc, self.root)], start, exc)
        digests = {name: _digest(data) for name, data in result.files.items()}
        changed = sorted(name for name, digest in digests.items() if self._digests.get(name) != digest)
        changed += sorted(set(self._digests) - set(digests))
        self._digests = digests
        self._written = result.files
        self._sources = result.site.config.sources
        self._generation += 1
        if self.indexer is not None and (changed or not self._index):
            if not self.indexer.is_alive():
                self.indexer.start()
            self.indexer.submit(Job(result.site, rendered, self._generation))
        self.error_page = None
        return Outcome(True, result.problems, changed, time.perf_counter() - start)

    def _publish_index(self, job: Job, index: dict[str, bytes]) -> None:
        """Write a fresh search index into the preview, unless a newer build came meanwhile."""
        with self._lock:
            if job.generation != self._generation or index == self._index:
                return
            files = without_index(self._written) | index
            config = job.site.config
            cache = open_cache(self.root)
            with lock_output(config.output_dir, config.root) as out:
                write_output(out, files, static_files(config.sources, config.static_dir), cache)
            self._index, self._written = index, files
            self._digests = {name: _digest(data) for name, data in files.items()}

    def _failed(self, problems: list[Problem], start: float, exc: Exception | None = None) -> Outcome:
        if exc is not None:
            traceback.print_exception(exc)
        self.error_page = render_error_page(problems)
        return Outcome(False, problems, [], time.perf_counter() - start, self.error_page)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def internal_problem(exc: Exception, root: Path) -> Problem:
    """Describe an unexpected exception as a problem at the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where, line = "sitegen", None
    if frames:
        where, line = relpath(Path(frames[-1].filename), root), frames[-1].lineno
    message = f"internal error {type(exc).__name__}: {exc} (the traceback is on the console)"
    return error(where, line, message, "internal")


def url_of(output: str) -> str:
    """Return the site path that serves an output file."""
    return "/" + output.removesuffix("index.html")


def mark_pages(site: Site, files: dict[str, bytes], problems: list[Problem]) -> dict[str, bytes]:
    """Add a banner to drafts and to pages that warnings concern; other pages stay as rendered."""
    translations: dict[str, NullTranslations] = {}
    marked = dict(files)
    for page, notes in _page_notes(site, problems):
        if page.output not in marked or (not notes and not _is_draft(page)):
            continue
        if page.lang not in translations:
            translations[page.lang] = compile_catalog(site.catalogs.get(page.lang))
        banner = preview_banner(page, notes, translations[page.lang])
        marked[page.output] = insert_banner(marked[page.output], banner)
    return marked


def _is_draft(page: Page) -> bool:
    return page.article is not None and page.article.draft


def _page_notes(site: Site, problems: list[Problem]) -> list[tuple[Page, list[Problem]]]:
    """Sort each warning to the page of its article; the rest go to the front pages."""
    by_path = {page.article.path: page for page in site.pages if page.article is not None}
    homes = [page for page in site.pages if page.kind == "home"]
    notes: dict[str, list[Problem]] = {page.output: [] for page in site.pages}
    for problem in sorted(problems, key=sort_key):
        if problem.severity != WARNING:
            continue
        page = by_path.get(problem.path)
        for target in [page] if page is not None else homes:
            notes[target.output].append(problem)
    return [(page, notes[page.output]) for page in site.pages]


def preview_banner(page: Page, notes: list[Problem], translations: NullTranslations) -> str:
    """Return the banner HTML for a page: draft mark and warnings, in the page's language."""
    _ = translations.gettext
    # Styled by the preview's own stylesheet: the page's CSP allows no inline style.
    parts = ['<div class="preview-banner" role="note">']
    if _is_draft(page):
        label = escape(_("Draft"))
        text = escape(_("This page is shown only in the preview. It is left out of the published site."))
        parts.append(f'<p class="preview-draft"><strong>{label}</strong>: {text}</p>')
    if notes:
        heading = escape(_("Warnings from the checks"))
        parts.append(f'<p class="preview-warnings"><strong>{heading}</strong></p>')
        parts.append('<ul lang="en">')
        parts += [f"<li><code>{escape(str(problem))}</code></li>" for problem in notes[:MAX_NOTES]]
        if len(notes) > MAX_NOTES:
            parts.append(f"<li>… and {len(notes) - MAX_NOTES} more: see the console</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def insert_banner(html: bytes, banner: str) -> bytes:
    """Put the banner at the start of <main>, or of <body> when there is no <main>."""
    data = banner.encode("utf-8")
    for pattern in (MAIN_OPEN, BODY_OPEN):
        found = pattern.search(html)
        if found:
            return html[: found.end()] + b"\n" + data + html[found.end() :]
    return data + html


def render_error_page(problems: list[Problem]) -> bytes:
    """Return the page shown for every URL while the build is broken."""
    text = escape(format_problems(problems))
    count = sum(1 for p in problems if p.severity != WARNING)
    page = Markup(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Build failed – preview</title>\n</head>\n"
        '<body style="margin:2rem;font:1rem/1.5 system-ui,sans-serif;color:#1f2937">\n'
        '<h1 style="color:#b91c1c">Build failed</h1>\n'
        f"<p>{count} problem(s) stop the build. Fix the file and save it: this page reloads by itself.</p>\n"
        '<p lang="sv">Bygget misslyckades. Rätta filen och spara: sidan laddas om av sig själv.</p>\n'
        '<pre class="problems" style="white-space:pre-wrap;padding:1rem;background:#fef2f2;'
        f'border:2px solid #b91c1c">{text}</pre>\n'
        "</body>\n</html>\n"
    )
    return str(page).encode("utf-8")


def describe(outcome: Outcome, sources: Iterable[str] = ()) -> str:
    """Return the console line for a rebuild: what changed and how long it took."""
    names = sorted(sources)
    because = f" after changes to {', '.join(names)}" if names else ""
    if not outcome.ok:
        return f"build failed{because} ({outcome.seconds:.2f} s); the browser shows the problems"
    urls = [url_of(name) for name in outcome.changed if name.endswith(".html")]
    shown = ", ".join(urls[:6]) + (f" and {len(urls) - 6} more" if len(urls) > 6 else "")
    pages = f"{len(urls)} page(s) changed" + (f": {shown}" if urls else "")
    return f"rebuilt{because} in {outcome.seconds:.2f} s; {pages}"
