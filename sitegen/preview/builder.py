"""Preview builds for `serve`: drafts included and marked, problems on their pages, error pages."""

from __future__ import annotations

import hashlib
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..build import build
from ..cache.store import open_cache
from ..model import Site
from ..output.incremental import static_files, write_output
from ..output.lock import lock_output
from ..problems import ERROR, BuildFailed, Problem, error
from ..sources.files import relpath
from ..sources.snapshot import Snapshot
from .banner import mark_pages, render_error_page
from .broken import error_pages, url_of
from .indexer import Job, SearchIndexer, without_index


@dataclass
class Outcome:
    """What one preview rebuild did."""

    ok: bool
    problems: list[Problem]
    changed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error_page: bytes | None = None
    # The pages that cannot be rendered (output paths): each shows its own error page.
    broken: list[str] = field(default_factory=list)


class PreviewBuilder:
    """Build the preview of a project again and again, remembering what the last build wrote."""

    def __init__(self, root: Path, output_dir: Path, search: bool = False) -> None:
        self.root = root.absolute()
        self.output_dir = output_dir.absolute()
        # The page for every URL while nothing can be built (site.yaml unreadable, a fault).
        self.error_page: bytes | None = None
        # Output path -> the error page of a page that cannot be rendered; the rest is served.
        self.broken: dict[str, bytes] = {}
        self._outputs: dict[str, str] = {}  # article path -> output path, as last laid out
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

    def broken_page(self, path: str) -> bytes | None:
        """Return the error page of the page a URL path serves, when that page cannot be rendered."""
        name = path.strip("/")
        broken = self.broken
        return broken.get(name) or broken.get(f"{name}/index.html" if name else "index.html")

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
                keep_going=True,  # the checks' errors go in the banners: work in progress stays visible
            )
        except BuildFailed as failed:
            return self._failed(failed.problems, start)
        except Exception as exc:  # noqa: BLE001 - the preview outlives any fault and shows it instead
            return self._failed([internal_problem(exc, self.root)], start, exc)
        site = result.site
        self._outputs.update({page.article.path: page.output for page in site.pages if page.article})
        broken = error_pages(site, result.problems, result.unrendered, self._outputs)
        # An error page that changes reloads the browser as a page that changes does.
        digests = {name: _digest(data) for name, data in (result.files | broken).items()}
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
        self.error_page, self.broken = None, broken
        return Outcome(True, result.problems, changed, time.perf_counter() - start, broken=sorted(broken))

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
            self._digests = {name: _digest(data) for name, data in (files | self.broken).items()}

    def _failed(self, problems: list[Problem], start: float, exc: Exception | None = None) -> Outcome:
        if exc is not None:
            traceback.print_exception(exc)
        self.error_page, self.broken = render_error_page(problems), {}
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


def describe(outcome: Outcome, sources: Iterable[str] = ()) -> str:
    """Return the console line for a rebuild: what changed, how long it took, what is wrong."""
    names = sorted(sources)
    because = f" after changes to {', '.join(names)}" if names else ""
    if not outcome.ok:
        return f"build failed{because} ({outcome.seconds:.2f} s); the browser shows the problems"
    urls = [url_of(name) for name in outcome.changed if name.endswith(".html")]
    shown = ", ".join(urls[:6]) + (f" and {len(urls) - 6} more" if len(urls) > 6 else "")
    pages = f"{len(urls)} page(s) changed" + (f": {shown}" if urls else "")
    errors = sum(1 for problem in outcome.problems if problem.severity == ERROR)
    notes = f"; {errors} error(s), shown on the pages" if errors else ""
    broken = [url_of(name) for name in outcome.broken]
    if broken:
        notes += f"; {len(broken)} page(s) cannot be rendered: {', '.join(broken)} (the browser shows why)"
    return f"rebuilt{because} in {outcome.seconds:.2f} s; {pages}{notes}"
