"""Live preview: serve the preview build with livereload and rebuild when a source changes."""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from watchfiles import Change, DefaultFilter, watch

from ..problems import format_problems
from ..sources.files import relpath
from .banner import PREVIEW_CSS
from .builder import Outcome, PreviewBuilder, describe

PREVIEW_DIR = Path(".cache") / "preview"
WATCHED = ("content", "templates", "locales", "static", "site.yaml")
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
# Files of the preview itself, from this server: the pages' own Content-Security-Policy
# (script-src 'self', no inline script or style) holds in the preview too.
LOADER = (
    b'(function(){var s=document.createElement("script");'
    b's.src="/livereload.js?host="+location.hostname+"&port="+(location.port||80);'
    b"document.head.appendChild(s);})();\n"
)
LIVE_SCRIPT = (
    b'<link rel="stylesheet" href="/_preview/preview.css"><script src="/_preview/reload.js"></script>'
)


class LiveScript(LiveScriptInjector):
    """Put the livereload client into every HTML page served, the error page too."""

    script = LIVE_SCRIPT


def host_checker(listen: str) -> Callable[[str], bool]:
    """Return a test of a request's host name: the listen address or localhost only.

    A page on another site can make its own name resolve to 127.0.0.1 (DNS rebinding) and
    then read the preview, drafts included; it cannot make the browser send our Host.
    Listening on every address, any IP address is accepted: it cannot be rebound.
    """
    allowed = {listen.strip("[]").lower(), "localhost", "localhost."}

    def ok(host_name: str) -> bool:
        name = host_name.strip("[]").lower()
        if name in allowed:
            return True
        if listen in WILDCARD_HOSTS:
            try:
                ipaddress.ip_address(name)
            except ValueError:
                return False
            return True
        return False

    return ok


class LocalOnly(web.RequestHandler):
    """Refuse a request whose Host is not this server's, before anything is answered."""

    def prepare(self) -> None:
        """Answer 400 to a request for another host name."""
        if not self.settings["host_ok"](self.request.host_name):
            raise web.HTTPError(400, "Host %s is not this preview's", self.request.host_name)


class LiveSocket(LocalOnly, LiveReloadHandler):
    """livereload's socket, open only to pages of this preview."""

    def check_origin(self, origin: str) -> bool:
        """Accept the pages of this server only (the Host was checked in prepare)."""
        return origin == f"http://{self.request.host}"


class LiveScriptHandler(LocalOnly, LiveReloadJSHandler):
    """livereload's client script."""


class PreviewFile(LocalOnly):
    """The preview's own small files: the loader of livereload.js and the banner's style."""

    def get(self, name: str) -> None:
        """Send one of the preview's files."""
        if name == "reload.js":
            self.set_header("Content-Type", "application/javascript; charset=utf-8")
            self.finish(LOADER)
        else:
            self.set_header("Content-Type", "text/css; charset=utf-8")
            self.finish(PREVIEW_CSS.encode())


class PreviewHandler(LocalOnly, web.StaticFileHandler):
    """Serve the preview folder; an error page for a page that cannot be rendered, or for every URL."""

    def initialize(self, path: str, builder: PreviewBuilder) -> None:  # type: ignore[override]
        super().initialize(path, default_filename="index.html")
        self.builder = builder

    async def get(self, path: str, include_body: bool = True) -> None:
        """Answer with the error page of a broken build or of an unrenderable page, else the file."""
        page = self.builder.error_page or self.builder.broken_page(path)
        if page is not None:
            self._send_html(500, page)
            return
        # A NUL or other control character is no file name: answer 400, not a traceback.
        if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
            raise web.HTTPError(400, "control character in the path")
        try:
            await super().get(path, include_body)
        except ValueError as exc:
            raise web.HTTPError(400, "malformed path") from exc

    def set_extra_headers(self, path: str) -> None:
        """Tell the browser never to keep a page: the next rebuild changes it."""
        self.set_header("Cache-Control", "no-store")

    def compute_etag(self) -> str | None:
        """Send no ETag; files change under the same name with every rebuild."""
        return None

    def should_return_304(self) -> bool:
        """Always send the file itself."""
        return False

    def write_error(self, status_code: int, **kwargs: object) -> None:
        """Answer a missing page with the site's own 404 page in the language of the URL."""
        if status_code == 404:
            first = self.request.path.strip("/").split("/")[0]
            for name in (f"{first}/404.html", "404.html"):
                candidate = Path(self.root) / name
                if candidate.is_file():
                    self._send_html(404, candidate.read_bytes())
                    return
        super().write_error(status_code, **kwargs)

    def _send_html(self, status: int, body: bytes) -> None:
        self.clear()
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(body)


class SourceFilter(DefaultFilter):
    """Let through changes to the sources of the site, not to its output or anything else."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __call__(self, change: Change, path: str) -> bool:
        """Tell whether a change to path should trigger a rebuild."""
        parts = Path(path).relative_to(self.root).parts if Path(path).is_relative_to(self.root) else ()
        return bool(parts) and parts[0] in WATCHED and super().__call__(change, path)


def reload_browsers(path: str = "*") -> None:
    """Tell every connected page to reload (only the stylesheet when path is one)."""
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    for waiter in list(LiveReloadHandler.waiters):
        try:
            waiter.write_message(message)
        except Exception as exc:  # noqa: BLE001 - a closed browser tab must not stop the others
            print(f"livereload: dropped a browser connection ({exc})", file=sys.stderr, flush=True)
            LiveReloadHandler.waiters.discard(waiter)


def report(outcome: Outcome, sources: list[str]) -> None:
    """Print a rebuild's result and its problems to the console, as the command line does."""
    if outcome.problems:
        print(format_problems(outcome.problems), file=sys.stderr, flush=True)
    print(describe(outcome, sources), flush=True)


def changed_sources(root: Path, changes: set[tuple[Change, str]]) -> list[str]:
    """Return the changed sources to name; an editor's short-lived temporary files are left out."""
    kinds: dict[str, set[Change]] = {}
    for change, path in changes:
        kinds.setdefault(path, set()).add(change)
    kept = [path for path, seen in kinds.items() if Path(path).exists() or seen == {Change.deleted}]
    return sorted(relpath(Path(path), root) for path in kept)


def reload_path(sources: list[str], outcome: Outcome, was_ok: bool) -> str | None:
    """Return what the browsers should reload: '*' the page, a stylesheet's path, or None nothing."""
    # Static files are copied, not rendered: outcome.changed does not list them.
    static = [name for name in sources if name.startswith("static/")]
    if not outcome.ok or not was_ok:
        return "*"
    if static and not outcome.changed and all(name.endswith(".css") for name in static):
        return "/" + static[0]
    return "*" if outcome.changed or static else None


class Watcher(threading.Thread):
    """Rebuild after each burst of changes to the sources, then reload the browsers."""

    def __init__(self, builder: PreviewBuilder, notify: Callable[[str], None], quiet: float) -> None:
        super().__init__(name="sitegen-watcher", daemon=True)
        self.builder = builder
        self.notify = notify
        self.quiet_ms = max(1, int(quiet * 1000))
        self.stop_event = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        """Watch until stopped; a fault in the watcher is reported and watching starts again."""
        root = self.builder.root
        while not self.stop_event.is_set():
            try:
                for changes in watch(
                    root,
                    watch_filter=SourceFilter(root),
                    step=self.quiet_ms,
                    debounce=max(1600, 4 * self.quiet_ms),
                    stop_event=self.stop_event,
                    rust_timeout=500,
                    yield_on_timeout=True,
                    raise_interrupt=False,
                ):
                    # The first quiet timeout tells that the watches are in place.
                    self.ready.set()
                    if changes:
                        self.rebuild(changes)
            except Exception:  # noqa: BLE001 - the preview must keep running; the fault is printed
                traceback.print_exc()
                print("watcher: restarting in 1 s", file=sys.stderr, flush=True)
                self.stop_event.wait(1.0)

    def rebuild(self, changes: set[tuple[Change, str]]) -> None:
        """Rebuild once for a burst of changes and reload the browsers if anything is new."""
        sources = changed_sources(self.builder.root, changes)
        was_ok = self.builder.error_page is None
        outcome = self.builder.rebuild()
        report(outcome, sources)
        path = reload_path(sources, outcome, was_ok)
        if path is not None:
            self.notify(path)


def make_app(builder: PreviewBuilder, host: str = "127.0.0.1") -> web.Application:
    """Make the web application: livereload's socket and script, then the preview folder."""
    LiveReloadHandler.live_css = True
    handlers: list[tuple[str, type[web.RequestHandler], dict[str, object]] | tuple[str, type]] = [
        (r"/livereload", LiveSocket),
        (r"/livereload\.js", LiveScriptHandler),
        (r"/_preview/(reload\.js|preview\.css)", PreviewFile),
        (r"/(.*)", PreviewHandler, {"path": str(builder.output_dir), "builder": builder}),
    ]
    return web.Application(  # type: ignore[arg-type]
        handlers, transforms=[LiveScript], host_ok=host_checker(host)
    )


def serve(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    output_dir: Path | None = None,
    debounce: float = 0.1,
) -> int:
    """Build the preview, serve it with livereload and rebuild after each burst of changes until stopped."""
    root = root.absolute()
    output_dir = (output_dir or root / PREVIEW_DIR).absolute()
    if output_dir == root / "_site" or any(output_dir.is_relative_to(root / name) for name in WATCHED):
        print(
            f"serve: the preview folder {output_dir} must not be _site/ or a source folder", file=sys.stderr
        )
        return 2
    if host not in LOCAL_HOSTS:
        print(
            f"warning: serving on {host}: other machines can reach the preview, drafts included; "
            "the preview server is made for one editor's own machine",
            file=sys.stderr,
            flush=True,
        )
    if not 0 <= port <= 65535:
        print(f"serve: --port must be from 0 to 65535, not {port}", file=sys.stderr)
        return 2
    try:
        sockets = bind_sockets(port, address=host)
    except OSError as exc:
        print(f"serve: cannot listen on {host}:{port}: {exc.strerror}; try --port", file=sys.stderr)
        return 1
    asyncio.run(_serve(PreviewBuilder(root, output_dir, search=True), sockets, debounce, host))
    return 0


async def _serve(builder: PreviewBuilder, sockets: list, quiet: float, host: str) -> None:
    loop = IOLoop.current()
    watcher = Watcher(builder, lambda path: loop.add_callback(reload_browsers, path), quiet)
    watcher.start()
    # Watch first, then build: a save during the first build is not lost.
    await asyncio.to_thread(watcher.ready.wait, 30)
    outcome = await asyncio.to_thread(builder.rebuild)
    report(outcome, [])
    server = HTTPServer(make_app(builder, host))
    server.add_sockets(sockets)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    host, port = sockets[0].getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"serving the preview of {builder.root} at http://{shown}:{port}/ (Ctrl+C stops)", flush=True)
    await stop.wait()
    watcher.stop_event.set()
    server.stop()
    await asyncio.to_thread(watcher.join, 10)
    if builder.indexer is not None:
        await asyncio.to_thread(builder.indexer.stop)
    print("stopped", flush=True)
