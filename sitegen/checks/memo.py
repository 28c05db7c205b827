"""How the checks reuse earlier results: the build passes a memo that knows the sources' hashes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..content import Article

T = TypeVar("T")


class Memo(Protocol):
    """Return what compute() gave for the same articles and context (and glossary, config, code)."""

    def __call__(
        self, kind: str, articles: tuple[Article, ...], context: object, compute: Callable[[], T]
    ) -> T: ...


def no_memo(kind: str, articles: tuple[Article, ...], context: object, compute: Callable[[], T]) -> T:
    """Compute every time: what `check` and a build without a cache do."""
    return compute()
