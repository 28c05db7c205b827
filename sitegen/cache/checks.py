"""Remember check results per article and per translation pair between builds.

A result is reused only for the same key: a hash of the generator's code, the kind of check,
each article's language, path and source hash, the context the check reads from the rest of
the site (where the pair's links go), the glossary and the site configuration. So an edit to
one article checks that article and its pairs again; everything else is taken as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..checks import check_site
from ..checks.glossary import GLOSSARY
from ..checks.rendered import Blocks, rendered_blocks
from ..content import Article
from ..model import Site
from ..problems import Problem
from ..sources.snapshot import digest
from .keys import hash_parts
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
        key = hash_parts([self.base, kind, sources, context])
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


class BlocksMemo:
    """Each rendered page's required blocks, found again only for pages whose bytes changed."""

    STEP = "rendered-blocks"

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.known: dict[str, Blocks] = dict(cache.step(self.STEP, code_version()) or {})  # type: ignore[call-overload]
        self.used: dict[str, Blocks] = {}

    def __call__(self, html: bytes) -> Blocks:
        """Return the blocks of this page, as read from these bytes."""
        key = digest(html)
        found = self.known.get(key)
        if found is None:
            found = rendered_blocks(html)
        self.used[key] = found
        return found

    def finish(self) -> None:
        """Keep the blocks of this build's pages only."""
        if self.used.keys() != self.known.keys():
            self.cache.remember_step(self.STEP, code_version(), self.used)
