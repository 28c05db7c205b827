"""Check the placeholders of each plural form as msgfmt -c does: against msgid_plural, per form."""

from __future__ import annotations

import re
from collections import Counter

from babel.messages.catalog import Catalog, Message

from ..problems import Problem, error, warning
from .glossary import language_name
from .po_rules import SAMPLES, compile_plural, short

PLACEHOLDER = re.compile(
    r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifgeEGxXor]|%[#0 +-]*\d*(?:\.\d+)?[sdifgeEGxXor]|\{(\w*)\}"
)
# The names the number goes by: Jinja's ngettext passes it as `num`, `{% trans count=n %}` as `count`.
NUMBER_NAMES = frozenset({"num", "count", "n"})
SHOWN_VALUES = 4  # values of n named in a message before '...'


def placeholders(text: str) -> Counter[str]:
    """Return the placeholders of a string, with their conversion: '%(date)s' is not '%(date)d'."""
    found: Counter[str] = Counter()
    for m in PLACEHOLDER.finditer(text.replace("%%", "").replace("{{", "").replace("}}", "")):
        found[m.group(0)] += 1
    return found


def _name(spec: str) -> str | None:
    m = PLACEHOLDER.fullmatch(spec)
    return None if m is None else (m.group(1) or m.group(2) or None)


def number_placeholders(singular: str, plural: str) -> set[str]:
    """Return the placeholders of msgid_plural that stand for the number the form is chosen by."""
    specs = set(placeholders(plural))
    # "One page" / "%(num)s pages": what only the English plural has is the number.
    only_plural = specs - set(placeholders(singular))
    if only_plural:
        return only_plural
    named = {s for s in specs if _name(s) in NUMBER_NAMES}
    return named or (specs if len(specs) == 1 else set())


def form_use(catalog: Catalog) -> dict[int, list[int]] | None:
    """Return the values of n (0 to 1000) each plural form is used for, by the catalogue's Plural-Forms."""
    formula = compile_plural(catalog.plural_expr)
    if formula is None:
        return None  # the Plural-Forms check reports it
    use: dict[int, list[int]] = {}
    try:
        for n in SAMPLES:
            use.setdefault(formula(n), []).append(n)
    except ZeroDivisionError:
        return None
    return use


def _values(values: list[int]) -> str:
    shown = ", ".join(str(n) for n in values[:SHOWN_VALUES])
    return shown + (", ..." if len(values) > SHOWN_VALUES else "")


def check_plural(
    rel: str,
    lang: str,
    message: Message,
    lines: dict[int, int],
    use: dict[int, list[int]],
    skip: frozenset[str],
) -> list[Problem]:
    """Compare each form of a plural entry with msgid_plural; a form used for one n may omit the number."""
    ids, strs = list(message.id), list(message.string or ())
    singular, plural = ids[0], ids[-1]
    want, number = placeholders(plural), number_placeholders(ids[0], ids[-1])
    problems: list[Problem] = []
    for form, text in enumerate(strs):
        if not text:
            continue  # a form left empty is the plural-forms count's to report
        line = lines.get(form, message.lineno)
        got = placeholders(text)
        missing, extra = want - got, got - want
        values = use.get(form, [])
        if extra or set(missing) - number:
            shown_got = ", ".join(sorted(got)) or "none"
            shown_want = ", ".join(sorted(want)) or "none"
            problems.append(
                error(
                    rel,
                    line,
                    f"placeholders of msgstr[{form}] differ from '{short(plural)}': {shown_got} here, "
                    f"{shown_want} in the source",
                    "placeholder",
                )
            )
        elif missing and len(values) > 1:
            # msgfmt -c lets a form chosen for one n only ("en sida" for n = 1) leave the number out.
            spec = ", ".join(sorted(missing))
            problems.append(
                error(
                    rel,
                    line,
                    f"msgstr[{form}] of '{short(singular)}' lacks {spec}, which '{short(plural)}' has: "
                    f"{language_name(lang)} uses form {form} for n = {_values(values)}, which would show "
                    f"no number: put {spec} in it",
                    "plural",
                )
            )
    if not problems and "plural" not in skip and singular != plural:
        problems += _same_forms(rel, lang, message, lines, use)
    return problems


def _same_forms(
    rel: str, lang: str, message: Message, lines: dict[int, int], use: dict[int, list[int]]
) -> list[Problem]:
    """Report two forms written alike where the English forms differ: one is probably a copy."""
    ids, strs = list(message.id), list(message.string or ())
    for later, text in enumerate(strs):
        first = strs.index(text)
        if not text or first == later:
            continue
        a, b = use.get(first, []), use.get(later, [])
        if not a or not b:
            continue
        # Name a value of each form, an n above 1 for the plural ones: "n = 1 and n = 2".
        n_a, n_b = (next((n for n in values if n > 1), values[0]) for values in (a, b))
        return [
            warning(
                rel,
                lines.get(first, message.lineno),
                f"msgstr[{first}] and msgstr[{later}] of '{short(ids[0])}' are the same, '{short(text)}', "
                f"where the English forms differ: n = {min(n_a, n_b)} and n = {max(n_a, n_b)} read alike; "
                f"write each form, or mark it deliberate: plural if {language_name(lang)} says both alike",
                "plural",
            )
        ]
    return []
