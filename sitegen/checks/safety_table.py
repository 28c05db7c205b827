"""The glossary's typed table of public phone numbers: each number's role and countries, and the readers'."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

SAFETY_KEY = "safety_numbers"
# The untyped form this table replaces: read as an error that says how to move it over.
OLD_KEYS = ("emergency_numbers", "wrong_emergency_numbers")
ROLES = {
    "emergency": "emergency number",
    "advice": "health advice line",
    "poison": "poison information line",
    "crisis": "crisis line",
}
ANYWHERE = "anywhere"
PHONE = re.compile(r"^\+?[0-9]{2,15}$")
ENTRY_KEYS = {"number", "role", "countries", "name"}

Bad = Callable[[tuple[object, ...], str], None]


@dataclass(frozen=True)
class SafetyNumber:
    """A public number, what it is for and where it can be called."""

    number: str
    role: str
    countries: tuple[str, ...]
    name: str
    line: int


@dataclass
class SafetyTable:
    """Every public number the site may give, and where each language's readers are."""

    numbers: tuple[SafetyNumber, ...] = ()
    # Language -> the countries its readers are in; None: anywhere.
    readers: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def entries(self, number: str) -> list[SafetyNumber]:
        """Return the table's entries for a number (one per role it has)."""
        return [n for n in self.numbers if n.number == number]

    def for_readers(self, lang: str, number: str) -> list[SafetyNumber]:
        """Return the entries of a number that the language's readers can call."""
        where = self.readers.get(lang)
        return [n for n in self.entries(number) if where is None or where & set(n.countries)]

    def numbers_for(self, lang: str, role: str) -> list[SafetyNumber]:
        """Return the numbers of a role that the language's readers can call, once each, in table order."""
        found: dict[str, SafetyNumber] = {}
        for entry in self.numbers:
            if entry.role == role and self.for_readers(lang, entry.number):
                found.setdefault(entry.number, entry)
        return list(found.values())

    def describe(self, number: str) -> str:
        """Return what a number is, such as 'US emergency number'."""
        return "; ".join(dict.fromkeys(n.name for n in self.entries(number))) or "not in the glossary"

    def where(self, lang: str) -> str:
        """Return where the language's readers are, in words: 'in Sweden', or 'anywhere'."""
        found = self.readers.get(lang)
        return ANYWHERE if found is None else "in " + " and ".join(country_name(c) for c in sorted(found))

    def descriptions(self) -> dict[str, str]:
        """Return what each number is, by number (the form the text checks read)."""
        return {n.number: self.describe(n.number) for n in self.numbers}

    def wrong_for(self) -> dict[str, tuple[str, ...]]:
        """Return, per language with readers in given countries, the numbers they cannot call."""
        wrong: dict[str, tuple[str, ...]] = {}
        for lang, where in self.readers.items():
            if where is not None:
                found = [n.number for n in self.numbers if not self.for_readers(lang, n.number)]
                wrong[lang] = tuple(dict.fromkeys(found))
        return {lang: numbers for lang, numbers in wrong.items() if numbers}


# Names that read better short and with "the" in a message than CLDR's ("United Kingdom").
SHORT_NAMES = {"EU": "the EU", "GB": "the UK", "US": "the US"}


@functools.cache
def country_name(code: str) -> str:
    """Return a country's English name, such as 'Sweden' or 'the UK'."""
    return SHORT_NAMES.get(code) or Locale.parse("en").territories.get(code, code)


def role_name(role: str) -> str:
    """Return a role in words: 'emergency number'."""
    return ROLES.get(role, role)


def _is_country(code: object) -> bool:
    """Tell whether code is a two-letter territory CLDR knows (SE, GB, US, EU), not a region like 419."""
    return isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) is not None and code in _territories()


@functools.cache
def _territories() -> frozenset[str]:
    """Return the territory codes CLDR names (read once: parsing a Locale is slow)."""
    return frozenset(Locale.parse("en").territories)


def read_safety(
    raw: dict[str, Any], lines: dict[tuple[object, ...], int], langs: tuple[str, ...], bad: Bad
) -> SafetyTable:
    """Read safety_numbers from the glossary; report what is malformed through bad(key, message)."""
    table = SafetyTable()
    for old in OLD_KEYS:
        if old in raw:
            bad(
                (old,),
                f"'{old}' is replaced by the typed table '{SAFETY_KEY}': give each number its role and "
                f"countries under '{SAFETY_KEY}.numbers', and where each language's readers are under "
                f"'{SAFETY_KEY}.readers' (see README.md, 'The glossary')",
            )
    spec = raw.get(SAFETY_KEY)
    if spec is None:
        return table
    if not isinstance(spec, dict) or set(spec) != {"readers", "numbers"}:
        bad((SAFETY_KEY,), f"'{SAFETY_KEY}' takes exactly 'readers' and 'numbers'")
        return table
    numbers: list[SafetyNumber] = []
    roles: dict[tuple[str, str], str] = {}
    if not isinstance(spec["numbers"], list):
        bad((SAFETY_KEY, "numbers"), f"'{SAFETY_KEY}.numbers' must be a list of {{number, role, countries}}")
    for i, entry in enumerate(spec["numbers"] if isinstance(spec["numbers"], list) else []):
        found = _entry(entry, i, lines, bad)
        if found is None:
            continue
        for country in found.countries:
            other = roles.setdefault((found.number, country), found.role)
            if other != found.role:
                bad(
                    (SAFETY_KEY, "numbers", i),
                    f"'{found.number}' is already the {role_name(other)} in {country_name(country)}: a "
                    "number has one role in a country; remove one of the two entries",
                )
        numbers.append(found)
    table.numbers = tuple(numbers)
    table.readers = _readers(spec["readers"], langs, bad)
    return table


def _entry(entry: object, i: int, lines: dict[tuple[object, ...], int], bad: Bad) -> SafetyNumber | None:
    """Read entry i of safety_numbers.numbers, or report why it cannot be read."""
    at: tuple[object, ...] = (SAFETY_KEY, "numbers", i)
    where = f"'{SAFETY_KEY}.numbers' entry {i + 1}"
    example = '{number: "112", role: emergency, countries: [SE, EU]}'
    if not isinstance(entry, dict) or not {"number", "role", "countries"} <= set(entry) <= ENTRY_KEYS:
        bad(at, f"{where} needs 'number', 'role' and 'countries' and may have 'name', such as {example}")
        return None
    number, role, countries = entry["number"], entry["role"], entry["countries"]
    name = entry.get("name", "")
    if not isinstance(number, str) or not PHONE.match(number):
        bad(
            at + ("number",),
            f"{where}: '{number}' is not a phone number: write its digits in quotes, such as \"112\"",
        )
        return None
    if role not in ROLES:
        bad(at + ("role",), f"{where}: unknown role '{role}' (use one of: {', '.join(sorted(ROLES))})")
        return None
    if not isinstance(countries, list) or not countries:
        bad(at + ("countries",), f"{where}: 'countries' must be a list of country codes, such as [SE]")
        return None
    wrong = [c for c in countries if not _is_country(c)]
    if wrong:
        bad(
            at + ("countries",),
            f"{where}: '{wrong[0]}' is not a country code: list ISO 3166 codes such as SE, GB, US "
            "(EU for the European Union)",
        )
        return None
    if not isinstance(name, str):
        bad(at + ("name",), f"{where}: 'name' must be a text, such as 'Swedish health advice line'")
        return None
    if not name:
        name = f"{role_name(role)} in {' and '.join(country_name(c) for c in countries)}"
    return SafetyNumber(number, role, tuple(countries), name, lines.get(at, 1))


def _readers(raw: object, langs: tuple[str, ...], bad: Bad) -> dict[str, frozenset[str] | None]:
    """Read where each language's readers are: a list of country codes, or 'anywhere'."""
    at = (SAFETY_KEY, "readers")
    if not isinstance(raw, dict):
        bad(
            at,
            f"'{SAFETY_KEY}.readers' must map each language ({', '.join(langs)}) to country codes "
            f"or '{ANYWHERE}'",
        )
        return {}
    readers: dict[str, frozenset[str] | None] = {}
    for lang, where in raw.items():
        if lang not in langs:
            bad(
                at + (lang,),
                f"'{SAFETY_KEY}.readers': '{lang}' is not a language of the site ({', '.join(langs)})",
            )
        elif where == ANYWHERE:
            readers[lang] = None
        elif isinstance(where, list) and where and all(_is_country(c) for c in where):
            readers[lang] = frozenset(where)
        else:
            bad(
                at + (lang,),
                f"'{SAFETY_KEY}.readers.{lang}' must list the country codes of its readers "
                f"(ISO 3166, such as [SE]) or say '{ANYWHERE}'",
            )
    for lang in langs:
        if lang not in raw:
            bad(
                at,
                f"'{SAFETY_KEY}.readers' does not say where the {lang} readers are: add '{lang}: [SE]' "
                f"(their country codes) or '{lang}: {ANYWHERE}'",
            )
    return readers
