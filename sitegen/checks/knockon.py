"""Leave out the warnings that only repeat an error: one mistake, one message."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import PurePosixPath

from ..content import split_front_matter
from ..model import Site
from ..problems import ERROR, Problem
from ..sources.yaml_lines import YamlError, load_with_lines
from .pages import MISSING, ORPHAN, all_pair_states

KEY = "translation_key"
# The checks whose error stands for the file not being read; the knock-on note goes on the first.
CAUSE_CHECKS = ("front-matter", "yaml", "io", "build")
RELATED_NAME = re.compile(r"([\w.-]+\.md)")
KEY_LINE = re.compile(rf"^{KEY}\s*:\s*[\"']?([a-z0-9-]+)[\"']?\s*$", re.M)


def without_knock_on(site: Site, problems: list[Problem]) -> list[Problem]:
    """List what an unparsed article breaks in other files under its own error: one cause, one problem.

    A typo in one file's front matter leaves that article out of the model, so its pair in the
    other language looks missing or orphaned and the related-article lists that name it differ;
    the error in the file itself is what to fix, and it says what else follows from it.
    """
    parsed = {a.path for a in site.articles} | {a.path for a in site.drafts.values()}
    broken = {p.path for p in problems if p.severity == ERROR and p.path.endswith(".md")} - parsed
    causes = {path: found for path in sorted(broken) if (found := _key_of(site, path)) is not None}
    keys = set(causes.values())
    if not keys:
        return problems
    src = site.config.source_language
    echoed: dict[tuple[str, int | None, str], tuple[str, str]] = {}
    for pair in all_pair_states(site):
        key = (pair.lang, pair.key) if pair.state == MISSING else (src, pair.key)
        if pair.state in (MISSING, ORPHAN) and key in keys:
            echoed.update({(p.path, p.line, p.message): key for p in pair.problems})
    names = {
        article.filename: (lang, key) for lang, key in keys for article in site.by_key.get(key, {}).values()
    }
    for p in problems:
        listed = _related_names(p)
        if listed and all(name in names for name in listed):
            echoed[(p.path, p.line, p.message)] = names[listed[0]]
    if not echoed:
        return problems
    follows: dict[tuple[str, str], list[str]] = {}
    for (path, _line, _message), key in echoed.items():
        follows.setdefault(key, []).append(path)
    kept = []
    for p in problems:
        if (p.path, p.line, p.message) in echoed:
            continue
        key = causes.get(p.path)
        if key in follows and p.severity == ERROR and p.check in CAUSE_CHECKS:
            others = sorted(set(follows.pop(key)))
            p = replace(p, message=f"{p.message} (until it is fixed, this also shows in {', '.join(others)})")
        kept.append(p)
    return kept


def _related_names(problem: Problem) -> list[str]:
    """Return the file names a 'related articles differ' problem lists, or none for another problem."""
    if problem.check != "link" or not problem.message.startswith("related articles differ"):
        return []
    return RELATED_NAME.findall(problem.message.split("): ", 1)[-1])


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
        # A value elsewhere in the front matter (an impossible date) need not hide the key.
        found = KEY_LINE.search(front[0]) if front else None
        return (parts[1], found.group(1)) if found else None
    if not isinstance(raw, dict):
        return None
    names = [k for k in raw if isinstance(k, str)]
    close = difflib.get_close_matches(KEY, names, n=1)
    value = raw.get(KEY, raw.get(close[0]) if close else None)
    return (parts[1], value) if isinstance(value, str) else None
