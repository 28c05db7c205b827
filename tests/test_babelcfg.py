"""babel.cfg: every fault is a `babel.cfg:LINE: error [config]` problem from build and check, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.sources.babelcfg import read_mapping
from tests.conftest import REPO

SHIPPED = (REPO / "babel.cfg").read_text(encoding="utf-8")
JINJA = "[jinja2: templates/**.html]"
METHODS = "use one of ignore, javascript, jinja2, python, sitegen_data"


def run(root: Path, capsys, *command: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--project", str(root), *command])
    captured = capsys.readouterr()
    return status, (captured.err + captured.out).splitlines()


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith(needle)]
    return lines[occurrence - 1]


@pytest.mark.parametrize("command", [("--no-search",), ("check",)])
def test_a_duplicate_section_is_an_error_at_its_line(site_factory, capsys, command) -> None:
    text = SHIPPED + f"\n{JINJA}\nsilent = false\n"
    root = site_factory({"babel.cfg": text})
    status, out = run(root, capsys, *command)
    assert status == 1
    first, second = line_of(text, JINJA), line_of(text, JINJA, 2)
    assert (
        f"babel.cfg:{second}: error [config] the section [jinja2: templates/**.html] is there twice "
        f"(first at line {first}): keep one"
    ) in out
    assert not any("Traceback" in line for line in out)


@pytest.mark.parametrize("command", [("--no-search",), ("check",)])
def test_an_unknown_extraction_method_is_an_error_at_its_section(site_factory, capsys, command) -> None:
    text = SHIPPED.replace(JINJA, "[jinja: templates/**.html]")
    root = site_factory({"babel.cfg": text})
    status, out = run(root, capsys, *command)
    assert status == 1
    line = line_of(text, "[jinja:")
    assert (
        f"babel.cfg:{line}: error [config] unknown extraction method 'jinja' in [jinja: templates/**.html]; {METHODS}"
    ) in out


def test_both_faults_are_listed_at_once(site_factory, capsys) -> None:
    text = SHIPPED + f"\n{JINJA}\n\n[nonsense: static/**.js]\n"
    root = site_factory({"babel.cfg": text})
    status, out = run(root, capsys, "--no-search")
    assert status == 1
    config = [line for line in out if line.startswith("babel.cfg:")]
    assert config == [
        f"babel.cfg:{line_of(text, JINJA, 2)}: error [config] the section [jinja2: templates/**.html] is there "
        f"twice (first at line {line_of(text, JINJA)}): keep one",
        f"babel.cfg:{line_of(text, '[nonsense')}: error [config] unknown extraction method 'nonsense' in "
        f"[nonsense: static/**.js]; {METHODS}",
    ]


@pytest.mark.parametrize(
    ("text", "faults"),
    [
        (
            "x = 1\n[python: a.py]\n",
            [(1, "an option before any section: start with [METHOD: PATTERN], e.g. [python: **.py]")],
        ),
        (
            "[python: a.py]\na = 1\na = 2\n",
            [(3, "'a' is set twice in [python: a.py]: keep one and delete the other")],
        ),
        ("[python]\n", [(1, "[python] is not [METHOD: PATTERN], e.g. [python: **.py]")]),
        # A method named by import path, or an [extractors] section, would import code a contribution names.
        ("[os:system: *.py]\n", [(1, f"unknown extraction method 'os' in [os:system: *.py]; {METHODS}")]),
        (
            "[extractors]\nx = os:system\n",
            [(1, f"an [extractors] section imports code by name, which is not allowed; {METHODS}")],
        ),
    ],
)
def test_read_mapping_keeps_each_fault_with_its_line(text: str, faults: list[tuple[int, str]]) -> None:
    assert read_mapping(text).faults == faults


def test_the_shipped_mapping_reads_as_pybabel_reads_it() -> None:
    from io import StringIO

    from babel.messages.frontend import parse_mapping_cfg

    mapping = read_mapping(SHIPPED)
    assert mapping.faults == []
    assert mapping.methods == parse_mapping_cfg(StringIO(SHIPPED))[0]
