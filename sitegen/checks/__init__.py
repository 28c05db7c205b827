"""Check the model: integrity errors that stop a build, and translation drift."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Site
from ..problems import Problem
from .catalogs import check_catalogs
from .data import check_data
from .drafts import check_unfinished
from .glossary import load_glossary
from .integrity import check_integrity
from .memo import Memo, no_memo
from .pages import check_pages
from .po_rules import check_po_files
from .rendered import Blocks, check_rendered, check_review_dates, rendered_blocks
from .required import check_required
from .safety import check_safety
from .site_texts import check_site_texts
from .template_text import literal_text


def check_translations(site: Site, memo: Memo = no_memo) -> list[Problem]:
    """Return every way the languages drift apart: pages, UI strings, data and terminology."""
    config = site.config
    glossary, problems = load_glossary(config.locales_dir, config.sources, config.codes)
    found, _states = check_pages(site, glossary, memo)
    problems += found
    found, required = check_required(site)
    problems += found
    problems += check_catalogs(site, glossary, required)
    problems += check_po_files(site)
    problems += literal_text(config.templates_dir, config.sources, glossary)
    problems += check_data(site, glossary)
    problems += check_safety(site, glossary)
    problems += check_site_texts(site, glossary)
    return problems


def check_site(site: Site, memo: Memo = no_memo) -> list[Problem]:
    """Run every check over the site and return the problems found (memo: reuse earlier results)."""
    return check_integrity(site) + check_unfinished(site) + check_translations(site, memo)


def check_pages_rendered(
    site: Site, files: dict[str, bytes], read: Callable[[bytes], Blocks] = rendered_blocks
) -> list[Problem]:
    """Check what each language renders: run between rendering and writing (read: a page's blocks)."""
    config = site.config
    glossary, _problems = load_glossary(config.locales_dir, config.sources, config.codes)
    return check_rendered(site, glossary, files, read)


__all__ = ["check_pages_rendered", "check_review_dates", "check_site", "check_translations"]
