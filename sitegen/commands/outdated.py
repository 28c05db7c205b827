"""Find the version of a source a translation was made from in git, diff it, mark it updated."""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..checks.outdated import HASH_KEY, article_text, normalise, source_hash, text_hash
from ..config import Config
from ..content import Article, split_front_matter
from ..problems import Problem, error
from ..sources.files import read_text, relpath


def file_text(text: str) -> str | None:
    """Return the normalised text of an article file's contents, or None if it cannot be read."""
    parts = split_front_matter(text.replace("\r\n", "\n").removeprefix("\ufeff"))
    if parts is None:
        return None
    front, body, _line = parts
    try:
        raw = yaml.safe_load(front)
    except yaml.YAMLError:
        return None
    if not isinstance(raw, dict):
        return None
    return normalise(str(raw.get("title", "")), str(raw.get("description", "")), body)


@dataclass
class OldVersion:
    """A past version of a source file, found in git history."""

    commit: str
    path: str
    text: str


def run_git(root: Path, *args: str) -> str | None:
    """Run git in root; return its output, or None when git is missing or fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError:
        return None
    return done.stdout if done.returncode == 0 else None


def find_version(root: Path, rel: str, wanted: str) -> OldVersion | None:
    """Find the version of a file whose normalised text has the hash wanted: index first, then history."""
    top = run_git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    prefix = relpath(root.resolve(), Path(top.strip()).resolve())
    in_repo = rel if prefix in ("", ".") else f"{prefix}/{rel}"
    staged = run_git(root, "show", f":{in_repo}")
    if staged is not None and (text := file_text(staged)) is not None and text_hash(text) == wanted:
        return OldVersion("index", in_repo, text)
    log = run_git(root, "log", "--follow", "--format=%H", "--name-only", "--", in_repo) or ""
    for commit, path in re.findall(r"^([0-9a-f]{40})\n+(\S[^\n]*)$", log, re.M):
        old = run_git(root, "show", f"{commit}:{path}")
        if old is not None and (text := file_text(old)) is not None and text_hash(text) == wanted:
            return OldVersion(commit, path, text)
    return None


def diff_since(config: Config, translation: Article, source: Article) -> tuple[str, bool]:
    """Return what changed in the source since the translation was made, and whether it was found."""
    current = article_text(source)
    wanted = translation.source_hash
    if wanted is None:
        return (
            f"{translation.path} records no {HASH_KEY}: it is not known which version of "
            f"{source.path} it was made from.\n",
            False,
        )
    if wanted == text_hash(current):
        return f"{translation.path} is up to date with {source.path}: nothing changed.\n", True
    old = find_version(config.root, source.path, wanted)
    if old is None:
        return (
            f"version {wanted} of {source.path} is not in git history: the change cannot be shown. "
            f"Compare {translation.path} with {source.path} by hand.\n",
            False,
        )
    where = "the git index" if old.commit == "index" else f"commit {old.commit[:12]}"
    lines = difflib.unified_diff(
        old.text.splitlines(keepends=True),
        current.splitlines(keepends=True),
        fromfile=f"{source.path} (version {wanted}, {where})",
        tofile=f"{source.path} (now, version {text_hash(current)})",
    )
    return "".join(lines), True


def mark_updated(config: Config, path: Path, source: Article) -> Problem | None:
    """Write the source's current version id into a translation's front matter."""
    rel = relpath(path.absolute(), config.root)
    text, problem = read_text(path, config.root)
    if problem is not None:
        return problem
    assert text is not None
    parts = split_front_matter(text)
    if parts is None:
        return error(rel, 1, "no front matter to write the source hash into", "outdated")
    front = parts[0]
    # Quoted: a hash of digits only would otherwise be read back as a number.
    line = f'{HASH_KEY}: "{source_hash(source)}"'
    pattern = re.compile(rf"^{HASH_KEY}:.*$", re.M)
    new_front = pattern.sub(line, front, count=1) if pattern.search(front) else front + line + "\n"
    new_text = "---\n" + new_front + text[4 + len(front) :]
    if new_text != text:
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(new_text, encoding="utf-8")
        tmp.replace(path)
    return None
