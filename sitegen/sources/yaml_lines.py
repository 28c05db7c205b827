"""Load YAML while keeping the line of every key and item."""

from __future__ import annotations

import calendar
from typing import Any

import yaml

Path = tuple[object, ...]


class YamlError(Exception):
    """A YAML document that does not parse, with the line of the fault."""

    def __init__(self, message: str, line: int, check: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.check = check  # None: the reader's own check names the problem


# libyaml's parser is several times faster; the safe constructor is the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_lines(text: str, first_line: int = 1) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text; return the value and a map from key path to line number."""
    try:
        _check_depth(text, first_line)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is reported where it was opened, not where the
        # parser gave up, because that is the line the editor has to fix.
        unclosed = (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = exc.problem or "invalid YAML"
        raise YamlError(f"malformed YAML: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"malformed YAML: {exc}", first_line) from exc
    lines: dict[Path, int] = {}
    if node is None:
        return None, lines
    # A constructor per document: one kept for the process remembers every node it built.
    value = _construct(node, (), lines, first_line, yaml.constructor.SafeConstructor())
    return value, lines


# libyaml's composer recurses in C: some ten thousand nested brackets crash the process.
MAX_DEPTH = 100
_OPEN = (
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
)
_REFERENCE = (yaml.AnchorToken, yaml.AliasToken)
ALIAS_MESSAGE = "YAML anchors and aliases ('&name', '*name') are not allowed: write each value out in full"
_CLOSE = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _check_depth(text: str, first_line: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH and any anchor or alias, found with the scanner."""
    try:
        _count_depth(text, first_line)
    except yaml.MarkedYAMLError as exc:
        # The scanner reads ahead, and some versions stop at a nesting limit of their own
        # before our count gets there: count again up to where it stopped, so deep nesting
        # gets our message whatever the library's limit and wording.
        mark = exc.problem_mark
        if mark is not None and 0 < mark.index < len(text):
            _count_depth(text[: mark.index], first_line)
        raise


def _count_depth(text: str, first_line: int) -> None:
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, _REFERENCE):
            # A few nested aliases expand to billions of nodes (a "billion laughs"); no file
            # of ours needs them, so they are refused before anything is composed.
            raise YamlError(ALIAS_MESSAGE, first_line + token.start_mark.line, "yaml")
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                line = first_line + token.start_mark.line
                raise YamlError(f"lists or mappings nested more than {MAX_DEPTH} deep", line)
        elif isinstance(token, _CLOSE):
            depth -= 1


def _construct(
    node: yaml.Node, path: Path, lines: dict[Path, int], first: int, maker: yaml.constructor.SafeConstructor
) -> Any:
    lines[path] = first + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, first, maker)
            if key in result:
                raise YamlError(f"duplicate key '{key}'", first + key_node.start_mark.line)
            try:
                result[key] = _construct(value_node, (*path, key), lines, first, maker)
            except YamlError as exc:
                if value_node.tag != TIMESTAMP or not isinstance(exc.__cause__, ValueError):
                    raise
                raise YamlError(_bad_date(key, value_node.value, exc.__cause__), exc.line) from exc
            lines[(*path, key)] = first + key_node.start_mark.line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*path, i), lines, first, maker) for i, item in enumerate(node.value)]
    return _scalar(node, first, maker)


def _scalar(node: yaml.Node, first: int, maker: yaml.constructor.SafeConstructor) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlError("a key must be plain text", first + node.start_mark.line)
    try:
        return maker.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        raise YamlError(f"malformed YAML: {exc}", first + node.start_mark.line) from exc


TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _bad_date(key: object, text: str, exc: ValueError) -> str:
    """Say which field holds an impossible date, why, and how a date is written."""
    reason = str(exc)
    try:
        year, month = int(text[:4]), int(text[5:7])
        if reason == "day is out of range for month" and 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            reason = f"{calendar.month_name[month]} {year} has {last} days"
    except ValueError:
        pass  # not even YYYY-MM: the reason as Python gives it
    return f"'{key}' is {text}, which is not a date ({reason}): write a date that exists, as YYYY-MM-DD"
