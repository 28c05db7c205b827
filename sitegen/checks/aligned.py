"""Compare an article with its source segment by segment: completeness, language, meaning, facts."""

from __future__ import annotations

import re

from ..content import Article
from ..model import Site
from ..problems import Problem, error, warning
from .glossary import Glossary, language_name
from .language import Hit, copied_hits, copied_run, stop_word_hits
from .lexicon import Entity, LengthModel
from .meaning import Finding, facts, in_source_language, length, polarity
from .segments import Segment, by_kind, read_segments
from .sentences import compare_sentences

ALIGNED = ("heading", "paragraph", "item", "cell", "alt")


def known_entities(site: Site, glossary: Glossary) -> list[Entity]:
    """Return the names the checks follow: the glossary's, the data sets' names and multi-word names."""
    found = list(glossary.lexicon.entities)
    langs = site.config.codes
    names = {e.name(site.config.source_language) for e in found}
    for dataset in sorted(site.datasets.values(), key=lambda d: d.path):
        spec = dataset.fields.get("name")
        if spec is None or spec.type not in ("string", "text"):
            continue
        for entry in dataset.entries:
            name = entry.get("name")
            # A translated name (the US states: "Kalifornien") is a name only when one word or
            # capitalised words: "Licensed physiotherapists trained in ..." is a description.
            forms = name if isinstance(name, dict) else {lang: name for lang in langs}
            if not all(isinstance(forms.get(lg), str) and _is_name(forms[lg]) for lg in langs):
                continue
            first = forms[site.config.source_language]
            if first not in names and not any(
                forms[lg] in e.forms.get(lg, ()) for e in found for lg in langs
            ):
                names.add(first)
                found.append(Entity({lg: (forms[lg],) for lg in langs}, dataset.line_of("entries")))
    for text in sorted(glossary.identical):
        if sum(1 for w in text.split() if w[:1].isupper()) >= 2 and text not in names:
            names.add(text)
            found.append(Entity({lang: (text,) for lang in langs}, 0))
    return found


def _is_name(text: str) -> bool:
    """Tell whether a text reads as a proper name: each word capitalised, or a number such as 1177."""
    words = text.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w.isdigit() for w in words)


def compare_segments(site: Site, glossary: Glossary, source: Article, translation: Article) -> list[Problem]:
    """Return what differs between aligned segments of a translation and its source."""
    here, there = read_segments(translation), read_segments(source)
    src, lang = source.lang, translation.lang
    problems: list[Problem] = []
    problems += _language(glossary, translation, src, [s for section in here for s in section])
    problems += _front(glossary, source, translation)
    if len(here) != len(there):
        return problems  # the heading outline differs: the structure check says where
    entities = known_entities(site, glossary)
    model = glossary.lexicon.length.get(lang)
    for mine, theirs in zip(here, there, strict=True):
        title = by_kind(mine, "heading")
        name = f"section '{title[0].text}'" if title else "the introduction"
        for kind in ALIGNED:
            a, b = by_kind(mine, kind), by_kind(theirs, kind)
            if kind == "paragraph" and len(a) != len(b):
                problems.append(_count(translation, source, mine, a, b, name, model))
                continue
            if len(a) != len(b):
                continue  # list items, tables and images: the structure check reports the count
            for seg, other in zip(a, b, strict=True):
                where = f"the {language_name(src)} {other.describe()} ({source.path}:{other.line})"
                if _same(glossary, entities, seg.text, other.text):
                    message = f"this {seg.describe()} is the same as {where}: translate it"
                    problems.append(warning(translation.path, seg.line, message, "untranslated"))
                    continue
                found = polarity(glossary, src, lang, seg.text, other.text, seg.deliberate)
                found += facts(
                    glossary,
                    entities,
                    src,
                    lang,
                    seg.text,
                    other.text,
                    (seg.urls, other.urls),
                    seg.deliberate,
                )
                by_sentence = (
                    compare_sentences(glossary, entities, (translation, source), seg, other, not found)
                    if kind in ("paragraph", "item")
                    else []
                )
                shorter = (
                    length(glossary, lang, seg.text, other.text) if "length" not in seg.deliberate else None
                )
                # A sentence found missing or added is the cause of the length difference: one problem.
                if shorter and kind in ("paragraph", "item") and not by_sentence:
                    found.append(shorter)
                for f in found:
                    problems.append(error(translation.path, _line(seg, f), f.message(where), f.check))
                problems += by_sentence
    return problems


def _same(glossary: Glossary, entities: list[Entity], here: str, there: str) -> bool:
    """Tell whether a segment is its source's text, not a name or a code that stays the same."""
    if here != there or glossary.identical_ok(here):
        return False
    for form in sorted(
        {f for e in entities for forms in e.forms.values() for f in forms}, key=len, reverse=True
    ):
        here = here.replace(form, " ")
    words = [w for w in re.findall(r"[^\W\d_]{2,}", here) if not w.isupper()]
    return len(words) >= 2


def _line(segment: Segment, finding: Finding) -> int:
    if finding.at:
        return segment.line_of(re.compile(rf"(?<!\w){re.escape(finding.at)}(?!\w)", re.I))
    return segment.line


def _count(
    translation: Article,
    source: Article,
    mine: list[Segment],
    a: list[Segment],
    b: list[Segment],
    name: str,
    model: LengthModel | None,
) -> Problem:
    """Report a paragraph missing or added, at the place where the gap is."""
    version = f"the {language_name(source.lang)} version"
    at = b[0].line if b else source.body_line
    if not a:
        line = mine[0].line if mine else translation.body_line
        detail = f"no paragraphs here, {len(b)} in {version} ({source.path}:{at}): translate them"
        return error(translation.path, line, f"{name} is empty: {detail}", "completeness")
    gap = _gap(a, b, model)
    if len(a) < len(b):
        missing = b[gap]
        line = a[gap].line if gap < len(a) else a[-1].lines[-1][0]
        detail = (
            f"{len(a)} here, {len(b)} there; the one at {source.path}:{missing.line} has no counterpart here"
        )
    else:
        line = a[gap].line
        detail = f"{len(a)} here, {len(b)} there; this one has no counterpart in {source.path}"
    return error(
        translation.path, line, f"paragraphs differ from {version} in {name}: {detail}", "completeness"
    )


def _gap(a: list[Segment], b: list[Segment], model: LengthModel | None) -> int:
    """Return where one paragraph is left out of the longer list: the position that aligns lengths best.

    With more than one left out, the first of them: the rest of the longer list is compared as
    far as the shorter goes.
    """
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    ratio = model.ratio if model else 1.0
    if short is b:
        ratio = 1 / ratio

    def cost(skip: int) -> float:
        rest = long_[:skip] + long_[skip + 1 :]
        return sum(
            abs(len(x.text) - ratio * len(y.text)) / (len(y.text) + 1)
            for x, y in zip(short, rest, strict=False)
        )

    return min(range(len(long_)), key=cost)


def _language(glossary: Glossary, translation: Article, src: str, segments: list[Segment]) -> list[Problem]:
    """Report the segments, bold labels and sentences whose stop words are the source language's."""
    problems: list[Problem] = []
    for seg in segments:
        if "language" in seg.deliberate:
            continue
        for hit in stop_word_hits(glossary, src, translation, seg):
            problems.append(_left_in(glossary, translation, src, hit))
    return problems


def _left_in(glossary: Glossary, translation: Article, src: str, hit: Hit) -> Problem:
    message = hit.message(src, translation.lang, glossary.path)
    return error(translation.path, hit.line, message, "language")


def _front(glossary: Glossary, source: Article, translation: Article) -> list[Problem]:
    """Report a title or description, and labels and sentences of the body, left as the source wrote them."""
    problems: list[Problem] = []
    src, lang = source.lang, translation.lang
    for key in ("title", "description"):
        here, there = getattr(translation, key), getattr(source, key)
        line = translation.lines.get(key, 1)
        counts = in_source_language(glossary, src, lang, here)
        run = copied_run(glossary, src, lang, here, there) if not counts and here != there else ""
        if counts:
            problems.append(_left_in(glossary, translation, src, Hit(line, key, counts[2], counts[:2])))
        elif run:  # the same text as the source's is the `untranslated` warning
            there_at = f"{source.path}:{source.lines.get(key, 1)}"
            problems.append(_left_in(glossary, translation, src, Hit(line, key, copied=run, there=there_at)))
    for hit in copied_hits(glossary, source, translation):
        problems.append(_left_in(glossary, translation, src, hit))
    return problems
