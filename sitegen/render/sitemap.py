"""Render sitemap.xml with hreflang alternates, and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..model import Site


def render_sitemap(site: Site) -> bytes:
    """List every public page with its language versions as xhtml:link alternates."""
    config = site.config
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in sorted(site.pages, key=lambda p: p.url):
        if page.kind not in {"home", "article", "root"}:
            continue
        lines.append("<url>")
        lines.append(f"<loc>{escape(config.absolute_url(page.url))}</loc>")
        if page.article is not None:
            lines.append(f"<lastmod>{page.article.last_reviewed.isoformat()}</lastmod>")
        versions = page.versions
        for code in config.codes:
            if code in versions:
                href = quoteattr(config.absolute_url(versions[code]))
                lines.append(f'<xhtml:link rel="alternate" hreflang="{code}" href={href}/>')
        if versions:
            default = (
                "/"
                if page.kind == "home"
                else versions.get(config.default_language, next(iter(versions.values())))
            )
            href = quoteattr(config.absolute_url(default))
            lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={href}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_robots(site: Site) -> bytes:
    """Allow every crawler and point it at the sitemap."""
    sitemap = site.config.absolute_url("/sitemap.xml")
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode()
