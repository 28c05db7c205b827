"""The site menu in site.yaml, the related articles in front matter, and the navigation they give."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from sitegen.build import build
from sitegen.config import load_config
from sitegen.problems import BuildFailed
from tests.check_helpers import EN_ADVICE, EN_NEEDLES, SV_ADVICE, SV_NEEDLES, problem_lines, run_check, sample
from tests.conftest import REPO

MENU = """
menu:
  - id: safety
    title: {sv: Säkert?, en: Is it safe?}
    pages: [advice]
  - id: basics
    title: {sv: Grunder, en: Basics}
    pages: [needles]
about_page: advice
"""


def with_menu(menu: str = MENU) -> str:
    """Return the sample site's site.yaml with a menu of its own articles."""
    from tests.conftest import SITE_MENU

    return SITE_MENU.sub("", (REPO / "site.yaml").read_text(encoding="utf-8")) + menu


def test_the_shipped_menu_puts_safety_first_and_lists_every_article_once() -> None:
    config = load_config(REPO)
    assert config.menu[0].id == "safety"
    assert config.menu[0].pages[0] == "seek-care"
    listed = [key for group in config.menu for key in group.pages]
    keys = {
        line.split(":", 1)[1].strip()
        for f in (REPO / "content" / "en").glob("*.md")
        for line in f.read_text().splitlines()
        if line.startswith("translation_key:")
    }
    assert sorted(listed) == sorted(keys)
    assert config.about_page == "about"


def test_a_wrong_menu_is_reported_with_its_lines(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        with_menu(
            "menu:\n"
            "  - id: safety\n    title: {sv: Säkert?}\n    pages: [advice]\n"
            "  - id: Basics\n    title: {sv: A, en: B}\n    pages: [needles]\n"
            "  - {id: more, title: {sv: A, en: B}, pages: advice}\n"
            "  - pages: [x]\n"
            "about_page: Not a key\n"
        )
    )
    with pytest.raises(BuildFailed) as failed:
        load_config(tmp_path)
    start = with_menu("").count("\n")  # the line before "menu:"
    lines = [
        str(p).replace(f"site.yaml:{p.line}", f"site.yaml:+{p.line - start}") for p in failed.value.problems
    ]
    assert lines == [
        "site.yaml:+3: error [config] menu group 'safety' needs a 'title' text for each language (sv, en)",
        "site.yaml:+5: error [config] menu group 2: 'id' must be a new name of lowercase letters, digits and hyphens",
        "site.yaml:+8: error [config] menu group 'more': 'pages' must be a list of translation keys",
        "site.yaml:+9: error [config] menu group 4 needs exactly 'id', 'title' and 'pages'",
        "site.yaml:+10: error [config] 'about_page' must be the translation key of an article, such as 'about'",
    ]


def test_menu_entries_that_name_no_article_are_warned_about(site_factory, capsys) -> None:
    root = site_factory({"site.yaml": with_menu(MENU.replace("[needles]", "[needles, advice, nedles]"))})
    status, out, _err = run_check(root, capsys=capsys)
    found = [line for line in problem_lines(out) if "[menu]" in line]
    line = with_menu().splitlines().index("  - id: basics") + 1
    assert found == [
        f"site.yaml:{line}: warning [menu] menu group 'basics' lists 'advice', already in group 'safety'",
        f"site.yaml:{line}: warning [menu] menu group 'basics' lists 'nedles', which is no article's translation_key",
    ]


def page(root: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((root / "_site" / rel).read_bytes())


def test_menu_breadcrumbs_and_front_page_follow_the_groups(site_factory) -> None:
    root = site_factory({"site.yaml": with_menu()})
    build(root, search=False)
    doc = page(root, "en/about-needles/index.html")
    groups = doc.xpath("//nav[@class='menu-panel']//section")
    assert [g.findtext("h2") for g in groups] == ["Is it safe?", "Basics"]
    assert doc.xpath("//nav[@class='menu-panel']//a/@href") == ["/en/advice/", "/en/about-needles/", "/en/"]
    assert doc.xpath("//nav[@class='menu-panel']//a[@aria-current='page']/@href") == ["/en/about-needles/"]
    assert doc.xpath("//nav[contains(@class, 'breadcrumbs')]//a/@href") == ["/en/", "/en/#basics"]
    home = page(root, "sv/index.html")
    assert home.xpath("//section[@class='home-group']/@id") == ["safety", "basics"]
    assert home.xpath("//section[@id='safety']//h3/a/@href") == ["/sv/rad/"]


def test_without_a_menu_every_article_is_under_more_pages(site_factory) -> None:
    root = site_factory()
    build(root, search=False)
    doc = page(root, "en/index.html")
    assert [h.text for h in doc.xpath("//section[@class='home-group']/h2")] == ["More pages"]
    assert len(doc.xpath("//section[@class='home-group']//h3")) == 2


def test_related_articles_are_shown_in_both_languages(site_factory) -> None:
    files = {
        EN_NEEDLES: sample(EN_NEEDLES, ("order: 10\n", "order: 10\nrelated: [advice.md]\n")),
        SV_NEEDLES: sample(SV_NEEDLES, ("order: 10\n", "order: 10\nrelated: [rad.md]\n")),
    }
    root = site_factory(files)
    build(root, search=False)
    for rel, href, heading in (
        ("en/about-needles/index.html", "/en/advice/", "Related"),
        ("sv/om-nalar/index.html", "/sv/rad/", "Läs också"),
    ):
        doc = page(root, rel)
        assert doc.xpath("//section[@class='related']/h2/text()") == [heading]
        assert doc.xpath("//section[@class='related']//a/@href") == [href]


def test_a_related_file_that_does_not_exist_is_a_link_error(site_factory, capsys) -> None:
    root = site_factory(
        {EN_NEEDLES: sample(EN_NEEDLES, ("order: 10\n", "order: 10\nrelated: [advise.md]\n"))}
    )
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert (
        "content/en/about-needles.md:11: error [link] link to 'advise.md': no article 'advise.md' in content/en/ (did you mean 'advice.md'?)"
        in problem_lines(out)
    )


def test_related_articles_must_be_the_same_in_both_languages(site_factory, capsys) -> None:
    files = {
        EN_NEEDLES: sample(EN_NEEDLES, ("order: 10\n", "order: 10\nrelated: [advice.md]\n")),
        EN_ADVICE: sample(EN_ADVICE, ("order: 20\n", "order: 20\nrelated: [about-needles.md]\n")),
        SV_ADVICE: sample(SV_ADVICE, ("order: 20\n", "order: 20\nrelated: [om-nalar.md]\n")),
    }
    root = site_factory(files)
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    found = [line for line in problem_lines(out) if "related" in line]
    assert found == [
        "content/sv/om-nalar.md:1: error [link] related articles differ from the English version "
        "(content/en/about-needles.md:11): missing here: rad.md"
    ]


def test_related_must_be_a_list_of_file_names(site_factory, capsys) -> None:
    root = site_factory(
        {EN_NEEDLES: sample(EN_NEEDLES, ("order: 10\n", "order: 10\nrelated: [/en/advice/]\n"))}
    )
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert (
        "content/en/about-needles.md:11: error [front-matter] 'related' must be a list of article file names "
        "in this language, such as [side-effects.md], not ['/en/advice/'] (until it is fixed, this also "
        "shows in content/sv/om-nalar.md)"
    ) in problem_lines(out)


def test_the_menu_shows_twenty_unplaced_articles_and_the_front_page_all(site_factory) -> None:
    from tests.conftest import article

    files = {}
    for i in range(25):
        for lang in ("en", "sv"):
            files[f"content/{lang}/x{i:02}.md"] = article(f"Extra {i:02}", f"x{i:02}", f"x{i:02}", "Text.\n")
    root = site_factory(files)
    build(root, search=False)
    home = page(root, "en/index.html")
    assert len(home.xpath("//section[@class='home-group']//h3")) == 27
    menu = page(root, "en/x00/index.html").xpath("//details[@class='site-menu']//section//li")
    assert len(menu) == 20
    assert page(root, "en/x00/index.html").xpath("//p[@class='menu-home']/a/@href") == ["/en/"]
