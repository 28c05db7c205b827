"""`python build.py new`: a new article in both languages, ready to write."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from sitegen.checks.outdated import source_hash
from sitegen.commands.new import ask_titles, one_year_later, scaffold, slugify, yaml_text
from sitegen.config import load_config
from sitegen.content import parse_article
from sitegen.problems import BuildFailed


def run(root: Path, *args: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """Run build.py on the project in root."""
    command = [sys.executable, "build.py", "--project", str(root), *args]
    return subprocess.run(command, cwd=REPO, stdin=stdin, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Nålar och öm muskel", "nalar-och-om-muskel"),
        ("Är det säkert?", "ar-det-sakert"),
        ("Neck pain: what helps", "neck-pain-what-helps"),
        ("  Café -- crème  ", "cafe-creme"),
        ("Smärta i käken efter 2 veckor", "smarta-i-kaken-efter-2-veckor"),
    ],
)
def test_slugs_come_from_titles(title, slug):
    assert slugify(title) == slug


def test_next_review_is_a_year_later_and_a_leap_day_becomes_28_february():
    assert one_year_later(dt.date(2026, 11, 21)) == dt.date(2027, 11, 21)
    assert one_year_later(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@pytest.mark.parametrize(
    "title", ["Nackont", "Dry needling: vad är det?", "'Citat'", "yes", "[1] fel", "# rubrik"]
)
def test_titles_are_written_so_that_they_read_back_the_same(title):
    text = f"---\ntitle: {yaml_text(title)}\n"
    text += "description: D\ntranslation_key: k\nslug: k\npublished: 2026-11-21\n"
    text += "last_reviewed: 2026-11-21\nnext_review: 2027-11-21\n---\n"
    parsed, problems = parse_article(text, "content/sv/k.md", "sv")
    assert problems == []
    assert parsed.title == title


def test_new_writes_both_articles_with_their_front_matter_and_prints_their_paths(site_factory):
    root = site_factory()
    done = run(root, "new", "neck-pain", "--sv-title", "Nackont och huvudvärk", "--en-title", "Neck pain")
    assert done.returncode == 0, done.stderr
    sv = root / "content" / "sv" / "neck-pain.md"
    en = root / "content" / "en" / "neck-pain.md"
    assert done.stdout.splitlines() == [
        str(sv),
        str(en),
        "Link to it from another article in the same language as:",
        "  sv: [Nackont och huvudvärk](neck-pain.md)",
        "  en: [Neck pain](neck-pain.md)",
        "It is a draft: see it with `python3 build.py serve`, publish it by removing its `draft:` line.",
    ]
    today = dt.date.today()
    dates = f"published: {today}\nlast_reviewed: {today}\nnext_review: {one_year_later(today)}\n"
    draft = "references: []\ndraft: true  # remove this line to publish the article\n"
    assert en.read_text("utf-8") == (
        "---\ntitle: Neck pain\ndescription: Write one or two sentences on what the article covers.\n"
        f"translation_key: neck-pain\nslug: neck-pain\n{dates}{draft}---\n\n"
    )
    source, _problems = parse_article(en.read_text("utf-8"), "content/en/neck-pain.md", "en")
    assert sv.read_text("utf-8") == (
        "---\ntitle: Nackont och huvudvärk\n"
        "description: Skriv en eller två meningar om vad artikeln handlar om.\n"
        f"translation_key: neck-pain\nslug: nackont-och-huvudvark\n{dates}{draft}"
        f'source_hash: "{source_hash(source)}"\n---\n\n'
    )


def test_new_output_builds_and_passes_check_once_its_text_is_written(site_factory):
    root = site_factory()
    done = run(root, "new", "neck-pain", "--sv-title", "Nackont", "--en-title", "Neck pain")
    assert done.returncode == 0, done.stderr
    sv, en = (Path(line) for line in done.stdout.splitlines()[:2])
    # As scaffolded it is a draft: the site builds without it.
    assert run(root, "--no-search").returncode == 0
    assert not (root / "_site" / "en" / "neck-pain").exists()

    def write(path: Path, description: str, body: str) -> None:
        text = path.read_text("utf-8")
        text = text.replace("draft: true  # remove this line to publish the article\n", "")
        start = text.index("description: ")
        text = text[:start] + f"description: {description}" + text[text.index("\n", start) :]
        path.write_text(text + body, "utf-8")

    write(
        en,
        "How neck pain and headache can go together.",
        "## What it is\n\nNeck pain can come with headache.\n",
    )
    write(
        sv, "Hur nackont och huvudvärk kan höra ihop.", "## Vad det är\n\nNackont kan komma med huvudvärk.\n"
    )
    marked = run(root, "check", "--mark-updated", str(sv))  # the translator says: up to date
    assert marked.returncode == 0, marked.stderr
    built = run(root, "--no-search")
    assert built.returncode == 0, built.stderr
    assert "Neck pain can come with headache." in (root / "_site/en/neck-pain/index.html").read_text("utf-8")
    assert "Nackont kan komma med huvudvärk." in (root / "_site/sv/nackont/index.html").read_text("utf-8")
    checked = run(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    output = (checked.stdout + checked.stderr).splitlines()
    assert [line for line in output if "neck-pain.md" in line] == []


def test_new_refuses_to_overwrite_and_writes_nothing(site_factory):
    root = site_factory({"content/sv/neck-pain.md": "mine\n"})
    done = run(root, "new", "neck-pain", "--sv-title", "Nackont", "--en-title", "Neck pain")
    assert done.returncode == 1
    assert done.stderr == (
        "content/sv/neck-pain.md: error [new] the file exists already; refusing to overwrite it\n"
        "new: nothing was written\n"
    )
    assert (root / "content" / "sv" / "neck-pain.md").read_text("utf-8") == "mine\n"
    assert not (root / "content" / "en" / "neck-pain.md").exists()


def test_new_refuses_a_key_or_slug_in_use(site_factory):
    root = site_factory()
    done = run(
        root, "new", "needles", "--sv-title", "Om nålar", "--en-title", "Neck pain", "--sv-slug", "om-nalar"
    )
    assert done.returncode == 1
    assert done.stderr == (
        "content/en/about-needles.md:4: error [new] translation_key 'needles' is already used here\n"
        "content/sv/om-nalar.md: error [new] the file exists already; refusing to overwrite it\n"
        "content/sv/om-nalar.md:4: error [new] translation_key 'needles' is already used here\n"
        "content/sv/om-nalar.md:5: error [new] slug 'om-nalar' is already used here\n"
        "new: nothing was written\n"
    )


def test_new_refuses_a_key_that_is_not_lowercase_words(site_factory):
    done = run(site_factory(), "new", "Neck pain", "--sv-title", "Nackont", "--en-title", "Neck pain")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "Neck pain: error [new] the key must be lowercase letters, digits and hyphens"
    )


def test_new_without_titles_and_without_a_terminal_fails_clearly(site_factory):
    root = site_factory()
    done = run(root, "new", "neck-pain", "--en-title", "Neck pain")
    assert done.returncode == 1
    assert done.stderr == (
        "new: error [new] give a title with --sv-title (not run in a terminal)\nnew: nothing was written\n"
    )
    assert sorted(p.name for p in (root / "content" / "en").glob("*.md")) == ["about-needles.md", "advice.md"]


def test_new_asks_for_the_titles_in_a_terminal(site_factory):
    root = site_factory()
    controller, terminal = os.openpty()
    try:
        os.write(controller, b"Nackont\nNeck pain\n")
        done = run(root, "new", "neck-pain", stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 0, done.stderr
    assert "Title in Svenska (sv): " in done.stdout
    assert "Title in English (en): " in done.stdout
    assert (root / "content" / "sv" / "neck-pain.md").read_text("utf-8").startswith("---\ntitle: Nackont\n")
    assert (root / "content" / "en" / "neck-pain.md").read_text("utf-8").startswith("---\ntitle: Neck pain\n")


def test_an_empty_answer_is_refused(site_factory):
    config = load_config(site_factory())
    with pytest.raises(BuildFailed) as failed:
        ask_titles(config, {"sv": "Nackont", "en": None}, interactive=True, ask=lambda _prompt: "  ")
    assert [str(p) for p in failed.value.problems] == ["new: error [new] the English title must not be empty"]


def test_scaffold_writes_into_the_project_given(site_factory):
    root = site_factory()
    paths = scaffold(root, "jaw", {"sv": "Käken", "en": "The jaw"}, today=dt.date(2028, 2, 29))
    assert paths == [root / "content/sv/jaw.md", root / "content/en/jaw.md"]
    assert "next_review: 2029-02-28\n" in paths[0].read_text("utf-8")


def test_a_slug_given_names_the_file_and_the_url(site_factory):
    root = site_factory()
    done = run(root, "new", "jaw", "--title", "sv=Käken", "--en-title=The jaw", "--slug", "sv=kaken")
    assert done.returncode == 0, done.stderr
    sv = (root / "content/sv/kaken.md").read_text("utf-8")
    assert "slug: kaken\n" in sv
    en = (root / "content/en/jaw.md").read_text("utf-8")
    assert "slug: the-jaw\n" in en
    assert "  sv: [Käken](kaken.md)" in done.stdout.splitlines()


def test_a_language_the_site_lacks_is_refused(site_factory):
    done = run(site_factory(), "new", "jaw", "--title", "fi=Leuka", "--sv-title", "K", "--en-title", "J")
    assert done.returncode == 1
    assert done.stderr == (
        "new: error [new] --title wants LANG=TITLE with LANG one of sv, en, not 'fi=Leuka'\n"
        "new: nothing was written\n"
    )
