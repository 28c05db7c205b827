"""Pair the shared corpus's articles: each translation follows its source's skeleton.

The shared corpus (`../shared/bench/make_corpus.py`) gives article i in each language the same
translation key but an unrelated random body, which the translation checks rightly refuse as a
translation. Here the source language's body is the skeleton: every other language gets a body
with the same blocks in the same order (headings of the same level, lists with as many items,
tables of the same shape, the same links to the same articles in its own language) written in
its own words, sentence by sentence with as many words. Each sentence, list item, table cell,
heading and title carries its source's marker words (negation, more and less, how often, how
sure: the glossary's `markers`) as words of the same kind in its own language, and gains none by
chance, so the polarity check compares real markers. A few sentences gain a number, written the
way each language writes it, so the number checks compare real figures. The result is again a
corpus in the shared layout, which the peers' adapters and ours both read.
"""

from __future__ import annotations

import functools
import importlib.util
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from sitegen.checks.glossary import Glossary, load_glossary
from sitegen.checks.lexicon import find_markers, word_pattern
from sitegen.checks.segments import plain
from sitegen.sources.snapshot import Snapshot

REPO = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository (or beside the folder of worktrees).
SHARED = next(
    (up / "shared" for up in REPO.parents if (up / "shared" / "bench").is_dir()), REPO.parent / "shared"
)
# The repository's own copy of the team's corpus generator (../shared/bench/make_corpus.py), so
# that the benchmark and its tests need nothing outside the repository; run.py says when the
# shared one has moved on (SHARED_CORPUS).
MAKE_CORPUS = REPO / "bench" / "make_corpus.py"
SHARED_CORPUS = SHARED / "bench" / "make_corpus.py"
SOURCE = "en"
KEY = re.compile(r'^translation_key: "([^"]+)"$', re.M)
TITLE = re.compile(r'^title: "((?:[^"\\]|\\.)*)"$', re.M)
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\.md\)")
SENTENCE_END = re.compile(r"(?<=\.) ")
# What the link sentences of make_corpus.py start with, per language.
READ_MORE = {"sv": "Läs mer i", "en": "Read more in"}
SEE_ALSO = {"sv": "Se även", "en": "See also"}
# Phrases the polarity check takes out before it counts (the glossary's `ignore` kind).
IGNORE = "ignore"
# A text made with its source's markers still differs when an inserted word meets a neighbour
# in a phrase ("hög" before "feber"): it is made again, with other words in other places.
TRIES = 50
PLAIN_WORD = re.compile(r"([^\W\d_]+)([,.]?)")


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
    langs = {
        lang: (mc.Lang if lang == SOURCE else unmarked(mc.Lang))(lang, random.Random(rng.random()))
        for lang in sorted(texts)
    }
    source = langs.pop(SOURCE)
    # Titles first: the links of every body show them.
    for lang, words in langs.items():
        for stem in sorted(texts[SOURCE]):
            own, _title = where[lang][key_of[stem]]
            title = unquote(TITLE.search(texts[SOURCE][stem])[1])
            where[lang][key_of[stem]] = own, heading_like(title, words)
    for stem in sorted(texts[SOURCE]):
        front, body = split(texts[SOURCE][stem])
        blocks = with_numbers(body.strip("\n").split("\n\n"), source)
        (content / SOURCE / f"{stem}.md").write_text(front + render(blocks, SOURCE), "utf-8")
        for lang, words in langs.items():
            own, title = where[lang][key_of[stem]]
            links = {s: where[lang][key_of[s]] for s in key_of}
            mirrored = [mirror_block(block, words, links) for block in blocks]
            for (theirs, _), (mine, _) in zip(blocks, mirrored, strict=True):
                if markers_in(mine, lang) != markers_in(theirs, SOURCE):
                    raise SystemExit(f"bench: {own}.md lacks the marker words of {stem}.md: {mine!r}")
            own_front = retitled(split(texts[lang][own])[0], title)
            (content / lang / f"{own}.md").write_text(own_front + render(mirrored, lang), "utf-8")
    return out


def split(text: str) -> tuple[str, str]:
    """Return a corpus file's front matter (with its fences) and its body."""
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end], text[end:]


def retitled(front: str, title: str) -> str:
    """Return front matter with another title."""
    quoted = shared_generator().yaml_str(title)
    return TITLE.sub(lambda _m: f"title: {quoted}", front, count=1)


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
        # Emergency and care numbers have their own check: a figure stays clear of every one the
        # glossary lists, not even as a group of digits (it reads Swedish "1 112" as 112).
        if not digit_groups(value) & reserved():
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
        return f"{hashes} {heading_like(title, words)}", numbers
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
        body = ["| " + " | ".join(cell(words, c) for c in row) + " |" for row in cells]
        return "\n".join([head, rows[1], *body]), numbers
    if what == "quote":
        return "> " + sentence(words, text[2:]), numbers
    return " ".join(mirror_sentence(s, words, links) for s in SENTENCE_END.split(text)), numbers


def mirror_sentence(text: str, words: Any, links: dict[str, tuple[str, str]]) -> str:
    """Return a sentence of as many words, or the same link sentence pointing at lang's pages."""
    lang = words.code
    if text.endswith("{n}."):
        return carried(text, words, lambda: figure_sentence(words))
    found = [links[target] for _title, target in LINK.findall(text)]
    if not found:
        return sentence(words, text)
    linked = ", ".join(f"[{title}]({stem}.md)" for stem, title in found)
    lead = READ_MORE[lang] if text.startswith(READ_MORE[SOURCE]) else SEE_ALSO[lang]
    return f"{lead} {linked}."


def sentence(words: Any, like: str, emphasis: bool = True) -> str:
    """Return a sentence in the language of words with as many words as like."""
    n = len(like.split())
    return carried(like, words, lambda: words.sentence(n, n, emphasis=emphasis))


def heading_like(like: str, words: Any) -> str:
    """Return a heading or title with as many words as like, and its marker words."""
    return carried(like, words, lambda: capital(" ".join(words.words(len(like.split())))))


def cell(words: Any, like: str) -> str:
    """Return a table cell with as many words as like, and its marker words."""
    return carried(like, words, lambda: " ".join(words.words(len(like.split()))))


@functools.cache
def glossary() -> Glossary:
    """Return the project's glossary, read as the checks read it."""
    found, problems = load_glossary(REPO / "locales", Snapshot.take(REPO), tuple(sorted(READ_MORE)))
    if problems:
        raise SystemExit(f"bench: {problems[0]}")
    return found


def markers() -> dict[str, dict[str, tuple[str, ...]]]:
    """Return the marker words of each kind per language, read as the polarity check reads them."""
    return glossary().lexicon.markers


@functools.cache
def reserved() -> frozenset[int]:
    """Return the emergency and care numbers the glossary lists."""
    return frozenset(int(n) for n in glossary().emergency)


def markers_in(text: str, lang: str) -> Counter[str]:
    """Count the marker words of each kind in a piece of Markdown, as the polarity check counts them."""
    shown = plain(text.replace("{n}", "1"))
    every = tuple(w for kind, forms in markers().items() if kind != IGNORE for w in forms.get(lang, ()))
    if not word_pattern(every).search(shown):
        return Counter()  # most texts have none, and this is much quicker than counting each kind
    found = find_markers(markers(), lang, shown)
    return Counter({kind: len(words) for kind, words in found.items() if words and kind != IGNORE})


@functools.cache
def marker_words(lang: str) -> dict[str, tuple[str, ...]]:
    """Return the words a translation may write each kind of marker with: the glossary's own words."""
    # Not a word that joins after a negation ("inte ... utan"): the check would not count it.
    joining = glossary().lexicon.after_negation.get(lang, frozenset())
    return {
        kind: tuple(w.rstrip("*") for w in forms.get(lang, ()) if "#" not in w and w.lower() not in joining)
        for kind, forms in markers().items()
        if kind != IGNORE
    }


@functools.cache
def is_marker(word: str, lang: str) -> bool:
    """Tell whether a word of the vocabulary is a marker word on its own."""
    return bool(markers_in(word, lang))


def unmarked(lang_class: type) -> type:
    """Return a subclass of make_corpus's Lang that never draws a marker word by chance."""

    class Unmarked(lang_class):  # type: ignore[misc, valid-type]
        def word(self) -> str:
            while True:
                word = super().word()
                if not is_marker(word, self.code):
                    return word

    return Unmarked


def carried(like: str, words: Any, make: Callable[[], str]) -> str:
    """Return a text from make() that has the source text like's marker words, in its own language."""
    want = markers_in(like, SOURCE)
    for _ in range(TRIES):
        made = with_markers(make(), want, words)
        if made is not None and markers_in(made, words.code) == want:
            return made
    raise SystemExit(f"bench: cannot write the marker words of {like!r} in {words.code}")


def with_markers(text: str, want: Counter[str], words: Any) -> str | None:
    """Put a marker word of each kind wanted in place of plain words of text (None: too few words)."""
    tokens = text.split(" ")
    free = [i for i, t in enumerate(tokens) if PLAIN_WORD.fullmatch(t)]
    kinds = list(want.elements())
    if len(kinds) > len(free):
        return None
    for i, kind in zip(words.rng.sample(free, len(kinds)), kinds, strict=True):
        word, end = PLAIN_WORD.fullmatch(tokens[i]).groups()  # type: ignore[union-attr]
        marker = words.rng.choice(marker_words(words.code)[kind])
        tokens[i] = (capital(marker) if word[0].isupper() else marker) + end
    return " ".join(tokens)


def capital(text: str) -> str:
    """Return text with its first letter in upper case."""
    return text[:1].upper() + text[1:]
