"""Turn article Markdown into HTML, and scan it for links, citations and directives."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .phones import link_phones_in_tree

DIRECTIVE = re.compile(r"^:::[ \t]+([a-z][a-z0-9-]*)[ \t]*(.*?)[ \t]*$")
# A container directive (`::: in-short`, `::: care LEVEL`) holds Markdown up to a line ':::'.
CLOSE = re.compile(r"^:::[ \t]*$")
CONTAINERS = ("in-short", "care")
# Where a container's template puts the Markdown it holds.
BODY = Markup("\x00sitegen-directive-body\x00")
CITATION = re.compile(r"\[@([a-z][a-z0-9_-]*)\]")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?][^>]*>")
INTERNAL = re.compile(r"^([^/:#?\s]+\.md)(#[^\s]*)?$")
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


@dataclass
class Link:
    line: int
    target: str
    text: str
    image: bool = False
    origin: str = "inline"  # or "reference", "automail": how the parser made it


@dataclass
class Heading:
    line: int
    level: int
    text: str
    id: str


def heading_id(text: str, used: set[str]) -> str:
    """Return the id Python-Markdown's toc extension gives a heading."""
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"[*_`]", "", plain)
    base = slugify(plain, "-") or "_"
    ident, n = base, 0
    while ident in used:
        n += 1
        ident = f"{base}_{n}"
    used.add(ident)
    return ident


def unfenced_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Yield each line of a body with its number; fenced code and its fences come as ''."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            line = ""
        elif opening:
            fence = opening.group(1)
            line = ""
        yield first_line + offset, line


@dataclass
class PageContext:
    """What converting one article needs to know about the rest of the site."""

    lang: str
    resolve_link: Callable[[str], str | None]
    citation_number: Callable[[str], int | None]
    render_directive: Callable[[str, str], str]
    # base_url's sub-path ('' or '/dryneedling'), put before links and images that start with '/'.
    base_path: str = ""
    phone_numbers: tuple[str, ...] = ()


class _DirectivePreprocessor(Preprocessor):
    def __init__(self, md: markdown.Markdown, ext: _SiteExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        closings: list[str] = []  # the closing HTML of each open container, innermost last
        for line in lines:
            opening = FENCE.match(line)
            if fence is not None:
                if opening and opening.group(1)[0] == fence[0]:
                    fence = None
                out.append(line)
                continue
            if opening:
                fence = opening.group(1)
            match = DIRECTIVE.match(line)
            if match and fence is None:
                html = self.ext.context.render_directive(match.group(1), match.group(2))
                if match.group(1) in CONTAINERS:
                    html, _, closing = html.partition(BODY)
                    closings.append(closing.strip())
                out.extend(["", self.md.htmlStash.store(html.strip()), ""])
            elif fence is None and closings and CLOSE.match(line):
                out.extend(["", self.md.htmlStash.store(closings.pop()), ""])
            else:
                out.append(line)
        # An unclosed container is an error of the checks; close it here all the same.
        for closing in reversed(closings):
            out.extend(["", self.md.htmlStash.store(closing), "", ""])
        return out


class _CitationPattern(InlineProcessor):
    def __init__(self, pattern: str, ext: _SiteExtension):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        ref = m.group(1)
        number = self.ext.context.citation_number(ref)
        sup = etree.Element("sup", {"class": "citation"})
        link = etree.SubElement(sup, "a", {"href": f"#ref-{ref}"})
        link.text = f"[{number if number is not None else '?'}]"
        return sup, m.start(0), m.end(0)


class _LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, ext: _SiteExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        link_phones_in_tree(root, self.ext.context.phone_numbers)
        for el in root.iter():
            if el.tag == "a":
                self._link(el)
            elif el.tag == "img" and not _static_image(plain_url(el.get("src", ""))):
                el.set("src", "")  # the checks refuse it; a page never loads from elsewhere
            elif el.tag == "img":
                el.set("src", self._under_base(el.get("src", "")))
            elif el.tag == "th":
                el.set("scope", "col")

    def _link(self, el: etree.Element) -> None:
        href = plain_url(el.get("href", ""))
        internal = INTERNAL.match(href)
        if internal:
            url = self.ext.context.resolve_link(internal.group(1))
            el.set("href", (url or "#") + (internal.group(2) or ""))
        elif href.startswith(("http://", "https://", "//")):
            el.set("rel", "noopener")
        elif not _safe_url(href):
            el.set("href", "#")
        else:
            el.set("href", self._under_base(href))

    def _under_base(self, url: str) -> str:
        """Put the site's sub-path before a site path ('/static/x.png'), not before '//host/'."""
        if url.startswith("/") and not url.startswith("//"):
            return self.ext.context.base_path + url
        return url


STASHED = re.compile("\x02(\\d+|amp)\x03")


def plain_url(url: str) -> str:
    """Return a URL as written, without the placeholders Markdown uses for '\\_' and '&'."""
    return STASHED.sub(lambda m: "&" if m.group(1) == "amp" else chr(int(m.group(1))), url)


def _static_image(url: str) -> bool:
    """Tell whether an image URL is a file of static/ (the only place images come from)."""
    return url.startswith("/static/") and ".." not in url.split("/") and "\\" not in url and _safe_url(url)


def _safe_url(url: str) -> bool:
    """Accept relative URLs and a few schemes; refuse javascript: and the like, however written."""
    # Read the URL as a browser will: the serializer keeps entities such as &#106; or &colon;
    # as they are, and browsers decode them and drop tabs and newlines inside a scheme.
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    return re.match(r"^[a-z][a-z0-9+.-]*:", plain) is None or plain.startswith(SAFE_SCHEMES)


class _SiteExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.context: PageContext

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        # Raw HTML is refused by the checks; here it is escaped as text as a second guard.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.preprocessors.register(_DirectivePreprocessor(md, self), "site_directives", 25)
        md.inlinePatterns.register(_CitationPattern(CITATION.pattern, self), "site_citation", 175)
        md.treeprocessors.register(_LinkTreeprocessor(md, self), "site_links", 1)


class MarkdownRenderer:
    """A reusable Markdown converter for articles (one per process: it is not thread-safe)."""

    def __init__(self) -> None:
        self._ext = _SiteExtension()
        self._md = markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists", "toc", self._ext],
            extension_configs={"toc": {"slugify": slugify}},
            output_format="html",
        )

    def convert(self, body: str, context: PageContext) -> str:
        """Convert one article body to HTML."""
        self._ext.context = context
        self._md.reset()
        return self._md.convert(body)
