"""Scaffold a new article: one file per language, front matter filled in, ready to write."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from ..catalogs import compile_catalog, load_catalogs
from ..checks.drafts import PLACEHOLDER
from ..checks.outdated import source_hash
from ..config import Config, load_config
from ..content import IDENT, parse_article, read_content
from ..problems import BuildFailed, Problem, error, format_problems
from ..sources.files import relpath

# Letters that Unicode decomposition would not turn into the letter a reader expects.
TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})


def slugify(title: str) -> str:
    """Return a URL slug from a title: 'Nålar och öm muskel' -> 'nalar-och-om-muskel'."""
    text = title.casefold().translate(TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def one_year_later(day: dt.date) -> dt.date:
    """Return the same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def yaml_text(value: str) -> str:
    """Return a title as a YAML scalar: plain where that reads back the same, else quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass  # not valid as a plain scalar: quote it below
    return json.dumps(value, ensure_ascii=False)


def article_text(fields: dict[str, str]) -> str:
    """Return an article file: front matter from the fields, then an empty body."""
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n\n"


def plan(
    config: Config, key: str, titles: dict[str, str], today: dt.date, slugs: dict[str, str] | None = None
) -> dict[Path, str]:
    """Return the file of each language, by path; raise BuildFailed if any would clash.

    A file is named after the key (links are written to file names, and the key is what the
    editor typed), or after the slug where one is given; the slug comes from the title unless given.
    """
    slugs = slugs or {}
    if not IDENT.match(key):
        raise BuildFailed([error(key, None, "the key must be lowercase letters, digits and hyphens", "new")])
    catalogs, _problems = load_catalogs(config)
    existing, _problems = read_content(config)
    problems: list[Problem] = []
    files: dict[Path, str] = {}
    source_text = ""
    # The source language first: a translation records the version of the source it was made from.
    for lang in sorted(config.codes, key=lambda code: code != config.source_language):
        slug = slugs.get(lang) or slugify(titles[lang])
        path = config.content_dir / lang / f"{slugs.get(lang) or key}.md"
        rel = relpath(path, config.root)
        if lang in slugs and not IDENT.match(slugs[lang]):
            problems.append(
                error(rel, None, f"the {lang} slug must be lowercase letters, digits and hyphens", "new")
            )
            continue
        if not slug:
            problems.append(error(rel, None, f"the {lang} title has no letter or digit for a slug", "new"))
            continue
        if path.exists():
            problems.append(error(rel, None, "the file exists already; refusing to overwrite it", "new"))
        for other in existing:
            for field, value in (("translation_key", key), ("slug", slug)):
                if getattr(other, field) == value and (field == "translation_key" or other.lang == lang):
                    line = other.lines.get(field, 1)
                    problems.append(error(other.path, line, f"{field} '{value}' is already used here", "new"))
        gettext = compile_catalog(catalogs.get(lang)).gettext
        fields = {
            "title": yaml_text(titles[lang].strip()),
            "description": yaml_text(gettext(PLACEHOLDER)),
            "translation_key": key,
            "slug": slug,
            "published": today.isoformat(),
            "last_reviewed": today.isoformat(),
            "next_review": one_year_later(today).isoformat(),
            "references": "[]",
            "draft": "true  # remove this line to publish the article",
        }
        if lang == config.source_language:
            source_text = article_text(fields)
        else:
            source, _found = parse_article(source_text, "source.md", config.source_language)
            if source is not None:
                fields["source_hash"] = f'"{source_hash(source)}"'  # quoted: digits alone read as a number
        files[path] = article_text(fields)
    if problems:
        raise BuildFailed(problems)
    return files


def scaffold(
    root: Path,
    key: str,
    titles: dict[str, str],
    today: dt.date | None = None,
    slugs: dict[str, str] | None = None,
) -> list[Path]:
    """Write a new article in every language of the site; return the paths written."""
    config = load_config(root.absolute())
    files = plan(config, key, titles, today or dt.date.today(), slugs)
    written: list[Path] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            # 'x' mode: a file that appeared since the check above is still not overwritten.
            with path.open("x", encoding="utf-8") as handle:
                written.append(path)
                handle.write(text)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return sorted(files, key=lambda p: config.codes.index(p.parent.name))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `new` to its parser."""
    parser.add_argument("key", metavar="KEY", help="translation key that pairs the versions, e.g. neck-pain")
    parser.add_argument(
        "--title",
        metavar="LANG=TITLE",
        action="append",
        default=[],
        help="title of one language's version (also --LANG-title TITLE); asked for if missing",
    )
    parser.add_argument(
        "--slug",
        metavar="LANG=SLUG",
        action="append",
        default=[],
        help="URL slug and file name of one language's version (also --LANG-slug); default: "
        "the file is KEY.md and the slug comes from the title",
    )


LANGUAGE_OPTION = re.compile(r"^--([a-z]{2,3})-(title|slug)(?:=(.*))?$", re.S)


def expand_language_options(argv: list[str]) -> list[str]:
    """Rewrite --sv-title X (any language code) as --title sv=X, so no language is hard-coded."""
    out: list[str] = []
    items = iter(argv)
    for item in items:
        match = LANGUAGE_OPTION.match(item)
        if match is None:
            out.append(item)
            continue
        value = match.group(3)
        if value is None:
            value = next(items, "")
        out += [f"--{match.group(2)}", f"{match.group(1)}={value}"]
    return out


def _by_language(config: Config, option: str, given: list[str]) -> dict[str, str]:
    """Read LANG=VALUE options; refuse a language the site does not have."""
    found: dict[str, str] = {}
    for item in given:
        code, sep, value = item.partition("=")
        if not sep or code not in config.codes:
            known = ", ".join(config.codes)
            message = f"--{option} wants LANG={option.upper()} with LANG one of {known}, not '{item}'"
            raise BuildFailed([error("new", None, message, "new")])
        found[code] = value
    return found


def ask_titles(
    config: Config, given: dict[str, str | None], interactive: bool, ask: Callable[[str], str] = input
) -> dict[str, str]:
    """Return a title per language: given ones, else asked for; fail when nobody can be asked."""
    titles: dict[str, str] = {}
    for language in config.languages:
        title = given.get(language.code)
        if title is None and interactive:
            title = ask(f"Title in {language.name} ({language.code}): ")
        if title is None:
            message = f"give a title with --{language.code}-title (not run in a terminal)"
            raise BuildFailed([error("new", None, message, "new")])
        if not title.strip():
            raise BuildFailed([error("new", None, f"the {language.name} title must not be empty", "new")])
        titles[language.code] = title.strip()
    return titles


def run_new(args: argparse.Namespace) -> int:
    """Scaffold the article of `python3 build.py new`; print its paths and the link to use."""
    try:
        config = load_config(args.project.absolute())
        given: dict[str, str | None] = dict(_by_language(config, "title", args.title))
        slugs = _by_language(config, "slug", args.slug)
        titles = ask_titles(config, given, sys.stdin.isatty())
        paths = scaffold(args.project, args.key, titles, slugs=slugs)
    except BuildFailed as failed:
        print(format_problems(failed.problems), file=sys.stderr)
        print("new: nothing was written", file=sys.stderr)
        return 1
    except FileExistsError as exc:
        print(f"new: {exc.filename} appeared meanwhile; nothing was written", file=sys.stderr)
        return 1
    except EOFError:
        print("new: no title given; nothing was written", file=sys.stderr)
        return 1
    for path in paths:
        print(relpath(path, Path.cwd().absolute()))
    print("Link to it from another article in the same language as:")
    for path in paths:
        lang = path.parent.name
        print(f"  {lang}: [{titles[lang]}]({path.name})")
    print("It is a draft: see it with `python3 build.py serve`, publish it by removing its `draft:` line.")
    return 0
