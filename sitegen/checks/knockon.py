"""Leave out the warnings that only repeat an error: one mistake, one message."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from ..content import split_front_matter
from ..model import Site
from ..problems import ERROR, Problem
from ..sources.yaml_lines import YamlError, load_with_lines
from .pages import MISSING, ORPHAN, all_pair_states

KEY = "translation_key"


def without_knock_on(site: Site, problems: list[Problem]) -> list[Problem]:
    """Drop 'missing translation' and 'orphan' warnings caused by an article that does not parse.

    A typo in one file's front matter leaves that article out of the model, so its pair in the
    other language looks missing or orphaned; the error in the file itself is what to fix.
    """
    parsed = {a.path for a in site.articles} | {a.path for a in site.drafts.values()}
    broken = {p.path for p in problems if p.severity == ERROR and p.path.endswith(".md")} - parsed
    keys = {found for path in sorted(broken) if (found := _key_of(site, path)) is not None}
    if not keys:
        return problems
    src = site.config.source_language
    echoed = {
        (p.path, p.line, p.message)
        for pair in all_pair_states(site)
        if (pair.state == MISSING and (pair.lang, pair.key) in keys)
        or (pair.state == ORPHAN and (src, pair.key) in keys)
        for p in pair.problems
    }
    return [p for p in problems if (p.path, p.line, p.message) not in echoed]


def _key_of(site: Site, path: str) -> tuple[str, str] | None:
    """Read a broken article's language and translation key as well as its text allows."""
    parts = PurePosixPath(path).parts
    if len(parts) < 3 or parts[0] != "content" or parts[1] not in site.config.codes:
        return None
    # Through the checked reader: the file may be a pipe or a link out of content/.
    text, _problem = site.config.sources.text(site.config.root / path, site.config.content_dir)
    front = split_front_matter(text) if text is not None else None
    try:
        raw = load_with_lines(front[0])[0] if front else None
    except YamlError:
        return None
    if not isinstance(raw, dict):
        return None
    names = [k for k in raw if isinstance(k, str)]
    close = difflib.get_close_matches(KEY, names, n=1)
    value = raw.get(KEY, raw.get(close[0]) if close else None)
    return (parts[1], value) if isinstance(value, str) else None
