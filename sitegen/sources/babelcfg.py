"""Read babel.cfg, the map from files to UI-string extraction methods, as pybabel does."""

from __future__ import annotations

import re
from configparser import (
    DuplicateOptionError,
    Error,
    MissingSectionHeaderError,
    ParsingError,
    RawConfigParser,
)
from dataclasses import dataclass, field
from typing import Any

BABEL_CFG = "babel.cfg"
# The methods pybabel knows without importing anything, and the two this project uses. A
# method given as an import path, or an [extractors] section, would import and run code
# named by a contribution: refused.
BUILT_IN = ("ignore", "javascript", "python")
KNOWN = (*BUILT_IN, "jinja2", "sitegen_data")
_FORM = "write 'name = value' or [METHOD: PATTERN]"
SECTION = re.compile(r"\[(?P<name>[^\]]*)\]")


@dataclass
class Mapping:
    """The extraction methods by file pattern, in babel.cfg's order, and what is wrong with it."""

    methods: list[tuple[str, str]] = field(default_factory=list)  # (pattern, method)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    faults: list[tuple[int | None, str]] = field(default_factory=list)  # (line, message)


def read_mapping(text: str) -> Mapping:
    """Parse babel.cfg's text; every fault is kept with its line instead of raised."""
    mapping = Mapping()
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = SECTION.match(line)
        if not match:
            continue
        name = match.group("name")
        if name in lines:
            message = f"the section [{name}] is there twice (first at line {lines[name]}): keep one"
            mapping.faults.append((number, message))
        lines.setdefault(name, number)
    # Not strict, so that every section is read despite a duplicate, which is reported above.
    parser = RawConfigParser(strict=False)
    try:
        parser.read_string(text, BABEL_CFG)
        if not mapping.faults:
            RawConfigParser().read_string(text, BABEL_CFG)  # what pybabel refuses besides
    except DuplicateOptionError as exc:
        mapping.faults.append(
            (exc.lineno, f"'{exc.option}' is set twice in [{exc.section}]: keep one and delete the other")
        )
    except MissingSectionHeaderError as exc:
        mapping.faults.append(
            (exc.lineno, "an option before any section: start with [METHOD: PATTERN], e.g. [python: **.py]")
        )
    except ParsingError as exc:
        for lineno, _line in exc.errors:
            mapping.faults.append((lineno, f"not an option or a section: {_FORM}"))
    except Error as exc:
        mapping.faults.append((None, f"cannot be read: {exc}"))
    for section in parser.sections():
        line = lines.get(section)
        method, colon, pattern = (part.strip() for part in section.partition(":"))
        if section == "extractors":
            mapping.faults.append(
                (line, f"an [extractors] section imports code by name, which is not allowed; {_use()}")
            )
        elif not colon or not pattern:
            mapping.faults.append((line, f"[{section}] is not [METHOD: PATTERN], e.g. [python: **.py]"))
        elif method not in KNOWN:
            mapping.faults.append((line, f"unknown extraction method '{method}' in [{section}]; {_use()}"))
        else:
            mapping.methods.append((pattern, method))
            mapping.options[pattern] = dict(parser.items(section))
    mapping.faults.sort(key=lambda fault: fault[0] or 0)
    return mapping


def _use() -> str:
    return "use one of " + ", ".join(sorted(KNOWN))
