"""The live preview end to end: a real server process, real files, Chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, article
from markupsafe import escape
from playwright.sync_api import Browser, Page, expect

from sitegen.build import load_site
from sitegen.config import load_config
from tests.web_site import ARTIFACTS

# Generous: these wait for conditions, they do not measure anything.
WAIT = 60.0
SERVING = re.compile(r"serving the preview of .* at (http://\S+/) ")


class PreviewProcess:
    """`python build.py serve` in a subprocess, with everything it prints collected."""

    def __init__(self, root: Path, *options: str, prelude: str = "") -> None:
        # prelude: Python run in the server process before the command line, to plant a fault.
        launcher = f"import sys\n{prelude}\nfrom sitegen.cli import main\nsys.exit(main(sys.argv[1:]))"
        args = ["--project", str(root), "serve", "--port", "0", *options]
        command = [sys.executable, "-c", launcher, *args] if prelude else [sys.executable, "build.py", *args]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = SERVING.search(self.wait_for(SERVING.pattern)).group(1)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for(self, pattern: str, after: int = 0) -> str:
        """Return the first line from index `after` on that matches pattern; fail after WAIT s."""
        deadline = time.monotonic() + WAIT
        with self._changed:
            while True:
                found = next((x for x in self.lines[after:] if re.search(pattern, x)), None)
                if found is not None:
                    return found
                if self.proc.poll() is not None and not self._changed.wait(0.5):
                    pytest.fail(f"the server exited ({self.proc.returncode}):\n" + "\n".join(self.lines))
                if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                    pytest.fail(f"no line matching {pattern!r} in:\n" + "\n".join(self.lines))

    def get(self, path: str) -> tuple[int, str]:
        """Fetch a path; return the status and the body."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def stop(self) -> None:
        """Stop the server as Ctrl+C would."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def preview() -> Iterator[Callable[..., PreviewProcess]]:
    """Return a function that starts a preview server; every server is stopped after the test."""
    started: list[PreviewProcess] = []

    def start(root: Path, *options: str, prelude: str = "") -> PreviewProcess:
        started.append(PreviewProcess(root, *options, prelude=prelude))
        return started[-1]

    yield start
    for server in started:
        server.stop()


class LivePage:
    """A browser tab that knows when its livereload connection is ready to hear of a rebuild."""

    def __init__(self, browser: Browser, **options: object) -> None:
        self.page: Page = browser.new_page(**options)  # type: ignore[arg-type]
        self.loads = 0
        self.connected = 0
        self.page.on("load", self._loaded)
        self.page.on("websocket", lambda ws: ws.on("framesent", self._sent))

    def _loaded(self, _page: Page) -> None:
        self.loads += 1

    def _sent(self, payload: str | bytes) -> None:
        if '"info"' in str(payload):
            self.connected += 1

    def wait_until_live(self) -> None:
        """Wait until the page now shown has told the server it listens for reloads."""
        deadline = time.monotonic() + WAIT
        while self.connected < self.loads or self.loads == 0:
            assert time.monotonic() < deadline, "the page never connected to livereload"
            self.page.wait_for_timeout(50)


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file as an editor saving it would."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_browser_shows_an_edit_then_the_error_then_the_fixed_article(site_factory, preview, browser):
    root = site_factory()
    source = root / "content" / "sv" / "om-nalar.md"
    server = preview(root)
    tab = LivePage(browser)
    tab.page.goto(server.url + "sv/om-nalar/")
    main = tab.page.locator("main")
    expect(main).to_contain_text("Behandlaren sticker en tunn nål")

    tab.wait_until_live()
    edit(source, "Behandlaren sticker en tunn nål", "Fysioterapeuten sätter en tunn nål")
    expect(main).to_contain_text("Fysioterapeuten sätter en tunn nål", timeout=WAIT * 1000)

    tab.wait_until_live()
    edit(source, "order: 10", "ordr: 10")
    line = source.read_text(encoding="utf-8").splitlines().index("ordr: 10") + 1
    expect(tab.page.locator("pre.problems")).to_contain_text(
        f"content/sv/om-nalar.md:{line}: error [front-matter] unknown front-matter key 'ordr' (did you mean 'order'?)",
        timeout=WAIT * 1000,
    )
    assert server.proc.poll() is None, "the server died on a broken file"

    tab.wait_until_live()
    edit(source, "ordr: 10", "order: 10")
    expect(tab.page.locator("h1")).to_have_text("Om nålarna", timeout=WAIT * 1000)
    expect(main).to_contain_text("Fysioterapeuten sätter en tunn nål")
    assert server.proc.poll() is None


# A paragraph the Swedish article has and the English one does not: a translation in progress.
SV_END, ADDED_SV = "(rad.md#efter-behandlingen).", "Nålen sitter kvar en stund medan muskeln slappnar av."


def test_a_translation_in_progress_is_shown_with_its_errors_in_the_banner(site_factory, preview, browser):
    root = site_factory()
    source = root / "content" / "sv" / "om-nalar.md"
    server = preview(root)
    tab = LivePage(browser, viewport={"width": 320, "height": 640})
    tab.page.goto(server.url + "sv/om-nalar/")
    main = tab.page.locator("main")
    expect(main).to_contain_text("Behandlaren sticker en tunn nål")

    tab.wait_until_live()
    edit(source, SV_END, f"{SV_END}\n\n{ADDED_SV}")
    line = source.read_text(encoding="utf-8").splitlines().index(ADDED_SV) + 1
    errors = tab.page.locator(".preview-banner .preview-errors")
    expect(errors).to_contain_text(
        f"content/sv/om-nalar.md:{line}: error [completeness] paragraphs differ from the English version",
        timeout=WAIT * 1000,
    )
    expect(main).to_contain_text(ADDED_SV)
    expect(errors).to_contain_text("Fel från kontrollerna: Sidan visas som den är")
    # Told apart from warnings by more than colour: a box of its own with a thick left edge.
    expect(errors).to_have_css("border-left-width", "8px")
    expect(errors).to_have_css("border-top-width", "2px")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "preview-error-banner-320.png"), full_page=True)
    box = tab.page.locator(".preview-banner").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, "the banner fits 320 px"

    tab.wait_until_live()
    edit(source, f"{SV_END}\n\n{ADDED_SV}", SV_END)
    expect(tab.page.locator(".preview-banner")).to_have_count(0, timeout=WAIT * 1000)
    expect(main).not_to_contain_text(ADDED_SV)


def test_a_stylesheet_edit_is_swapped_in_without_reloading_the_page(site_factory, preview, browser):
    root = site_factory()
    server = preview(root)
    tab = LivePage(browser)
    tab.page.goto(server.url + "en/about-needles/")
    tab.wait_until_live()
    loads = tab.loads
    with (root / "static" / "style.css").open("a", encoding="utf-8") as css:
        css.write("\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
    expect(tab.page.locator("body")).to_have_css("outline-color", "rgb(1, 2, 3)", timeout=WAIT * 1000)
    assert tab.loads == loads, "the page was reloaded instead of its stylesheet"


def test_every_url_shows_the_error_page_while_nothing_can_be_built(site_factory, preview):
    root = site_factory({"site.yaml": "- a list, not a mapping\n"})
    server = preview(root)
    message = "site.yaml:1: error [config] the configuration must be a mapping"
    for path in ("/", "/sv/om-nalar/", "/en/no-such-page/", "/static/style.css"):
        status, body = server.get(path)
        assert status == 500
        assert message in body
        assert "/_preview/reload.js" in body, "the error page must reload itself once the file is fixed"
    status, body = server.get("/livereload.js")
    assert status == 200 and "LiveReload" in body
    server.wait_for(r"^build failed \(")


def test_a_page_that_cannot_be_rendered_shows_its_error_page_and_the_rest_is_served(site_factory, preview):
    root = site_factory({"content/en/advice.md": article("Advice", key="advice", slug="advice", order="x")})
    server = preview(root)
    message = escape("content/en/advice.md:9: error [front-matter] 'order' must be a whole number, not 'x'")
    for path in ("/en/advice/", "/en/advice"):
        status, body = server.get(path)
        assert status == 500
        assert '<h1 style="color:#b91c1c">This page cannot be rendered</h1>' in body and message in body
        assert "/_preview/reload.js" in body, "the error page must reload itself once the file is fixed"
    for path in ("/", "/en/", "/sv/om-nalar/", "/en/about-needles/", "/static/style.css"):
        status, body = server.get(path)
        assert status == 200, path
        assert "This page cannot be rendered" not in body
    assert message in server.get("/en/")[1], "the front page names the file that cannot be read"
    server.wait_for(r"^rebuilt in .*; 1 page\(s\) cannot be rendered: /en/advice/ \(the browser shows why\)$")


def test_a_missing_page_gets_the_404_page_of_its_language(site_factory, preview):
    server = preview(site_factory())
    status, body = server.get("/en/no-such-page/")
    assert status == 404
    assert '<html lang="en">' in body
    status, body = server.get("/sv/finns-inte/")
    assert status == 404
    assert '<html lang="sv">' in body


def test_drafts_are_in_the_preview_marked_and_left_out_of_the_build(site_factory, preview):
    draft = article("Utkastet", key="draft-topic", slug="utkastet", draft="true")
    root = site_factory({"content/sv/utkastet.md": draft})
    server = preview(root)
    status, body = server.get("/sv/utkastet/")
    assert status == 200
    assert '<p class="preview-draft"><strong>Utkast</strong>: Sidan visas bara i förhandsvisningen.' in body
    status, body = server.get("/sv/om-nalar/")
    assert status == 200 and "preview-draft" not in body
    built = subprocess.run(
        [sys.executable, "build.py", "--project", str(root), "--no-search"], cwd=REPO, capture_output=True
    )
    assert built.returncode == 0, built.stderr
    assert (root / "_site" / "sv" / "om-nalar" / "index.html").is_file()
    assert not (root / "_site" / "sv" / "utkastet").exists()
    assert "Utkast" in (root / ".cache" / "preview" / "sv" / "utkastet" / "index.html").read_text("utf-8")


def test_the_warnings_about_an_article_are_shown_on_its_page(site_factory, preview):
    root = site_factory()
    translation = root / "content" / "sv" / "om-nalar.md"
    text = re.sub(r"^source_hash: .*\n", "", translation.read_text("utf-8"), flags=re.M)
    # Made from a version of the English article that is no longer there: outdated.
    translation.write_text(text.replace("order: 10\n", "order: 10\nsource_hash: abcdefabcdef\n"), "utf-8")
    _site, problems = load_site(load_config(root), include_drafts=True)
    expected = [p for p in problems if p.path == "content/sv/om-nalar.md" and p.severity == "warning"]
    assert "outdated" in {p.check for p in expected}
    server = preview(root)
    status, page = server.get("/sv/om-nalar/")
    assert status == 200
    assert "<strong>Varningar från kontrollerna</strong>" in page
    for problem in expected:
        assert f"<li><code>{escape(str(problem))}</code></li>" in page
    status, page = server.get("/en/about-needles/")
    assert "content/sv/om-nalar.md" not in page


def test_a_burst_of_saves_is_one_rebuild(site_factory, preview):
    root = site_factory()
    server = preview(root, "--debounce", "1.0")
    # Both languages of two articles, so the translations stay complete.
    added = {"en": "\nOne more line about it.\n", "sv": "\nEn rad till om det.\n"}
    names = [
        "content/en/about-needles.md",
        "content/en/advice.md",
        "content/sv/om-nalar.md",
        "content/sv/rad.md",
    ]
    staged = []
    for name in names:
        path = root / name
        temp = path.with_name(path.name + ".new")
        temp.write_text(path.read_text(encoding="utf-8") + added[name.split("/")[1]], encoding="utf-8")
        staged.append((temp, path))
    for temp, path in staged:
        temp.replace(path)  # four saves, as editors that write a file and rename it do
    line = server.wait_for(r"^rebuilt after changes to ")
    assert line.startswith("rebuilt after changes to " + ", ".join(sorted(names)) + " in ")


# A fault in the generator itself: loading the site raises while content/boom exists.
FAULT = """
from pathlib import Path
import sitegen.build
original = sitegen.build.load_site
def load_site(config, *args, **kwargs):
    if (config.root / "content" / "boom").exists():
        raise RuntimeError("planted by the test")
    return original(config, *args, **kwargs)
sitegen.build.load_site = load_site
"""


def test_the_server_survives_an_exception_in_the_build(site_factory, preview):
    root = site_factory()
    server = preview(root, prelude=FAULT)
    start = len(server.lines)
    (root / "content" / "boom").write_text("", "utf-8")
    server.wait_for(r"^build failed after changes to content/boom", after=start)
    status, body = server.get("/sv/om-nalar/")
    assert status == 500
    assert "error [internal] internal error RuntimeError: planted by the test" in body
    assert any(line.startswith("RuntimeError: planted by the test") for line in server.lines), "no traceback"
    assert server.proc.poll() is None
    start = len(server.lines)
    (root / "content" / "boom").unlink()
    server.wait_for(r"^rebuilt after changes to content/boom", after=start)
    status, body = server.get("/sv/om-nalar/")
    assert status == 200 and "Om nålarna" in body


def test_another_host_than_this_machine_is_warned_about(site_factory, preview):
    server = preview(site_factory(), "--host", "127.0.0.2")
    assert server.url.startswith("http://127.0.0.2:")
    server.wait_for(
        r"^warning: serving on 127\.0\.0\.2: other machines can reach the preview, drafts included"
    )


def test_the_preview_never_goes_into_the_site_folder(site_factory):
    root = site_factory()
    done = subprocess.run(
        [sys.executable, "build.py", "--project", str(root), "--output", str(root / "_site"), "serve"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert f"serve: the preview folder {root / '_site'} must not be _site/ or a source folder" in done.stderr


def test_a_port_in_use_or_out_of_range_is_refused_clearly(site_factory):
    root = site_factory()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "build.py", "--project", str(root), "serve", "--port", str(port)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
    assert done.returncode == 1
    assert done.stderr == f"serve: cannot listen on 127.0.0.1:{port}: Address already in use; try --port\n"
    done = subprocess.run(
        [sys.executable, "build.py", "--project", str(root), "serve", "--port", "70000"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert (done.returncode, done.stderr) == (2, "serve: --port must be from 0 to 65535, not 70000\n")


def test_only_the_serve_module_imports_livereload():
    importers = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "sitegen").rglob("*.py"))
        if re.search(r"^\s*(import|from)\s+livereload\b", path.read_text("utf-8"), re.M)
    ]
    assert importers == ["sitegen/preview/server.py"]
