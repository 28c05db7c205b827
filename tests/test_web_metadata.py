"""Metadata in the head: description, Open Graph, JSON-LD MedicalWebPage; the _headers file."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from sitegen.build import build
from sitegen.render.headers import parse_headers
from sitegen.render.metadata import script_json
from tests.conftest import article
from tests.web_site import BuiltSite


def head(built_site: BuiltSite, page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((built_site.root / page).read_bytes())


def jsonld(doc: lxml_html.HtmlElement) -> list[dict[str, object]]:
    return [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]


def test_every_article_has_a_medical_webpage(built_site: BuiltSite) -> None:
    site = built_site.result.site
    for page in site.pages:
        if page.kind != "article":
            continue
        a = page.article
        [data] = jsonld(head(built_site, page.output))
        assert data["@type"] == "MedicalWebPage"
        assert data["url"] == f"https://www.example.org{a.url}"
        assert data["name"] == a.title
        assert data["description"] == a.description
        assert data["inLanguage"] == a.lang
        assert data["lastReviewed"] == a.last_reviewed.isoformat()
        assert data["medicalAudience"] == {"@type": "Patient"}
        assert [t["@type"] for t in data["about"]] == ["MedicalTherapy", "MedicalCondition"]
        assert len(data.get("citation", [])) == len(a.references)


def test_about_and_citations_are_in_the_page_language(built_site: BuiltSite) -> None:
    [sv] = jsonld(head(built_site, "sv/biverkningar/index.html"))
    [en] = jsonld(head(built_site, "en/side-effects/index.html"))
    assert sv["about"][1] == {"@type": "MedicalCondition", "name": "Huvudvärk"}
    assert en["about"][1] == {"@type": "MedicalCondition", "name": "Headache"}
    assert en["citation"][0]["@type"] == "ScholarlyArticle"
    assert en["citation"][0]["sameAs"].startswith("https://doi.org/10.")
    assert sv["citation"] == en["citation"]


def test_front_and_error_pages_have_no_medical_webpage(built_site: BuiltSite) -> None:
    for page in ("index.html", "sv/index.html", "en/index.html", "sv/404.html"):
        assert jsonld(head(built_site, page)) == []


@pytest.mark.parametrize(
    ("page", "og_type", "title", "locale", "other"),
    [
        ("sv/biverkningar/index.html", "article", "Biverkningar och säkerhet", "sv_SE", ["en_GB"]),
        ("en/index.html", "website", "Dry needling for headache", "en_GB", ["sv_SE"]),
    ],
)
def test_open_graph(
    built_site: BuiltSite, page: str, og_type: str, title: str, locale: str, other: list[str]
) -> None:
    doc = head(built_site, page)

    def og(prop: str) -> list[str]:
        return doc.xpath(f"//meta[@property='{prop}']/@content")

    assert og("og:type") == [og_type]
    assert og("og:title") == [title]
    assert og("og:locale") == [locale]
    assert og("og:locale:alternate") == other
    assert og("og:url") == doc.xpath("//link[@rel='canonical']/@href")
    assert og("og:description") == doc.xpath("//meta[@name='description']/@content")
    assert len(og("og:description")[0]) > 40


def test_every_page_has_one_description(built_site: BuiltSite) -> None:
    for page in built_site.pages:
        assert len(head(built_site, page).xpath("//meta[@name='description']/@content")) == 1, page


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!-- \u2028"}


def test_a_hostile_title_stays_inside_the_json_ld(site_factory) -> None:
    title = "Needles </script><script>alert(1)</script>"
    root = site_factory({"content/en/x.md": article(f'"{title}"', key="x", slug="x")})
    html = build(root, search=False).files["en/x/index.html"].decode()
    doc = lxml_html.fromstring(html)
    assert [s.get("type") for s in doc.iter("script")] == ["module", "application/ld+json"]
    assert jsonld(doc)[0]["name"] == title


def test_headers_file_sets_a_strict_policy_for_every_path(built_site: BuiltSite) -> None:
    rules = dict(parse_headers((built_site.root / "_headers").read_text()))
    headers = dict(rules["/*"])
    csp = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp and "http" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_the_local_server_sends_the_headers(site_url: str) -> None:
    import urllib.request

    with urllib.request.urlopen(site_url + "/en/") as response:
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    with urllib.request.urlopen(site_url + "/en/feed.xml") as response:
        assert response.headers.get_all("Content-Type")[-1] == "application/atom+xml; charset=utf-8"
