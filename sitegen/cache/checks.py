"""Remember check results per article and per translation pair between builds.

A result is reused only for the same key: a hash of the generator's code, the kind of check,
each article's language, path and source hash, the context the check reads from the rest of
the site (where the pair's links go), the glossary and the site configuration. So an edit to
one article checks that article and its pairs again; everything else is taken as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..checks import check_site
from ..checks.glossary import GLOSSARY
from ..content import Article
from ..model import Site
from ..problems import Problem
from ..reports.status import REPORTS_DIR, STATUS_PAGE, write_status_page
from ..sources.filestat import stamp
from .keys import _hash
from .store import BuildCache, code_version

STEP = "check-parts"
T = TypeVar("T")


class CheckMemo:
    """A memo for the checks, backed by the build cache; finish() stores what this run used."""

    def __init__(self, site: Site, cache: BuildCache) -> None:
        self.cache = cache
        config = site.config
        inputs = (
            config.sources.digest(config.locales_dir / GLOSSARY),
            config.sources.digest("site.yaml"),
            config.codes,
            config.source_language,
        )
        self.base = (code_version(), inputs)
        self.known: dict[str, object] = dict(cache.step(STEP, "") or {})  # type: ignore[call-overload]
        self.used: dict[str, object] = {}
        self.computed = 0

    def __call__(
        self, kind: str, articles: tuple[Article, ...], context: object, compute: Callable[[], T]
    ) -> T:
        """Return the stored result for this key, or compute and store it."""
        sources = [(a.lang, a.path, self.cache.source_digest(a)) for a in articles]
        key = _hash([self.base, kind, sources, context])
        if key in self.known:
            found = self.known[key]
        else:
            found = compute()
            self.computed += 1
        self.used[key] = found
        return found  # type: ignore[return-value]

    def finish(self) -> None:
        """Keep the results of this run only, so the cache holds no stale ones."""
        if self.computed or len(self.used) != len(self.known):
            self.cache.remember_step(STEP, "", self.used)


def check_incrementally(site: Site, cache: BuildCache) -> list[Problem]:
    """Run every check, reusing the results for articles and pairs that did not change."""
    memo = CheckMemo(site, cache)
    problems = check_site(site, memo)
    memo.finish()
    return problems


def write_status(site: Site, problems: list[Problem], output_dir: Path, cache: BuildCache, key: str) -> None:
    """Write the status page, unless these sources and problems wrote the file that is there now."""
    target = output_dir.absolute().parent / REPORTS_DIR / STATUS_PAGE
    key = _hash([key, problems])
    try:
        there = stamp(os.lstat(target))
    except FileNotFoundError:
        there = None
    if there is not None and cache.step("status", key) == there:
        return
    written = write_status_page(site, problems, output_dir)
    cache.remember_step("status", key, stamp(os.lstat(written)))
