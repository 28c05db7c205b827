#!/usr/bin/env python3
"""Benchmark the build on the shared synthetic corpus and print a table.

    python3 bench/run.py                      # N = 500 and 2500 per language, then N = 25,000 once
    python3 bench/run.py --sizes 500 --no-big # quicker
    python3 bench/run.py --peers              # side by side with Hugo, MkDocs and the floor, N = 2500

For each size: a cold build (no .cache/, no output), a rebuild with nothing changed, a rebuild
after editing one article's body, each with search indexing off and on, each as its own
`python3 build.py` process (wall time and that process's peak memory); the preview's
save-to-reload time (bench/serve_latency.py); and the time the checks take in process.
With --peers, the same corpus is built by the peers too, interleaved (bench/compare.py).
Not part of the test suite: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus, make_project  # noqa: E402
from bench.timing import BenchError, timed  # noqa: E402

WORK = Path(os.environ.get("SITEGEN_BENCH_DIR", "/tmp/sitegen-bench"))
EDIT = "\nOne more sentence, added by the benchmark.\n"


def timed_build(project: Path, *args: str) -> tuple[float, float]:
    """Run one build as its own process; return wall seconds and peak memory in MiB."""
    command = [sys.executable, str(REPO / "build.py"), "--project", str(project), *args]
    sample = timed(command, f"build {' '.join(args)}")
    return sample.wall, sample.peak


def edit_one_article(project: Path) -> Path:
    """Append a sentence to one English article's body; return the file."""
    article = sorted((project / "content" / "en").glob("*.md"))[
        len(os.listdir(project / "content" / "en")) // 2
    ]
    with article.open("a", encoding="utf-8") as out:
        out.write(EDIT)
    return article


def measure_size(project: Path, search: bool) -> dict[str, tuple[float, float]]:
    """Cold build, no-change rebuild and one-edit rebuild of a project."""
    args = () if search else ("--no-search",)
    for name in (".cache", "_site"):
        shutil.rmtree(project / name, ignore_errors=True)
    found = {"cold build": timed_build(project, *args)}
    found["no-change rebuild"] = timed_build(project, *args)
    edit_one_article(project)
    found["one-article edit"] = timed_build(project, *args)
    return found


def check_seconds(project: Path) -> float:
    """Time every check in process, as the build runs them before rendering."""
    from sitegen.build import load_site
    from sitegen.checks import check_site
    from sitegen.config import load_config

    site, _ = load_site(load_config(project))
    start = time.perf_counter()
    check_site(site)
    return time.perf_counter() - start


def serve_seconds(project: Path) -> str:
    """Return the preview's median save-to-reload time, or why it was not measured."""
    try:
        from bench.serve_latency import measure_latency
    except ImportError as exc:
        return f"not measured ({exc})"
    try:
        return f"{measure_latency(project):.2f} s"
    except Exception as exc:  # noqa: BLE001 - the table still shows everything else
        return f"not measured ({type(exc).__name__}: {str(exc)[:60]})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", help="articles per language (default: 500 2500; with --peers: 2500)"
    )
    parser.add_argument("--big", type=int, default=25000, help="the one large size (articles per language)")
    parser.add_argument("--no-big", action="store_true", help="skip the large size")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview latency")
    parser.add_argument("--peers", action="store_true", help="compare with Hugo, MkDocs and the floor")
    parser.add_argument("--runs", type=int, default=3, help="with --peers: interleaved rounds (default: 3)")
    args = parser.parse_args(argv)
    if args.peers:
        from bench.compare import main_peers

        return max(
            main_peers(WORK / f"peers-n{n}", n, args.runs, not args.no_serve) for n in args.sizes or [2500]
        )
    try:
        return measure_all(args)
    except BenchError as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 1


def measure_all(args: argparse.Namespace) -> int:
    """Measure our build alone at each size; print the table."""
    rows: list[tuple[str, ...]] = []
    print(f"machine: {len(os.sched_getaffinity(0))} cores; Python {sys.version.split()[0]}", flush=True)
    for n in args.sizes or [500, 2500]:
        project = make_project(WORK / f"n{n}", make_corpus(WORK / f"n{n}-corpus", n))
        for search in (False, True):
            for measure, (seconds, mib) in measure_size(project, search).items():
                rows.append(
                    (f"{2 * n:,}", measure, "on" if search else "off", f"{seconds:.2f} s", f"{mib:.0f}")
                )
                print(" | ".join(rows[-1]), flush=True)
        rows.append((f"{2 * n:,}", "checks (in process)", "-", f"{check_seconds(project):.2f} s", ""))
        if not args.no_serve:
            rows.append((f"{2 * n:,}", "preview: save to reload", "-", serve_seconds(project), ""))
        print(" | ".join(rows[-1]), flush=True)
    if not args.no_big:
        project = make_project(WORK / f"n{args.big}", make_corpus(WORK / f"n{args.big}-corpus", args.big))
        for measure, (seconds, mib) in measure_size(project, False).items():
            rows.append((f"{2 * args.big:,}", measure, "off", f"{seconds:.2f} s", f"{mib:.0f}"))
            print(" | ".join(rows[-1]), flush=True)
    print()
    print("| pages | measure | search | time | peak MiB |")
    print("|---:|---|---|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
