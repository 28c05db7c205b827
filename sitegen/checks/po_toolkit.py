"""Run translate-toolkit's checks (the engine of pofilter and Weblate) on catalogue entries.

Of its checks this runs the ones that say something ours do not, and gave no false alarm on the
shipped catalogue: sentence count, end punctuation, doubled words, brackets and double spaces.
Left out: printf and pythonbraceformat (the placeholder check compares placeholders and their
conversion), startwhitespace and endwhitespace (the whitespace check), and the rest (capitals,
numbers, unchanged...), which our own checks do or which flag Swedish style.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from babel.messages.catalog import Catalog, Message
from translate.filters.checks import CheckerConfig, FilterFailure, StandardChecker
from translate.filters.decoration import puncend
from translate.lang import factory

from ..problems import Problem, error, warning
from .align import VARIANCE, align, split_sentences
from .glossary import Glossary
from .lexicon import Entity, find_markers
from .meaning import deliberate
from .numbers import find_numbers
from .po_plurals import PLACEHOLDER, check_plural, form_use, placeholders
from .po_rules import short
from .po_swaps import Entry, Fit, swapped_entries

Key = tuple[str | None, str]
# What the catalogue check compares a msgstr (by key and plural form) with instead of its msgid:
# None for a swapped entry, the msgid without its lost sentence for one that lost a sentence.
Against = dict[tuple[Key, int], str | None]
# Closing quotes and spaces at the end do not change the end punctuation: Swedish writes "Söker …"
# for "Searching…" and puts the full stop after a closing quote (”ja”.) where English puts it inside.
QUOTES = "\"'’”»«“‘›‹"
BRACKETS = ("()", "[]", "{}")


def check_entries(
    glossary: Glossary,
    entities: list[Entity],
    langs: tuple[str, str],
    rel: str,
    catalog: Catalog,
    lines: dict[Key, dict[int, int]],
) -> tuple[list[Problem], Against]:
    """Check a catalogue's plural forms, swapped entries and each translation.

    langs: the source language and the catalogue's; lines: the line of each msgstr, by key and form.
    Returns the problems and what to compare each msgstr with instead of its msgid (one cause, one
    problem: a swap or a lost sentence also changes the figures and marker words compared).
    """
    src, lang = langs
    problems: list[Problem] = []
    use = form_use(catalog) or {}  # a Plural-Forms that does not parse: no form is known to be lenient
    for message in catalog:
        if message.id and message.pluralizable:
            at = lines.get((message.context, message.id[0]), {})
            problems += check_plural(rel, lang, message, at, use, deliberate(message.user_comments))
    if lang == src:
        return problems, {}
    done = [m for m in catalog if m.id and m.string and not m.fuzzy]
    singular = [m for m in done if isinstance(m.string, str)]
    entries = [
        Entry(_key(m), m.id, m.string, _line(lines, m, 0), deliberate(m.user_comments)) for m in singular
    ]
    swaps = swapped_entries(Fit(glossary, entities, src, lang), rel, entries)
    problems += swaps.values()
    against: Against = {(key, 0): None for key in swaps}
    checker = StandardChecker(CheckerConfig(targetlanguage=lang))
    checker.config.sourcelang = factory.getlanguage(src)
    for message in done:
        if _key(message) not in swaps:  # one cause, one problem: the swap explains what else differs
            problems += _translations(checker, glossary, langs, (rel, lines), message, against)
    return problems, against


def _translations(
    checker: StandardChecker,
    glossary: Glossary,
    langs: tuple[str, str],
    at: tuple[str, dict[Key, dict[int, int]]],
    message: Message,
    against: Against,
) -> list[Problem]:
    """Check each form of one translated entry; record what a lost sentence leaves to compare."""
    rel, lines = at
    problems: list[Problem] = []
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strs = [message.string] if isinstance(message.string, str) else list(message.string)
    skip = deliberate(message.user_comments)
    for form, text in enumerate(strs):
        if not text:
            continue
        msgid = ids[0] if form == 0 else ids[-1]
        where = (rel, _line(lines, message, form))
        lost = lost_sentence(checker, glossary, langs, msgid, text)
        if lost:
            # Marked or not, the lost sentence's figures and marker words are not compared.
            against[(_key(message), form)] = lost[1]
        if lost and "omission" not in skip:
            text_ = (
                f"a sentence of '{short(msgid)}' has no counterpart in the translation: "
                f"'{short(lost[0])}': translate it, or mark it deliberate: omission"
            )
            problems.append(error(*where, text_, "completeness"))
        problems += unit_problems(checker, where, msgid, text, skip)
    return problems


def _key(message: Message) -> Key:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _line(lines: dict[Key, dict[int, int]], message: Message, form: int) -> int:
    return lines.get(_key(message), {}).get(form, message.lineno)


def _fails(test: Callable[[str, str], object], msgid: str, text: str) -> str | None:
    """Run one of translate-toolkit's tests; return its message when it fails."""
    try:
        return None if test(msgid, text) else "failed"
    except FilterFailure as failure:
        return str(failure)


def unit_problems(
    checker: StandardChecker, where: tuple[str, int], msgid: str, text: str, skip: frozenset[str]
) -> list[Problem]:
    """Run the style checks on one msgid and its translation (one plural form): warnings."""
    rel, line = where
    name = short(msgid)
    problems: list[Problem] = []
    ends = _end_punctuation(checker, msgid, text) if "punctuation" not in skip else None
    if ends:
        message = (
            f"the translation of '{name}' ends with {ends[1]} and the msgid with {ends[0]}: "
            "end it the same way, or mark it deliberate: punctuation"
        )
        problems.append(warning(rel, line, message, "punctuation"))
    word = _doubled(checker, msgid, text) if "doubled" not in skip else None
    if word:
        message = (
            f"the translation of '{name}' repeats the word '{word}': delete one, "
            "or mark it deliberate: doubled"
        )
        problems.append(warning(rel, line, message, "doubled-word"))
    brackets = _brackets(checker, msgid, text) if "brackets" not in skip else None
    if brackets:
        message = (
            f"the brackets of the translation of '{name}' do not pair up ({brackets}, against the "
            "msgid): add or delete the bracket, or mark it deliberate: brackets"
        )
        problems.append(warning(rel, line, message, "brackets"))
    after = _double_space(checker, msgid, text) if "spacing" not in skip else None
    if after is not None:
        message = (
            f"the translation of '{name}' has a double space the msgid lacks{after}: write one space, "
            "or mark it deliberate: spacing"
        )
        problems.append(warning(rel, line, message, "whitespace"))
    return problems


def lost_sentence(
    checker: StandardChecker, glossary: Glossary, langs: tuple[str, str], msgid: str, text: str
) -> tuple[str, str] | None:
    """Return the sentences of the msgid the translation lost, and the msgid without them."""
    if _fails(checker.sentencecount, msgid, text) is None:
        return None
    if len(checker.config.lang.sentences(text)) >= len(checker.config.sourcelang.sentences(msgid)):
        return None  # more sentences: the translation splits a long one, as Swedish often does
    # Fewer sentences may be two joined into one: align them (Gale and Church, with the glossary's
    # abbreviations and length model), and only a source sentence without a counterpart is lost.
    src, lang = langs
    lex = glossary.lexicon
    theirs = split_sentences(msgid, lex.abbreviations.get(src, frozenset()))
    mine = split_sentences(text, lex.abbreviations.get(lang, frozenset()))
    model = lex.length.get(lang)

    def anchors(sentence: str, is_source: bool) -> frozenset[object]:
        code = src if is_source else lang
        numbers = frozenset(("number", n.value) for n in find_numbers(sentence, code))
        kinds = frozenset(
            ("marker", k) for k, words in find_markers(lex.markers, code, sentence).items() if words
        )
        return frozenset(placeholders(sentence)) | numbers | kinds

    # A UI string is written in one go: its length varies as a whole segment's does (the glossary's
    # variance), less than the sentences of a paragraph a translator rewrote.
    ratio, variance = (model.ratio, model.variance) if model else (1.0, VARIANCE)
    beads = align([s.text for s in theirs], [s.text for s in mine], ratio, variance, anchors)
    lost = {i for bead in beads if not bead.translation for i in bead.source}
    if not lost:
        return None
    kept = " ".join(s.text for i, s in enumerate(theirs) if i not in lost)
    return " ".join(theirs[i].text for i in sorted(lost)), kept


def _end_style(text: str, marks: str) -> str:
    """Return text with its end punctuation as the check compares it: no closing quotes or spaces."""
    text = text.rstrip().replace("...", "…")
    i = len(text)
    while i and (text[i - 1] in marks or text[i - 1] in QUOTES or text[i - 1].isspace()):
        i -= 1
    return text[:i] + "".join(c for c in text[i:] if c in marks)


def _end_punctuation(checker: StandardChecker, msgid: str, text: str) -> tuple[str, str] | None:
    """Return how the msgid and the translation end, when translate-toolkit's endpunc finds them different."""
    marks = checker.config.endpunctuation + ":"  # what endpunc compares
    mine, theirs = _end_style(msgid, marks), _end_style(text, marks)
    if _fails(checker.endpunc, mine, theirs) is None:
        return None

    def shown(end: str) -> str:
        tail = puncend(end, marks).strip()
        return f"'{tail}'" if tail else "no punctuation"

    return shown(mine), shown(theirs)


def _doubled(checker: StandardChecker, msgid: str, text: str) -> str | None:
    """Return a word the translation repeats, unless the msgid repeats one too (its own style)."""
    failure = _fails(checker.doublewords, msgid, text)
    if failure is None or _fails(checker.doublewords, msgid, msgid) is not None:
        return None
    m = re.search(r"'(.+)'", failure)
    return m.group(1) if m else failure


def _brackets(checker: StandardChecker, msgid: str, text: str) -> str | None:
    """Return what translate-toolkit finds about the brackets, when the translation's do not pair up.

    A translation that drops or adds a whole pair says the same thing otherwise ("Säkerhet – vår
    bedömning" for "Certainty (our judgement)"); a bracket left open is a slip.
    """
    bare_id, bare = PLACEHOLDER.sub("", msgid), PLACEHOLDER.sub("", text)
    failure = _fails(checker.brackets, bare_id, bare)
    if failure is None or all(bare.count(pair[0]) == bare.count(pair[1]) for pair in BRACKETS):
        return None
    return failure[:1].lower() + failure[1:]


def _double_space(checker: StandardChecker, msgid: str, text: str) -> str | None:
    """Return ' (after WORD)' when the translation has more double spaces inside than the msgid."""
    inner_id, inner = msgid.strip(), text.strip()  # leading and trailing: the whitespace check's
    if _fails(checker.doublespacing, inner_id, inner) is None or inner.count("  ") <= inner_id.count("  "):
        return None
    before = inner[: inner.index("  ")].split()
    return f" (after '{before[-1]}')" if before else ""
