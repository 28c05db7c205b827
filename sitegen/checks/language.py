"""Find text a translation left in the source language: bold labels, sentences, words copied from the source.

Two signals, measured on the shipped content (README, 'Translation checks'). Stop words read a
text alone: enough for a sentence, too few in a label of one to four words. Words copied from
the aligned source read the pair: a label equal to the source's label, or a run of three words
of the source that holds one of its stop words, is text nobody translated, however short.
Names, the glossary's `identical` texts, abbreviations, web addresses and what stands in
parentheses or quotes (an English term after its Swedish one) are not read as words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..content import Article
from .facts import SENTENCE
from .glossary import Glossary, language_name
from .meaning import WORD, in_source_language
from .segments import Segment, by_kind, plain, read_segments

# Bold as Markdown writes it: `**label**` or `__label__`, opened and closed next to a word.
BOLD = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)
# The same in a whole body, no further than a paragraph: a first look for the same bold phrase.
BODY_BOLD = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)((?:(?!\n\s*\n).)+?)(?<=\S)\1(?![\w*])", re.S)
# What may stand before a label that opens its paragraph or list item: the item's marker.
OPENING = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?$")
# Not words of either language: an English term in parentheses or quotes after its Swedish one,
# web addresses and e-mail addresses, abbreviations in capitals (AMA, NHS).
ASIDE = re.compile(r"\([^()]*\)|\"[^\"]*\"|“[^”]*”|”[^”]*”|«[^»]*»|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
NOT_WORDS = re.compile(r"(?<![\w-])\w[\w-]*(?:[./@]\w[\w-]*)+|\b[A-ZÅÄÖ0-9]{2,}\b")
ASIDE_MARKS = frozenset("(\"“”«‘'")
RUN = 3  # copied words that make a run: two ("physical therapists") are a term, three with "the" are not
LABELLED = ("paragraph", "item")
ALIGNED = ("heading", "paragraph", "item", "cell", "alt")


@dataclass(frozen=True)
class Label:
    """A bold label or phrase of a paragraph or list item, as plain words, with its line."""

    line: int
    text: str


@dataclass(frozen=True)
class Hit:
    """Text left in the source language: line, what it is, sentence, stop-word counts or copied words."""

    line: int
    what: str
    sentence: str = ""
    counts: tuple[int, int] | None = None
    copied: str = ""
    there: str = ""

    def message(self, src: str, lang: str, glossary_path: str) -> str:
        """Say what is in the source language, why the check thinks so, and how to fix it."""
        name, own = language_name(src), language_name(lang)
        head = f"this {self.what} is in {name}, not {own}"
        if self.sentence:
            head = f"this {self.what} has a sentence in {name}: '{_short(self.sentence)}', not {own}"
        if self.counts:
            return f"{head} ({self.counts[0]} {name} and {self.counts[1]} {own} common words): translate it"
        if self.what.startswith("bold label"):
            return (
                f"{head}: the same as the {name} label at {self.there}: translate it, or list it under "
                f"'identical' in {glossary_path} if {own} writes it so too"
            )
        return (
            f"this {self.what} has words in {name}, not {own}: '{_short(self.copied)}' as at {self.there}: "
            f"translate them (an {name} term may stand in parentheses or quotes), or list a name that "
            f"stays the same under 'identical' in {glossary_path}"
        )


def labels(article: Article, segment: Segment) -> list[Label]:
    """Return a paragraph's or list item's bold labels: bold at its start, and bold phrases of 2+ words."""
    raw = _raw_lines(article.body) if segment.kind in LABELLED else None
    if raw is None:
        return []
    lines = [n for n, _ in segment.lines]
    text = "\n".join(raw[n - article.body_line] for n in lines)
    found: list[Label] = []
    for m in BOLD.finditer(text):
        shown = plain(m.group(2).replace("\n", " "))
        if shown and (OPENING.match(text[: m.start()]) or len(shown.split()) >= 2):
            found.append(Label(lines[text.count("\n", 0, m.start())], shown))
    return found


@functools.lru_cache(maxsize=4)
def _raw_lines(body: str) -> tuple[str, ...] | None:
    # Each segment asks for its lines: split the body once, and not at all when nothing is bold.
    return tuple(body.split("\n")) if "**" in body or "__" in body else None


def stop_word_hits(glossary: Glossary, src: str, article: Article, segment: Segment) -> list[Hit]:
    """Return the bold labels of a segment, then a sentence of the rest, that read as the source language."""
    hits: list[Hit] = []
    rest = segment.text
    for label in labels(article, segment):
        counts = in_source_language(glossary, src, article.lang, label.text)
        if counts:
            hits.append(Hit(label.line, f"bold label '{label.text}'", counts=counts[:2]))
            rest = rest.replace(label.text, " ", 1)  # one cause, one problem: not its sentence again
    counts = in_source_language(glossary, src, article.lang, rest)
    if counts:
        hits.append(Hit(_line_of(segment, counts[2]), segment.describe(), counts[2], counts[:2]))
    return hits


class Copies:
    """Tell what words of a translation are its source's: names, asides and the like taken out."""

    def __init__(self, glossary: Glossary, src: str, lang: str) -> None:
        forms = {f for entity in glossary.lexicon.entities for fs in entity.forms.values() for f in fs}
        self.forms = tuple(sorted(forms | set(glossary.identical), key=len, reverse=True))
        self.names = _names(self.forms)
        self.lower = tuple(f.lower() for f in self.forms)
        stops = glossary.lexicon.stop_words
        self.stops = frozenset(stops.get(src, ())) - frozenset(stops.get(lang, ()))

    def words(self, text: str) -> tuple[str, ...]:
        """Return the words of text that belong to a language, lower case."""
        # The patterns are slow to try at every character: only where what they take out may be.
        low = text.lower()
        if any(f in low for f in self.lower):
            text = self.names.sub(" ", text)
        if not ASIDE_MARKS.isdisjoint(text):
            text = ASIDE.sub(" ", text)
        return tuple(w.lower() for w in WORD.findall(NOT_WORDS.sub(" ", text)))

    def may_share(self, here: str, there: str) -> bool:
        """Tell whether both texts have a stop word of the source: a quick look before the slower one."""
        mine = self.stops.intersection(WORD.findall(here.lower()))
        return bool(mine) and not mine.isdisjoint(WORD.findall(there.lower()))

    def of(self, there: str) -> frozenset[tuple[str, ...]]:
        """Return the runs of there that may not be copied: RUN words in a sentence, one a stop word."""
        sentences = [self.words(s) for s in SENTENCE.split(there)]
        runs = (words[i : i + RUN] for words in sentences for i in range(len(words) - RUN + 1))
        return frozenset(r for r in runs if not self.stops.isdisjoint(r))

    def run(self, here: str, runs: frozenset[tuple[str, ...]]) -> str:
        """Return the words of here copied from there (as its runs): a run with a stop word, or ''."""
        mine = self.words(here)
        for i in range(len(mine) - RUN + 1):
            if mine[i : i + RUN] in runs:
                end = i + RUN
                while end < len(mine) and mine[end - RUN + 1 : end + 1] in runs:
                    end += 1  # quote the run as far as it goes on as the source's
                return _as_written(here, mine[i:end])
        return ""


def copied_run(glossary: Glossary, src: str, lang: str, here: str, there: str) -> str:
    """Return words of here copied from there: a run of RUN words or more, one a stop word of src."""
    copies = Copies(glossary, src, lang)
    return copies.run(here, copies.of(there))


def words(glossary: Glossary, text: str) -> tuple[str, ...]:
    """Return the words of text that belong to a language, lower case: names and asides taken out."""
    return Copies(glossary, "", "").words(text)


def copied_hits(glossary: Glossary, source: Article, translation: Article) -> list[Hit]:
    """Return the labels and sentences of aligned segments that are words of their source's, untranslated."""
    copies = Copies(glossary, source.lang, translation.lang)
    if not copies.may_share(translation.body, source.body) and not _same_bold(copies, source, translation):
        return []  # the usual case, told without reading the segments again
    here, there = read_segments(translation), read_segments(source)
    if len(here) != len(there):
        return []  # the heading outline differs: the structure check says where
    hits: list[Hit] = []
    for mine, theirs in zip(here, there, strict=True):
        for kind in ALIGNED:
            a, b = by_kind(mine, kind), by_kind(theirs, kind)
            if len(a) != len(b):
                continue  # the completeness and structure checks report the count
            for seg, other in zip(a, b, strict=True):
                # The whole segment the same is the `untranslated` warning.
                if seg.text == other.text or "language" in seg.deliberate:
                    continue
                found = _copied_in(copies, (source, translation), seg, other)
                # One cause, one problem: what the stop words found, _language reports.
                if found and not stop_word_hits(glossary, source.lang, translation, seg):
                    hits += found
    return hits


def _copied_in(copies: Copies, articles: tuple[Article, Article], seg: Segment, other: Segment) -> list[Hit]:
    """Return the labels of seg equal to other's, then its first sentence with words copied from other."""
    source, translation = articles
    hits: list[Hit] = []
    rest = seg.text
    mine = labels(translation, seg)
    theirs = {copies.words(lab.text): lab for lab in labels(source, other)} if mine else {}
    for label in mine:
        same = theirs.get(copies.words(label.text))
        if same is not None and copies.words(label.text):
            where = f"{source.path}:{same.line}"
            hits.append(Hit(label.line, f"bold label '{label.text}'", copied=label.text, there=where))
            rest = rest.replace(label.text, " ", 1)
    # Most segments have no stop word of the source language: no run to look for, the slow way.
    if not copies.may_share(rest, other.text):
        return hits
    sentences = SENTENCE.split(rest)
    there = copies.of(other.text)
    for sentence in sentences:
        run = copies.run(sentence, there)
        if run:
            where = f"{source.path}:{other.line}"
            hits.append(Hit(_line_of(seg, run), seg.describe(), copied=run, there=where))
            break
    return hits


def _same_bold(copies: Copies, source: Article, translation: Article) -> bool:
    """Tell whether the two bodies have a bold phrase of the same words: a label may be copied."""
    mine = {copies.words(plain(m.group(2))) for m in BODY_BOLD.finditer(translation.body)} - {()}
    return not mine.isdisjoint(copies.words(plain(m.group(2))) for m in BODY_BOLD.finditer(source.body))


def _as_written(text: str, run: tuple[str, ...]) -> str:
    """Return the words of run as text writes them, with the names between them."""
    pattern = r".*?".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in run)
    found = re.search(pattern, text, re.I | re.S)
    return found.group(0) if found else " ".join(run)


@functools.lru_cache(maxsize=8)
def _names(names: tuple[str, ...]) -> re.Pattern[str]:
    # Any case: "dry needling" inside a sentence is the glossary's "Dry needling".
    if not names:
        return re.compile(r"(?!)")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)


def _line_of(segment: Segment, sentence: str) -> int:
    if not sentence:
        return segment.line
    return segment.line_of(re.compile(re.escape(" ".join(sentence.split()[:3]))))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40].rstrip() + "…"
