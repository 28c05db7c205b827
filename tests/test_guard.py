"""The last guard: a page with markup the site never writes stops the build, naming page and source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.render.guard import page_dangers

HOST = "www.example.org"


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<a href="/x" onclick="y">', ["an event-handler attribute <a onclick=...>"]),
        ("<a href=/x ONMOUSEOVER=y>", ["an event-handler attribute <a onmouseover=...>"]),
        ('<a title="x>" onfocus=alert(1)>', ["an event-handler attribute <a onfocus=...>"]),
        ('<a x\'="y" onfocus=1>', ["an event-handler attribute <a onfocus=...>"]),
        ('<a href="&#106;avascript:x">', ['a script or data URL <a href="javascript:x">']),
        ('<a href="java\tscript:x">', ['a script or data URL <a href="java\tscript:x">']),
        ("<a href=data:text/html,x>", ['a script or data URL <a href="data:text/html,x">']),
        (
            "<img src=https://evil.example/t.png>",
            ['something loaded from another host <img src="https://evil.example/t.png">'],
        ),
        (
            '<img srcset="/static/a.png 1x, //evil.example/b.png 2x">',
            ['something loaded from another host <img srcset="/static/a.png 1x, //evil.example/b.png 2x">'],
        ),
        (
            '<link rel="stylesheet" href="//cdn.example/x.css">',
            ['something loaded from another host <link href="//cdn.example/x.css">'],
        ),
        ("<script>alert(1)</script>", ["a <script> that is not one of the site's files: 'alert(1)'"]),
        ('<script type="application/ld+json">{"a": </script>', ["a JSON-LD <script> that is not JSON"]),
        ('<iframe src="/x"></iframe>', ["an element the site never writes <iframe>"]),
        ('<meta http-equiv="refresh" content="0;url=/x">', ['a <meta http-equiv="refresh">']),
    ],
)
def test_markup_the_site_never_writes_is_found(html: str, found: list[str]) -> None:
    assert page_dangers(html, HOST) == found


@pytest.mark.parametrize(
    "html",
    [
        '<script type="module" src="/static/search.js"></script>',
        '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>',
        '<a href="https://other.example/" rel="noopener">a link elsewhere is fine</a>',
        '<link rel="canonical" href="https://www.example.org/en/">',
        '<link rel="alternate" hreflang="sv" href="https://www.example.org/sv/">',
        "<p>on click=x, javascript:alert(1) as text &lt;script&gt;</p>",
        "<!-- <script>alert(1)</script> -->",
        "<img/src=x/onerror=alert(1)>",  # one unquoted src value, as a browser reads it
    ],
)
def test_what_the_site_writes_passes(html: str) -> None:
    assert page_dangers(html, HOST) == []


@given(
    tag=st.sampled_from(["a", "img", "div", "svg"]),
    event=st.sampled_from(["onclick", "onerror", "OnLoad", "onmouseover"]),
    before=st.sampled_from(["", 'class="x" ', "title='a>b' ", 'x"y ', "/"]),
    quote=st.sampled_from(['"', "'", ""]),
)
@settings(max_examples=80, deadline=None, derandomize=True, database=None)
def test_an_event_handler_is_found_however_it_is_written(
    tag: str, event: str, before: str, quote: str
) -> None:
    html = f"<p>Text</p><{tag} {before}{event}={quote}alert(1){quote}>"
    assert f"an event-handler attribute <{tag} {event.lower()}=...>" in page_dangers(html, HOST)


def test_a_template_that_loads_a_tracker_stops_the_build(site_factory, capsys) -> None:
    root = site_factory()
    home = root / "templates/home.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace(
            "{% endblock %}", '<img src="https://tracker.example/p.gif" alt="">{% endblock %}', 1
        ),
        encoding="utf-8",
    )
    assert main(["--project", str(root), "--no-search"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "[output]" in line]
    assert lines == [
        f"_site/{lang}/index.html: error [output] the page would hold something loaded from another host "
        '<img src="https://tracker.example/p.gif">, which the site never writes; it comes from '
        "templates/home.html: the build stops so that it is not published"
        for lang in ("en", "sv")
    ]
    assert not (root / "_site").exists()
