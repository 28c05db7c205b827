"""The peers mode of bench/run.py: our build and the peers' builds of one corpus, interleaved.

Each round runs every tool's sequence once, in an order that turns by one tool per round, so a
change in the machine's load falls on all of them alike: sitegen (cold build, no-change rebuild,
one-article edit) with search off and with search on, Pagefind alone on the article pages that
build wrote, Hugo (cold, again unchanged, after the same edit), MkDocs and the Python-Markdown
floor (cold). Then the previews: ours from save to reloaded page in Chromium, `hugo server`'s.
"""

from __future__ import annotations

import math
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import make_corpus, make_project
from bench.peers import (
    Peers,
    adapt,
    clean,
    count_pages,
    ensure_peers,
    floor_build,
    hugo_build,
    hugo_server,
    mkdocs_build,
    run_quietly,
)
from bench.table import Measure, format_table
from bench.targets import format_targets
from bench.timing import BenchError, Sample, timed

REPO = Path(__file__).resolve().parent.parent
EDIT = "\nOne more sentence, added by the benchmark.\n"
Say = Callable[[str], None]


@dataclass
class Setup:
    """The corpus, our project built from it, and the peers' projects."""

    corpus: Path
    site: Path
    projects: dict[str, Path]
    peers: Peers
    edited: str  # the article every tool's edit goes to, as content/<lang>/<file>


def prepare(work: Path, articles: int, say: Say) -> Setup:
    """Install the peers if needed; write the corpus and every tool's project from it (not timed)."""
    peers = ensure_peers(say=say)
    say(f"writing the corpus: {articles:,} articles per language, paired, in {work}")
    corpus = make_corpus(work / "corpus", articles)
    site = make_project(work / "site", corpus)
    projects = adapt(corpus, work)
    # The pairs must pass every check, or the builds would measure a site with warnings.
    run_quietly(
        [sys.executable, str(REPO / "build.py"), "--project", str(site), "check", "--strict"], "check"
    )
    files = sorted((corpus / "content" / "en").glob("*.md"))
    return Setup(corpus, site, projects, peers, f"content/en/{files[len(files) // 2].name}")


def edit(project: Path, rel: str) -> None:
    """Append a sentence to one article's body."""
    with (project / rel).open("a", encoding="utf-8") as out:
        out.write(EDIT)


def sitegen(setup: Setup, search: bool) -> dict[str, Sample]:
    """Cold build, no-change rebuild and one-article edit, each as its own `build.py` process."""
    command = [sys.executable, str(REPO / "build.py"), "--project", str(setup.site)]
    command += [] if search else ["--no-search"]
    label = f"sitegen (search {'on' if search else 'off'})"
    clean(setup.site, ".cache", "_site", "_reports")
    found = {"cold": timed(command, label)}
    found["no-change"] = timed(command, label)
    edit(setup.site, setup.edited)
    found["edit"] = timed(command, label)
    return found


def pagefind_alone(setup: Setup) -> Sample:
    """Time Pagefind by itself over the article pages our last build wrote, as the build runs it."""
    from sitegen.render.search import pagefind_executable

    with tempfile.TemporaryDirectory(prefix="sitegen-bench-pagefind-") as tmp:
        pages = Path(tmp) / "site"
        for lang in ("sv", "en"):
            for page in sorted((setup.site / "_site" / lang).glob("*/index.html")):
                target = pages / page.relative_to(setup.site / "_site")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)
        command = [
            str(pagefind_executable()),
            "--site",
            str(pages),
            "--output-path",
            f"{tmp}/out",
            "--silent",
        ]
        return timed(command, "pagefind", cwd=Path(tmp))


def hugo(setup: Setup) -> dict[str, Sample]:
    """A cold `hugo`, the same again with nothing changed, and again after the edit."""
    project = setup.projects["hugo"]
    command = hugo_build(setup.peers, project)
    clean(project, "public", ".hugo_cache")
    found = {"cold": timed(command, "hugo")}
    found["no-change"] = timed(command, "hugo")
    edit(project, setup.edited)
    found["edit"] = timed(command, "hugo")
    return found


def mkdocs(setup: Setup) -> dict[str, Sample]:
    """A cold MkDocs build."""
    clean(setup.projects["mkdocs"], "site")
    return {"cold": timed(mkdocs_build(setup.peers, setup.projects["mkdocs"]), "mkdocs")}


def floor(setup: Setup) -> dict[str, Sample]:
    """A cold run of the floor."""
    return {"cold": timed(floor_build(setup.corpus, setup.projects["floor"]), "the floor")}


def one_round(setup: Setup, number: int) -> dict[str, dict[str, Sample]]:
    """Run every tool's sequence once, starting with a different tool each round."""
    steps: list[tuple[str, Callable[[], dict[str, Sample]]]] = [
        ("sitegen off", lambda: sitegen(setup, False)),
        ("hugo", lambda: hugo(setup)),
        ("sitegen on", lambda: {**sitegen(setup, True), "pagefind": pagefind_alone(setup)}),
        ("mkdocs", lambda: mkdocs(setup)),
        ("floor", lambda: floor(setup)),
    ]
    turn = number % len(steps)
    return {name: run() for name, run in steps[turn:] + steps[:turn]}


def check_outputs(setup: Setup) -> None:
    """Check that every peer built one page per article per language."""
    count_pages("hugo", setup.projects["hugo"], setup.corpus)
    count_pages("mkdocs", setup.projects["mkdocs"], setup.corpus)
    count_pages("floor-md", setup.projects["floor"], setup.corpus)


def previews(setup: Setup, say: Say) -> tuple[list[Sample], list[Sample], list[Sample], list[Sample]]:
    """Return our save-to-reload times (corpus and shipped site) and `hugo server`'s two times."""
    from bench.serve_latency import measure

    say("preview: sitegen serve in Chromium")
    ours = [Sample(t, math.nan) for t in measure(setup.site).reloads]
    shipped = shipped_site(setup.site.parent / "shipped")
    say("preview: the shipped site")
    small = [Sample(t, math.nan) for t in measure(shipped).reloads]
    say("preview: hugo server")
    rebuild, seen = hugo_server(setup.peers, setup.projects["hugo"])
    return ours, small, [Sample(seen, math.nan)], [Sample(rebuild, math.nan)]


def shipped_site(root: Path) -> Path:
    """Copy the repository's own site (its content, templates, catalogues) to root."""
    shutil.rmtree(root, ignore_errors=True)
    for name in ("site.yaml", "babel.cfg", "content", "templates", "locales", "static"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    return root


def compare(work: Path, articles: int, runs: int, serve: bool, say: Say = print) -> str:
    """Run the comparison; return the table and the targets, ready to print."""
    setup = prepare(work, articles, say)
    rounds = []
    for number in range(runs):
        say(f"round {number + 1} of {runs}")
        rounds.append(one_round(setup, number))
        if number == 0:
            check_outputs(setup)
    help_runs = [
        timed([sys.executable, str(REPO / "build.py"), "--help"], "build.py --help") for _ in range(5)
    ]

    def of(tool: str, step: str) -> list[Sample]:
        return [r[tool][step] for r in rounds]

    off_plus = [
        Sample(a.wall + b.wall, a.cpu + b.cpu)
        for a, b in zip(of("sitegen off", "cold"), of("sitegen on", "pagefind"), strict=True)
    ]
    hugo_cold, hugo_edit = {"Hugo": of("hugo", "cold")}, {"Hugo CLI (renders all)": of("hugo", "edit")}
    measures = [
        Measure(
            "cold build, search off",
            of("sitegen off", "cold"),
            {"Hugo": of("hugo", "cold"), "MkDocs": of("mkdocs", "cold"), "floor": of("floor", "cold")},
        ),
        Measure(
            "cold build, search on",
            of("sitegen on", "cold"),
            {**hugo_cold, "Pagefind alone": of("sitegen on", "pagefind"), "search off + Pagefind": off_plus},
        ),
        Measure(
            "no-change rebuild, search off",
            of("sitegen off", "no-change"),
            {"Hugo CLI (renders all)": of("hugo", "no-change"), "Hugo cold": of("hugo", "cold")},
        ),
        Measure(
            "no-change rebuild, search on",
            of("sitegen on", "no-change"),
            {"Hugo CLI (renders all)": of("hugo", "no-change")},
        ),
        Measure("one-article edit, search off", of("sitegen off", "edit"), hugo_edit),
        Measure("one-article edit, search on", of("sitegen on", "edit"), hugo_edit),
        Measure("build.py --help", help_runs),
    ]
    if serve:
        ours, small, seen, rebuild = previews(setup, say)
        measures.append(
            Measure(
                "preview, save → reloaded page",
                ours,
                {"hugo server, write → log line": seen, "hugo server, its rebuild": rebuild},
            )
        )
        measures.append(Measure("preview, shipped site", small))
    return format_table(measures) + "\n\n" + format_targets(measures)


def main_peers(work: Path, articles: int, runs: int, serve: bool) -> int:
    """Run the comparison and print it; a failed step is one clear message and exit status 1."""
    try:
        print(compare(work, articles, runs, serve, say=lambda text: print(text, flush=True)))
    except BenchError as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted; nothing was measured to the end", file=sys.stderr)
        return 130
    return 0
