"""Report translation status: the text and JSON output of `check`, and the status page."""

from __future__ import annotations

import contextlib
import html
import json
import os
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Any

from ..cache.keys import hash_parts
from ..cache.store import BuildCache
from ..checks.catalogs import catalog_coverage
from ..checks.data import data_coverage
from ..checks.pages import (
    MISSING,
    OUTDATED,
    STATES,
    UNMARKED,
    UP_TO_DATE,
    PairState,
    all_pair_states,
    language_name,
)
from ..content import Article
from ..model import Site
from ..output.lock import is_real_dir, remove
from ..output.write import write_file
from ..problems import ERROR, WARNING, Problem, sort_key
from ..sources.filestat import stamp

REPORTS_DIR = "_reports"
STATUS_PAGE = "translation-status.html"


def summary(site: Site, pairs: list[PairState] | None = None) -> dict[str, dict[str, Any]]:
    """Return, per language, the state of its pages, UI strings and data texts."""
    config = site.config
    pairs = all_pair_states(site) if pairs is None else pairs
    strings = {c.lang: c for c in catalog_coverage(site)}
    data = data_coverage(site)
    result: dict[str, dict[str, Any]] = {}
    for lang in config.codes:
        if lang == config.source_language:
            pages: dict[str, int] = {"total": sum(1 for a in site.articles if a.lang == lang)}
        else:
            counts = Counter(p.state for p in pairs if p.lang == lang)
            pages = {"total": sum(counts[s] for s in (UP_TO_DATE, OUTDATED, UNMARKED, MISSING))}
            pages.update({state.replace(" ", "_"): counts[state] for state in STATES})
        cover = strings.get(lang)
        total = sum(d.total for d in data)
        filled = sum(d.filled.get(lang, 0) for d in data)
        result[lang] = {
            "pages": pages,
            "strings": {
                "total": cover.total if cover else 0,
                "translated": cover.translated if cover else 0,
                "percent": cover.percent if cover else 0.0,
            },
            "data": {
                "total": total,
                "translated": filled,
                "percent": 100.0 if not total else round(100 * filled / total, 1),
            },
        }
    return result


def drafts_of(site: Site) -> list[Article]:
    """Return the site's drafts, checked (in the model) or left out, in path order."""
    found = [a for a in site.articles if a.draft] + list(site.drafts.values())
    return sorted(found, key=lambda a: a.path)


def format_text(
    problems: list[Problem],
    info: dict[str, dict[str, Any]],
    source_language: str,
    drafts: list[Article] | None = None,
) -> str:
    """Return problems grouped by file, the drafts in a group of their own, then one line per language."""
    drafts = drafts or []
    draft_paths = {a.path for a in drafts}
    published = [p for p in problems if p.path not in draft_paths]
    blocks = [
        "\n".join(str(p) for p in group)
        for _path, group in groupby(sorted(published, key=sort_key), key=lambda p: p.path)
    ]
    lines = ["\n\n".join(blocks)] if blocks else []
    if blocks:
        lines.append("")
    if drafts:
        lines += _drafts_text(problems, drafts)
    for lang, item in info.items():
        pages, strings, data = item["pages"], item["strings"], item["data"]
        if lang == source_language:
            what = f"{pages['total']} source articles"
        else:
            what = (
                f"pages {pages['up_to_date']}/{pages['total']} up to date, {pages['outdated']} outdated, "
                f"{pages['unmarked']} unmarked, {pages['missing']} missing, {pages['orphan']} orphan"
            )
        lines.append(
            f"{lang} ({language_name(lang)}): {what}; strings {strings['percent']:g}% translated "
            f"({strings['translated']}/{strings['total']}); data texts {data['percent']:g}% "
            f"({data['translated']}/{data['total']})"
        )
    counts = Counter(p.severity for p in problems)
    lines.append(f"{counts[ERROR]} error(s), {counts[WARNING]} warning(s)")
    return "\n".join(lines)


def _drafts_text(problems: list[Problem], drafts: list[Article]) -> list[str]:
    """Return the drafts group: each draft with its title, and its problems when it was checked."""
    lines = [f"Drafts, not published ({len(drafts)}; `check --drafts` checks them as the preview does):"]
    for draft in drafts:
        lines.append(f"  {draft.path}: {draft.title}")
        lines += [f"    {p}" for p in sorted(problems, key=sort_key) if p.path == draft.path]
    lines.append("")
    return lines


def as_json(
    problems: list[Problem],
    info: dict[str, dict[str, Any]],
    pairs: list[PairState],
    strict: bool,
    drafts: list[Article] | None = None,
) -> str:
    """Return the machine-readable report of a check (the format is documented in README.md)."""
    counts = Counter(p.severity for p in problems)
    failed = counts[ERROR] > 0 or (strict and counts[WARNING] > 0)
    report = {
        "ok": not failed,
        "strict": strict,
        "errors": counts[ERROR],
        "warnings": counts[WARNING],
        "problems": [p.as_dict() for p in sorted(problems, key=sort_key)],
        "summary": info,
        "pairs": [_pair_dict(p, problems) for p in pairs],
        "drafts": [
            {
                "path": a.path,
                "lang": a.lang,
                "title": a.title,
                "problems": sum(1 for p in problems if p.path == a.path),
            }
            for a in drafts or []
        ],
    }
    return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False)


def _pair_dict(pair: PairState, problems: list[Problem]) -> dict[str, Any]:
    mine = pair.translation.path if pair.translation else None
    return {
        "key": pair.key,
        "lang": pair.lang,
        "state": pair.state.replace(" ", "_"),
        "source": pair.source.path if pair.source else None,
        "translation": mine,
        "problems": sum(1 for p in problems if mine is not None and p.path == mine),
    }


_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;"
    "margin-bottom:2rem}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}"
    "th{background:#eee}.outdated,.unmarked{background:#fff3cd}.missing,.orphan{background:#f8d7da}"
    ".up-to-date{background:#d4edda}"
)


def status_page(site: Site, problems: list[Problem]) -> str:
    """Return the translation status page: one row per article pair, catalogue and data set."""
    pairs = all_pair_states(site)
    info = summary(site, pairs)
    src = site.config.source_language
    esc = html.escape
    rows = []
    # Counted once: counting per pair took minutes at 50,000 pages (pairs × problems).
    per_path = Counter(p.path for p in problems)
    for pair in pairs:
        mine = pair.translation.path if pair.translation else ""
        count = per_path[mine] if mine else 0
        rows.append(
            f'<tr class="{pair.state.replace(" ", "-")}"><td>{esc(pair.key)}</td><td>{esc(pair.lang)}</td>'
            f"<td>{esc(pair.source.path if pair.source else '–')}</td><td>{esc(mine or '–')}</td>"
            f"<td>{esc(pair.state)}</td><td>{count}</td></tr>"
        )
    catalogs = [
        f"<tr><td>{esc(c.path)}</td><td>{esc(c.lang)}</td><td>{c.translated}/{c.total}</td><td>{c.percent:g}%</td></tr>"
        for c in catalog_coverage(site)
    ]
    data = [
        f"<tr><td>{esc(d.path)}</td>"
        + "".join(
            f"<td>{d.filled.get(lang, 0)}/{d.total} ({d.percent(lang):g}%)</td>" for lang in site.config.codes
        )
        + "</tr>"
        for d in data_coverage(site)
    ]
    langs = "".join(f"<th>{esc(language_name(lang))}</th>" for lang in site.config.codes)
    totals = "".join(
        f"<li>{esc(language_name(lang))}: strings {item['strings']['percent']:g}%, data texts "
        f"{item['data']['percent']:g}%"
        + (
            ""
            if lang == src
            else f", pages {item['pages']['up_to_date']}/{item['pages']['total']} up to date"
        )
        + "</li>"
        for lang, item in info.items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex, nofollow">\n<title>Translation status</title>\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>Translation status</h1>\n"
        f"<p>For translators; not part of the public site. Source language: {esc(language_name(src))}. "
        "Details: <code>python3 build.py check</code>.</p>\n"
        f"<ul>{totals}</ul>\n<h2>Articles</h2>\n<table>\n<tr><th>Key</th><th>Language</th><th>Source</th>"
        "<th>Translation</th><th>State</th><th>Problems</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>\n<h2>UI string catalogues</h2>\n<table>\n<tr><th>Catalogue</th><th>Language</th>"
        "<th>Translated</th><th>Share</th></tr>\n"
        + "\n".join(catalogs)
        + f"\n</table>\n<h2>Data sets</h2>\n<table>\n<tr><th>Data set</th>{langs}</tr>\n"
        + "\n".join(data)
        + "\n</table>\n</body>\n</html>\n"
    )


def write_status_page(site: Site, problems: list[Problem], output_dir: Path) -> Path:
    """Write the status page to _reports/ next to the output folder, atomically."""
    folder = output_dir.absolute().parent / REPORTS_DIR
    # A generated folder: found as a link or a file, it is removed, never followed.
    if os.path.lexists(folder) and not is_real_dir(folder):
        remove(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / STATUS_PAGE
    tmp = folder / f".{STATUS_PAGE}.{os.getpid()}.tmp"
    try:
        remove(tmp)
        write_file(tmp, status_page(site, problems).encode("utf-8"))
        tmp.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            remove(tmp)
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    return target


def write_status(site: Site, problems: list[Problem], output_dir: Path, cache: BuildCache, key: str) -> None:
    """Write the status page, unless these sources and problems wrote the file that is there now."""
    target = output_dir.absolute().parent / REPORTS_DIR / STATUS_PAGE
    key = hash_parts([key, problems])
    try:
        there = stamp(os.lstat(target))
    except FileNotFoundError:
        there = None
    if there is not None and cache.step("status", key) == there:
        return
    written = write_status_page(site, problems, output_dir)
    cache.remember_step("status", key, stamp(os.lstat(written)))
