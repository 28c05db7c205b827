"""Links, images and heading ids as the parsed document has them, each at its source line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.markup.parsed import parse_body, uneven_rows
from sitegen.markup.scan import scan_body
from tests.conftest import article

BODY = """\
# Title

An [inline](a.md) link, an autolink <https://example.org/x>, mail <me@example.org>,
a [reference][r], a [short one] and an ![image][img].

> [r]: /en/

[short one]: b.md "Title"
[img]: /static/x.png
[unused]: c.md

```
[in code](nosuch.md) [r]
```
Again [inline](a.md) and [@gildir2019].
"""


def test_every_link_the_parser_makes_is_found_at_its_line() -> None:
    found = [(link.line, link.target, link.image, link.origin) for link in parse_body(BODY, 10).links]
    assert found == [
        (12, "a.md", False, "inline"),
        (12, "https://example.org/x", False, "inline"),
        (15, "/en/", False, "reference"),
        (17, "b.md", False, "reference"),
        (18, "/static/x.png", True, "reference"),
        (24, "a.md", False, "inline"),
    ]


def test_heading_ids_are_the_ids_the_page_gets() -> None:
    scan = scan_body("# 😀\n\n## 😀\n\n## Side effects\n\nText\n===\n", 1)
    assert scan.heading_ids == ["_1", "_2", "side-effects", "text"]
    assert scan.anchors == {"_1", "_2", "side-effects", "text"}


def test_a_link_to_an_emoji_headings_id_is_checked_against_the_pages_id(site_factory, capsys) -> None:
    body = "## 😀\n\nSee [above](#_1) and [not](#_).\n"
    root = site_factory({"content/en/advice.md": article(key="advice", slug="advice", body=body)})
    assert main(["--project", str(root), "--no-search"]) == 1
    links = [line for line in capsys.readouterr().err.splitlines() if line.startswith("content/en/advice.md")]
    assert [line for line in links if "[link]" in line] == [
        "content/en/advice.md:12: error [link] link to '#_': no heading with that id on this page"
    ]


def test_a_table_row_with_other_than_the_headers_cells_is_a_warning_at_its_line(site_factory, capsys) -> None:
    body = "Text.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| 1 |\n| `x|y` | z \\| w |\n"
    root = site_factory({"content/en/advice.md": article(key="advice", slug="advice", body=body)})
    main(["--project", str(root), "--no-search"])
    tables = [line for line in capsys.readouterr().err.splitlines() if "[table]" in line]
    assert tables == [
        "content/en/advice.md:14: warning [table] table row has 3 cells but its header has 2: "
        "the extra cells are not shown",
        "content/en/advice.md:15: warning [table] table row has 1 cells but its header has 2: "
        "the missing cells are left empty",
    ]


def test_rows_in_code_or_outside_tables_are_not_counted() -> None:
    body = "```\n| a | b |\n|---|---|\n| 1 |\n```\n\n    | a | b |\n    |---|---|\n    | 1 |\n\n| a |\n"
    assert uneven_rows(body, 1) == []


def test_a_nul_or_other_control_character_is_an_error_at_its_line(site_factory, capsys) -> None:
    body = "Text.\n\nA NUL\x00 here.\n\nFine.\n\nEscape \x1b[31m and next line \x85.\n"
    root = site_factory({"content/en/advice.md": article(key="advice", slug="advice", body=body)})
    assert main(["--project", str(root), "--no-search"]) == 1
    hint = "in the text: delete it (it is invisible in most editors; search for it or retype the line)"
    assert [line for line in capsys.readouterr().err.splitlines() if "[characters]" in line] == [
        f"content/en/advice.md:12: error [characters] control character U+0000 {hint}",
        f"content/en/advice.md:16: error [characters] control character U+001B {hint}",
    ]
    assert not (root / "_site").exists()


# --- reference-style links and images, generated ---------------------------------------

ids = st.text(alphabet="abc XY", min_size=1, max_size=5).filter(
    lambda t: t == t.strip() != "" and "  " not in t
)
targets = st.sampled_from(
    ["a.md", "b.md#x", "/en/", "https://example.org/p", "/static/i.png", "javascript:x"]
)


@st.composite
def reference_bodies(draw: st.DrawFn) -> tuple[str, list[tuple[str, bool, str]]]:
    """Return a body of reference-style links and images and the (id, image, target) used."""
    names = draw(st.lists(ids, min_size=1, max_size=4, unique_by=lambda t: " ".join(t.split()).lower()))
    defs = {name: draw(targets) for name in names}
    used = draw(
        st.lists(st.tuples(st.sampled_from(names), st.booleans(), st.booleans()), min_size=1, max_size=6)
    )
    words = []
    for name, image, short in used:
        bang = "!" if image else ""
        words.append(f"{bang}[{name}]" if short else f"{bang}[text {len(words)}][{name}]")
    # Definitions before or after their use, in any order, after a blank line.
    order = draw(st.permutations(names))
    lines = [" and ".join(words) + ".", ""] + [f"[{name}]: {defs[name]}" for name in order]
    if draw(st.booleans()):
        lines = lines[2:] + [""] + lines[:2]
    return "\n".join(lines) + "\n", [(name, image, defs[name]) for name, image, _ in used]


@given(case=reference_bodies())
@settings(max_examples=80, deadline=None, derandomize=True, database=None)
def test_any_reference_style_link_or_image_is_found_at_its_definition(
    case: tuple[str, list[tuple[str, bool, str]]],
) -> None:
    body, used = case
    lines = body.split("\n")
    found = [(link.line, link.target, link.image) for link in parse_body(body, 1).links]
    wanted = [(lines.index(f"[{name}]: {target}") + 1, target, image) for name, image, target in used]
    assert found == wanted
