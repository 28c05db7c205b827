"""Render _redirects for Netlify: the language root by the reader's language, a 404 per language."""

from __future__ import annotations

from ..model import Site


def render_redirects(site: Site) -> dict[str, bytes]:
    """Return {'_redirects': ...}; Cloudflare Pages finds each language's 404.html without it."""
    config = site.config
    root = config.url("/")
    lines = ["# Netlify: readers of a site language go from / to its front page; others get the choice."]
    # Netlify's Language condition reads Accept-Language; 302, because it depends on the reader.
    lines += [f"{root}  {config.url(f'/{code}/')}  302  Language={code}" for code in config.codes]
    lines.append("# Each language's own 404 page (Cloudflare Pages picks the nearest 404.html by itself).")
    lines += [f"{config.url(f'/{code}/*')}  {config.url(f'/{code}/404.html')}  404" for code in config.codes]
    return {"_redirects": ("\n".join(lines) + "\n").encode("utf-8")}
