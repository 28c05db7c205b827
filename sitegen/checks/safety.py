"""Check the public phone numbers against the glossary's typed table: site.yaml, tel: links, countries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..catalogs import catalog_path
from ..config import CONFIG_FILE
from ..model import Site
from ..problems import Problem, error
from .data import _texts
from .glossary import Glossary, emergency_at, language_name
from .pofile import KEYWORD, STRING, _unescape, parse_po
from .safety_table import PHONE, SAFETY_KEY, SafetyTable, role_name

CHECK = "safety-number"
GLOSSARY = "locales/glossary.yaml"
SLOTS = ("emergency", "advice")
# A tel: link as Markdown writes it, and as HTML does (a UI string may carry markup).
TEL_MARKDOWN = re.compile(r"\[([^\]]*)\]\(\s*<?tel:([^\s)>]*)>?\s*\)")
TEL_HTML = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']tel:([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.S)
# A number as a person writes it in a link's text: "1177", "1 1 7 7", "+46 771-11 77 00".
WRITTEN = re.compile(r"\+?\d(?:[\d \t\u00a0\u2009\u202f\u2011\u2013-]*\d)?")


def check_safety(site: Site, glossary: Glossary) -> list[Problem]:
    """Check site.yaml's seek-care numbers, tel: links and the numbers of data texts and UI strings."""
    if not glossary.safety.numbers:
        return []  # no typed table: nothing to check against
    problems = _seek_care(site, glossary.safety)
    for article in sorted(site.articles, key=lambda a: a.path):
        for link in site.scans[article.path].links:
            if link.target.startswith("tel:"):
                # The target's form is the integrity check's ([link]); here only what it dials.
                found = tel_problem(glossary.safety, link.text, link.target[4:], check_form=False)
                if found:
                    problems.append(error(article.path, link.line, found, CHECK))
    for path, line_at, lang, text in [*_data_texts(site), *_catalogue_texts(site)]:
        problems += text_problems(glossary, path, lang, text, line_at)
    return problems


def wrong_country(glossary: Glossary, lang: str, number: str) -> str:
    """Say that a page for lang's readers gives a number they cannot call, and what to give instead."""
    table, name = glossary.safety, language_name(lang)
    what = glossary.emergency.get(number) or table.describe(number)
    roles = dict.fromkeys(e.role for e in table.entries(number))
    instead = [f"{n.number} ({n.name})" for role in roles for n in table.numbers_for(lang, role)]
    hint = f"give {' or '.join(instead)} instead, or leave it out" if instead else "leave it out"
    where = table.where(lang)
    return f"'{number}' is the {what}: a {name} page must not give it; its readers are {where}: {hint}"


def text_problems(
    glossary: Glossary, path: str, lang: str, text: str, line_at: Callable[[int], int]
) -> list[Problem]:
    """Check a data text or UI string: its tel: links, and numbers its readers cannot call."""
    problems: list[Problem] = []
    for at, shown, dialled in _tel_links(text):
        found = tel_problem(glossary.safety, shown, dialled, check_form=True)
        if found:
            problems.append(error(path, line_at(at), found, CHECK))
    wrong = glossary.wrong_emergency.get(lang, ())
    for at, number in emergency_at(glossary, text):
        if number in wrong:
            problems.append(error(path, line_at(at), wrong_country(glossary, lang, number), "emergency"))
    return problems


def tel_problem(table: SafetyTable, text: str, dialled: str, check_form: bool) -> str | None:
    """Return what is wrong with a tel: link that shows text and dials a number, or None."""
    if not PHONE.match(dialled):
        return (
            f"link to 'tel:{dialled}': a tel: link takes digits only, such as 'tel:112'"
            if check_form
            else None
        )
    shown = _shown(table, text)
    if shown and not any(_same(s, dialled) for s in shown):
        return (
            f"the tel: link shows {shown[0]} ({table.describe(shown[0])}) but dials {dialled} "
            f"({table.describe(dialled)}): make the target tel:{shown[0]}, or the text {dialled}"
        )
    if not table.entries(dialled):
        return (
            f"the tel: link dials {dialled}, a number the glossary does not know: link only the public "
            f"numbers of '{SAFETY_KEY}' in {GLOSSARY} (if {dialled} is one, add it there with "
            "its role and countries)"
        )
    return None


def _shown(table: SafetyTable, text: str) -> list[str]:
    """Return the numbers a link's text shows, digits only: '+46 (0)771-11 77 00' is '+46771117700'."""
    found: list[str] = []
    for m in WRITTEN.finditer(text.replace("(0)", "")):
        digits = re.sub(r"[^\d+]", "", m.group(0))
        digits = "+" + digits[2:] if digits.startswith("00") else digits
        # Two digits are a number only when the glossary has them: "24/7" shows no phone number.
        if len(digits.lstrip("+")) >= 3 or table.entries(digits):
            found.append(digits)
    return found


def _same(shown: str, dialled: str) -> bool:
    """Tell whether a shown number is the one dialled, also written nationally: 0771... for +46771..."""
    if shown == dialled:
        return True
    national = shown.startswith("0") and not shown.startswith("00") and dialled.startswith("+")
    return national and any(dialled[1 + k :] == shown[1:] for k in (1, 2, 3))


def _tel_links(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield each tel: link of a text: where it starts, the text it shows and the number it dials."""
    for m in TEL_MARKDOWN.finditer(text):
        yield m.start(), m.group(1), m.group(2)
    for m in TEL_HTML.finditer(text):
        yield m.start(), re.sub(r"<[^>]*>", "", m.group(2)), m.group(1)


def _seek_care(site: Site, table: SafetyTable) -> list[Problem]:
    """Check that each language's seek-care numbers have the role of their slot, for its readers."""
    problems: list[Problem] = []
    for lang, care in site.config.care.items():
        slots = {
            # A CareNumbers made in code, not read from site.yaml, has no lines: the first will do.
            slot: [
                (n, call.lines[i] if i < len(call.lines) else 1)
                for call in getattr(care, slot)
                for i, n in enumerate(call.numbers)
            ]
            for slot in SLOTS
        }
        for slot, given in slots.items():
            for number, line in given:
                found = _slot_problem(table, lang, slot, number, slots)
                if found:
                    problems.append(error(CONFIG_FILE, line, found, CHECK))
    return problems


def _slot_problem(
    table: SafetyTable, lang: str, slot: str, number: str, slots: dict[str, list[tuple[str, int]]]
) -> str | None:
    """Return what is wrong with a number in one of a language's seek-care slots, or None."""
    key, readers, where = f"seek_care.{lang}.{slot}", f"{language_name(lang)} readers", table.where(lang)
    expected = [n.number for n in table.numbers_for(lang, slot)]
    role = role_name(slot) + ("s" if len(expected) > 1 else "")
    give = (
        f"give {_either(expected)} here, the glossary's {role} for {readers} ({where})"
        if expected
        else f"the glossary gives no {role} for {readers}: add one to '{SAFETY_KEY}' in {GLOSSARY}"
    )
    if not table.entries(number):
        return (
            f"{key} gives {number}, a number the glossary does not know: {give}; if {number} is a real "
            f"public number, add it to '{SAFETY_KEY}' in {GLOSSARY} with its role and countries"
        )
    shown = f"{key} gives {number} ({table.describe(number)})"
    callable_here = table.for_readers(lang, number)
    if not callable_here:
        return f"{shown}, but {readers} are {where}: {give}"
    roles = {e.role for e in callable_here}
    if slot in roles:
        return None
    other = next(s for s in SLOTS if s != slot)
    partner = next((m for m, _ in slots[other] if slot in {e.role for e in table.for_readers(lang, m)}), None)
    if other in roles and partner is not None:
        return (
            f"{shown} and seek_care.{lang}.{other} gives {partner} ({table.describe(partner)}): the "
            "emergency and advice numbers are swapped; "
            f"put {partner} under '{slot}' and {number} under '{other}'"
        )
    move = f", and {number} under '{other}'" if other in roles else ""
    return f"{shown}, not {_a(role_name(slot))}: {give}{move}"


def _either(numbers: list[str]) -> str:
    """Return numbers as one says them: '112', '112 or 999', '112, 911 or 999'."""
    return " or ".join([", ".join(numbers[:-1]), numbers[-1]] if len(numbers) > 1 else numbers)


def _data_texts(site: Site) -> Iterator[tuple[str, Callable[[int], int], str, str]]:
    """Yield every text of every data set: its file, where each of its characters is, language, text."""
    for dataset in site.datasets.values():
        for key, values, _what, _entry in _texts(dataset):
            for lang, text in values.items():
                if isinstance(text, str) and text:
                    line = dataset.line_of(*key, lang)
                    yield dataset.path, (lambda _at, line=line: line), lang, text


def _catalogue_texts(site: Site) -> Iterator[tuple[str, Callable[[int], int], str, str]]:
    """Yield every translation of every catalogue: its file, where each character is, language, text."""
    config = site.config
    for lang in config.codes:
        path = catalog_path(config.locales_dir, lang)
        if not config.sources.is_file(path):
            continue
        text, _problem = config.sources.text(path, check="catalog")
        if text is None:
            continue  # the catalogue checks report why
        raw = text.split("\n")
        for entry in parse_po(text).entries:
            if entry.msgid == "":
                continue  # the header
            for number, value in entry.msgstr.items():
                lines = entry.string_lines.get(f"msgstr[{number}]", [entry.line])
                yield config.sources.rel(path), _line_finder(raw, lines, value), lang, value


def _line_finder(raw: list[str], lines: list[int], value: str) -> Callable[[int], int]:
    """Return where a character of a msgstr is in the file: the line of the quoted piece that holds it."""
    pieces = [(n, _piece(raw[n - 1])) for n in lines]
    if "".join(p for _, p in pieces) != value:
        return lambda _at: lines[0]  # not as the file wrote it: its first line will do
    ends: list[tuple[int, int]] = []
    for n, piece in pieces:
        if piece:
            ends.append(((ends[-1][0] if ends else 0) + len(piece), n))
    return lambda at: next((n for end, n in ends if at < end), lines[0])


def _piece(line: str) -> str:
    """Return the text of one quoted piece of a .po string, unescaped."""
    keyword = KEYWORD.match(line.strip())
    m = STRING.match((keyword.group(3) if keyword else line).strip())
    return (_unescape(m.group(1)) or "") if m else ""


def _a(noun: str) -> str:
    """Return a noun with its indefinite article: 'an emergency number', 'a health advice line'."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun
