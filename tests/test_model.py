"""The model: pages, URLs and language versions."""

from __future__ import annotations

from sitegen.build import load_site
from sitegen.config import load_config
from tests.conftest import article


def test_pages_pair_language_versions_by_translation_key(site_factory) -> None:
    root = site_factory({"content/sv/bara.md": article("Bara", key="only", slug="bara")})
    site, problems = load_site(load_config(root))
    assert [str(p) for p in problems if p.severity == "error"] == []
    pages = {p.url: p for p in site.pages}
    assert pages["/sv/om-nalar/"].versions == {"sv": "/sv/om-nalar/", "en": "/en/about-needles/"}
    assert pages["/en/about-needles/"].output == "en/about-needles/index.html"
    assert pages["/sv/bara/"].versions == {"sv": "/sv/bara/"}
    assert pages["/"].kind == "root"
    assert pages["/sv/404.html"].lang == "sv"
    assert [a.slug for a in site.articles_in("sv")] == ["om-nalar", "rad", "bara"]


def test_drafts_are_pages_only_when_included(site_factory) -> None:
    root = site_factory({"content/sv/utkast.md": article("Utkast", key="d", slug="utkast", draft="true")})
    site, _ = load_site(load_config(root))
    assert "/sv/utkast/" not in {p.url for p in site.pages}
    site, _ = load_site(load_config(root), include_drafts=True)
    assert "/sv/utkast/" in {p.url for p in site.pages}
