"""Find the numbers a text states, read the way its language writes them, and compare them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Thousands are grouped with a space in Swedish (often a no-break or thin space) and with a
# comma in English; the decimal mark is the other way round.
_SPACES = " \u00a0\u202f\u2009"
_PATTERNS = {
    "comma-decimal": re.compile(
        rf"(?<![\w.,])(\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(?:,(\d+))?(?![\w])"
        rf"(?:[{_SPACES}]?(%|procent\b))?",
        re.I,
    ),
    "point-decimal": re.compile(
        rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?(?![\w])"
        rf"(?:[{_SPACES}]?(%|per ?cent\b))?",
        re.I,
    ),
}
# Languages that write 0,5 and 1 200; every other language is read as writing 0.5 and 1,200.
COMMA_DECIMAL = {"sv", "da", "nb", "nn", "fi", "de", "fr", "nl", "es", "it", "pl", "pt"}

_DIGIT = re.compile(r"\d")
_WRAPPED_PERCENT = re.compile(rf"(\d)[{_SPACES}\t]*\n[{_SPACES}\t]*(%|procent\b|per ?cent\b)", re.I)

# Parts of Markdown that are not prose: link targets, citations keys, code spans, URLs.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|\[@[^\]]*\]|`[^`]*`|https?://\S+|\{#[^}]*\}")
# A tel: link, in Markdown or HTML: it states the number it dials, however its text groups the
# digits ("+46 771 11 77 00" reads as several figures, and differently per language).
_TEL_LINK = re.compile(
    r"\[[^\]]*\]\(\s*<?tel:([^\s)>]*)>?\s*\)|<a\s[^>]*?href=[\"']tel:([^\"']*)[\"'][^>]*>.*?</a>"
)


@dataclass(frozen=True)
class Number:
    """A number stated in a text, with the line it is on and how it was written."""

    value: Decimal
    percent: bool
    line: int
    written: str

    @property
    def key(self) -> tuple[Decimal, bool]:
        """Return what must match across languages: the value and whether it is a percentage."""
        return (self.value, self.percent)

    def show(self) -> str:
        """Return the number in a language-neutral form, such as 12.5%."""
        text = format(self.value.normalize(), "f")
        return text + ("%" if self.percent else "")


def prose(line: str) -> str:
    """Blank out the parts of a Markdown line that are not read as text; a tel: link reads as its number."""
    if "tel:" in line:
        line = _TEL_LINK.sub(lambda m: f" {m.group(1) or m.group(2)} ", line)
    return _NOT_PROSE.sub(lambda m: "]" if m.group(0).startswith("](") else " ", line)


def find_numbers(text: str, lang: str, first_line: int = 1) -> list[Number]:
    """Return the numbers in text, read with the conventions of lang."""
    style = "comma-decimal" if lang in COMMA_DECIMAL else "point-decimal"
    pattern = _PATTERNS[style]
    found: list[Number] = []
    if not _DIGIT.search(text):
        return found
    if "\n" in text:
        # A paragraph re-wrapped between a figure and its per cent sign still says "7,55 %":
        # the sign joins the figure's line, and its own line keeps its place.
        text = _WRAPPED_PERCENT.sub(lambda m: f"{m.group(1)}\u00a0{m.group(2)}\n", text)
    for offset, line in enumerate(text.split("\n")):
        if not _DIGIT.search(line):
            continue  # most lines state no number; prose() would add no digit
        for m in pattern.finditer(prose(line)):
            whole = re.sub(rf"[{_SPACES},]", "", m.group(1)) if style == "point-decimal" else m.group(1)
            whole = re.sub(rf"[{_SPACES}]", "", whole)
            digits = whole + ("." + m.group(2) if m.group(2) else "")
            try:
                value = Decimal(digits)
            except InvalidOperation:  # pragma: no cover - the pattern only matches digits
                continue
            found.append(Number(value, m.group(3) is not None, first_line + offset, m.group(0).strip()))
    return found


def difference(here: list[Number], there: list[Number]) -> tuple[list[Number], list[Number]]:
    """Return the numbers only in here and the numbers only in there (counting repeats)."""
    extra = Counter(n.key for n in here)
    extra.subtract(n.key for n in there)
    only_here: list[Number] = []
    only_there: list[Number] = []
    left = Counter({k: v for k, v in extra.items() if v > 0})
    missing = Counter({k: -v for k, v in extra.items() if v < 0})
    for n in here:
        if left[n.key] > 0:
            only_here.append(n)
            left[n.key] -= 1
    for n in there:
        if missing[n.key] > 0:
            only_there.append(n)
            missing[n.key] -= 1
    return only_here, only_there


def show_all(numbers: list[Number]) -> str:
    """Return numbers as a short list such as '5, 12%' or 'none'."""
    return ", ".join(n.show() for n in numbers) if numbers else "none"


def describe_difference(only_here: list[Number], only_there: list[Number]) -> str:
    """Describe what differs, e.g. "50 here, 5 there"."""
    return f"{show_all(only_here)} here, {show_all(only_there)} there"


def significant(value: Decimal) -> str:
    """Return the significant digits of a value: 7.55 -> '755', 0.050 -> '5'."""
    return format(abs(value).normalize(), "f").replace(".", "").lstrip("0").rstrip("0")


def looks_like_slip(written: Decimal, stored: Decimal) -> str | None:
    """Tell how a stated number may be a slip of a stored one: a shifted decimal mark or swapped digits."""
    if written == stored:
        return None
    a, b = significant(written), significant(stored)
    if len(a) >= 2 and a == b:
        return "a misplaced decimal mark or a zero too many or too few?"
    plain_a = format(abs(written).normalize(), "f")
    plain_b = format(abs(stored).normalize(), "f")
    if len(a) >= 3 and len(plain_a) == len(plain_b) and sorted(plain_a) == sorted(plain_b):
        return "digits in the wrong order?"
    return None
