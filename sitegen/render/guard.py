"""The last guard before the swap: no page may hold markup the site never writes itself.

Every input is escaped or refused long before this; the guard is for what slipped through
all the same (a template edited to load a tracker, a filter gone wrong, a cached page
changed on disk). It reads each page as a browser's tokenizer does, quoted or not, and
refuses event-handler attributes, scripts other than the site's own files and its JSON-LD,
javascript:, vbscript: and data: URLs, and anything loaded from another host.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..model import Page, Site
from ..problems import Problem, error
from ..sources.files import relpath

# A start tag as the HTML tokenizer reads it; possessive, so a malformed page cannot make
# the pattern backtrack.
TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<([a-zA-Z][^\s/>]*+)"
    r"((?:[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+))?+)*+)[\s/]*+>?",
    re.S,
)
ATTR = re.compile(r"([^\s/>][^\s/>=]*+)(?:\s*+=\s*+(\"[^\"]*+\"?|'[^']*+'?|[^\s>]*+))?+")
# Only a tag whose attributes hold one of these needs a closer look.
SUSPECT = re.compile(
    r"(?:^|[\s/\"'])(?:on|(?:src|srcset|poster|background|data|action|formaction|xlink:href)(?=[\s=/]|$))"
    r"|script\s*:|data\s*:|&|\\",
    re.I,
)
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "background", "srcset", "data", "xlink:href"}
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data):", re.I)
# What the site loads (as opposed to links to): it comes from the site itself.
LOADED = {"src", "srcset", "poster", "background", "data", "action", "formaction"}
LINK_LOADS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
FOREIGN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
SCRIPT_TYPES = {"module", "text/javascript", ""}
WATCHED_TAGS = {"script", "meta", "link", *FOREIGN_TAGS}


def tags(page: str) -> list[tuple[str, list[tuple[str, str]], str]]:
    """Return the start tags of page that need a look, attributes (entities decoded), raw text."""
    found: list[tuple[str, list[tuple[str, str]], str]] = []
    at = 0
    while (m := TAG.search(page, at)) is not None:
        at = max(m.end(), m.start() + 1)
        if m.group(1) is None:
            continue  # a comment
        name, blob = m.group(1).lower(), m.group(2)
        text = ""
        if name in RAW_TEXT:
            close = re.compile(rf"</{re.escape(name)}[\s/>]", re.I).search(page, at)
            end = close.start() if close else len(page)
            text, at = page[at:end], end
        if name not in WATCHED_TAGS and not SUSPECT.search(blob):
            continue
        attrs = []
        for attr in ATTR.finditer(blob):
            raw = attr.group(2) or ""
            if raw[:1] in "\"'":
                raw = raw[1:-1] if len(raw) > 1 and raw[-1] == raw[0] else raw[1:]
            attrs.append((attr.group(1).lower(), html.unescape(raw)))
        found.append((name, attrs, text))
    return found


def page_dangers(page: str, host: str) -> list[str]:
    """Return what on a page the site never writes: each as a short description."""
    found: list[str] = []
    for name, attrs, text in tags(page):
        values = dict(attrs)
        for attr, value in attrs:
            plain = re.sub(r"[\x00-\x20\x7f]", "", value)
            if attr.startswith("on"):
                found.append(f"an event-handler attribute <{name} {attr}=...>")
            elif attr in URL_ATTRS and any(SCRIPT_URL.match(p.strip()) for p in plain.split(",")):
                found.append(f'a script or data URL <{name} {attr}="{value[:60]}">')
            elif _loads(name, attr, values) and _elsewhere(value, host):
                found.append(f'something loaded from another host <{name} {attr}="{value[:60]}">')
        if name in FOREIGN_TAGS:
            found.append(f"an element the site never writes <{name}>")
        if name == "meta" and values.get("http-equiv", "").lower() == "refresh":
            found.append('a <meta http-equiv="refresh">')
        if name == "script":
            kind = values.get("type", "").lower()
            if kind == "application/ld+json":
                if not _is_json(text):
                    found.append("a JSON-LD <script> that is not JSON")
            elif kind not in SCRIPT_TYPES or "src" not in values or text.strip():
                found.append(f"a <script> that is not one of the site's files: {text.strip()[:60]!r}")
    return found


def _loads(tag: str, attr: str, values: dict[str, str]) -> bool:
    if attr in LOADED:
        return True
    rels = set(values.get("rel", "").lower().split())
    return tag == "link" and attr == "href" and bool(rels & LINK_LOADS)


def _elsewhere(url: str, host: str) -> bool:
    """Tell whether a URL reaches a host other than the site's (or one given with //)."""
    for part in url.split(","):
        target = part.strip().split()[0] if part.strip() else ""
        parts = urlsplit(target.replace("\\", "/"))
        if parts.netloc and parts.netloc.lower() != host:
            return True
    return False


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def guard_pages(site: Site, files: Mapping[str, bytes]) -> dict[str, Problem]:
    """Return an [output] error for each page holding markup the site never writes, by output path."""
    config = site.config
    host = urlsplit(config.base_url).netloc.lower()
    pages = {page.output: page for page in site.pages}
    shown_dir = relpath(config.output_dir, config.root)
    problems: dict[str, Problem] = {}
    for name in sorted(files):
        if not name.endswith(".html"):
            continue
        dangers = page_dangers(files[name].decode("utf-8", "replace"), host)
        if dangers:
            source = _source(pages.get(name))
            problems[name] = error(
                f"{shown_dir}/{name}",
                None,
                f"the page would hold {dangers[0]}, which the site never writes"
                + (f" (and {len(dangers) - 1} more)" if len(dangers) > 1 else "")
                + f"; it comes from {source}: the build stops so that it is not published",
                "output",
            )
    return problems


def _source(page: Page | None) -> str:
    """Name what produced a page: its article and template."""
    if page is None:
        return "the templates"
    template = {"root": "root.html", "home": "home.html", "article": "article.html", "notfound": "404.html"}
    where = f"templates/{template.get(page.kind, 'base.html')}"
    if page.article is not None:
        return f"{page.article.path}, rendered with {where}"
    return where
