"""YAML with lines: anchors and aliases are refused before anything is expanded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.sources.yaml_lines import YamlError, load_with_lines
from tests.conftest import article

MESSAGE = (
    "error [yaml] YAML anchors and aliases ('&name', '*name') are not allowed: write each value out in full"
)


def bomb(levels: int, key: str = "x") -> str:
    """Return a 'billion laughs' mapping: each level nine aliases of the one before."""
    lines = [f'{key}0: &{key}0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"{key}{i}: &{key}{i} [{', '.join([f'*{key}{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor() -> None:
    with pytest.raises(YamlError) as caught:
        load_with_lines("ok: 1\n" + bomb(9), first_line=2)
    assert (caught.value.line, caught.value.check) == (3, "yaml")


def test_an_alias_alone_is_refused_at_its_line() -> None:
    with pytest.raises(YamlError) as caught:
        load_with_lines("a: 1\nb:\n  - *a\n")
    assert caught.value.line == 3


def test_ampersands_and_asterisks_in_text_are_not_anchors() -> None:
    assert load_with_lines('a: "&x *y"\nb: R&D * 2\n')[0] == {"a": "&x *y", "b": "R&D * 2"}


@pytest.mark.parametrize(
    ("rel", "text", "line", "after"),
    [
        # The article's Swedish page, left without its source, is named under the error.
        (
            "content/en/advice.md",
            article(key="advice", slug="advice", extra="&x [1]"),
            9,
            " (until it is fixed, this also shows in content/sv/rad.md)",
        ),
        ("content/data/bomb.yaml", bomb(9), 1, ""),
        ("locales/glossary.yaml", "forbidden:\n  en: &w [cure]\n  sv: *w\n", 2, ""),
    ],
)
def test_an_anchor_in_any_yaml_file_is_an_error_at_its_line(
    site_factory, capsys, rel: str, text: str, line: int, after: str
) -> None:
    root = site_factory({rel: text})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert f"{rel}:{line}: {MESSAGE}{after}" in capsys.readouterr().err.splitlines()


def test_an_anchor_in_site_yaml_is_an_error_at_its_line(site_factory, capsys) -> None:
    root = site_factory()
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + bomb(9, "z"), encoding="utf-8")
    line = config.read_text(encoding="utf-8").count("\n") - 8
    assert main(["--project", str(root), "--no-search"]) == 1
    assert f"site.yaml:{line}: {MESSAGE}" in capsys.readouterr().err.splitlines()


names = st.text(alphabet="abc", min_size=1, max_size=3)


@given(
    name=names,
    before=st.lists(st.sampled_from(["a: 1", "b: [1, 2]", "c: {d: e}", "- x"]), max_size=3),
    kind=st.sampled_from(["anchor", "alias", "both"]),
)
@settings(max_examples=50, deadline=None, derandomize=True, database=None)
def test_any_anchor_or_alias_is_found_at_its_line(name: str, before: list[str], kind: str) -> None:
    body = {"anchor": f"k: &{name} v", "alias": f"k: *{name}", "both": f"k: &{name} [1]\nm: *{name}"}[kind]
    text = "\n".join(["top:", *[f"  {line}" for line in before if not line.startswith("-")], body]) + "\n"
    line = text.split("\n").index(body.split("\n")[0]) + 1
    with pytest.raises(YamlError) as caught:
        load_with_lines(text)
    assert caught.value.line == line
