"""Make a benchmark project: the shared synthetic corpus, adapted to our content format."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import sys
from pathlib import Path

import yaml

from bench.pairs import KEY, SOURCE, write_paired_corpus
from sitegen.checks.outdated import text_hash
from sitegen.commands.outdated import file_text

REPO = Path(__file__).resolve().parent.parent
# The project's own configuration, templates, catalogues, styles and data sets.
PROJECT_FILES = ("site.yaml", "templates", "locales", "static", "content/data")
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SLUG = re.compile(r"[^a-z0-9]+")
LANGS = ("sv", "en")
MAY = re.compile(r"\b[Mm]ay\b")
MENU_PAGES = re.compile(r"^(\s+pages: )\[([^\]]*)\]$", re.M)
ABOUT_PAGE = re.compile(r"^about_page: .*$", re.M)


def make_corpus(out: Path, articles: int, seed: int = 1) -> Path:
    """Write the shared corpus with paired articles into out, in the shared layout the peers read."""
    if out.exists():
        shutil.rmtree(out)
    write_paired_corpus(out, articles, seed)
    for lang in LANGS:
        for file in sorted((out / "content" / lang).glob("*.md")):
            name = without_months(without_forbidden(file.name, lang))  # links name the file: both alike
            text = without_months(without_forbidden(file.read_text("utf-8"), lang))
            file.unlink()
            (file.parent / name).write_text(text, "utf-8")
    return out


def make_project(root: Path, corpus: Path) -> Path:
    """Write a project in root with the corpus's articles in our content format."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in PROJECT_FILES:
        src, dst = REPO / name, root / name
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    versions: dict[str, str] = {}
    # Sources first: each translation records the version of its source.
    for lang in sorted(LANGS, key=lambda code: code != SOURCE):
        target = root / "content" / lang
        target.mkdir(parents=True)
        for file in sorted((corpus / "content" / lang).glob("*.md")):
            text = adapt(file.read_text("utf-8"), file.stem, versions)
            (target / file.name).write_text(text, "utf-8")
            if lang == SOURCE:
                versions[key_of(text)] = text_hash(file_text(text) or "")
    config = root / "site.yaml"
    config.write_text(with_menu(config.read_text("utf-8"), sorted(versions)), "utf-8")
    return root


def with_menu(config: str, keys: list[str]) -> str:
    """Point site.yaml's menu groups and about page at the corpus's articles instead of ours.

    Each group keeps its size, filled in turn from keys (a small corpus gives each group fewer
    pages); the about page is the last group's first page, as in the shipped site.
    """
    groups = MENU_PAGES.findall(config)
    sizes = [len(pages.split(",")) for _lead, pages in groups]
    chosen: list[list[str]] = [[] for _ in groups]
    # Round by round, one page for each group that has room left.
    turns = [group for n in range(max(sizes, default=0)) for group, size in enumerate(sizes) if n < size]
    for group, key in zip(turns, keys, strict=False):
        chosen[group].append(key)
    filled = iter(chosen)
    config = MENU_PAGES.sub(lambda m: f"{m[1]}[{', '.join(next(filled))}]", config)
    return ABOUT_PAGE.sub(f"about_page: {chosen[-1][0]}", config) if chosen and chosen[-1] else config


def adapt(text: str, stem: str, versions: dict[str, str]) -> str:
    """Fill the fields our schema requires; drop `date` and `tags`, which it refuses.

    A translation (its key in versions) records the version of its source it follows.
    """
    match = FRONT.match(text)
    assert match, stem
    kept, published = [], None
    skipping = False
    for line in match.group(1).split("\n"):
        if skipping and line.startswith("  - "):
            continue
        skipping = False
        if line.startswith("date: "):
            published = dt.date.fromisoformat(line[6:].strip())
        elif line.startswith("tags:"):
            skipping = True
        else:
            kept.append(line)
    assert published is not None, stem
    reviewed = published + dt.timedelta(days=180)
    # Due next year, as on a site kept up to date: a review that has passed is a warning.
    due = dt.date(dt.date.today().year + 1, reviewed.month, min(reviewed.day, 28))
    kept += [
        f"slug: {SLUG.sub('-', stem.lower()).strip('-')}",
        f"published: {published.isoformat()}",
        f"last_reviewed: {reviewed.isoformat()}",
        f"next_review: {due.isoformat()}",
    ]
    key = key_of(text)
    if key in versions:
        kept.append(f'source_hash: "{versions[key]}"')
    return "---\n" + "\n".join(kept) + "\n---\n" + text[match.end() :]


def key_of(text: str) -> str:
    """Return the translation key in an article's front matter."""
    found = KEY.search(text)
    assert found, text[:200]
    return found[1]


def without_months(text: str) -> str:
    """Write 'can' for the corpus's 'may', which next to a figure or a list number reads as a date."""
    return MAY.sub(lambda m: "Can" if m.group(0)[0] == "M" else "can", text)


def without_forbidden(text: str, lang: str) -> str:
    """Change the first letter of random pseudo-words that happen to start like a forbidden word.

    The corpus makes up Swedish words from syllables; 'bo' + 'ta...' reads as 'bota' (cure),
    which the glossary check rightly refuses on a health site.
    """
    for word in forbidden_words(lang):
        text = re.sub(rf"(?<!\w){re.escape(word)}", lambda m: "v" + m.group(0)[1:], text, flags=re.I)
    return text


@functools.cache
def forbidden_words(lang: str) -> tuple[str, ...]:
    """Return the glossary's forbidden words of a language."""
    glossary = yaml.safe_load((REPO / "locales" / "glossary.yaml").read_text("utf-8"))
    return tuple(glossary.get("forbidden", {}).get(lang, []))


if __name__ == "__main__":
    make_project(Path(sys.argv[1]), make_corpus(Path(sys.argv[1] + "-corpus"), int(sys.argv[2])))
