"""Check the catalogues as gettext reads them: syntax, duplicates, the template, whitespace, Plural-Forms."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from pathlib import Path

from babel import Locale
from babel.messages.plurals import get_plural
from babel.plural import to_gettext

from ..catalogs import catalog_path
from ..model import Site
from ..problems import Problem, error, warning
from ..sources.files import relpath
from ..sources.snapshot import Snapshot
from .glossary import language_name
from .pofile import PoEntry, PoFile, parse_po

PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
REFUSED = "msgfmt refuses the catalogue"
SAMPLES = range(0, 1001)


def short(text: str) -> str:
    """Return a msgid short enough for a one-line message."""
    return text if len(text) <= 50 else text[:47] + "..."


def check_po_files(site: Site) -> list[Problem]:
    """Read the template and each language's catalogue strictly and compare them as gettext would."""
    config = site.config
    pot_path = config.locales_dir / "messages.pot"
    template, problems = _read(pot_path, config.sources)
    for lang in config.codes:
        path = catalog_path(config.locales_dir, lang)
        po, found = _read(path, config.sources)
        problems += found
        if po is None:
            continue
        rel = relpath(path, config.root)
        if template is not None:
            problems += _against_template(rel, po, template, relpath(pot_path, config.root))
        problems += _whitespace(rel, po)
        problems += plural_forms(rel, po, lang, config.sources.text(path)[0] or "")
    return problems


def _read(path: Path, sources: Snapshot) -> tuple[PoFile | None, list[Problem]]:
    if not sources.is_file(path):
        return None, []  # reported by the catalogue loader
    text, problem = sources.text(path, check="catalog")
    if problem is not None or text is None:
        return None, []
    rel = sources.rel(path)
    po = parse_po(text)
    problems = [error(rel, line, f"{message} ({REFUSED})", "catalog-syntax") for line, message in po.faults]
    seen: dict[tuple[str | None, str], PoEntry] = {}
    for entry in po.entries:
        first = seen.setdefault(entry.key, entry)
        if first is not entry:
            context = f" with msgctxt '{entry.msgctxt}'" if entry.msgctxt is not None else ""
            problems.append(
                error(
                    rel,
                    entry.line,
                    f"duplicate entry for '{short(entry.msgid)}'{context} (first at line {first.line}): "
                    f"{REFUSED}; keep one",
                    "catalog-syntax",
                )
            )
    return po, problems


def _against_template(rel: str, po: PoFile, template: PoFile, pot: str) -> list[Problem]:
    problems: list[Problem] = []
    keys = {e.key for e in template.entries}
    ids = {e.msgid: e.msgctxt for e in template.entries}
    for entry in po.entries:
        if entry.key in keys or entry.msgid == "":
            continue
        if entry.msgid in ids:
            want = ids[entry.msgid]
            wanted = f"msgctxt '{want}'" if want is not None else "no msgctxt"
            problems.append(
                error(
                    rel,
                    entry.string_lines.get("msgctxt", [entry.line])[0],
                    f"'{short(entry.msgid)}' has msgctxt '{entry.msgctxt}' here and {wanted} in {pot}: the "
                    "pages look it up as the template says, so they show the untranslated text; "
                    "use the template's context",
                    "catalog",
                )
            )
        else:
            problems.append(
                warning(
                    rel,
                    entry.line,
                    f"'{short(entry.msgid)}' is not in {pot}: no page asks for it; run the update command "
                    "(README, 'Translating UI strings')",
                    "catalog",
                )
            )
    return problems


def _whitespace(rel: str, po: PoFile) -> list[Problem]:
    problems: list[Problem] = []
    for entry in po.entries:
        if not entry.msgid:
            continue
        for number, text in sorted(entry.msgstr.items()):
            if not text:
                continue
            msgid = entry.msgid if number == 0 or entry.msgid_plural is None else entry.msgid_plural
            line = entry.msgstr_lines.get(number, entry.line)
            name = short(entry.msgid.strip())
            for end, has in (("begin", str.startswith), ("end", str.endswith)):
                if has(msgid, "\n") != has(text, "\n"):
                    message = f"the msgid and msgstr of '{name}' do not both {end} with a newline ({REFUSED})"
                    problems.append(error(rel, line, message, "whitespace"))
                elif has(msgid, (" ", "\t")) != has(text, (" ", "\t")):
                    side = "leading" if end == "begin" else "trailing"
                    if has(text, (" ", "\t")):
                        message = f"the translation of '{name}' has a {side} space that the msgid lacks"
                    else:
                        message = f"the translation of '{name}' lacks the msgid's {side} space"
                    problems.append(warning(rel, line, message, "whitespace"))
    return problems


def compile_plural(expr: str) -> Callable[[int], int] | None:
    """Compile a gettext plural formula with gettext's own parser, or None when it does not parse."""
    try:
        return gettext.c2py(expr)
    except (ValueError, SyntaxError, RecursionError):
        return None


def _suggestion(lang: str, cldr: str) -> str:
    """Return the shortest formula that gives CLDR's forms: Babel's table, when it agrees, else CLDR's."""
    try:
        short = str(get_plural(lang))
    except (ValueError, TypeError):
        return cldr
    a, b = PLURAL_FORMS.match(short), PLURAL_FORMS.match(cldr)
    fa, fb = (compile_plural(a.group(2)) if a else None), (compile_plural(b.group(2)) if b else None)
    if a and b and fa and fb and a.group(1) == b.group(1) and all(fa(n) == fb(n) for n in SAMPLES):
        return short
    return cldr


def plural_forms(rel: str, po: PoFile, lang: str, text: str) -> list[Problem]:
    """Compare the Plural-Forms header with CLDR's rule for the language, by the forms it gives."""
    header = po.header()
    if header is None:
        return []
    value = next(
        (
            line.split(":", 1)[1]
            for line in header.msgstr.get(0, "").split("\n")
            if line.startswith("Plural-Forms:")
        ),
        None,
    )
    if value is None:
        return []
    line = next((i for i, raw in enumerate(text.split("\n"), 1) if '"Plural-Forms:' in raw), header.line)
    try:
        cldr = to_gettext(Locale.parse(lang).plural_form)
    except (ValueError, TypeError):
        cldr = None
    use = f": use {_suggestion(lang, cldr)}" if cldr else ""
    m = PLURAL_FORMS.match(value)
    formula = compile_plural(m.group(2)) if m else None
    if m is None or formula is None:
        shown = value.strip()
        return [error(rel, line, f"Plural-Forms '{shown}' does not parse ({REFUSED}){use}", "plural")]
    nplurals = int(m.group(1))
    results = {}
    for n in SAMPLES:
        try:
            results[n] = formula(n)
        except ZeroDivisionError:
            return [error(rel, line, f"Plural-Forms divides by zero for n = {n} ({REFUSED}){use}", "plural")]
    too_big = next((n for n, form in results.items() if not 0 <= form < nplurals), None)
    if too_big is not None:
        text_ = f"Plural-Forms gives form {results[too_big]} for n = {too_big}, but nplurals is {nplurals}"
        return [error(rel, line, f"{text_} ({REFUSED}){use}", "plural")]
    expected = PLURAL_FORMS.match(cldr) if cldr else None
    want = compile_plural(expected.group(2)) if expected else None
    if want is None or int(expected.group(1)) != nplurals:  # type: ignore[union-attr]
        return []  # nplurals itself is compared by the catalogue check
    differ = next((n for n in SAMPLES if results[n] != want(n)), None)
    if differ is None:
        return []
    return [
        error(
            rel,
            line,
            f"Plural-Forms gives form {results[differ]} for n = {differ}, CLDR's rule for "
            f"{language_name(lang)} gives form {want(differ)}{use}",
            "plural",
        )
    ]
