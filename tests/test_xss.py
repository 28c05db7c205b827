"""Content safety: whatever an editor writes, no script runs on a published page.

The usual XSS payloads go into titles, descriptions, bodies, link and image URLs, data set
fields, references and UI strings. Each either is refused with an exact error, or is built
and then every page is parsed (as a browser would: entities decoded) and loaded in Chromium
to show that it contains no script of ours, no event-handler attribute and no script URL.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import article, make_site

PAYLOAD_TITLE = '"><img src=x onerror=alert(1)></title><script>alert(1)</script>'
PAYLOAD_TEXT = "<script>alert(1)</script>"
SCRIPT_URL = re.compile(r"^(javascript|vbscript|data):", re.I)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset"}

# Written so that the checks let them through and only the renderer can stop them.
BODY = """\
Code: `<script>alert(1)</script>` and entities: &lt;script&gt;alert(1)&lt;/script&gt;.

```html
<script>alert(1)</script><img src=x onerror=alert(1)>
```

[q1](https://example.org/"onmouseover="alert(1))
[q2](https://example.org "\\" onmouseover=alert(1) x=\\"")
[q][q] <https://example.org/"onmouseover="alert(1)>

## Heading" onmouseover="alert(1)

[q]: https://example.org/?"onmouseover="alert(1) "\\" onfocus=alert(1) x=\\""
"""

# Reference-style links and images are read from the parsed document like inline ones:
# each is refused at the line of its definition.
REFERENCE_BODY = """\
[plain][a] [entity][b] [named entity][c] [tab][d] [upper][e] [data][f] ![image][g]
![tracker][h] ![traversal][i] [article][j] [page][k] [other host][l]

[a]: javascript:alert(1)
[b]: &#106;avascript:alert(1)
[c]: javascript&colon;alert(1)
[d]: java&#9;script:alert(1)
[e]: JAVASCRIPT:alert(1)
[f]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==
[g]: &#106;avascript:alert(1)
[h]: https://evil.example/track.png
[i]: /static/../../../etc/passwd
[j]: nosuch.md
[k]: /nosuch/
[l]: //evil.example/
"""
ONLY = "only http, https, mailto and tel links are allowed"
BY_NAME = "link to another article by its file name, such as 'other.md'"
REFERENCE_ERRORS = [
    (15, f"link to 'javascript:alert(1)': {ONLY}"),
    (16, f"link to '&#106;avascript:alert(1)': {ONLY}"),
    (17, f"link to 'javascript&colon;alert(1)': {BY_NAME}"),
    (18, f"link to 'java&#9;script:alert(1)': {ONLY}"),
    (19, f"link to 'JAVASCRIPT:alert(1)': {ONLY}"),
    (20, f"link to 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==': {ONLY}"),
    (21, f"link to '&#106;avascript:alert(1)': {ONLY}"),
    (22, "image 'https://evil.example/track.png' is outside static/: give it as /static/NAME"),
    (23, "image '/static/../../../etc/passwd' is outside static/: give it as /static/NAME"),
    (24, "link to 'nosuch.md': no article 'nosuch.md' in content/en/"),
    (25, "link to '/nosuch/': no page has that URL"),
    (26, f"link to '//evil.example/': {BY_NAME}"),
]


def test_reference_style_links_and_images_are_checked_at_their_definition(site_factory, capsys) -> None:
    root = site_factory(
        {"content/en/advice.md": article(key="advice", slug="advice", body=f"Text.\n\n{REFERENCE_BODY}")}
    )
    assert main(["--project", str(root), "--no-search"]) == 1
    lines = [
        line for line in capsys.readouterr().err.splitlines() if line.startswith("content/en/advice.md:")
    ]
    links = [line for line in lines if "[link]" in line]
    assert links == [f"content/en/advice.md:{n}: error [link] {message}" for n, message in REFERENCE_ERRORS]


DATASET = """\
title: {sv: "<script>alert(1)</script>", en: "\\"><svg onload=alert(1)>"}
note: {sv: "<iframe src=javascript:alert(1)>", en: "</figure><script>alert(1)</script>"}
fields:
  what: {type: text, label: "Side effect"}
  who: {type: string, label: "Authors"}
  doi: {type: doi, label: "DOI"}
  link: {type: url, label: "Link"}
  code: {type: code, label: "Code"}
entries:
  - id: evil
    what: {sv: "<script>alert(1)</script>", en: "<img src=x onerror=alert(1)>"}
    who: "\\"><script>alert(1)</script>"
    doi: 10.1234/"><script>alert(1)</script>
    link: https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E
    code: x-1
"""

REFERENCE = """\
  - id: evil2020
    authors: "<script>alert(1)</script>"
    title: "\\"><img src=x onerror=alert(1)>"
    journal: "</cite><script>alert(1)</script>"
    year: 2020
    doi: 10.1000/"onmouseover="alert(1)
"""


def payload_site(site_factory) -> Path:
    """Lay out a site whose every editable field carries a payload the checks allow."""
    body = BODY + "\n::: dataset evil\n\nCited [@evil2020].\n"
    versions = {
        "content/en/evil.md": ("evil", PAYLOAD_TITLE, "</title><script>alert(1)</script>"),
        "content/sv/ond.md": ("ond", PAYLOAD_TEXT, '"><svg/onload=alert(1)>'),
    }
    files: dict[str, str | bytes] = {"content/data/evil.yaml": DATASET}
    for path, (slug, title, description) in versions.items():
        files[path] = article(
            json.dumps(title),
            "evil",
            slug,
            body,
            description=json.dumps(description),
            references="[evil2020]",
        )
    root = site_factory(files)
    refs = root / "content/data/references.yaml"
    refs.write_text(refs.read_text(encoding="utf-8") + REFERENCE, encoding="utf-8")
    return root


class Inspector(HTMLParser):
    """Collect what could run script on a page, reading markup as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: dict[str, str | None] | None = None
        self.scripts: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            plain = re.sub(r"[\x00-\x20\x7f]", "", value or "")
            if name in URL_ATTRS and SCRIPT_URL.match(plain):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "javascript" in plain.lower():
                self.found.append(f"<{tag} style={value!r}>")
        if tag in {"iframe", "object", "embed", "svg", "math", "base", "frame"}:
            self.found.append(f"<{tag}>")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self.script = dict(attrs)
            self.scripts.append((self.script, ""))

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None


def dangers(html: str) -> list[str]:
    """Return everything on a page that could run a script an editor put there."""
    parser = Inspector()
    parser.feed(html)
    parser.close()
    found = list(parser.found)
    for attrs, text in parser.scripts:
        kind = (attrs.get("type") or "").lower()
        if kind == "application/ld+json":
            json.loads(text)  # a payload that broke out of the JSON would make it invalid
        elif "alert" in text or "alert" in (attrs.get("src") or ""):
            found.append(f"<script {attrs}>{text[:60]}")
    return found


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the payload site once per worker; return its folder (the tests only read it)."""
    root = payload_site(lambda files: make_site(tmp_path_factory.mktemp("payloads") / "site", files))
    with contextlib.redirect_stderr(io.StringIO()) as err:
        status = main(["--project", str(root), "--no-search"])
    assert status == 0, err.getvalue()
    return root


def test_payloads_the_checks_allow_are_built_without_any_script(payload_build: Path) -> None:
    root = payload_build
    pages = sorted((root / "_site").rglob("*.html"))
    texts = {p.relative_to(root / "_site").as_posix(): p.read_text(encoding="utf-8") for p in pages}
    assert "alert(1)" in texts["en/evil/index.html"]  # the payloads are there, as text
    assert {page: dangers(html) for page, html in texts.items() if dangers(html)} == {}
    feeds = [p for p in (root / "_site").rglob("*") if p.suffix in {".xml", ".json"}]
    for feed in feeds:
        assert "<script>alert" not in feed.read_text(encoding="utf-8"), feed


def test_the_inspector_finds_what_it_looks_for() -> None:
    assert dangers('<a href="&#106;avascript:alert(1)">x</a>') == ["<a href='javascript:alert(1)'>"]
    assert dangers('<a href="java&#9;script:x">x</a>') == ["<a href='java\\tscript:x'>"]
    assert dangers("<img src=x onerror=alert(1)>") == ["<img onerror=...>"]
    assert dangers("<script>alert(1)</script>") == ["<script {}>alert(1)"]
    assert dangers('<svg onload="x">') == ["<svg onload=...>", "<svg>"]
    with pytest.raises(json.JSONDecodeError):
        dangers('<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>')


def test_no_payload_runs_in_chromium(payload_build: Path, browser) -> None:
    root = payload_build
    context = browser.new_context(java_script_enabled=True)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for rel in ("en/evil/index.html", "sv/ond/index.html", "en/index.html", "sv/index.html"):
            page.goto((root / "_site" / rel).as_uri())
            bad = page.evaluate(
                """() => {
                  const found = [];
                  for (const el of document.querySelectorAll('*')) {
                    for (const attr of el.attributes) {
                      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
                    }
                    for (const name of ['href', 'src']) {
                      if (el[name] && /^(javascript|vbscript|data):/i.test(String(el[name])))
                        found.push(el.tagName + ' ' + name + '=' + el[name]);
                    }
                  }
                  for (const el of document.querySelectorAll('*')) {
                    for (const kind of ['mouseover', 'focus', 'error', 'load']) el.dispatchEvent(new Event(kind));
                  }
                  return found;
                }"""
            )
            assert bad == [], rel
        page.wait_for_timeout(200)
    finally:
        context.close()
    assert dialogs == []


# --- payloads that are refused, with the exact error ------------------------------------

REFUSED_BODIES = [
    (PAYLOAD_TEXT, "error [raw-html] raw HTML is not allowed in Markdown: '<script>'"),
    (
        "<img src=x onerror=alert(1)>",
        "error [raw-html] raw HTML is not allowed in Markdown: '<img src=x onerror=alert(1)>'",
    ),
    (
        "<javascript:alert(1)>",
        "error [raw-html] raw HTML is not allowed in Markdown: '<javascript:alert(1)>'",
    ),
    (
        "[x](javascript:alert(1))",
        "error [link] link to 'javascript:alert(1)': only http, https, mailto and tel links are allowed",
    ),
    (
        "[x](JaVaScRiPt:alert(1))",
        "error [link] link to 'JaVaScRiPt:alert(1)': only http, https, mailto and tel links are allowed",
    ),
    (
        "![x](javascript:alert(1))",
        "error [link] link to 'javascript:alert(1)': only http, https, mailto and tel links are allowed",
    ),
    (
        "[x](&#106;avascript:alert(1))",
        "error [link] link to '&#106;avascript:alert(1)': only http, https, mailto and tel links are allowed",
    ),
    (
        "[x](data:text/html,hello)",
        "error [link] link to 'data:text/html,hello': only http, https, mailto and tel links are allowed",
    ),
]


@pytest.mark.parametrize(("body", "message"), REFUSED_BODIES)
def test_a_payload_in_the_body_is_refused(site_factory, capsys, body: str, message: str) -> None:
    root = site_factory(
        {"content/en/advice.md": article(key="advice", slug="advice", body=f"Text.\n\n{body}\n")}
    )
    assert main(["--project", str(root), "--no-search"]) == 1
    assert f"content/en/advice.md:12: {message}" in capsys.readouterr().err.splitlines()
    assert not (root / "_site").exists()


def test_a_payload_in_a_slug_is_refused(site_factory, capsys) -> None:
    root = site_factory({"content/en/advice.md": article(key="advice", slug='"<script>alert(1)</script>"')})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        "content/en/advice.md:5: error [front-matter] 'slug' must be lowercase letters, digits and hyphens, "
        "not '<script>alert(1)</script>' (until it is fixed, this also shows in content/sv/rad.md)"
    ) in capsys.readouterr().err.splitlines()


def test_a_script_url_in_a_data_set_is_refused(site_factory, capsys) -> None:
    data = DATASET.replace("https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E", "javascript:alert(1)")
    root = site_factory({"content/data/evil.yaml": data})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        "content/data/evil.yaml:14: error [data] entry 'evil': field 'link' must be an http(s) URL"
        in capsys.readouterr().err.splitlines()
    )


def test_a_payload_in_a_data_set_id_is_refused(site_factory, capsys) -> None:
    root = site_factory({"content/data/evil.yaml": DATASET.replace("id: evil", 'id: "x\\"><script>"')})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        "content/data/evil.yaml:10: error [data] entry 1 needs an 'id' of lowercase letters, digits, '-' or '_'"
        in capsys.readouterr().err.splitlines()
    )


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("<img src=x onerror=alert(1)>", "a label is plain text, not HTML: '<img src=x onerror=alert(1)>'"),
        ("<b>Bold</b>", "a label is plain text, not HTML: '<b>'"),
        ("Share (%)", "write '%%' for a per-cent sign in the label 'Share (%)'"),
        ("%(x)s", "write '%%' for a per-cent sign in the label '%(x)s'"),
    ],
)
def test_a_data_set_label_must_be_plain_text(site_factory, capsys, label: str, message: str) -> None:
    # Labels are UI strings: the templates translate them and insert them as markup.
    data = DATASET.replace('label: "Authors"', f"label: {json.dumps(label)}")
    root = site_factory({"content/data/evil.yaml": data})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        f"content/data/evil.yaml:5: error [data] field 'who': {message}"
        in capsys.readouterr().err.splitlines()
    )


def test_an_enum_value_label_must_be_plain_text(site_factory, capsys) -> None:
    effects = site_factory().joinpath("content/data/effects.yaml").read_text(encoding="utf-8")
    root = site_factory({"content/data/effects.yaml": effects.replace('rare: "Rare"', 'rare: "<u>Rare</u>"')})
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        "content/data/effects.yaml:6: error [data] field 'severity': a label is plain text, not HTML: '<u>'"
        in capsys.readouterr().err.splitlines()
    )


def test_a_translation_with_html_its_source_lacks_is_refused(site_factory, capsys) -> None:
    root = site_factory()
    po = root / "locales/sv/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    msgid = 'msgid "Skip to content"\n'
    start = text.index(msgid)
    line = text[:start].count("\n") + 1
    end = text.index("\n", start + len(msgid))
    po.write_text(
        text[: start + len(msgid)] + 'msgstr "<img src=x onerror=alert(1)>"' + text[end:], encoding="utf-8"
    )
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        f"locales/sv/LC_MESSAGES/messages.po:{line}: error [catalog] the translation of 'Skip to content' "
        "contains HTML that the source text does not have: '<img src=x onerror=alert(1)>'"
    ) in capsys.readouterr().err.splitlines()


# --- translations are text --------------------------------------------------------------

QUOTE_PAYLOAD = 'Ansvarsfriskrivning" onmouseover="alert(document.domain)" x="'
# UI strings output in attributes (aria-label, title, data-*) and in element text.
TRANSLATED = ("Disclaimer", "Language", "Skip to content", "Search this site", "Searching…")


def with_translation_payloads(root: Path) -> Path:
    """Give some Swedish UI strings a msgstr that tries to leave its attribute."""
    po = root / "locales/sv/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines[:-1]):
        if line.startswith("msgid ") and json.loads(line[6:]) in TRANSLATED:
            lines[i + 1] = "msgstr " + json.dumps(QUOTE_PAYLOAD, ensure_ascii=False)
    po.write_text("\n".join(lines), encoding="utf-8")
    return po


def test_a_translation_that_leaves_its_attribute_is_refused_at_its_line(site_factory, capsys) -> None:
    po = with_translation_payloads(site_factory())
    lines = po.read_text(encoding="utf-8").split("\n")
    at = lines.index('msgid "Disclaimer"') + 1
    root = po.parents[3]
    assert main(["--project", str(root), "--no-search"]) == 1
    assert (
        f"locales/sv/LC_MESSAGES/messages.po:{at}: error [catalog] the translation of 'Disclaimer' contains "
        "'\"', which the source text does not have: write it without HTML-special characters (< > & \" ')"
    ) in capsys.readouterr().err.splitlines()
    assert not (root / "_site").exists()


def render_despite_the_checks(root: Path) -> Path:
    """Render and write the site as if the catalogue check had let the payloads through."""
    from sitegen.build import load_site, render_site
    from sitegen.cache.store import open_cache
    from sitegen.config import load_config

    cache = open_cache(root, enabled=False)
    site, _problems = load_site(load_config(root), False, cache)
    files, failed = render_site(site, cache)
    assert failed == {}
    out = root / "_site"
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    shutil.copytree(root / "static", out / "static")
    return out


@pytest.fixture(scope="module")
def translated_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Render the site with the translation payloads once per worker; return its output folder."""
    root = make_site(tmp_path_factory.mktemp("translated") / "site")
    return render_despite_the_checks(with_translation_payloads(root).parents[3])


def test_a_translation_that_got_through_is_escaped_in_every_attribute(translated_out: Path) -> None:
    out = translated_out
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    swedish = [name for name in pages if name.startswith("sv/")]
    assert all("Ansvarsfriskrivning&#34; onmouseover=&#34;" in pages[name] for name in swedish)
    assert {name: dangers(html) for name, html in pages.items() if dangers(html)} == {}


def _no_dialog_on(browser, urls: list[str]) -> list[str]:
    """Open each URL, hover and focus everything, and return the dialogs that opened."""
    context = browser.new_context(java_script_enabled=True)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in urls:
            page.goto(url)
            page.evaluate(
                """() => { for (const el of document.querySelectorAll('*'))
                     for (const kind of ['mouseover', 'focus', 'error', 'load', 'click'])
                       if (!(kind === 'click' && el.closest('a'))) el.dispatchEvent(new Event(kind)); }"""
            )
            page.mouse.move(5, 5)
            page.mouse.move(200, 300)
        page.wait_for_timeout(200)
    finally:
        context.close()
    return dialogs


@contextlib.contextmanager
def serving_without_headers(folder: Path):
    """Serve folder as GitHub Pages or a plain nginx would: no _headers, no CSP header."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


SWEDISH_PAGES = ("sv/index.html", "sv/om-nalar/index.html", "sv/404.html")


def test_no_translation_payload_runs_in_chromium_from_a_file(translated_out: Path, browser) -> None:
    out = translated_out
    assert _no_dialog_on(browser, [(out / rel).as_uri() for rel in SWEDISH_PAGES]) == []


def test_no_payload_runs_in_chromium_from_a_server_without_headers(
    translated_out: Path, payload_build: Path, browser
) -> None:
    with serving_without_headers(translated_out) as url:
        assert _no_dialog_on(browser, [f"{url}/{rel}" for rel in SWEDISH_PAGES]) == []
    with serving_without_headers(payload_build / "_site") as url:
        assert _no_dialog_on(browser, [f"{url}/en/evil/index.html", f"{url}/sv/ond/index.html"]) == []
