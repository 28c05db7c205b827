"""Preview builds: drafts and warnings marked, what changed, and the error page."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from conftest import article, tree
from markupsafe import escape

import sitegen.build
from sitegen.build import build
from sitegen.cli import main
from sitegen.preview.banner import insert_banner, render_error_page
from sitegen.preview.builder import Outcome, PreviewBuilder, describe
from sitegen.problems import BuildFailed, error, has_errors, warning


def html_pages(folder: Path) -> dict[str, bytes]:
    """Return the HTML files below folder."""
    return {name: data for name, data in tree(folder).items() if name.endswith(".html")}


def test_pages_with_nothing_to_mark_are_exactly_those_of_a_normal_build(site_factory, tmp_path):
    root = site_factory()
    build(root, tmp_path / "site", search=False)
    outcome = PreviewBuilder(root, tmp_path / "preview").rebuild()
    assert outcome.ok and outcome.problems == []
    assert html_pages(tmp_path / "preview") == html_pages(tmp_path / "site")


def test_a_draft_is_built_and_marked_in_its_language(site_factory, tmp_path):
    root = site_factory(
        {"content/en/draft.md": article("Coming soon", key="soon", slug="soon", draft="true")}
    )
    assert PreviewBuilder(root, tmp_path / "preview").rebuild().ok
    page = (tmp_path / "preview" / "en" / "soon" / "index.html").read_text("utf-8")
    main = page.index("<main")
    banner = page.index('<div class="preview-banner" role="note"')
    assert page.index(">", main) + 2 == banner, "the banner opens <main>"
    assert (
        '<p class="preview-draft"><strong>Draft</strong>: This page is shown only in the preview. '
        "It is left out of the published site.</p>" in page
    )
    assert "preview-banner" not in (tmp_path / "preview" / "en" / "advice" / "index.html").read_text("utf-8")


def test_warnings_go_to_the_page_of_their_article(site_factory, tmp_path):
    root = site_factory()
    for name in ("content/en/advice.md", "content/sv/rad.md"):
        path = root / name
        path.write_text(
            path.read_text("utf-8").replace("order: 20\n", "order: 20\nreferences: [gildir2019]\n"), "utf-8"
        )
    outcome = PreviewBuilder(root, tmp_path / "preview").rebuild()
    assert outcome.ok
    expected = warning(
        "content/en/advice.md", 10, "reference 'gildir2019' is listed but never cited", "citation"
    )
    assert expected in outcome.problems
    page = (tmp_path / "preview" / "en" / "advice" / "index.html").read_text("utf-8")
    assert "<strong>Warnings from the checks</strong>" in page
    assert f"<li><code>{escape(str(expected))}</code></li>" in page
    assert "never cited" not in (tmp_path / "preview" / "en" / "index.html").read_text("utf-8")
    assert "content/en/advice.md" not in (tmp_path / "preview" / "sv" / "rad" / "index.html").read_text(
        "utf-8"
    )


def test_a_rebuild_names_the_pages_that_changed(site_factory, tmp_path):
    root = site_factory()
    builder = PreviewBuilder(root, tmp_path / "preview")
    first = builder.rebuild()
    assert {"sv/om-nalar/index.html", "en/advice/index.html"} <= set(first.changed)
    assert builder.rebuild().changed == []
    source = root / "content" / "en" / "advice.md"
    source.write_text(source.read_text("utf-8").replace("## ", "Rest for a day.\n\n## ", 1), "utf-8")
    changed = builder.rebuild().changed
    assert "en/advice/index.html" in changed
    assert "sv/om-nalar/index.html" not in changed and "en/about-needles/index.html" not in changed


def test_a_failed_rebuild_keeps_the_last_good_preview_and_sets_the_error_page(site_factory, tmp_path):
    root = site_factory()
    builder = PreviewBuilder(root, tmp_path / "preview")
    assert builder.rebuild().ok and builder.error_page is None
    before = tree(tmp_path / "preview")
    config = root / "site.yaml"
    good = config.read_text("utf-8")
    config.write_text("- a list, not a mapping\n", "utf-8")  # no site to render at all
    outcome = builder.rebuild()
    assert not outcome.ok
    assert tree(tmp_path / "preview") == before
    assert builder.error_page == outcome.error_page
    assert b"site.yaml:1: error [config] the configuration must be a mapping" in builder.error_page
    config.write_text(good, "utf-8")
    assert builder.rebuild().ok and builder.error_page is None


# A paragraph the Swedish article has and the English one does not: a translation in progress.
SV_END, ADDED_SV = "(rad.md#efter-behandlingen).", "Nålen sitter kvar en stund medan muskeln slappnar av."
EN_END, ADDED_EN = (
    "(advice.md#after-treatment) too.",
    "The needle stays in for a while as the muscle relaxes.",
)


def add_paragraph(path: Path, after: str, paragraph: str) -> int:
    """Add a paragraph after the text that ends one; return its line."""
    text = path.read_text("utf-8")
    assert after in text
    path.write_text(text.replace(after, f"{after}\n\n{paragraph}", 1), "utf-8")
    return path.read_text("utf-8").splitlines().index(paragraph) + 1


def test_a_swedish_paragraph_without_english_is_shown_with_an_error_banner_until_fixed(
    site_factory, tmp_path
):
    root = site_factory()
    sv, en = root / "content/sv/om-nalar.md", root / "content/en/about-needles.md"
    builder = PreviewBuilder(root, tmp_path / "preview")
    assert builder.rebuild().ok
    expected = error(
        "content/sv/om-nalar.md",
        add_paragraph(sv, SV_END, ADDED_SV),
        "paragraphs differ from the English version in section 'Biverkningar': 2 here, 1 there; "
        "this one has no counterpart in content/en/about-needles.md",
        "completeness",
    )
    outcome = builder.rebuild()
    assert outcome.ok and outcome.broken == [] and expected in outcome.problems
    page = (tmp_path / "preview/sv/om-nalar/index.html").read_text("utf-8")
    assert f"<p>{ADDED_SV}</p>" in page, "the work in progress is shown"
    errors = page[page.index('<div class="preview-errors">') :]
    errors = errors[: errors.index("</div>")]
    assert '<p class="preview-errors-title"><strong>Fel från kontrollerna</strong>: ' in errors
    assert f"<li><code>{escape(str(expected))}</code></li>" in errors
    assert "preview-banner" not in (tmp_path / "preview/en/about-needles/index.html").read_text("utf-8")
    # Publishing refuses the same problem as before: exit status 1 and nothing written.
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "site", search=False)
    assert expected in failed.value.problems and not (tmp_path / "site").exists()
    assert main(["--project", str(root), "check"]) == 1

    # The English paragraph is written, then the translation marked up to date: the banner goes.
    add_paragraph(en, EN_END, ADDED_EN)
    outcome = builder.rebuild()
    assert outcome.ok and not has_errors(outcome.problems)
    assert "preview-errors" not in (tmp_path / "preview/sv/om-nalar/index.html").read_text("utf-8")
    assert main(["--project", str(root), "check", "--mark-updated", "content/sv/om-nalar.md"]) == 0
    assert builder.rebuild().ok
    page = (tmp_path / "preview/sv/om-nalar/index.html").read_text("utf-8")
    assert "preview-banner" not in page and f"<p>{ADDED_SV}</p>" in page


def test_a_page_that_cannot_be_rendered_gets_its_error_page_and_the_rest_is_served(site_factory, tmp_path):
    root = site_factory()
    builder = PreviewBuilder(root, tmp_path / "preview")
    assert builder.rebuild().ok
    source = root / "content/sv/rad.md"
    good = source.read_text("utf-8")
    source.write_text(good.replace("title:", "titel:", 1), "utf-8")  # the article cannot be read
    outcome = builder.rebuild()
    assert outcome.ok and builder.error_page is None and outcome.broken == ["sv/rad/index.html"]
    assert "sv/rad/index.html" in outcome.changed, "the browser showing it reloads"
    problem = "content/sv/rad.md:2: error [front-matter] unknown front-matter key &#39;titel&#39;"
    for path in ("sv/rad/", "/sv/rad", "sv/rad/index.html"):
        page = builder.broken_page(path)
        assert page is not None and problem.encode() in page
        assert b'<h1 style="color:#b91c1c">This page cannot be rendered</h1>' in page
    assert builder.broken_page("sv/om-nalar/") is None and builder.broken_page("") is None
    assert not (tmp_path / "preview/sv/rad").exists()
    assert "Om nålarna" in (tmp_path / "preview/sv/om-nalar/index.html").read_text("utf-8")
    assert problem in (tmp_path / "preview/sv/index.html").read_text("utf-8"), "named on the front page"
    source.write_text(good, "utf-8")
    outcome = builder.rebuild()
    assert outcome.ok and outcome.broken == [] and builder.broken_page("sv/rad/") is None
    assert "Råd" in (tmp_path / "preview/sv/rad/index.html").read_text("utf-8")


def test_a_page_whose_rendering_fails_gets_its_error_page_with_the_cause(site_factory, tmp_path):
    root = site_factory()
    source = root / "content/en/advice.md"
    source.write_text(source.read_text("utf-8").replace("## After", "::: nonesuch\n\n## After"), "utf-8")
    builder = PreviewBuilder(root, tmp_path / "preview")
    outcome = builder.rebuild()
    assert outcome.ok and outcome.broken == ["en/advice/index.html"]
    page = builder.broken_page("en/advice/")
    assert page is not None
    assert b"content/en/advice.md:14: error [directive] unknown directive &#39;::: nonesuch&#39;" in page
    assert b"error [template] template error while rendering /en/advice/: directives/nonesuch.html" in page
    assert (tmp_path / "preview/sv/rad/index.html").is_file()
    assert "preview-banner" not in (tmp_path / "preview/en/about-needles/index.html").read_text("utf-8")


def test_an_unexpected_exception_is_a_problem_at_the_line_that_raised_it(
    site_factory, tmp_path, capsys, monkeypatch
):
    def fault(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("planted by the test")

    monkeypatch.setattr(sitegen.build, "render_site", fault)
    outcome = PreviewBuilder(site_factory(), tmp_path / "preview").rebuild()
    assert not outcome.ok
    line = fault.__code__.co_firstlineno + 1
    assert [str(p) for p in outcome.problems] == [
        f"{Path(__file__).as_posix()}:{line}: error [internal] internal error RuntimeError: planted by the test "
        "(the traceback is on the console)"
    ]
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_the_error_page_lists_every_problem_as_the_command_line_does():
    problems = [
        warning("content/en/a.md", 3, "a <warning>", "citation"),
        error("content/sv/b.md", 7, "'x' is wrong", "front-matter"),
    ]
    page = render_error_page(problems).decode("utf-8")
    assert "<p>1 problem(s) stop the build." in page
    assert (
        "content/en/a.md:3: warning [citation] a &lt;warning&gt;\n"
        "content/sv/b.md:7: error [front-matter] &#39;x&#39; is wrong</pre>" in page
    )
    assert "</head>" in page, "livereload's script goes in before </head>"


def test_a_banner_goes_after_body_when_there_is_no_main():
    assert insert_banner(b"<html><body class='x'><p>a</p>", "<div>B</div>") == (
        b"<html><body class='x'>\n<div>B</div><p>a</p>"
    )


def test_the_console_line_says_what_changed():
    outcome = Outcome(True, [], ["en/advice/index.html", "sitemap.xml", "sv/index.html"], 0.123)
    assert describe(outcome, ["content/en/advice.md"]) == (
        "rebuilt after changes to content/en/advice.md in 0.12 s; 2 page(s) changed: /en/advice/, /sv/"
    )
    assert describe(Outcome(False, [], [], 0.5)) == "build failed (0.50 s); the browser shows the problems"
    problems = [error("content/sv/rad.md", 2, "unknown front-matter key 'titel'", "front-matter")]
    outcome = Outcome(True, problems, ["sv/rad/index.html"], 0.25, broken=["sv/rad/index.html"])
    assert describe(outcome) == (
        "rebuilt in 0.25 s; 1 page(s) changed: /sv/rad/; 1 error(s), shown on the pages; "
        "1 page(s) cannot be rendered: /sv/rad/ (the browser shows why)"
    )


def resident_kib() -> int:
    """Return this process's resident memory in KiB (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


@pytest.mark.slow
def test_the_preview_does_not_grow_over_200_saves(site_factory, tmp_path):
    root = site_factory()
    en, sv = root / "content/en/advice.md", root / "content/sv/rad.md"
    texts = {path: path.read_text("utf-8") for path in (en, sv)}
    builder = PreviewBuilder(root, tmp_path / "preview")
    sizes = {}
    for n in range(200):
        # A new figure in both languages each time: every save is new to every cache.
        en.write_text(texts[en].replace("- Drink water.", f"- Drink water {n + 200} times."), "utf-8")
        sv.write_text(texts[sv].replace("- Drick vatten.", f"- Drick vatten {n + 200} gånger."), "utf-8")
        outcome = builder.rebuild()
        assert outcome.ok, outcome.problems  # an "outdated" warning for the Swedish page, no error
        if n + 1 in (50, 200):
            gc.collect()
            sizes[n + 1] = resident_kib()
    # Warm after 50 saves; a leak of what one build reads (a YAML constructor kept for the
    # process held every node: 0.7 MiB a save) would add some 100 MiB by the 200th.
    assert sizes[200] - sizes[50] < 8 * 1024, sizes
