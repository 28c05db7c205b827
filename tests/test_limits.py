"""Limits: odd and extreme inputs build, or are refused with an error at their line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.markup.limits import MAX_NESTING
from tests.conftest import REPO, article, make_site, published

ADVICE = "content/en/advice.md"


def build(root: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--project", str(root), "--no-search", *extra])
    return status, capsys.readouterr().err.splitlines()


def test_an_empty_file_is_refused(site_factory, capsys) -> None:
    root = site_factory({"content/en/empty.md": ""})
    status, err = build(root, capsys)
    assert status == 1
    assert (
        "content/en/empty.md:1: error [front-matter] missing front matter: the file must start with a '---' line"
        in err
    )


def test_a_file_with_only_front_matter_parses_and_is_refused_as_unfinished(site_factory, capsys) -> None:
    text = article(key="advice", slug="advice", body="").rstrip("\n")  # not even a final newline
    assert text.endswith("\n---")
    root = site_factory({ADVICE: text, "content/en/about-needles.md": None, "content/sv/om-nalar.md": None})
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"{ADVICE}:10: error [unfinished] the article has no text: write it below the front matter "
        "(or keep 'draft: true' until the article is ready)"
    ) in err
    assert not any("[front-matter]" in line for line in err)


def test_an_unclosed_front_matter_is_refused(site_factory, capsys) -> None:
    root = site_factory({ADVICE: "---\ntitle: Advice\n"})
    status, err = build(root, capsys)
    assert status == 1
    assert f"{ADVICE}:1: error [front-matter] front matter is not closed by a '---' line" in err


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("bom", lambda text: b"\xef\xbb\xbf" + text.encode()),
        ("crlf", lambda text: text.replace("\n", "\r\n").encode()),
        ("bom-and-crlf", lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()),
        ("cr", lambda text: text.replace("\n", "\r").encode()),
    ],
)
def test_a_bom_and_windows_line_endings_build_the_same_site(site_factory, capsys, name: str, encode) -> None:
    plain = site_factory()
    assert build(plain, capsys)[0] == 0
    text = (plain / ADVICE).read_text(encoding="utf-8")
    root = site_factory({ADVICE: encode(text)})
    status, err = build(root, capsys)
    assert status == 0, err
    assert published(root / "_site") == published(plain / "_site")


def test_a_bom_in_a_data_set_and_a_catalogue_is_read(site_factory, capsys) -> None:
    plain = site_factory()
    assert build(plain, capsys)[0] == 0
    files: dict[str, str | bytes] = {}
    for rel in ("content/data/effects.yaml", "locales/sv/LC_MESSAGES/messages.po"):
        files[rel] = b"\xef\xbb\xbf" + (plain / rel).read_bytes().replace(b"\n", b"\r\n")
    root = site_factory(files)
    status, err = build(root, capsys)
    assert status == 0, err
    assert published(root / "_site") == published(plain / "_site")


def test_lists_nested_to_the_limit_build_and_deeper_ones_are_refused(site_factory, capsys) -> None:
    at_limit = "".join("    " * i + "- item\n" for i in range(MAX_NESTING))
    root = site_factory({"content/en/deep.md": article(key="deep", slug="deep", body=at_limit)})
    status, err = build(root, capsys)
    assert status == 0, err
    deeper = "".join("    " * i + "- item\n" for i in range(1000))
    root = site_factory({"content/en/deep.md": article(key="deep", slug="deep", body=deeper)})
    status, err = build(root, capsys)
    assert status == 1
    line = 10 + MAX_NESTING + 1  # the body starts on line 10
    message = f"lists or quotes nested more than {MAX_NESTING} levels deep cannot be built"
    assert f"content/en/deep.md:{line}: error [limits] {message}" in err


def test_quotes_nested_too_deeply_are_refused(site_factory, capsys) -> None:
    root = site_factory(
        {ADVICE: article(key="advice", slug="advice", body="Text.\n\n" + "> " * 5000 + "deep\n")}
    )
    status, err = build(root, capsys)
    assert status == 1
    message = f"lists or quotes nested more than {MAX_NESTING} levels deep cannot be built"
    assert f"{ADVICE}:12: error [limits] {message}" in err


def test_a_paragraph_of_unclosed_brackets_is_refused_rather_than_converted_for_minutes(
    site_factory, capsys
) -> None:
    # Python-Markdown needs about six minutes for 40,000 '[' in one paragraph.
    root = site_factory(
        {ADVICE: article(key="advice", slug="advice", body="Text.\n\n" + "[" * 40_000 + "\n")}
    )
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"{ADVICE}:12: error [limits] too many '[' in long paragraphs for Markdown to convert in reasonable "
        "time: close the brackets or split the paragraph"
    ) in err


def test_many_links_in_ordinary_paragraphs_are_within_the_limit(site_factory, capsys) -> None:
    paragraph = "See [the advice](advice.md) and [the needles](about-needles.md#side-effects) here.\n\n"
    root = site_factory({"content/en/links.md": article(key="links", slug="links", body=paragraph * 3000)})
    status, err = build(root, capsys)
    assert status == 0, err


@pytest.mark.parametrize(
    ("rel", "text", "line"),
    [
        (ADVICE, "---\ntitle: " + "[" * 50_000 + "\n---\n", 2),
        ("content/data/effects.yaml", "title: " + "{a: " * 50_000 + "\n", 1),
        ("content/data/effects.yaml", "- " * 50_000 + "x\n", 1),
    ],
)
def test_yaml_nested_too_deeply_is_refused_without_crashing(site_factory, capsys, rel, text, line) -> None:
    # libyaml's composer recurses in C: unchecked, this nesting ends the process (SIGSEGV).
    root = site_factory({rel: text})
    status, err = build(root, capsys)
    assert status == 1
    check = "front-matter" if rel == ADVICE else "data"
    assert f"{rel}:{line}: error [{check}] lists or mappings nested more than 100 deep" in err


@pytest.mark.slow
def test_a_10_mb_article_builds(site_factory, capsys) -> None:
    # About 15 s (bench/ measures speed; this shows it completes and is whole).
    paragraph = "Dry needling uses thin needles. It is **often** used for [pain](https://example.org).\n\n"
    body = "## Start\n\n" + paragraph * (10_000_000 // len(paragraph)) + "The end.\n"
    root = site_factory({"content/en/huge.md": article(key="huge", slug="huge", body=body)})
    assert (root / "content/en/huge.md").stat().st_size > 10_000_000
    status, err = build(root, capsys)
    assert status == 0, err
    page = (root / "_site/en/huge/index.html").read_bytes()
    assert page.count(b"<p>Dry needling uses thin needles.") == 10_000_000 // len(paragraph)
    assert b"<p>The end.</p>" in page


@pytest.mark.slow
def test_10000_articles_build(tmp_path: Path) -> None:
    # About 20 s without the search index (bench/ measures speed; this shows it completes).
    files: dict[str, str | bytes] = {}
    for i in range(5000):
        for lang in ("en", "sv"):
            files[f"content/{lang}/a{i}.md"] = article(f"Article {i}", f"a{i}", f"a{i}", "Some text.\n")
    root = make_site(tmp_path / "site", files)
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-cache", "--no-search"],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(list((root / "_site").glob("*/a[0-9]*/index.html"))) == 10_000
