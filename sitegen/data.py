"""Load data: the structured data sets shared by every language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .content import IDENT, REF_ID
from .markup.dialect import RAW_HTML
from .problems import Problem, error
from .sources.snapshot import Snapshot
from .sources.yaml_lines import YamlError, load_with_lines

FIELD_TYPES = {
    "text", "string", "number", "integer", "percent", "year",
    "date", "url", "doi", "code", "enum", "ref",
}  # fmt: skip
TOP_KEYS = {"title", "display", "fields", "entries", "note", "as_of"}
FIELD_KEYS = {"type", "label", "values", "optional"}
DISPLAYS = {"table", "list"}


@dataclass
class FieldSpec:
    """One field of a data set: its type and its UI label (a gettext msgid)."""

    name: str
    type: str
    label: str
    values: dict[str, str] = field(default_factory=dict)
    optional: bool = False


@dataclass
class Dataset:
    """A data set: entries with language-neutral facts and per-language texts."""

    name: str
    path: str
    title: dict[str, str]
    display: str
    fields: dict[str, FieldSpec]
    entries: list[dict[str, Any]]
    lines: dict[tuple[object, ...], int]
    note: dict[str, str] | None = None
    as_of: dt.date | None = None

    def line_of(self, *key: object) -> int:
        """Return the line of a key path, or of its nearest parent."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


def load_data(config: Config) -> tuple[dict[str, Dataset], list[Problem]]:
    """Load and validate every data set in content/data."""
    datasets: dict[str, Dataset] = {}
    problems: list[Problem] = []
    sources = config.sources
    for file in sources.files(config.data_dir, deep=False):
        if file.suffix not in {".yaml", ".yml"}:
            continue
        refused = sources.refused(file, config.content_dir)
        if refused is not None:
            problems.append(refused)
            continue
        dataset, found = load_dataset(file, sources, config.codes)
        problems.extend(found)
        if dataset is not None:
            datasets[dataset.name] = dataset
    return datasets, problems


def load_dataset(
    file: Path, sources: Snapshot, langs: tuple[str, ...]
) -> tuple[Dataset | None, list[Problem]]:
    """Load one data set file and check it against its own field list."""
    path = sources.rel(file)
    text, problem = sources.text(file)
    if problem is not None:
        return None, [problem]
    assert text is not None
    try:
        raw, lines = load_with_lines(text)
    except YamlError as exc:
        return None, [error(path, exc.line, exc.message, exc.check or "data")]
    checker = _Checker(path, lines, langs)
    if not IDENT.match(file.stem):
        checker.bad((), f"data set name '{file.stem}' must be lowercase letters, digits and hyphens")
    if not isinstance(raw, dict):
        checker.bad((), "a data set must be a mapping with 'fields' and 'entries'")
        return None, checker.problems
    for key in raw:
        if key not in TOP_KEYS:
            checker.bad((key,), f"unknown key '{key}'")
    title = checker.text(raw.get("title"), ("title",), "'title'")
    display = raw.get("display", "table")
    if not isinstance(display, str) or display not in DISPLAYS:
        checker.bad(("display",), f"'display' must be 'table' or 'list', not '{display}'")
    fields = checker.fields(raw.get("fields"))
    entries = raw.get("entries")
    if not isinstance(entries, list) or not entries:
        checker.bad(("entries",), "'entries' must be a non-empty list")
        entries = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        checker.entry(i, entry, fields, seen)
    note = checker.text(raw["note"], ("note",), "'note'") if "note" in raw else None
    as_of = raw.get("as_of")
    if as_of is not None and not (isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime)):
        checker.bad(("as_of",), "'as_of' must be a date (YYYY-MM-DD)")
    if checker.problems:
        return None, checker.problems
    return Dataset(file.stem, path, title or {}, display, fields, entries, lines, note, as_of), []


LANG_NAMES = {"sv": "Swedish", "en": "English"}


class _Checker:
    """Collects the problems of one data set file."""

    def __init__(self, path: str, lines: dict[tuple[object, ...], int], langs: tuple[str, ...]):
        self.path = path
        self.lines = lines
        self.langs = langs
        self.problems: list[Problem] = []

    def bad(self, key: tuple[object, ...], message: str) -> None:
        while key and key not in self.lines:
            key = key[:-1]
        self.problems.append(error(self.path, self.lines.get(key, 1), message, "data"))

    def text(self, value: Any, key: tuple[object, ...], what: str) -> dict[str, str] | None:
        if not isinstance(value, dict):
            self.bad(key, f"{what} must have a text for each language ({', '.join(self.langs)})")
            return None
        for lang in self.langs:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                name = LANG_NAMES.get(lang, lang)
                self.bad(key, f"{what} has no {name} text ('{lang}')")
        for lang in value:
            if lang not in self.langs:
                self.bad((*key, lang), f"{what} has a text in an unknown language '{lang}'")
        return value

    def fields(self, raw: Any) -> dict[str, FieldSpec]:
        specs: dict[str, FieldSpec] = {}
        if not isinstance(raw, dict) or not raw:
            self.bad(("fields",), "'fields' must map field names to {type, label}")
            return specs
        for name, spec in raw.items():
            key = ("fields", name)
            if name == "id" or not isinstance(spec, dict):
                self.bad(key, f"field '{name}' must be a mapping with 'type' and 'label'")
                continue
            for k in spec:
                if k not in FIELD_KEYS:
                    self.bad((*key, k), f"field '{name}' has an unknown key '{k}'")
            kind = spec.get("type")
            if kind not in FIELD_TYPES:
                self.bad((*key, "type"), f"field '{name}' has an unknown type '{kind}'")
                continue
            label = spec.get("label")
            if not isinstance(label, str) or not label.strip():
                self.bad(key, f"field '{name}' needs a 'label'")
                continue
            values = spec.get("values", {})
            if kind == "enum" and (not isinstance(values, dict) or not values):
                self.bad(key, f"enum field '{name}' needs 'values' mapping each value to a label")
                continue
            if not isinstance(values, dict) or any(not isinstance(v, str) for v in values.values()):
                self.bad((*key, "values"), f"field '{name}': 'values' must map each value to a label")
                continue
            for text in (label, *values.values()):
                self.label(key, name, text)
            specs[name] = FieldSpec(name, kind, label, dict(values), bool(spec.get("optional")))
        return specs

    def label(self, key: tuple[object, ...], name: str, text: str) -> None:
        # Labels are gettext msgids: templates show them as trusted markup and %-format them.
        html = RAW_HTML.search(text)
        if html:
            self.bad(key, f"field '{name}': a label is plain text, not HTML: '{html.group(0)[:40]}'")
        elif "%" in text.replace("%%", ""):
            self.bad(key, f"field '{name}': write '%%' for a per-cent sign in the label '{text}'")

    def entry(self, i: int, entry: Any, fields: dict[str, FieldSpec], seen: set[str]) -> None:
        key: tuple[object, ...] = ("entries", i)
        if not isinstance(entry, dict):
            self.bad(key, f"entry {i + 1} must be a mapping")
            return
        ident = entry.get("id")
        if not isinstance(ident, str) or not REF_ID.match(ident):
            self.bad(key, f"entry {i + 1} needs an 'id' of lowercase letters, digits, '-' or '_'")
            ident = str(i + 1)
        elif ident in seen:
            self.bad((*key, "id"), f"duplicate entry id '{ident}'")
        seen.add(ident)
        for name in entry:
            if name != "id" and name not in fields:
                self.bad((*key, name), f"entry '{ident}' has an unknown field '{name}'")
        for name, spec in fields.items():
            if name not in entry:
                if not spec.optional:
                    self.bad(key, f"entry '{ident}' is missing the field '{name}'")
                continue
            self.value(entry[name], spec, (*key, name), f"entry '{ident}': field '{name}'")

    def value(self, value: Any, spec: FieldSpec, key: tuple[object, ...], what: str) -> None:
        kind = spec.type
        if kind == "text":
            self.text(value, key, what)
            return
        ok = {
            "string": lambda v: isinstance(v, str) and v.strip() != "",
            "code": lambda v: isinstance(v, str) and re.match(r"^[A-Za-z0-9._-]+$", v),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "percent": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "year": lambda v: isinstance(v, int) and not isinstance(v, bool) and 1000 <= v <= 2999,
            "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
            "url": lambda v: isinstance(v, str) and re.match(r"^https?://[^\s<>\"]+$", v),
            "doi": lambda v: isinstance(v, str) and re.match(r"^10\.\d{4,9}/\S+$", v),
            "enum": lambda v: isinstance(v, str) and v in spec.values,
            "ref": lambda v: isinstance(v, str) and REF_ID.match(v),
        }[kind](value)
        if not ok:
            wanted = {
                "enum": "one of " + ", ".join(spec.values),
                "doi": "a DOI such as 10.1000/xyz",
                "url": "an http(s) URL",
            }.get(kind, f"a value of type '{kind}'")
            self.bad(key, f"{what} must be {wanted}")
