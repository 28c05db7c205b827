"""Security headers: _headers for hosts that apply it, the same policy in every page for those that do not."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from sitegen.build import build
from sitegen.render.headers import (
    CONTENT_SECURITY_POLICY,
    META_CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    parse_headers,
)


def test_headers_add_hsts_coop_and_corp(site_factory) -> None:
    files = build(site_factory(), search=False).files
    headers = dict(dict(parse_headers(files["_headers"].decode()))["/*"])
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_every_page_carries_the_policy_of_headers_minus_what_only_a_header_can_carry(site_factory) -> None:
    files = build(site_factory(), search=False).files
    header = dict(dict(parse_headers(files["_headers"].decode()))["/*"])["Content-Security-Policy"]
    wanted = [d for d in header.split("; ") if not d.startswith("frame-ancestors")]
    pages = [name for name in files if name.endswith(".html")]
    assert len(pages) > 5
    for name in pages:
        head = lxml_html.fromstring(files[name]).find("head")
        metas = [
            m for m in head.iter("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"
        ]
        assert [m.get("content") for m in metas] == [META_CONTENT_SECURITY_POLICY], name
        assert META_CONTENT_SECURITY_POLICY.split("; ") == wanted
        # Before anything it governs: only <meta charset> may come first.
        first = [el.tag for el in head][:2]
        assert first == ["meta", "meta"] and head[1] is metas[0], name


def test_the_readmes_nginx_and_apache_lines_send_the_same_headers() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    nginx = re.findall(r'^add_header (\S+) "(.*)" always;$', readme, re.M)
    apache = re.findall(r'^Header always set (\S+) "(.*)"$', readme, re.M)
    assert nginx == list(SECURITY_HEADERS)
    assert apache == list(SECURITY_HEADERS)
