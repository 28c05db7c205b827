#!/usr/bin/env python3
"""Measure the live preview: seconds from saving an article to the browser showing the edit.

Starts `python3 build.py serve` on a project, opens one article in headless Chromium
(Debian's, through Playwright), appends a line to the article's Markdown several times
and reports the median time from each save to the reloaded page showing that line.
The article is put back as it was afterwards.

    python3 bench/serve_latency.py PROJECT [--edits 5] [--article content/sv/x.md]

From Python: `measure_latency(Path(project))` returns the median in seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, WebSocket, sync_playwright

from sitegen.config import load_config
from sitegen.content import read_content

REPO = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT = 120.0
URL_LINE = re.compile(r"serving the preview of .* at (http://\S+/) ")
REBUILT = re.compile(r"^rebuilt after .* in ([0-9.]+) s;")


@dataclass
class Latency:
    """What one run measured, in seconds."""

    article: str
    reloads: list[float]
    rebuilds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Return the median time from save to reloaded page."""
        return statistics.median(self.reloads)


class Server:
    """The preview server as a subprocess; its output is kept for reading the rebuild times."""

    def __init__(self, project: Path) -> None:
        command = [sys.executable, str(REPO / "build.py"), "--project", str(project), "serve", "--port", "0"]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.output: list[str] = []
        self.url = ""
        self.started = threading.Event()
        threading.Thread(target=self._drain, daemon=True).start()
        if not self.started.wait(TIMEOUT) or not self.url:
            self.stop()
            raise RuntimeError("the preview server did not start:\n" + "\n".join(self.output))

    def _drain(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line.rstrip("\n"))
            found = URL_LINE.search(line)
            if found:
                self.url = found.group(1)
                self.started.set()
        self.started.set()  # the process ended: stop waiting

    def rebuild_times(self) -> list[float]:
        """Return the rebuild times the server reported, in order."""
        return [float(m.group(1)) for line in self.output if (m := REBUILT.match(line))]

    def stop(self) -> None:
        """Stop the server as Ctrl+C would."""
        if self.proc.poll() is None:
            self.proc.send_signal(2)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def pick_article(project: Path, given: Path | None) -> tuple[Path, str]:
    """Return the article file to edit and its URL: the one given, or the first published one."""
    config = load_config(project.absolute())
    articles, _problems = read_content(config)
    # A source article: an edit there makes its translations outdated (a warning), not broken.
    candidates = [a for a in articles if not a.draft and a.lang == config.source_language]
    if given is not None:
        wanted = (project / given).absolute() if not given.is_absolute() else given
        candidates = [a for a in articles if (config.root / a.path) == wanted]
    if not candidates:
        raise SystemExit(f"no article to edit in {project}" + (f" at {given}" if given else ""))
    chosen = sorted(candidates, key=lambda a: a.path)[0]
    return config.root / chosen.path, chosen.url


class Tab:
    """A browser tab that counts its page loads and the livereload connections they open."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.loads = 0
        self.listening = 0
        page.on("load", self._load)
        page.on("websocket", self._socket)

    def _load(self, _page: Page) -> None:
        self.loads += 1

    def _socket(self, socket: WebSocket) -> None:
        socket.on("framesent", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        # livereload.js says "info" once the server will tell it about rebuilds.
        self.listening += '"info"' in str(payload)

    def wait_until_listening(self) -> None:
        """Wait until the page on screen has its livereload connection open."""
        deadline = time.monotonic() + TIMEOUT
        while self.loads == 0 or self.listening < self.loads:
            if time.monotonic() > deadline:
                raise RuntimeError("the page did not connect to livereload")
            self.page.wait_for_timeout(20)


def measure(project: Path, edits: int = 5, article: Path | None = None) -> Latency:
    """Edit one article `edits` times; return each save-to-reloaded-page time and rebuild time."""
    path, url = pick_article(project, article)
    original = path.read_bytes()
    server = Server(project)
    reloads: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = Tab(browser.new_page())
            tab.page.goto(server.url + url.lstrip("/"))
            for number in range(edits):
                tab.wait_until_listening()
                marker = f"Latency marker {number} {uuid.uuid4().hex[:8]}"
                text = original.decode("utf-8").rstrip("\n") + f"\n\n{marker}\n"
                path.write_text(text, encoding="utf-8")
                saved = time.perf_counter()
                try:
                    tab.page.get_by_text(marker).wait_for(timeout=TIMEOUT * 1000)
                except PlaywrightError as exc:
                    raise RuntimeError(f"{exc}\nserver output:\n" + "\n".join(server.output)) from exc
                reloads.append(time.perf_counter() - saved)
            browser.close()
    finally:
        path.write_bytes(original)
        server.stop()
    return Latency(str(path), reloads, server.rebuild_times())


def measure_latency(project: Path, edits: int = 5, article: Path | None = None) -> float:
    """Return the median seconds from saving an article to the browser showing the edit."""
    return measure(project, edits, article).median


def main(argv: list[str] | None = None) -> int:
    """Measure and print the result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="project folder (with site.yaml)")
    parser.add_argument("--edits", type=int, default=5, help="how many edits to time (default: 5)")
    parser.add_argument("--article", type=Path, help="the Markdown file to edit (default: the first one)")
    args = parser.parse_args(argv)
    result = measure(args.project, args.edits, args.article)
    times = ", ".join(f"{t:.3f}" for t in result.reloads)
    print(f"article: {result.article}")
    print(f"save to reloaded page: median {result.median:.3f} s over {len(result.reloads)} edits ({times})")
    if result.rebuilds:
        print(f"rebuild (server side): median {statistics.median(result.rebuilds):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
