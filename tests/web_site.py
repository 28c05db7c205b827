"""Session fixtures for the web tests: the shipped site built once, served on 127.0.0.1, a browser."""

from __future__ import annotations

import fnmatch
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitegen.build import BuildResult, build
from sitegen.render.headers import parse_headers

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Pagefind's binary files; everything else gets Python's usual guess.
CONTENT_TYPES = {".pagefind": "application/wasm", ".pf_meta": "application/octet-stream"}


@dataclass
class BuiltSite:
    """The shipped content built into a temporary folder, with the build's result."""

    root: Path
    result: BuildResult

    @property
    def pages(self) -> list[str]:
        """Return the relative paths of every HTML page, sorted."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Build the repository's own content, with search, once for the whole session."""
    out = tmp_path_factory.mktemp("web") / "_site"
    # No cache: the repository's .cache/ is the developer's, and each run must index afresh.
    result = build(REPO, out, use_cache=False)
    return BuiltSite(out, result)


def url_path(page: str) -> str:
    """Return the URL path of an output file: 'sv/x/index.html' -> '/sv/x/'."""
    return "/" + page.removesuffix("index.html")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve the built site with the headers its _headers file gives, as a static host would."""

    rules: list[tuple[str, list[tuple[str, str]]]] = []

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        for pattern, headers in self.rules:
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path: str | Path) -> str:
        suffix = Path(str(path)).suffix
        if suffix.startswith(".pf_"):
            return "application/octet-stream"
        return CONTENT_TYPES.get(suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a free port) for the session; yield its base URL."""
    rules = parse_headers((built_site.root / "_headers").read_text(encoding="utf-8"))
    handler = type("Handler", (_Handler,), {"rules": rules})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site.root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Launch Debian's Chromium through Playwright once for the session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Return axe-core's script, installed from npm by .ci/run into tests/node/."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/node` (.ci/run does this)")
    return AXE.read_text(encoding="utf-8")


class Visits:
    """Record what a browser context asked for: requests off the site, and console errors."""

    def __init__(self, context: object, site_url: str) -> None:
        self.site_url = site_url
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(self.site_url + "/"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.foreign.append(url)
            route.abort()  # type: ignore[attr-defined]

    def watch(self, page: object) -> None:
        """Record the console errors and uncaught exceptions of a page (CSP reports land here)."""
        page.on(  # type: ignore[attr-defined]
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))  # type: ignore[attr-defined]
