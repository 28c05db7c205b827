"""End-to-end builds of small sites: outputs, language versions, and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import SAMPLE, article, tree


def run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line on root; return status, stdout and stderr."""
    status = main(["--project", str(root), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_builds_every_page_of_the_sample_site(site_factory, capsys) -> None:
    root = site_factory()
    status, out, err = run(root, capsys=capsys)
    assert (status, err) == (0, "")
    assert set(tree(root / "_site")) >= {
        "404.html",
        "en/404.html",
        "en/about-needles/index.html",
        "en/advice/index.html",
        "en/index.html",
        "index.html",
        "robots.txt",
        "sitemap.xml",
        "sv/404.html",
        "sv/index.html",
        "sv/om-nalar/index.html",
        "sv/rad/index.html",
    }
    html = (root / "_site/sv/om-nalar/index.html").read_text()
    assert '<html lang="sv">' in html
    assert "21 november 2026" in html
    # Each cell carries its column's name for the card layout on a phone (hidden from screen readers).
    assert re.search(r'<td><span class="cell-label" aria-hidden="true">[^<]+</span> 7,55\xa0%</td>', html)
    assert '<a href="/sv/rad/#efter-behandlingen">våra råd</a>' in html
    english = (root / "_site/en/about-needles/index.html").read_text()
    assert "21 November 2026" in english
    assert '<a href="/en/advice/#after-treatment">advice</a>' in english


def test_article_head_has_canonical_and_hreflang_alternates(site_factory, capsys) -> None:
    root = site_factory()
    run(root, capsys=capsys)
    html = (root / "_site/en/about-needles/index.html").read_text()
    assert '<link rel="canonical" href="https://www.example.org/en/about-needles/">' in html
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html) == [
        ("sv", "https://www.example.org/sv/om-nalar/"),
        ("en", "https://www.example.org/en/about-needles/"),
        ("x-default", "https://www.example.org/sv/om-nalar/"),
    ]
    assert '<a href="/sv/om-nalar/" hreflang="sv" lang="sv">Svenska</a>' in html


def test_article_without_counterpart_has_no_alternate_for_missing_language(site_factory, capsys) -> None:
    only_sv = article("Bara svenska", key="only-sv", slug="bara-svenska")
    root = site_factory({"content/sv/bara-svenska.md": only_sv})
    run(root, capsys=capsys)
    html = (root / "_site/sv/bara-svenska/index.html").read_text()
    assert re.findall(r'hreflang="([^"]+)" href="https://', html) == ["sv", "x-default"]
    assert (
        '<li class="missing-translation" lang="en">English: This page is not available in English. '
        '<a href="/en/" hreflang="en">Go to the front page</a></li>'
    ) in html
    sitemap = (root / "_site/sitemap.xml").read_text()
    entry = sitemap.split("<loc>https://www.example.org/sv/bara-svenska/</loc>")[1].split("</url>")[0]
    assert 'hreflang="en"' not in entry
    assert (
        '<xhtml:link rel="alternate" hreflang="sv" href="https://www.example.org/sv/bara-svenska/"/>' in entry
    )


def test_sitemap_lists_each_page_with_its_alternates(site_factory, capsys) -> None:
    root = site_factory()
    run(root, capsys=capsys)
    sitemap = (root / "_site/sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs == [
        "https://www.example.org/",
        "https://www.example.org/en/",
        "https://www.example.org/en/about-needles/",
        "https://www.example.org/en/advice/",
        "https://www.example.org/sv/",
        "https://www.example.org/sv/om-nalar/",
        "https://www.example.org/sv/rad/",
    ]
    entry = sitemap.split("<loc>https://www.example.org/sv/rad/</loc>")[1].split("</url>")[0]
    assert re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry) == [
        ("sv", "https://www.example.org/sv/rad/"),
        ("en", "https://www.example.org/en/advice/"),
        ("x-default", "https://www.example.org/sv/rad/"),
    ]


def test_two_builds_are_byte_identical(site_factory, capsys) -> None:
    root = site_factory()
    run(root, capsys=capsys)
    first = tree(root / "_site")
    run(root, capsys=capsys)
    assert tree(root / "_site") == first


def test_errors_in_two_files_are_reported_together_and_site_is_kept(site_factory, capsys) -> None:
    root = site_factory()
    assert run(root, capsys=capsys)[0] == 0
    before = tree(root / "_site")
    broken = (root / "content/sv/rad.md").read_text().replace("slug: rad", "slug: [rad")
    (root / "content/sv/rad.md").write_text(broken)
    missing = (root / "content/en/advice.md").read_text().replace("title: Advice\n", "")
    (root / "content/en/advice.md").write_text(missing)
    status, out, err = run(root, capsys=capsys)
    assert status == 1
    assert err.splitlines() == [
        "content/en/advice.md:1: error [front-matter] missing required field 'title'",
        "content/sv/rad.md:5: error [front-matter] malformed YAML: did not find expected ',' or ']'",
        "build failed: 2 problem(s); the previous site was left as it was",
    ]
    assert tree(root / "_site") == before


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"content/sv/kopia.md": article("Kopia", key="copy", slug="rad")},
            "content/sv/rad.md:5: error [duplicate] slug 'rad' is already used by content/sv/kopia.md",
        ),
        (
            {"content/en/copy.md": article("Copy", key="advice", slug="copy")},
            "content/en/copy.md:4: error [duplicate] translation_key 'advice' is already used by "
            "content/en/advice.md",
        ),
        (
            {"content/sv/lank.md": article("Länk", key="link", slug="lank", body="Se [mer](saknas.md).\n")},
            "content/sv/lank.md:10: error [link] link to 'saknas.md': no article 'saknas.md' in content/sv/",
        ),
        (
            {
                "content/sv/lank.md": article(
                    "Länk", key="link", slug="lank", body="\nSe [mer](rad.md#nej).\n"
                )
            },
            "content/sv/lank.md:11: error [link] link to 'rad.md#nej': content/sv/rad.md has no heading "
            "with the id 'nej'",
        ),
        (
            {"content/sv/bad.md": b"---\ntitle: \xff\n---\n"},
            "content/sv/bad.md:2: error [encoding] not valid UTF-8: byte 0xff cannot be decoded",
        ),
        (
            {"locales/sv/LC_MESSAGES/messages.po": 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nfoo bar\n'},
            "locales/sv/LC_MESSAGES/messages.po:5: error [catalog] catalogue does not parse: "
            "Unknown or misformatted keyword",
        ),
        (
            {
                "templates/home.html": '{% extends "base.html" %}\n{% block main %}\n{% if x %}\n{% endblock %}\n'
            },
            "templates/home.html:4: error [template] template syntax error: Encountered unknown tag "
            "'endblock'. You probably made a nesting mistake. Jinja is expecting this tag, but currently "
            "looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
        ),
        (
            {
                "templates/404.html": '{% extends "base.html" %}\n{% block main %}\n<p>{{ missing_name }}</p>\n'
                "{% endblock %}\n"
            },
            "templates/404.html:3: error [template] template error while rendering /en/404.html and 1 other "
            "page(s): 'missing_name' is undefined",
        ),
    ],
    ids=["slug", "translation-key", "link", "anchor", "utf8", "po", "template-syntax", "template-undefined"],
)
def test_bad_input_is_reported_with_file_and_line(site_factory, capsys, files, expected) -> None:
    root = site_factory()
    assert run(root, capsys=capsys)[0] == 0
    before = tree(root / "_site")
    for rel, text in files.items():
        path = root / rel
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    status, out, err = run(root, capsys=capsys)
    assert status == 1
    assert expected in err.splitlines()
    assert tree(root / "_site") == before


def test_drafts_are_left_out_of_the_build(site_factory, capsys) -> None:
    root = site_factory({"content/sv/utkast.md": article("Utkast", key="draft", slug="utkast", draft="true")})
    run(root, capsys=capsys)
    assert not (root / "_site/sv/utkast").exists()
    assert "utkast" not in (root / "_site/sv/index.html").read_text()


def test_help_lists_the_build(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "Build the bilingual dry-needling health site" in capsys.readouterr().out


ADVICE_LINES = len((SAMPLE / "content/en/advice.md").read_text().splitlines())


def with_publisher_block() -> dict[str, str]:
    """Return the sample's advice articles with a publisher block at the end of both."""
    return {
        rel: (SAMPLE / rel).read_text() + "\n::: publisher\n"
        for rel in ("content/en/advice.md", "content/sv/rad.md")
    }


def test_a_page_that_shows_the_publisher_warns_while_site_yaml_names_none(site_factory, capsys) -> None:
    root = site_factory(with_publisher_block())
    status, _out, err = run(root, capsys=capsys)
    line = next(
        i for i, text in enumerate((root / "site.yaml").read_text().splitlines(), 1) if text == "publisher:"
    )
    assert status == 0
    assert (
        f"site.yaml:{line}: warning [publisher] the site has no publisher name and contact: "
        f"content/en/advice.md:{ADVICE_LINES + 2} shows them; fill in publisher.name and publisher.contact (never an invented one)"
    ) in err.splitlines()
    html = (root / "_site/sv/rad/index.html").read_text()
    assert "<p>Webbplatsen anger ännu inte vem som ger ut den.</p>" in html
    assert "<p>There is no contact address yet." in (root / "_site/en/advice/index.html").read_text()
    assert run(root, "--strict", capsys=capsys)[0] == 1


def test_without_a_publisher_block_nothing_warns(site_factory, capsys) -> None:
    status, _out, err = run(site_factory(), capsys=capsys)
    assert status == 0
    assert "[publisher]" not in err


@pytest.mark.parametrize(
    ("contact", "link"),
    [
        ("fel@example.org", '<a href="mailto:fel@example.org">fel@example.org</a>'),
        ("https://example.org/fel", '<a href="https://example.org/fel">https://example.org/fel</a>'),
    ],
)
def test_a_named_publisher_is_shown_with_how_to_report_an_error(site_factory, capsys, contact, link) -> None:
    root = site_factory(with_publisher_block())
    config = (
        (root / "site.yaml")
        .read_text()
        .replace('  name: ""\n  contact: ""', f'  name: "<Förlaget>"\n  contact: "{contact}"')
    )
    (root / "site.yaml").write_text(config)
    run(root, "check", "--mark-updated", "content/sv/rad.md", capsys=capsys)
    status, _out, err = run(root, capsys=capsys)
    assert status == 0
    assert "[publisher]" not in err
    html = (root / "_site/sv/rad/index.html").read_text()
    assert "<p>Webbplatsen ges ut av &lt;Förlaget&gt;.</p>" in html
    assert f"<p>Har du hittat ett fel på webbplatsen? Hör av dig till oss: {link}.</p>" in html
