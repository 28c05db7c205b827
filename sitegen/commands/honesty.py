"""Warn when a translation was marked up to date while its text stayed as it was (`check` only).

`check --mark-updated` records the source's current version in the translation. If the source
changed since the version recorded before and the translation's own text did not change since
it followed that version, the mark says more than the text does: the changed sentences of the
source are probably not in the translation. Found with git history; without git, nothing.
"""

from __future__ import annotations

import re

from ..checks.align import split_sentences
from ..checks.pages import UP_TO_DATE, PairState
from ..checks.sentences import shorten
from ..config import Config
from ..content import split_front_matter
from ..problems import Problem, warning
from .outdated import file_text, find_version, run_git

HISTORY = 30  # commits of a translation searched for the version it followed before
RECORDED = re.compile(r"^source_hash:\s*[\"']?([0-9a-f]+)[\"']?\s*(?:#.*)?$", re.M)
# The translator's word that a source change needs no translation, on the source_hash line; a
# new --mark-updated rewrites the line, so each mark is acknowledged anew.
ACKNOWLEDGED = re.compile(r"^source_hash:.*#\s*deliberate:\s*unchanged\b", re.M | re.I)


def unchanged_marks(config: Config, pairs: list[PairState]) -> list[Problem]:
    """Return a warning for each up-to-date translation whose mark moved while its text stood still."""
    if run_git(config.root, "rev-parse", "--show-toplevel") is None:
        return []
    problems: list[Problem] = []
    for pair in pairs:
        if pair.state != UP_TO_DATE or pair.translation is None or pair.source is None:
            continue
        translation, source = pair.translation, pair.source
        current = config.sources.text(config.root / translation.path, config.content_dir)[0]
        if current is None or ACKNOWLEDGED.search(current):
            continue  # the translator said the change needs no translation
        before = _followed_before(config, translation.path, translation.source_hash or "")
        if before is None:
            continue
        old_hash, old_text = before
        if file_text(current) != old_text:
            continue  # the translation changed with its mark: the translator did the work
        old_source = find_version(config.root, source.path, old_hash)
        now = config.sources.text(config.root / source.path, config.content_dir)[0]
        if old_source is None or now is None:
            continue
        changed = _new_sentences(old_source.text, file_text(now) or "")
        if not changed:
            continue
        line = source.body_line + _line_in_body(source.body, changed[0])
        problems.append(
            warning(
                translation.path,
                translation.lines.get("source_hash", 1),
                f"marked up to date with version {translation.source_hash} of {source.path}, but its text "
                f"is as it was when it followed version {old_hash}, and {len(changed)} sentence(s) of the "
                f"source changed since (first: '{shorten(changed[0])}', {source.path}:{line}): translate "
                f'the change (to see it, set source_hash back to "{old_hash}" and run python3 build.py '
                f"check --diff {translation.path}); if it needs none, say so after the hash: "
                "# deliberate: unchanged",
                "outdated",
            )
        )
    return problems


def _followed_before(config: Config, rel: str, recorded: str) -> tuple[str, str] | None:
    """Return the source version a translation recorded before its current one, and its text then."""
    log = run_git(config.root, "log", f"-n{HISTORY}", "--format=%H", "--", rel) or ""
    top = (run_git(config.root, "rev-parse", "--show-prefix") or "").strip()
    for commit in log.split():
        old = run_git(config.root, "show", f"{commit}:{top}{rel}")
        if old is None:
            continue
        front = split_front_matter(old)
        found = RECORDED.search(front[0]) if front else None
        if found and found.group(1) != recorded:
            text = file_text(old)
            return (found.group(1), text) if text is not None else None
    return None


def _new_sentences(old: str, new: str) -> list[str]:
    """Return the sentences of new that old does not have, in order."""
    have = {s.text for block in old.split("\n\n") for s in split_sentences(" ".join(block.split()))}
    found = []
    for block in new.split("\n\n"):
        for sentence in split_sentences(" ".join(block.split())):
            if sentence.text not in have and any(c.isalpha() for c in sentence.text):
                found.append(sentence.text)
    return found


def _line_in_body(body: str, sentence: str) -> int:
    """Return the offset of the body line where a sentence starts (0 when not found as written)."""
    words = " ".join(sentence.split()[:4])
    return next((i for i, line in enumerate(body.split("\n")) if words in " ".join(line.split())), 0)
