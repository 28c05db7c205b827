"""Index the rendered pages for search with Pagefind, one index per language."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ..model import Site
from ..problems import BuildFailed, error
from .scratch import owned_folder, run_child

SEARCH_DIR = "pagefind"
# Pagefind's ready-made interfaces; the site has its own small search form (static/search.js).
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.js")
INDEXED_KINDS = ("article",)
ENTRY = "pagefind-entry.json"
# Work folders in the temporary directory; a killed build's are removed by the next one.
WORK_PREFIX = "sitegen-pagefind-"


def build_search_index(site: Site, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Index the article pages among the rendered files; return the index as {path: bytes}."""
    pages = {page.output: files[page.output] for page in site.pages if page.kind in INDEXED_KINDS}
    written = run_pagefind(pages)
    if ENTRY in written:
        written[ENTRY] = stable_entry(written[ENTRY])
    return {
        f"{SEARCH_DIR}/{rel}": data for rel, data in sorted(written.items()) if not rel.startswith(UNUSED)
    }


def stable_entry(data: bytes) -> bytes:
    """Sort the languages of pagefind-entry.json, which Pagefind writes in a varying order."""
    # Every other file of the bundle is byte-identical between runs; this one lists the
    # languages in hash-map order. Same JSON, same compact form, one order.
    entry = json.loads(data)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def pagefind_executable() -> Path:
    """Return the Pagefind binary that the pagefind[bin] package installed."""
    # Imported here so that a build with search turned off never needs Pagefind.
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise _failed("the pagefind binary was not found: install it with pip install 'pagefind[bin]'")
    return executable


def run_pagefind(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """Run the Pagefind command line over pages (output path -> HTML); return its bundle."""
    executable = pagefind_executable()
    # The command line takes well under a second; the Python API waits 0.1 s per page added.
    with owned_folder(WORK_PREFIX) as tmp:
        source, out = tmp / "site", tmp / "bundle"
        for rel, html in sorted(pages.items()):
            target = source / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        command = [str(executable), "--site", str(source), "--output-path", str(out), "--silent"]
        try:
            # cwd is the work folder so that no pagefind.yml of the caller is read.
            done = run_child(command, tmp, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _failed(f"could not run {executable}: {exc}") from exc
        if done.returncode != 0:
            output = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise _failed(f"pagefind exited with status {done.returncode}: {output}")
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _failed(message: str) -> BuildFailed:
    return BuildFailed([error(SEARCH_DIR, None, f"search index: {message}", "search")])
