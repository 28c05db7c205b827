"""Incremental checks: results reused per article and pair equal a cold run of every check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import sitegen.build
import sitegen.cache.store
from sitegen.build import load_site
from sitegen.cache.checks import CheckMemo
from sitegen.cache.store import BuildCache, open_cache
from sitegen.checks import check_site
from sitegen.config import load_config
from tests.test_cache import replace


def rename_needles(root: Path) -> None:
    (root / "content/sv/om-nalar.md").rename(root / "content/sv/nalar.md")


# Each edit changes what some check reads; applied in this order to the same site.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("body", lambda r: replace(r, "content/en/advice.md", "for 1 to 2 days.", "for 1 to 3 days; no cure.")),
    # Changes where om-nalar.md's link goes (another heading) without touching the needles pair.
    ("heading", lambda r: replace(r, "content/sv/rad.md", "## Efter", "## Först\n\n## Efter")),
    ("front matter", lambda r: replace(r, "content/en/advice.md", "title: Advice\n", "title: Aftercare\n")),
    ("glossary", lambda r: replace(r, "locales/glossary.yaml", "en: [cure,", "en: [sore, cure,")),
    (
        "catalogue",
        lambda r: replace(
            r, "locales/sv/LC_MESSAGES/messages.po", '"Senast uppdaterad"', '"Granskad senast"'
        ),
    ),
    ("data", lambda r: replace(r, "content/data/effects.yaml", "share: 7.55", "share: 8.25")),
    ("deletion", lambda r: (r / "content/en/advice.md").unlink()),
    ("rename", rename_needles),
]


def cold_problems(root: Path, monkeypatch) -> list:
    """Return a fresh read's problems with every check run from scratch: no cache, no memo."""
    with monkeypatch.context() as patched:
        patched.setattr(sitegen.build, "check_incrementally", lambda site, cache: check_site(site))
        return load_site(load_config(root), cache=BuildCache(None))[1]


def incremental_problems(root: Path, monkeypatch) -> tuple[list, int]:
    """Return a build's problems through the project's cache and how many check results it computed."""
    counts: list[int] = []
    finish = CheckMemo.finish

    def counted(memo: CheckMemo) -> None:
        counts.append(memo.computed)
        finish(memo)

    with monkeypatch.context() as patched:
        patched.setattr(CheckMemo, "finish", counted)
        cache = open_cache(root)
        problems = load_site(load_config(root), cache=cache)[1]
    cache.save()
    return problems, sum(counts)


@pytest.mark.parametrize("reload", [False, True], ids=["in memory", "from disk"])
def test_incremental_checks_equal_a_cold_run_after_every_kind_of_edit(
    site_factory, monkeypatch, reload
) -> None:
    root = site_factory()
    sitegen.cache.store._open.clear()
    incremental_problems(root, monkeypatch)
    for name, edit in EDITS:
        edit(root)
        if reload:
            sitegen.cache.store._open.clear()
        problems, _computed = incremental_problems(root, monkeypatch)
        assert problems == cold_problems(root, monkeypatch), (
            f"incremental checks differ after the {name} edit"
        )


def test_an_edit_checks_only_that_article_and_its_pair_again(site_factory, monkeypatch) -> None:
    root = site_factory()
    sitegen.cache.store._open.clear()
    _problems, first = incremental_problems(root, monkeypatch)
    assert first == 6  # four articles, two pairs
    replace(root, "content/en/advice.md", "for 1 to 2 days.", "for 1 to 3 days; no cure.")
    problems, computed = incremental_problems(root, monkeypatch)
    assert computed == 2  # advice.md itself and the advice pair
    assert "content/en/advice.md:12: error [forbidden-word]" in "\n".join(str(p) for p in problems)
    _problems, computed = incremental_problems(root, monkeypatch)
    assert computed == 0
