"""Fuzzing: every generated input either builds or is refused cleanly, never a crash.

Front matter, Markdown bodies, data set YAML and .po catalogues are generated with
Hypothesis and built in-process. A build must end with exit status 0, or with 1 and
only `path:line: severity [check] message` lines (and the closing summary) on stderr; it
must not hang, and a failed build must leave the previous _site/ byte for byte.

The suite runs a few examples per test (profile "ci", fixed seed). A longer local run:
    SITEGEN_FUZZ=long python3 -m pytest tests/test_fuzz.py      # 100 examples per test, under 15 min
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from tests.conftest import make_site, tree

settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("SITEGEN_FUZZ", "ci")

PROBLEM_LINE = re.compile(r"^[^:]+(:\d+)?: (error|warning) \[[a-z-]+\] .+")
SUMMARY_LINE = re.compile(r"^build failed: \d+ problem\(s\); the previous site was left as it was$")
SECONDS_PER_BUILD = 60  # a build of the tiny site takes well under a second


class Hang(Exception):
    """A build ran for longer than any tiny site needs."""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once; each example starts from a copy of it."""
    root = make_site(tmp_path_factory.mktemp("fuzz") / "site")
    assert main(["--project", str(root), "--no-search", "--no-cache"]) == 0
    return root


@contextlib.contextmanager
def copy_of(base: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(base, root, symlinks=True)
        yield root


def build_and_judge(root: Path) -> int:
    """Build root in-process; assert the outcome is a clean success or a clean refusal."""
    before = tree(root / "_site")
    err = io.StringIO()

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"the build took more than {SECONDS_PER_BUILD} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(SECONDS_PER_BUILD)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["--project", str(root), "--no-search", "--no-cache"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    lines = err.getvalue().splitlines()
    assert status in (0, 1)
    assert "Traceback" not in err.getvalue()
    odd = [line for line in lines if not (PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line))]
    assert odd == [], "stderr lines not in the path:line: severity [check] message form"
    # The templates are untouched: a template error here is a fault of the generator.
    assert not [line for line in lines if "[template]" in line]
    assert not [p for p in root.iterdir() if p.name.startswith("._site.")]
    if status == 1:
        assert any(SUMMARY_LINE.match(line) for line in lines)
        assert tree(root / "_site") == before
    else:
        assert (root / "_site/sitemap.xml").is_file()
    return status


# --- strategies -------------------------------------------------------------------------

MARKDOWN_PIECES = [
    *"abcé #*_[]()!`<>:@\n\t-+.|~\\&;/\"'=%{}",
    "\n\n", "\r\n", "\ufeff", "\x00", "    ", "1. ", "- ", "> ", "## ", "```", "~~~", "---",
    "::: dataset effects", "::: dataset ", "::: evidence low", "::: evidence ", "::: ", "[@gildir2019]",
    "[@nope]", "[link](advice.md)", "[link](advice.md#after-treatment)", "](", "![x](/static/x.png)",
    "[x](https://example.org)", "[x][r]", "[r]: https://example.org", "| a | b |\n|---|---|\n| 1 | 2 |",
    "&#106;", "&amp;", "<!--", "-->", "[TOC]", "***", "__", "\u2028",
    # reference-style links and images, with targets good and bad
    "[a][R]", "[R]", "![i][img]", "![i][R]", "[r][]", "\n[R]: advice.md#after-treatment", "\n[img]: /static/x.png",
    "\n[R]: javascript:alert(1)", "\n[img]: https://evil.example/t.png", "\n[R]: //evil.example/",
    "\n[img]: /static/../../etc/passwd", "\n[R]: nosuch.md", "\n[R]: /nosuch/", "\n  [R]:\n  <advice.md>",
    "<https://example.org/a>", "<a@example.org>", "| a |\n|---|\n| 1 | 2 | 3 |",
    # control characters
    "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f",
]  # fmt: skip
markdown_bodies = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=60).map("".join)

SCHEMA_KEYS = [
    "title", "description", "translation_key", "slug", "published", "last_reviewed", "next_review",
    "references", "order", "draft", "source_hash",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.text(max_size=30),
    st.sampled_from(["about-needles", "gildir2019", "2026-11-21", "0123456789ab", "../x", "a b", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
VALID_FRONT = {
    "title": "About the needles",
    "description": "How the needles are used.",
    "translation_key": "needles",
    "slug": "about-needles",
    "published": "2026-11-01",
    "last_reviewed": "2026-11-21",
    "next_review": "2027-11-21",
    "references": ["gildir2019"],
}


@st.composite
def anchored_yaml(draw: st.DrawFn) -> str:
    """Return YAML with anchors and aliases: a plain one, a nested 'billion laughs', merge keys."""
    name = draw(st.sampled_from(["a", "x1", "long_name"]))
    levels = draw(st.integers(1, 9))
    lines = [f"l0: &{name}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &{name}{i} [{', '.join([f'*{name}{i - 1}'] * 9)}]")
    extra = draw(
        st.sampled_from(
            ["", f"title: *{name}0", "m: &m {k: v}\nn:\n  <<: *m", f"t: !!str &{name}9 x", f"ref: *{name}"]
        )
    )
    head = draw(st.sampled_from(["", "title: T\n", "- item\n"]))
    return head + "\n".join(lines) + "\n" + extra + "\n"


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """Return YAML front matter: the valid one with keys changed, added or dropped, or raw text."""
    if draw(st.integers(0, 4)) == 0:
        raw = st.lists(st.sampled_from([*"ab:- '\"[]{}#&*!|>%@`\t\n", "---", ": ", "\n- "]), max_size=40)
        return draw(raw.map("".join))
    if draw(st.integers(0, 4)) == 0:
        return draw(anchored_yaml())
    front: dict[object, object] = dict(VALID_FRONT)
    for key in draw(st.lists(st.sampled_from(SCHEMA_KEYS), max_size=3)):
        front[key] = draw(values)
    for key in draw(st.lists(st.sampled_from(SCHEMA_KEYS), max_size=2)):
        front.pop(key, None)
    front.update(draw(st.dictionaries(st.text(max_size=10), values, max_size=2)))
    return yaml.safe_dump(front, allow_unicode=draw(st.booleans()), sort_keys=False)


FIELD_TYPES = [
    "text",
    "string",
    "number",
    "integer",
    "percent",
    "year",
    "date",
    "url",
    "doi",
    "code",
    "enum",
    "ref",
]


@st.composite
def data_sets(draw: st.DrawFn) -> str:
    """Return a data set file: a plausible one with faults in it, or any YAML at all."""
    if draw(st.integers(0, 4)) == 0:
        return yaml.safe_dump(draw(values), allow_unicode=True)
    if draw(st.integers(0, 5)) == 0:
        return draw(anchored_yaml())
    names = draw(
        st.lists(st.sampled_from(["a", "b", "id", "c-d", "x y"]), min_size=1, max_size=3, unique=True)
    )
    fields = {}
    for name in names:
        spec: dict[str, object] = {
            "type": draw(st.sampled_from([*FIELD_TYPES, "nope"])),
            "label": draw(st.one_of(st.sampled_from(["Label", "Share (%)", "<b>x</b>", ""]), values)),
        }
        if draw(st.booleans()):
            spec["values"] = draw(st.one_of(st.just({"m": "Mild"}), values))
        if draw(st.booleans()):
            spec["optional"] = draw(values)
        fields[name] = spec
    entries = draw(
        st.lists(
            st.dictionaries(
                st.sampled_from([*names, "id", "other"]),
                st.one_of(values, st.just({"sv": "Text", "en": "Text"}), st.just("m")),
                max_size=4,
            ),
            max_size=3,
        )
    )
    data: dict[str, object] = {"title": {"sv": "T", "en": "T"}, "fields": fields, "entries": entries}
    if draw(st.booleans()):
        data[draw(st.sampled_from(["display", "note", "as_of", "extra"]))] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


po_texts = st.lists(
    st.sampled_from(
        [
            *"ab %()sd{}\\\"\n\tå<>&'",
            "%(date)s",
            "%s",
            "%%",
            "{0}",
            "\\n",
            '\\"',
            "<b>",
            "&amp;",
            "&#34;",
            '" onmouseover="alert(1)" x="',
            "' onfocus='alert(1)",
            "R&D",
            "\x01",
        ]
    ),  # fmt: skip
    max_size=20,
).map("".join)


@st.composite
def catalogues(draw: st.DrawFn, original: str) -> str:
    """Return the Swedish catalogue with some msgstr replaced and some lines broken."""
    lines = original.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["msgstr", "raw", "delete", "insert"]))
        text = draw(po_texts)
        if kind == "msgstr" and lines[index].startswith("msgstr "):
            escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            lines[index] = f'msgstr "{escaped}"'
        elif kind == "raw":
            lines[index] = text
        elif kind == "delete":
            del lines[index]
        else:
            lines.insert(index, text)
    return "\n".join(lines)


# --- the tests --------------------------------------------------------------------------


@settings(settings.get_profile(PROFILE))
@given(front=front_matters(), body=markdown_bodies)
def test_any_front_matter_builds_or_is_refused_cleanly(base: Path, front: str, body: str) -> None:
    with copy_of(base) as root:
        (root / "content/en/about-needles.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        build_and_judge(root)


@pytest.mark.slow
@settings(settings.get_profile(PROFILE))
@given(body=markdown_bodies)
def test_any_markdown_body_builds_or_is_refused_cleanly(base: Path, body: str) -> None:
    with copy_of(base) as root:
        path = root / "content/en/about-needles.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\n---\n", 1)[0] + "\n---\n" + body, encoding="utf-8")
        build_and_judge(root)


@settings(settings.get_profile(PROFILE))
@given(data=data_sets())
def test_any_data_set_builds_or_is_refused_cleanly(base: Path, data: str) -> None:
    with copy_of(base) as root:
        (root / "content/data/effects.yaml").write_text(data, encoding="utf-8")
        build_and_judge(root)


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_any_catalogue_builds_or_is_refused_cleanly(base: Path, data: st.DataObject) -> None:
    with copy_of(base) as root:
        path = root / "locales/sv/LC_MESSAGES/messages.po"
        path.write_text(data.draw(catalogues(path.read_text(encoding="utf-8"))), encoding="utf-8")
        build_and_judge(root)


@settings(settings.get_profile(PROFILE))
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_an_article_build_or_are_refused_cleanly(base: Path, raw: bytes) -> None:
    with copy_of(base) as root:
        (root / "content/en/about-needles.md").write_bytes(raw)
        build_and_judge(root)


@settings(settings.get_profile(PROFILE))
@given(text=anchored_yaml(), where=st.sampled_from(["site.yaml", "locales/glossary.yaml"]))
def test_anchors_and_aliases_in_the_configuration_are_refused_cleanly(
    base: Path, text: str, where: str
) -> None:
    with copy_of(base) as root:
        path = root / where
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
        assert build_and_judge(root) == 1
