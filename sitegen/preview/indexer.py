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

    def submit(self, job: Job) -> None:
        """Index this build next, dropping any older one still waiting."""
        with self._wake:
            self._job = job
            self.idle.clear()
            self._wake.notify()

    def run(self) -> None:
        """Index jobs until the process ends; a failure is printed and the old index stays."""
        while True:
            with self._wake:
                while self._job is None:
                    self.idle.set()
                    self._wake.wait()
                job, self._job = self._job, None
            try:
                self.publish(job, build_search_index(job.site, job.files))
            except BuildFailed as failed:
                print(format_problems(failed.problems), file=sys.stderr, flush=True)
            except Exception:  # noqa: BLE001 - the preview keeps running without a fresh index
                traceback.print_exc()
