"""The preview server serves only its output folder, and only to this machine unless told."""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SECRET = b"secret-7d1f: never served"
SERVING = re.compile(r"serving the preview of .* at http://(\S+):(\d+)/")


@contextlib.contextmanager
def serving(root: Path, *extra: str) -> Iterator[tuple[str, int, subprocess.Popen[str]]]:
    """Run `build.py serve` on a free port; yield its host, port and process."""
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--project", str(root), "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        assert proc.stdout is not None
        for line in proc.stdout:
            found = SERVING.search(line)
            if found:
                yield found.group(1), int(found.group(2)), proc
                break
            assert time.monotonic() < deadline, "the preview server did not start"
        else:
            pytest.fail(f"the preview server stopped: {proc.stderr.read() if proc.stderr else ''}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def raw_get(host: str, port: int, target: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Send a GET with the request target exactly as given (no client normalises it)."""
    fields = {"Host": host, "Connection": "close", **(headers or {})}
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\n{head}\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


TRAVERSALS = [
    "/../secret.txt",
    "/../../secret.txt",
    "/../../../secret.txt",
    "/%2e%2e/%2e%2e/%2e%2e/secret.txt",
    "/..%2f..%2f..%2fsecret.txt",
    "/static/..%2f..%2f..%2f..%2fsecret.txt",
    "/en/..%5c..%5c..%5csecret.txt",
    "//secret.txt",
    "/%2Fsecret.txt",
    "/.%2e/.%2e/.%2e/secret.txt",
    "/../build.sqlite",
    "/../../site.yaml",
]


def test_the_preview_serves_nothing_outside_its_folder(site_factory) -> None:
    root = site_factory()
    (root / "secret.txt").write_bytes(SECRET)
    (root.parent / "secret.txt").write_bytes(SECRET)
    with serving(root) as (host, port, _proc):
        status, body = raw_get(host, port, "/en/advice/")
        assert status == 200 and b"<h1>Advice</h1>" in body
        for target in TRAVERSALS:
            status, body = raw_get(host, port, target)
            assert status in (400, 403, 404), target
            assert SECRET not in body, target
            assert b"base_url" not in body, target


def test_the_preview_listens_on_127_0_0_1_by_default_and_only_there(site_factory) -> None:
    root = site_factory()
    with serving(root) as (host, port, proc):
        assert host == "127.0.0.1"
        assert proc.stderr is not None
        other = _this_machines_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=5).close()
    assert "warning" not in (proc.stderr.read() if proc.stderr else "")


def test_listening_on_every_address_is_warned_about(site_factory) -> None:
    root = site_factory()
    with serving(root, "--host", "0.0.0.0") as (host, port, proc):
        assert host == "0.0.0.0"
        status, _ = raw_get("127.0.0.1", port, "/en/")
        assert status == 200
    assert proc.stderr is not None
    assert re.search(
        r"^warning: serving on 0\.0\.0\.0: other machines can reach the preview, drafts included",
        proc.stderr.read(),
        re.M,
    )


def _this_machines_address() -> str | None:
    """Return an address of this machine other than loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_only_the_listen_address_and_localhost_are_answered(site_factory) -> None:
    root = site_factory()
    with serving(root) as (host, port, proc):
        for name in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"LocalHost:{port}"):
            assert raw_get(host, port, "/en/advice/", {"Host": name})[0] == 200, name
        # A page that rebinds its own name to 127.0.0.1 still sends its own name as Host.
        for name in (
            f"evil.example:{port}",
            "evil.example",
            f"127.0.0.1.evil.example:{port}",
            f"[::1]:{port}",
        ):
            status, body = raw_get(host, port, "/en/advice/", {"Host": name})
            assert status == 400 and b"<h1>Advice</h1>" not in body, name
            assert raw_get(host, port, "/livereload.js", {"Host": name})[0] == 400, name
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


def test_listening_on_every_address_any_ip_address_is_answered_but_no_name(site_factory) -> None:
    root = site_factory()
    with serving(root, "--host", "0.0.0.0") as (_host, port, _proc):
        assert raw_get("127.0.0.1", port, "/en/", {"Host": f"127.0.0.1:{port}"})[0] == 200
        assert raw_get("127.0.0.1", port, "/en/", {"Host": f"192.0.2.7:{port}"})[0] == 200
        assert raw_get("127.0.0.1", port, "/en/", {"Host": f"rebound.example:{port}"})[0] == 400


def upgrade(host: str, port: int, origin: str | None) -> int:
    """Ask for livereload's websocket with this Origin; return the status of the answer."""
    headers = {
        "Host": f"{host}:{port}",
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
    }
    if origin is not None:
        headers["Origin"] = origin
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(f"GET /livereload HTTP/1.1\r\n{head}\r\n".encode())
        data = conn.recv(65536)
    return int(data.split(b" ", 2)[1])


def test_the_livereload_socket_opens_only_to_the_previews_own_pages(site_factory) -> None:
    root = site_factory()
    with serving(root) as (host, port, _proc):
        assert upgrade(host, port, f"http://{host}:{port}") == 101
        for origin in (
            "null",
            "http://evil.example",
            f"http://evil.example:{port}",
            f"http://{host}:{port + 1}",
            f"http://{host}",
        ):
            assert upgrade(host, port, origin) == 403, origin


@pytest.mark.parametrize("target", ["/%00", "/en/%00/", "/%01x", "/static/%7f.css", "/%00.html"])
def test_a_malformed_path_is_a_400_without_a_traceback(site_factory, target: str) -> None:
    root = site_factory()
    with serving(root) as (host, port, proc):
        status, body = raw_get(host, port, target)
        assert status == 400, target
        assert raw_get(host, port, "/en/")[0] == 200
    err = proc.stderr.read() if proc.stderr else ""
    assert f"400 GET {target} (127.0.0.1): control character in the path" in err.splitlines()
    # The request raised nothing (a fault logs "Uncaught exception" and its traceback).
    assert "500 GET" not in err and "Uncaught exception" not in err and "ValueError" not in err
