"""Render _headers: the security headers static hosts (Netlify, Cloudflare Pages) send."""

from __future__ import annotations

from ..model import Site

# Everything comes from the site itself. 'wasm-unsafe-eval' lets the search (Pagefind)
# compile its WebAssembly; it does not allow eval() of JavaScript.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# A <meta> policy cannot carry these (browsers ignore them there): only the header can.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "sandbox")
# The same policy in every page, for hosts that ignore _headers (GitHub Pages, a plain
# nginx, a page opened from disk).
META_CONTENT_SECURITY_POLICY = "; ".join(
    d for d in CONTENT_SECURITY_POLICY.split("; ") if d.split()[0] not in HEADER_ONLY_DIRECTIVES
)

SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("X-Frame-Options", "DENY"),
    # Browsers heed it only over HTTPS; a year, without includeSubDomains: other hosts of
    # the domain are not ours to force onto HTTPS.
    ("Strict-Transport-Security", "max-age=31536000"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


def render_headers(site: Site) -> dict[str, bytes]:
    """Return {'_headers': ...}: the security headers for every path of the site."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    lines += ["", "/*/feed.xml", "  Content-Type: application/atom+xml; charset=utf-8"]
    return {"_headers": ("\n".join(lines) + "\n").encode("utf-8")}


def parse_headers(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Parse a _headers file into (path pattern, [(name, value)]) rules, in order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules
