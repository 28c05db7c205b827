"""The benchmark's corpus: every article paired with a translation that passes the checks."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.corpus import key_of, make_corpus, make_project, with_menu
from bench.pairs import figure, markers_in, reserved, split, written
from sitegen.cli import main

ARTICLES = 8
NEVER = re.compile(r"(?<!\w)aldrig(?!\w)")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return a small corpus and the project made from it."""
    root = tmp_path_factory.mktemp("bench")
    corpus = make_corpus(root / "corpus", ARTICLES)
    return corpus, make_project(root / "site", corpus)


def articles(root: Path, lang: str) -> dict[str, str]:
    """Return each article of a language by file name."""
    return {f.name: f.read_text("utf-8") for f in sorted((root / "content" / lang).glob("*.md"))}


def test_the_pairs_pass_every_check(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _corpus, site = project
    assert main(["--project", str(site), "check", "--strict"]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    # The counts of strings and data texts are the project's own, whatever they are today.
    translated = r"strings 100% translated \((\d+)/\1\); data texts 100% \((\d+)/\2\)"
    lines = out.out.splitlines()
    assert len(lines) == 3
    assert re.fullmatch(
        f"sv \\(Swedish\\): pages {ARTICLES}/{ARTICLES} up to date, 0 outdated, 0 unmarked, 0 missing, "
        f"0 orphan; {translated}",
        lines[0],
    )
    assert re.fullmatch(f"en \\(English\\): {ARTICLES} source articles; {translated}", lines[1])
    assert lines[2] == "0 error(s), 0 warning(s)"


def test_every_article_has_its_translation(project: tuple[Path, Path]) -> None:
    _corpus, site = project
    sv, en = articles(site, "sv"), articles(site, "en")
    assert len(sv) == len(en) == ARTICLES
    assert sorted(key_of(t) for t in sv.values()) == sorted(key_of(t) for t in en.values())
    assert all(re.search(r'^source_hash: "[0-9a-f]{12}"$', t, re.M) for t in sv.values())
    assert not any("source_hash" in t for t in en.values())


def test_a_broken_pair_is_caught(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The checks compare real structure: one list item fewer in a translation is an error."""
    _corpus, site = project
    name, text = next((n, t) for n, t in articles(site, "sv").items() if "\n- " in t)
    path = site / "content" / "sv" / name
    try:
        path.write_text(text.replace("\n- ", "\n", 1), "utf-8")
        assert main(["--project", str(site), "check"]) == 1
    finally:
        path.write_text(text, "utf-8")
    assert re.search(
        rf"^content/sv/{name}:\d+: error \[structure\] list items differ", capsys.readouterr().out, re.M
    )


def test_two_paragraphs_added_are_an_error_not_a_crash(
    project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus, site = project
    name, text = next(iter(articles(site, "sv").items()))
    front, body = split(text)
    first = body.strip("\n").split("\n\n")[0]
    path = site / "content" / "sv" / name
    try:
        path.write_text(front + body.replace(first, f"{first}\n\n{first}\n\n{first}", 1), "utf-8")
        assert main(["--project", str(site), "check"]) == 1
    finally:
        path.write_text(text, "utf-8")
    out, err = capsys.readouterr()
    assert err == ""
    assert re.search(
        rf"^content/sv/{name}:\d+: error \[completeness\] paragraphs differ from the English version in "
        r"the introduction: 3 here, 1 there; this one has no counterpart in content/en/",
        out,
        re.M,
    )


def test_a_dropped_negation_is_caught(project: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The translations carry their sources' marker words: one 'aldrig' taken out is an error."""
    _corpus, site = project
    name, text = next((n, t) for n, t in articles(site, "sv").items() if NEVER.search(split(t)[1]))
    front, body = split(text)
    at = front.count("\n") + body[: NEVER.search(body).start()].count("\n") + 1  # type: ignore[union-attr]
    path = site / "content" / "sv" / name
    try:
        path.write_text(front + NEVER.sub("också", body, count=1), "utf-8")
        assert main(["--project", str(site), "check"]) == 1
    finally:
        path.write_text(text, "utf-8")
    found = re.findall(
        rf"^content/sv/{name}:(\d+): error \[polarity\] negation words differ from the English ",
        capsys.readouterr().out,
        re.M,
    )
    assert found == [str(at)]


def test_the_source_has_marker_words_to_carry(project: tuple[Path, Path]) -> None:
    corpus, _site = project
    found = markers_in("".join(split(t)[1] for t in articles(corpus, "en").values()), "en")
    assert {"negation", "more", "less", "common"} <= set(found)


def test_the_menu_lists_the_corpus_articles() -> None:
    config = "menu:\n  - id: a\n    pages: [x, y]\n  - id: b\n    pages: [z]\nabout_page: z\n"
    assert with_menu(config, ["k1", "k2", "k3", "k4"]) == (
        "menu:\n  - id: a\n    pages: [k1, k3]\n  - id: b\n    pages: [k2]\nabout_page: k2\n"
    )
    assert with_menu(config, ["k1", "k2"]).count("pages: [k1]") == 1


def test_both_languages_state_the_same_figures_their_own_way(project: tuple[Path, Path]) -> None:
    corpus, _site = project
    sv = "".join(articles(corpus, "sv").values())
    en = "".join(articles(corpus, "en").values())
    decimals_sv = re.findall(r"\b\d+,\d %", sv)
    decimals_en = re.findall(r"\b\d+\.\d%", en)
    assert decimals_sv and sorted(d.replace(",", ".").replace(" ", "") for d in decimals_sv) == sorted(
        decimals_en
    )


def test_the_peers_and_we_build_the_same_text(project: tuple[Path, Path]) -> None:
    """Our project differs from the shared-layout corpus only in the front matter."""
    corpus, site = project
    for lang in ("sv", "en"):
        ours, theirs = articles(site, lang), articles(corpus, lang)
        assert ours.keys() == theirs.keys()
        for name in ours:
            assert split(ours[name])[1] == split(theirs[name])[1], name


def test_figures_are_written_as_each_language_writes_them() -> None:
    assert [written(n, "sv") for n in (20, 125, 12000)] == ["2", "12,5 %", "1 200"]
    assert [written(n, "en") for n in (20, 125, 12000)] == ["2", "12.5%", "1,200"]


@given(st.integers())
def test_no_figure_is_an_emergency_number(seed: int) -> None:
    value = figure(random.Random(seed))
    assert (
        not {int(g) for lang in ("sv", "en") for g in re.findall(r"\d+", written(value, lang))} & reserved()
    )
