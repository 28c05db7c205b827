"""Pair the shared corpus's articles: each translation follows its source's skeleton.

The shared corpus (`../shared/bench/make_corpus.py`) gives article i in each language the same
translation key but an unrelated random body, which the translation checks rightly refuse as a
translation. Here the source language's body is the skeleton: every other language gets a body
with the same blocks in the same order (headings of the same level, lists with as many items,
tables of the same shape, the same links to the same articles in its own language) written in
its own words, sentence by sentence with as many words. A few sentences gain a number, written
the way each language writes it, so the number checks compare real figures. The result is again
a corpus in the shared layout, which the peers' adapters and ours both read.
"""

from __future__ import annotations

import functools
import importlib.util
import random
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository (or beside the folder of worktrees).
SHARED = next(
    (up / "shared" for up in REPO.parents if (up / "shared" / "bench").is_dir()), REPO.parent / "shared"
)
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
SOURCE = "en"
KEY = re.compile(r'^translation_key: "([^"]+)"$', re.M)
TITLE = re.compile(r'^title: "((?:[^"\\]|\\.)*)"$', re.M)
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\.md\)")
SENTENCE_END = re.compile(r"(?<=\.) ")
# What the link sentences of make_corpus.py start with, per language.
READ_MORE = {"sv": "Läs mer i", "en": "Read more in"}
SEE_ALSO = {"sv": "Se även", "en": "See also"}
# Emergency and care numbers have their own check; the figures here stay clear of them.
RESERVED = {112, 1177, 911, 999}


@functools.cache
def shared_generator() -> ModuleType:
    """Import make_corpus.py, for its vocabularies and sentence generator."""
    spec = importlib.util.spec_from_file_location("make_corpus", MAKE_CORPUS)
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench: cannot read {MAKE_CORPUS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_paired_corpus(out: Path, articles: int, seed: int = 1) -> Path:
    """Write the shared corpus into out, then rewrite every translation to follow its source."""
    subprocess.run(
        [
            sys.executable,
            str(MAKE_CORPUS),
            "--articles",
            str(articles),
            "--out",
            str(out),
            "--seed",
            str(seed),
        ],
        check=True,
    )
    content = out / "content"
    files = {lang.name: sorted(lang.glob("*.md")) for lang in sorted(content.iterdir())}
    texts = {lang: {f.stem: f.read_text("utf-8") for f in found} for lang, found in files.items()}
    # Where each key's article is in every language: its file stem and title.
    where = {
        lang: {KEY.search(text)[1]: (stem, unquote(TITLE.search(text)[1])) for stem, text in by_stem.items()}
        for lang, by_stem in texts.items()
    }
    key_of = {stem: KEY.search(text)[1] for stem, text in texts[SOURCE].items()}
    mc = shared_generator()
    rng = random.Random(f"pairs-{seed}")
    langs = {lang: mc.Lang(lang, random.Random(rng.random())) for lang in sorted(texts)}
    source = langs.pop(SOURCE)
    for stem in sorted(texts[SOURCE]):
        front, body = split(texts[SOURCE][stem])
        blocks = with_numbers(body.strip("\n").split("\n\n"), source)
        (content / SOURCE / f"{stem}.md").write_text(front + render(blocks, SOURCE), "utf-8")
        for lang, words in langs.items():
            own, _title = where[lang][key_of[stem]]
            links = {s: where[lang][key_of[s]] for s in key_of}
            mirrored = [mirror_block(block, words, links) for block in blocks]
            target = content / lang / f"{own}.md"
            target.write_text(split(texts[lang][own])[0] + render(mirrored, lang), "utf-8")
    return out


def split(text: str) -> tuple[str, str]:
    """Return a corpus file's front matter (with its fences) and its body."""
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def unquote(value: str) -> str:
    """Return a YAML double-quoted scalar of make_corpus.py as text."""
    return value.replace('\\"', '"').replace("\\\\", "\\")


def render(blocks: list[tuple[str, list[int]]], lang: str) -> str:
    """Join blocks into a body, writing each block's numbers the way lang writes them."""
    out = []
    for text, numbers in blocks:
        for number in numbers:
            text = text.replace("{n}", written(number, lang), 1)
        out.append(text)
    return "\n" + "\n\n".join(out) + "\n"


def with_numbers(blocks: list[str], words: Any) -> list[tuple[str, list[int]]]:
    """Give about a third of the paragraphs one more sentence ending in a figure (in tenths)."""
    found = []
    for block in blocks:
        numbers: list[int] = []
        if kind(block) == "paragraph" and words.rng.random() < 0.35:
            numbers.append(figure(words.rng))
            block = f"{block} {figure_sentence(words)}"
        found.append((block, numbers))
    return found


def figure_sentence(words: Any) -> str:
    """Return a short sentence that ends in a figure, to be written in later: '... {n}.'."""
    return capital(" ".join(words.words(words.rng.randint(3, 8)))) + " {n}."


def figure(rng: random.Random) -> int:
    """Return a figure in tenths: a small count, a share with a decimal or a thousand-odd count."""
    while True:
        value = rng.choice((rng.randint(2, 99) * 10, rng.randint(11, 999), rng.randint(1000, 9999) * 10))
        # Not even as a group of digits: the emergency check reads Swedish "1 112" as 112.
        if not digit_groups(value) & RESERVED:
            return value


def digit_groups(tenths: int) -> set[int]:
    """Return every group of digits a figure is written with, in any language."""
    return {int(g) for lang in ("sv", "en") for g in re.findall(r"\d+", written(tenths, lang))}


def written(tenths: int, lang: str) -> str:
    """Write a figure as lang writes it: 1,200 and 2.5% in English, 1 200 and 2,5 % in Swedish."""
    whole, tenth = divmod(tenths, 10)
    if tenth:
        return f"{whole},{tenth} %" if lang == "sv" else f"{whole}.{tenth}%"
    grouped = f"{whole:,}"
    return grouped.replace(",", " ") if lang == "sv" else grouped


def kind(block: str) -> str:
    """Return what a block of make_corpus.py Markdown is."""
    first = block[:2]
    if first in ("##", "# "):
        return "heading"
    if first == "- ":
        return "list"
    if first == "1.":
        return "numbered"
    if first == "| ":
        return "table"
    if first == "> ":
        return "quote"
    return "paragraph"


def mirror_block(block: tuple[str, list[int]], words: Any, links: dict[str, tuple[str, str]]) -> tuple:
    """Return the block with the same shape in the language of words (a make_corpus Lang)."""
    text, numbers = block
    lang = words.code
    mc = shared_generator()
    what = kind(text)
    if what == "heading":
        hashes, title = text.split(" ", 1)
        if title == mc.SUMMARY_HEADING[SOURCE]:
            return f"{hashes} {mc.SUMMARY_HEADING[lang]}", numbers
        return f"{hashes} {capital(' '.join(words.words(len(title.split()))))}", numbers
    if what in ("list", "numbered"):
        items = text.split("\n")
        if what == "list":
            made = ["- " + sentence(words, item[2:], emphasis=False).rstrip(".") for item in items]
        else:
            made = [
                f"{i}. " + sentence(words, item.split(" ", 1)[1], False) for i, item in enumerate(items, 1)
            ]
        return "\n".join(made), numbers
    if what == "table":
        rows = text.split("\n")
        head = "| " + " | ".join(mc.TABLE_HEADERS[lang]) + " |"
        cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]
        body = ["| " + " | ".join(" ".join(words.words(len(c.split()))) for c in row) + " |" for row in cells]
        return "\n".join([head, rows[1], *body]), numbers
    if what == "quote":
        return "> " + sentence(words, text[2:]), numbers
    return " ".join(mirror_sentence(s, words, links) for s in SENTENCE_END.split(text)), numbers


def mirror_sentence(text: str, words: Any, links: dict[str, tuple[str, str]]) -> str:
    """Return a sentence of as many words, or the same link sentence pointing at lang's pages."""
    lang = words.code
    if text.endswith("{n}."):
        return figure_sentence(words)
    found = [links[target] for _title, target in LINK.findall(text)]
    if not found:
        return sentence(words, text)
    linked = ", ".join(f"[{title}]({stem}.md)" for stem, title in found)
    lead = READ_MORE[lang] if text.startswith(READ_MORE[SOURCE]) else SEE_ALSO[lang]
    return f"{lead} {linked}."


def sentence(words: Any, like: str, emphasis: bool = True) -> str:
    """Return a sentence in the language of words with as many words as like."""
    n = len(like.split())
    return words.sentence(n, n, emphasis=emphasis)


def capital(text: str) -> str:
    """Return text with its first letter in upper case."""
    return text[:1].upper() + text[1:]
