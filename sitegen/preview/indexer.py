"""Index the preview for search in the background, after the browser has shown the edit.

Pagefind takes seconds over thousands of pages; a save must show in the browser at once.
So the preview is built without search, keeping the last index files as they were, and one
worker thread indexes the latest build afterwards and quietly replaces the index files
(no reload: search results catch up a moment later). Only the newest build is indexed.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Site
from ..problems import BuildFailed, format_problems
from ..render.scratch import stop_children
from ..render.search import SEARCH_DIR, build_search_index


@dataclass
class Job:
    """One build to index: its model, its pages as rendered, and its number."""

    site: Site
    files: dict[str, bytes]
    generation: int


def without_index(files: dict[str, bytes]) -> dict[str, bytes]:
    """Return the files without the search index."""
    return {name: data for name, data in files.items() if not name.startswith(SEARCH_DIR + "/")}


class SearchIndexer(threading.Thread):
    """Index the newest submitted build and hand the index to publish(job, index)."""

    def __init__(self, publish: Callable[[Job, dict[str, bytes]], None]) -> None:
        super().__init__(name="sitegen-search-index", daemon=True)
        self.publish = publish
        self._job: Job | None = None
        self._wake = threading.Condition()
        self.idle = threading.Event()
        self.idle.set()
        self._stopping = False

    def submit(self, job: Job) -> None:
        """Index this build next, dropping any older one still waiting."""
        with self._wake:
            self._job = job
            self.idle.clear()
            self._wake.notify()

    def stop(self, timeout: float = 10) -> None:
        """Kill the indexing under way and end the thread, so the process exits with nothing half-done."""
        with self._wake:
            self._stopping = True
            self._job = None
            self._wake.notify()
        stop_children()
        if self.is_alive():
            self.join(timeout)

    def run(self) -> None:
        """Index jobs until stopped; a failure is printed and the old index stays."""
        while True:
            with self._wake:
                while self._job is None and not self._stopping:
                    self.idle.set()
                    self._wake.wait()
                if self._stopping:
                    self.idle.set()
                    return
                job, self._job = self._job, None
            try:
                index = build_search_index(job.site, job.files)
                if not self._stopping:
                    self.publish(job, index)
            except BuildFailed as failed:
                if not self._stopping:
                    print(format_problems(failed.problems), file=sys.stderr, flush=True)
            except Exception:  # noqa: BLE001 - the preview keeps running without a fresh index
                traceback.print_exc()
