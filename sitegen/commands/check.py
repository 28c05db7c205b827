"""The `check` command: report every problem, show a source's changes, mark translations updated."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import load_site, rendered_problems, unreadable
from ..checks.catalogs import stale_entries
from ..checks.glossary import language_name
from ..checks.outdated import source_hash
from ..checks.pages import all_pair_states
from ..config import Config, load_config
from ..content import Article
from ..model import Site
from ..problems import BuildFailed, Problem, error, format_problems, has_errors
from ..reports.status import as_json, drafts_of, format_text, summary
from ..sources.files import relpath
from .honesty import unchanged_marks
from .outdated import diff_since, mark_updated


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `check` to its subparser."""
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="check drafts too, as the preview does (they are listed in a group of their own)",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--diff",
        metavar="PATH",
        type=Path,
        help="show what changed in the source of translation PATH since it was made",
    )
    what.add_argument(
        "--mark-updated",
        metavar="PATH",
        type=Path,
        nargs="+",
        help="record that translation PATH is up to date with its source's current version",
    )


def run_check(args: argparse.Namespace) -> int:
    """Run `check`; return the exit status (0 clean, 1 problems)."""
    strict = bool(getattr(args, "strict", False))
    try:
        config = load_config(args.project.absolute(), args.output, getattr(args, "base_url", None))
    except BuildFailed as failed:
        print(format_problems(failed.problems), file=sys.stderr)
        return 1
    if args.mark_updated:
        return _mark(config, args.mark_updated)
    if args.diff:
        return _diff(config, args.diff)
    try:  # the build's own read-and-check stage: the same problems, the publisher's included
        site, problems = load_site(config, include_drafts=args.drafts)
        if not has_errors(problems):  # pages that cannot build cannot be rendered to check
            problems += rendered_problems(site)
    except OSError as exc:  # a source unreadable or gone meanwhile: reported as the build does
        print(format_problems([unreadable(exc, config)]), file=sys.stderr)
        return 1
    problems += stale_entries(site)
    pairs = all_pair_states(site)
    problems += unchanged_marks(config, pairs)
    info = summary(site, pairs)
    drafts = drafts_of(site)
    if args.format == "json":
        print(as_json(problems, info, pairs, strict, drafts))
    else:
        print(format_text(problems, info, config.source_language, drafts))
    return 1 if has_errors(problems, strict) else 0


def _resolve(config: Config, path: Path) -> str:
    """Return a path given on the command line relative to the project (as the problems name files)."""
    for candidate in (path, config.root / path):
        if candidate.exists():
            return relpath(candidate.absolute().resolve(), config.root.resolve())
    return path.as_posix()


def _translation(site: Site, rel: str) -> tuple[Article | None, Article | None, Problem | None]:
    """Find the translation at rel and its source, or say why it cannot be used."""
    article = next((a for a in site.articles if a.path == rel), None)
    src = site.config.source_language
    if article is None:
        return None, None, error(rel, None, "no such article (or it does not parse; run check)", "outdated")
    if article.lang == src:
        return (
            None,
            None,
            error(
                rel,
                None,
                f"this is the {language_name(src)} source; give the path of one of its translations",
                "outdated",
            ),
        )
    source = site.counterpart(article, src)
    if source is None:
        key = article.translation_key
        message = f"orphan translation: no {language_name(src)} article has translation_key '{key}'"
        return article, None, error(rel, article.lines.get("translation_key", 1), message, "orphan")
    return article, source, None


def _mark(config: Config, paths: list[Path]) -> int:
    site, _problems = load_site(config, include_drafts=True)
    failures: list[Problem] = []
    for path in paths:
        rel = _resolve(config, path)
        translation, source, problem = _translation(site, rel)
        if problem is None and translation is not None and source is not None:
            problem = mark_updated(config, config.root / rel, source)
            if problem is None:
                print(f"{rel}: marked up to date with {source.path} (version {source_hash(source)})")
        if problem is not None:
            failures.append(problem)
    if failures:
        print(format_problems(failures), file=sys.stderr)
        return 1
    return 0


def _diff(config: Config, path: Path) -> int:
    site, _problems = load_site(config, include_drafts=True)
    translation, source, problem = _translation(site, _resolve(config, path))
    if problem is not None or translation is None or source is None:
        print(format_problems([problem] if problem else []), file=sys.stderr)
        return 1
    text, found = diff_since(config, translation, source)
    sys.stdout.write(text)
    return 0 if found else 1
