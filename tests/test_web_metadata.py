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
        if page.kind != "article" or page.article.translation_key == "about":
            continue
        a = page.article
        [data] = jsonld(head(built_site, page.output))
        assert data["@type"] == "MedicalWebPage"
        assert data["url"] == f"https://www.example.org{a.url}"
        assert data["name"] == a.title
        assert data["description"] == a.description
        assert data["inLanguage"] == a.lang
        assert data["lastReviewed"] == data["dateModified"] == a.last_reviewed.isoformat()
        assert data["medicalAudience"] == {"@type": "Patient"}
        assert [t["@type"] for t in data["about"]] == ["MedicalTherapy", "MedicalCondition"]
        assert len(data.get("citation", [])) == len(a.references)
        crumbs = data["breadcrumb"]["itemListElement"]
        assert crumbs[0] == {
            "@type": "ListItem",
            "position": 1,
            "name": site.config.title[a.lang],
            "item": f"https://www.example.org/{a.lang}/",
        }
        assert crumbs[-1]["name"] == a.title and crumbs[-1]["item"] == data["url"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))


def test_breadcrumbs_on_the_page_match_the_json_ld(built_site: BuiltSite) -> None:
    doc = head(built_site, "sv/biverkningar/index.html")
    shown = [" ".join(li.text_content().split()) for li in doc.xpath("//nav[@class='wrap breadcrumbs']//li")]
    links = doc.xpath("//nav[@class='wrap breadcrumbs']//a/@href")
    [data] = jsonld(doc)
    assert shown == [c["name"] for c in data["breadcrumb"]["itemListElement"]]
    assert shown == [
        "Dry needling vid huvudvärk",
        "Är det säkert, och när ska jag söka vård?",
        "Biverkningar och säkerhet",
    ]
    assert links == ["/sv/", "/sv/#safety"]
    assert [c["item"] for c in data["breadcrumb"]["itemListElement"]][:2] == [
        "https://www.example.org/sv/",
        "https://www.example.org/sv/#safety",
    ]


def test_the_about_pages_are_about_pages(built_site: BuiltSite) -> None:
    for page in ("sv/om-webbplatsen/index.html", "en/about-this-site/index.html"):
        [data] = jsonld(head(built_site, page))
        assert data["@type"] == "AboutPage"
        assert "medicalAudience" not in data and "about" not in data


def test_the_front_pages_describe_the_website(built_site: BuiltSite) -> None:
    for lang in ("sv", "en"):
        [data] = jsonld(head(built_site, f"{lang}/index.html"))
        assert data["@type"] == "WebSite"
        assert data["url"] == f"https://www.example.org/{lang}/"
        assert data["inLanguage"] == lang
        assert data["name"] == built_site.result.site.config.title[lang]


def test_about_and_citations_are_in_the_page_language(built_site: BuiltSite) -> None:
    [sv] = jsonld(head(built_site, "sv/biverkningar/index.html"))
    [en] = jsonld(head(built_site, "en/side-effects/index.html"))
    assert sv["about"][1] == {"@type": "MedicalCondition", "name": "Huvudvärk"}
    assert en["about"][1] == {"@type": "MedicalCondition", "name": "Headache"}
    assert en["citation"][0]["@type"] == "ScholarlyArticle"
    assert en["citation"][0]["sameAs"].startswith("https://doi.org/10.")
    assert sv["citation"] == en["citation"]


def test_the_language_choice_and_error_pages_have_no_json_ld(built_site: BuiltSite) -> None:
    for page in ("index.html", "sv/404.html", "en/404.html", "404.html"):
        assert jsonld(head(built_site, page)) == []


def test_front_pages_and_articles_have_the_site_image(built_site: BuiltSite) -> None:
    image = built_site.root / "static" / "og-image.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The PNG header gives its size: width and height are the two 32-bit numbers after IHDR.
    data = image.read_bytes()
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 630)
    for page in ("sv/index.html", "en/side-effects/index.html"):
        doc = head(built_site, page)
        assert doc.xpath("//meta[@property='og:image']/@content") == [
            "https://www.example.org/static/og-image.png"
        ]
        assert doc.xpath("//meta[@property='og:image:width']/@content") == ["1200"]


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
