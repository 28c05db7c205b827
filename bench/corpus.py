"""Make a benchmark project: the shared synthetic corpus, adapted to our content format."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
# The project's own configuration, templates, catalogues, styles and data sets.
PROJECT_FILES = ("site.yaml", "templates", "locales", "static", "content/data")
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SLUG = re.compile(r"[^a-z0-9]+")


def make_project(root: Path, articles: int, seed: int = 1) -> Path:
    """Write a project in root with the corpus of `articles` articles per language."""
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
    raw = root / "raw"
    subprocess.run(
        [
            sys.executable,
            str(MAKE_CORPUS),
            "--articles",
            str(articles),
            "--out",
            str(raw),
            "--seed",
            str(seed),
        ],
        check=True,
    )
    for lang in ("sv", "en"):
        target = root / "content" / lang
        target.mkdir(parents=True)
        for file in sorted((raw / "content" / lang).glob("*.md")):
            name = without_forbidden(file.name, lang)  # links name the file: change both alike
            text = without_forbidden(adapt(file.read_text("utf-8"), Path(name).stem, lang), lang)
            (target / name).write_text(text, "utf-8")
    shutil.rmtree(raw)
    return root


def adapt(text: str, stem: str, lang: str) -> str:
    """Fill the fields our schema requires; drop `date` and `tags`, which it refuses."""
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
        elif line.startswith("translation_key: "):
            # The two languages' bodies are unrelated random text, which the translation
            # checks rightly refuse as translations: each article stands alone instead.
            kept.append(f"translation_key: {lang}-{line.split(':', 1)[1].strip().strip(chr(34))}")
        else:
            kept.append(line)
    assert published is not None, stem
    reviewed = published + dt.timedelta(days=180)
    kept += [
        f"slug: {SLUG.sub('-', stem.lower()).strip('-')}",
        f"published: {published.isoformat()}",
        f"last_reviewed: {reviewed.isoformat()}",
        f"next_review: {(reviewed + dt.timedelta(days=365)).isoformat()}",
    ]
    return "---\n" + "\n".join(kept) + "\n---\n" + text[match.end() :]


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
    make_project(Path(sys.argv[1]), int(sys.argv[2]))
