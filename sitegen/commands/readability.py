"""Measure each article's readability: LIX for Swedish, Flesch reading ease for English.

Only the article's own prose is measured: the Markdown body without front matter (so
without title and description), directives (data set tables, evidence boxes), citations,
code and web addresses. Each paragraph, heading, list item and table cell is a block;
a sentence ends at '.', '!' or '?' followed by a space, and at the end of every block,
so a list item or heading without a full stop is one sentence. A colon or semicolon
does not end a sentence. A word is a run of letters or digits, with inner hyphens and
apostrophes ('tension-type', "don't"); a number such as '7 629' or '19,18' is one word.
A long word (LIX) has more than six letters; a number is never long. For Flesch, an
English word's syllables come from sitegen.commands.syllables; a number counts one per digit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

import markdown

from ..config import Config, load_config
from ..content import Article, read_content
from ..markup.dialect import CITATION, DIRECTIVE, FENCE
from ..problems import BuildFailed, format_problems, has_errors
from .syllables import count_syllables

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote"}
SKIPPED_TAGS = {"code", "pre", "script", "style"}
URL = re.compile(
    r"(?:https?://|mailto:|www\.)[^\s<>]*[^\s<>.,;:!?)\]]|\b(?:[\w-]+\.)+(?:se|com|org|net|nu|eu|gov)\b"
)
NUMBER = r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\w])|\d+(?:[.,]\d+)*"
WORD = re.compile(rf"{NUMBER}|[^\W_]+(?:[-'’][^\W_]+)*")
SENTENCE_END = re.compile(r"[.!?]+[\"'”’»)\]]*\s+")


@dataclass(frozen=True)
class TextStats:
    """The counts the scores are made of."""

    words: int
    sentences: int
    long_words: int
    syllables: int


@dataclass(frozen=True)
class Measure:
    """A readability formula with its target: at most (LIX) or at least (Flesch) the target."""

    name: str
    score: Callable[[TextStats], float]
    target: float
    higher_is_better: bool

    def meets(self, score: float) -> bool:
        """Tell whether a score reaches the target."""
        return score >= self.target if self.higher_is_better else score <= self.target


@dataclass(frozen=True)
class PageScore:
    """One article's readability."""

    path: str
    lang: str
    url: str
    words: int
    sentences: int
    measure: str
    score: float | None
    target: float
    ok: bool


def lix(stats: TextStats) -> float:
    """Return LIX: words per sentence plus the percentage of words longer than six letters."""
    return stats.words / stats.sentences + 100 * stats.long_words / stats.words


def flesch(stats: TextStats) -> float:
    """Return the Flesch reading ease: 206.835 - 1.015 * words/sentence - 84.6 * syllables/word."""
    return 206.835 - 1.015 * (stats.words / stats.sentences) - 84.6 * (stats.syllables / stats.words)


MEASURES = {
    # 1177's and the NHS's plain style: LIX 40 is "easy to read", Flesch 60 "plain English".
    "sv": Measure("LIX", lix, 40, higher_is_better=False),
    "en": Measure("Flesch", flesch, 60, higher_is_better=True),
}


class _BlockCollector(HTMLParser):
    """Collect the text of each block element, leaving out code."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(text)
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS or tag in ("ul", "ol", "br", "table"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def prose_blocks(body: str) -> list[str]:
    """Return the text of each block of an article body: paragraphs, headings, list items."""
    lines, fence = [], None
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence is None and DIRECTIVE.match(line):
            continue  # a data set or an evidence box: not the writer's prose
        if opening and (fence is None or opening.group(1)[0] == fence[0]):
            fence = opening.group(1) if fence is None else None
        lines.append(line)
    text = re.sub(r"\s*" + CITATION.pattern, "", "\n".join(lines))
    html = markdown.markdown(text, extensions=["tables", "fenced_code"])
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    blocks = (" ".join(URL.sub(" ", block).split()) for block in collector.blocks)
    # Where an address was left out, its sentence's full stop would stand alone: 'at 1177.se.'
    return [re.sub(r" ([.,;:!?])", r"\1", block) for block in blocks if block]


def words(text: str) -> list[str]:
    """Return the words of a text, numbers included."""
    return WORD.findall(text)


def sentences(block: str) -> list[str]:
    """Return the sentences of one block that hold at least one word."""
    return [part for part in SENTENCE_END.split(block) if words(part)]


def text_stats(blocks: list[str]) -> TextStats:
    """Count words, sentences, long words and syllables in the blocks."""
    found = [w for block in blocks for w in words(block)]
    return TextStats(
        words=len(found),
        sentences=sum(len(sentences(block)) for block in blocks),
        long_words=sum(1 for w in found if sum(ch.isalpha() for ch in w) > 6),
        syllables=sum(count_syllables(w) for w in found),
    )


def score_article(article: Article) -> PageScore | None:
    """Measure one article; None when its language has no measure."""
    measure = MEASURES.get(article.lang)
    if measure is None:
        return None
    stats = text_stats(prose_blocks(article.body))
    score = round(measure.score(stats), 1) if stats.words else None
    ok = score is not None and measure.meets(score)
    return PageScore(
        article.path, article.lang, article.url, stats.words, stats.sentences, measure.name, score,
        measure.target, ok,
    )  # fmt: skip


def readability_report(config: Config) -> list[PageScore]:
    """Measure every published article, by language in the site's order, then by path."""
    articles, problems = read_content(config)
    if has_errors(problems):
        raise BuildFailed(problems)
    order = {code: i for i, code in enumerate(config.codes)}
    scores = [score_article(a) for a in articles if not a.draft]
    return sorted((s for s in scores if s is not None), key=lambda s: (order[s.lang], s.path))


def format_table(scores: list[PageScore]) -> str:
    """Return the scores as an aligned text table with a closing summary line."""
    rows = [("path", "lang", "words", "sentences", "score", "target", "result")]
    for s in scores:
        sign = "≥" if MEASURES[s.lang].higher_is_better else "≤"
        score = "–" if s.score is None else f"{s.score:.1f}"
        result = "OK" if s.ok else ("over" if not MEASURES[s.lang].higher_is_better else "under")
        rows.append((s.path, s.lang, str(s.words), str(s.sentences), f"{s.measure} {score}",
                     f"{sign} {s.target:g}", result))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        pairs = zip(row, widths, strict=True)
        cells = [cell.rjust(w) if i in (2, 3) else cell.ljust(w) for i, (cell, w) in enumerate(pairs)]
        lines.append("  ".join(cells))
    missed = sum(1 for s in scores if not s.ok)
    lines.append(f"{missed} of {len(scores)} pages miss their target")
    return "\n".join(line.rstrip() for line in lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of `readability` to its subparser."""
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def run_readability(args: argparse.Namespace) -> int:
    """Print each article's score; exit 1 on unreadable content, or with --strict when a page misses."""
    try:
        config = load_config(args.project.absolute(), args.output)
        scores = readability_report(config)
    except BuildFailed as failed:
        print(format_problems(failed.problems), file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps([asdict(s) for s in scores], ensure_ascii=False, indent=1))
    else:
        print(format_table(scores))
    return 1 if getattr(args, "strict", False) and not all(s.ok for s in scores) else 0
