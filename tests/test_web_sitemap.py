"""sitemap.xml and robots.txt of the shipped site against the sitemaps.org 0.9 schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.web_site import BuiltSite

SCHEMA = Path(__file__).parent / "data" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_sitemap_is_valid_against_the_schema(built_site: BuiltSite, schema: etree.XMLSchema) -> None:
    doc = etree.parse(str(built_site.root / "sitemap.xml"))
    assert schema.validate(doc), [str(e) for e in schema.error_log]


def test_sitemap_lists_every_public_page_once_with_its_alternates(built_site: BuiltSite) -> None:
    doc = etree.parse(str(built_site.root / "sitemap.xml"))
    locs = doc.xpath("//s:url/s:loc/text()", namespaces=NS)
    articles = [p for p in built_site.result.site.pages if p.kind == "article"]
    assert len(locs) == len(set(locs)) == len(articles) + 3  # root and two front pages
    entry = doc.xpath("//s:url[s:loc='https://www.example.org/en/side-effects/']", namespaces=NS)[0]
    side_effects = next(a for a in built_site.result.site.articles if a.url == "/en/side-effects/")
    assert entry.xpath("s:lastmod/text()", namespaces=NS) == [side_effects.last_reviewed.isoformat()]
    assert [(link.get("hreflang"), link.get("href")) for link in entry.xpath("x:link", namespaces=NS)] == [
        ("sv", "https://www.example.org/sv/biverkningar/"),
        ("en", "https://www.example.org/en/side-effects/"),
        ("x-default", "https://www.example.org/sv/biverkningar/"),
    ]


def test_the_schema_refuses_a_wrong_sitemap(schema: etree.XMLSchema) -> None:
    wrong = etree.fromstring(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://www.example.org/</loc><lastmod>21 Nov 2026</lastmod></url></urlset>"
    )
    assert not schema.validate(wrong)
    assert "lastmod" in str(schema.error_log)


def test_robots_points_at_the_sitemap(built_site: BuiltSite) -> None:
    robots = (built_site.root / "robots.txt").read_text()
    assert robots.endswith("Sitemap: https://www.example.org/sitemap.xml\n")
