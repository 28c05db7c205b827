"""Lighthouse scores of the built site, mobile and desktop, served with the site's own headers.

A benchmark, not a test: it builds the site into a temporary folder, serves it on 127.0.0.1
as a static host would (the _headers file applied), runs the npm `lighthouse` package with
Debian's Chromium on the front pages, the seek-care pages and the research pages, prints one
row per page and form factor, and exits 1 if any category scores below the target.

    npm ci --prefix bench/lighthouse        # once
    python3 bench/lighthouse.py [--target 98] [--only /sv/]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.build import build  # noqa: E402
from sitegen.render.headers import parse_headers  # noqa: E402
from tests.web_site import CHROMIUM, _Handler  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORMS = ("mobile", "desktop")


def pages(site) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the front pages and the seek-care and research pages of every language."""
    found = [f"/{lang}/" for lang in site.config.codes]
    for key in (site.config.care_page, "research"):
        found += [a.url for a in site.by_key.get(key, {}).values()]
    return found


def run(url: str, form: str) -> dict[str, int]:
    """Run Lighthouse on one URL; return each category's score out of 100."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def main() -> int:
    """Build, serve, score; print the table; return 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=int, default=98)
    parser.add_argument("--only", action="append", help="a page path to score (repeatable)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        print("bench/lighthouse.py: run `npm ci --prefix bench/lighthouse` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "_site"
        result = build(ROOT, out, use_cache=False)
        rules = parse_headers((out / "_headers").read_text(encoding="utf-8"))
        handler = type("Handler", (_Handler,), {"rules": rules})
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(out))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        low = []
        print(f"{'page':34} {'form':8} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        try:
            for path in args.only or pages(result.site):
                for form in FORMS:
                    scores = run(base + path, form)
                    print(
                        f"{path:34} {form:8} " + " ".join(f"{scores[c]:>15}" for c in CATEGORIES), flush=True
                    )
                    low += [f"{path} {form} {c} {scores[c]}" for c in CATEGORIES if scores[c] < args.target]
        finally:
            server.shutdown()
    if low:
        print(f"below {args.target}: " + "; ".join(low), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
