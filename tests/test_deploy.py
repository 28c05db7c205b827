"""Deploy recipes: the GitHub Actions workflow, _redirects, and the nginx snippet, run for real."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from sitegen.build import build
from sitegen.render.headers import SECURITY_HEADERS
from tests.conftest import REPO

WORKFLOW = REPO / ".github/workflows/deploy.yml"
NGINX = REPO / "docs/deploy/nginx.conf"
SITE_YAML = (REPO / "site.yaml").read_text(encoding="utf-8")


def test_the_actions_workflow_is_valid_against_the_schema_check_jsonschema_ships() -> None:
    pytest.importorskip("check_jsonschema")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_builds_for_the_pages_address_keeps_the_cache_and_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert 'python build.py --base-url "${{ steps.pages.outputs.base_url }}"' in runs
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    assert cache["with"]["restore-keys"] == "sitegen-${{ runner.os }}-"
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_site"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_redirects_send_the_root_by_language_and_give_each_language_its_404(site_factory) -> None:
    root = site_factory({"site.yaml": SITE_YAML.replace("https://www.example.org", "https://u.github.io/dn")})
    files = build(root, search=False, use_cache=False).files
    assert files["_redirects"].decode("utf-8").splitlines()[1:] == [
        "/dn/  /dn/sv/  302  Language=sv",
        "/dn/  /dn/en/  302  Language=en",
        "# Each language's own 404 page (Cloudflare Pages picks the nearest 404.html by itself).",
        "/dn/sv/*  /dn/sv/404.html  404",
        "/dn/en/*  /dn/en/404.html  404",
    ]


def test_the_nginx_snippet_sends_the_same_headers_as_headers_file() -> None:
    found = re.findall(r'^\s*add_header (\S+) "(.*)" always;$', NGINX.read_text(encoding="utf-8"), re.M)
    assert found == [(name, value.replace('"', '\\"')) for name, value in SECURITY_HEADERS]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8")


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed (Debian package nginx)")
def test_nginx_accepts_the_snippet_and_serves_the_site_with_its_headers_and_404s(
    site_factory, tmp_path
) -> None:
    root = site_factory()
    build(root, search=False, use_cache=False)
    port = _free_port()
    snippet = NGINX.read_text(encoding="utf-8")
    snippet = snippet.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /srv/dryneedling/_site;", f"root {root / '_site'};"
    )
    (tmp_path / "site.conf").write_text(snippet, encoding="utf-8")
    temp = tmp_path / "nginx"
    temp.mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        "user root;\n"  # the test's folders belong to root, and nginx's workers must read them
        f"pid {temp}/nginx.pid;\nerror_log {temp}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        + "".join(
            f"  {kind}_temp_path {temp}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {tmp_path / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(conf), "-p", str(temp)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
    server = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(temp), "-g", "daemon off;"])
    try:
        origin = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _get(origin + "/")
                break
            except OSError:
                time.sleep(0.05)
        status, headers, body = _get(origin + "/en/")
        assert status == 200
        for name, value in SECURITY_HEADERS:
            assert headers[name] == value
        status, headers, body = _get(origin + "/sv/finns-inte/")
        assert status == 404
        assert '<html lang="sv">' in body
        assert headers["Content-Security-Policy"] == dict(SECURITY_HEADERS)["Content-Security-Policy"]
        status, _headers, body = _get(origin + "/en/nothing-here")
        assert (status, '<html lang="en">' in body) == (404, True)
        status, headers, _body = _get(origin + "/en/feed.xml")
        assert (status, headers["Content-Type"]) == (200, "application/atom+xml; charset=utf-8")
        assert _get(origin + "/_headers")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_deploy_file_the_docs_name_exists() -> None:
    text = (REPO / "docs/deploy.md").read_text(encoding="utf-8")
    for name in re.findall(r"`((?:\.github|docs)/[^`]+)`", text):
        assert (REPO / name).is_file(), name
    assert Path(WORKFLOW).is_file()
