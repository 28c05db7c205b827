"""Read a .po file the way GNU gettext does: every entry with its lines, each syntax fault with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")
STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)")


@dataclass
class PoEntry:
    """One entry of a .po file, with the line of each part."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    msgstr_lines: dict[int, int] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)
    string_lines: dict[str, list[int]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str | None, str]:
        """Return what gettext looks an entry up by: its context and its msgid."""
        return (self.msgctxt, self.msgid)


@dataclass
class PoFile:
    """A parsed .po file: its entries (not obsolete ones) and its syntax faults as (line, message)."""

    entries: list[PoEntry] = field(default_factory=list)
    faults: list[tuple[int, str]] = field(default_factory=list)

    def header(self) -> PoEntry | None:
        """Return the header entry (msgid "" without context)."""
        return next((e for e in self.entries if e.msgid == "" and e.msgctxt is None), None)


def _unescape(body: str) -> str | None:
    bad = False

    def one(m: re.Match[str]) -> str:
        nonlocal bad
        code = m.group(1)
        if code in ESCAPES:
            return ESCAPES[code]
        if code[0] == "x":
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        bad = True
        return code

    text = ESCAPE.sub(one, body)
    return None if bad else text


def parse_po(text: str) -> PoFile:
    """Parse a .po file strictly: an unterminated string, an unknown keyword or a bad order is a fault."""
    po = PoFile()
    entry: PoEntry | None = None
    part: str | None = None  # the keyword whose string continuation lines extend
    pending_flags: set[str] = set()
    pending_comments: list[str] = []
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~") or line.startswith("#|"):
            continue  # obsolete entries and previous msgids: gettext does not load them
        if line.startswith("#"):
            if entry is not None and entry.msgstr:
                entry, part = None, None
            if line.startswith("#,"):
                pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line[1:2] in (" ", ""):
                pending_comments.append(line[1:].strip())
            continue
        keyword = KEYWORD.match(line)
        if keyword:
            name, index, rest = keyword.group(1), keyword.group(2), keyword.group(3)
            starts = name == "msgctxt" or (name == "msgid" and not (entry and part == "msgctxt"))
            if starts:
                if entry is not None and not entry.msgstr:
                    po.faults.append((entry.line, f"entry '{entry.msgid[:40]}' has no msgstr"))
                entry = PoEntry(lineno, flags=pending_flags, comments=pending_comments)
                po.entries.append(entry)
                pending_flags, pending_comments = set(), []
            elif name != "msgid" and (entry is None or "msgid" not in entry.string_lines):
                po.faults.append((lineno, f"'{name}' without a msgid before it"))
                continue
            if name == "msgid":
                entry.line = lineno
            elif name == "msgid_plural" and part != "msgid":
                po.faults.append((lineno, "msgid_plural must follow the msgid"))
            elif name.startswith("msgstr"):
                number = int(index) if index is not None else None
                if entry.msgid_plural is None and number is not None:
                    po.faults.append((lineno, f"'{name}' in an entry without msgid_plural: write msgstr"))
                elif entry.msgid_plural is not None and number is None:
                    po.faults.append((lineno, "an entry with msgid_plural needs msgstr[0], msgstr[1]..."))
                number = number or 0
                if number != len(entry.msgstr):
                    po.faults.append(
                        (lineno, f"'{name}' out of order: msgstr[{len(entry.msgstr)}] comes first")
                    )
                entry.msgstr_lines[number] = lineno
                name = f"msgstr[{number}]"
            part = name
            value = _string(po, lineno, rest)
            _append(entry, part, value or "", lineno)
            continue
        if line.startswith('"'):
            if entry is None or part is None:
                po.faults.append((lineno, "a string outside an entry"))
                continue
            _append(entry, part, _string(po, lineno, line) or "", lineno)
            continue
        po.faults.append((lineno, f"unknown keyword '{line.split()[0][:20]}': gettext cannot read this line"))
    if entry is not None and not entry.msgstr:
        po.faults.append((entry.line, f"entry '{entry.msgid[:40]}' has no msgstr"))
    return po


def _string(po: PoFile, lineno: int, text: str) -> str | None:
    m = STRING.match(text.strip())
    if m is None:
        if text.strip().startswith('"'):
            po.faults.append((lineno, 'unterminated string: end the line with a closing "'))
        else:
            po.faults.append((lineno, 'expected a string in double quotes ("...")'))
        return None
    value = _unescape(m.group(1))
    if value is None:
        po.faults.append((lineno, "invalid escape sequence in the string"))
    return value


def _append(entry: PoEntry, part: str, value: str, lineno: int) -> None:
    entry.string_lines.setdefault(part, []).append(lineno)
    if part == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif part == "msgid":
        entry.msgid += value
    elif part == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    else:
        number = int(part[7:-1])
        entry.msgstr[number] = entry.msgstr.get(number, "") + value
