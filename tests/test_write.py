"""Writing the site: staging, the swap, generated paths that are links, and killed builds.

Builds are killed at points the build itself reports (sitegen/progress.py), never after a
guessed time. The random kill tests run KILL_RUNS kills each (default 10); a longer run:
SITEGEN_KILL_RUNS=200 python3 -m pytest tests/test_write.py -k random
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.output.lock import lock_output
from sitegen.output.write import write_site
from tests.conftest import REPO, article, make_site, tree

KILL_RUNS = int(os.environ.get("SITEGEN_KILL_RUNS", "10"))
KILL_SEED = int(os.environ.get("SITEGEN_KILL_SEED", "20261121"))


def build_cmd(root: Path, *extra: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-search", *extra]


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(build_cmd(root, *extra), capture_output=True, text=True, timeout=300)


def cold(root: Path) -> dict[str, bytes]:
    """Build the project without a cache into a folder of its own and return the site."""
    result = run_build(root, "--no-cache", "--output", str(root.parent / "cold"))
    assert result.returncode == 0, result.stderr
    return tree(root.parent / "cold")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("._site.new-", "._site.old-")))


def big_site(root: Path, pairs: int) -> Path:
    """Lay out a site with many article pairs, so that a build writes many files."""
    bodies = {
        "en": "\n".join(
            f"## Part {j}\n\nThis is the text of part {j}, and it is in English.\n\n- one\n- two\n"
            for j in range(6)
        ),
        "sv": "\n".join(
            f"## Del {j}\n\nDet här är texten i del {j}, och den är på svenska.\n\n- ett\n- två\n"
            for j in range(6)
        ),
    }
    titles = {"en": "Article", "sv": "Artikel"}
    files: dict[str, str | bytes] = {}
    for i in range(pairs):
        for lang in ("en", "sv"):
            title = f"{titles[lang]} {i}"
            files[f"content/{lang}/a{i}.md"] = article(
                title=title, key=f"a{i}", slug=f"a{i}", body=bodies[lang]
            )
    return make_site(root, files)


def edit(root: Path, n: int) -> None:
    """Change one article, so that the next build's site differs from the last one."""
    path = root / "content/en/advice.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nEdit ")[0].rstrip("\n") + f"\n\nEdit {n}.\n", encoding="utf-8")


def outside(tmp_path: Path) -> Path:
    """Return a folder outside the project with one file in it, to show it stays untouched."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me\n")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Return every file below folder, links included, with its bytes and modification time."""
    found = {".": (b"", folder.lstat().st_mtime_ns)}  # an entry made and deleted changes it
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        found[path.relative_to(folder).as_posix()] = (
            path.read_bytes() if path.is_file() else b"",
            st.st_mtime_ns,
        )
    return found


# --- staging folders and the swap -------------------------------------------------------


def test_the_next_build_removes_what_a_killed_build_left_next_to_the_output(site_factory) -> None:
    root = site_factory()
    (root / "._site.new-x1y2z3/en").mkdir(parents=True)
    (root / "._site.new-x1y2z3/en/index.html").write_text("half")
    (root / "._site.old-4242").mkdir()
    assert run_build(root).returncode == 0
    assert leftovers(root) == []
    assert (root / "_site/en/index.html").is_file()


def test_a_site_set_aside_by_the_fallback_swap_is_put_back_even_by_a_failing_build(site_factory) -> None:
    root = site_factory()
    assert run_build(root).returncode == 0
    previous = tree(root / "_site")
    # The state a kill between the two renames of the fallback swap leaves behind.
    (root / "_site").rename(root / "._site.old-4242")
    (root / "._site.new-abcdef").mkdir()
    (root / "content/en/bad.md").write_text("no front matter\n")
    assert run_build(root).returncode == 1
    assert tree(root / "_site") == previous
    assert leftovers(root) == []


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"])
def test_write_site_refuses_paths_outside_the_output_folder(tmp_path, rel: str) -> None:
    refused = pytest.raises(ValueError, match="output paths must stay inside the output folder")
    with lock_output(tmp_path / "_site", tmp_path) as out, refused:
        write_site(out, {rel: b"x"})
    assert not (tmp_path / "_site").exists()
    assert not (tmp_path / "escape.html").exists()
    assert leftovers(tmp_path) == []


def test_the_spare_site_lives_beside_the_output_folder_on_its_file_system(site_factory) -> None:
    root = site_factory()
    for n in range(2):
        edit(root, n)
        assert run_build(root).returncode == 0
    spare = root / "._site.spare"
    assert spare.is_dir() and not spare.is_symlink()
    assert os.stat(spare).st_dev == os.stat(root / "_site").st_dev
    assert not list((root / ".cache").glob("spare-*"))


# --- generated paths that are symbolic links --------------------------------------------

GENERATED = ["._site.old-1", "._site.new-1", "._site.spare", "_reports", ".cache"]


@pytest.mark.parametrize("name", GENERATED)
def test_a_generated_path_planted_as_a_link_touches_nothing_outside_the_project(tmp_path, name: str) -> None:
    root = make_site(tmp_path / "project")
    away = outside(tmp_path)
    before = snapshot(away)
    assert run_build(root).returncode == 0
    for n in range(3):  # the first builds keep a spare, the later ones update it in place
        if os.path.lexists(root / name) and not (root / name).is_symlink():
            os.rename(root / name, tmp_path / f"moved-{n}")  # the real one, moved away
        (root / name).unlink(missing_ok=True)
        (root / name).symlink_to(away, target_is_directory=True)
        edit(root, n)
        result = run_build(root)
        assert result.returncode == 0, result.stderr
        assert snapshot(away) == before, f"build {n} changed what {name} pointed to"
    assert tree(root / "_site") == cold(root)
    assert leftovers(root) == []


def test_a_spare_moved_away_and_linked_back_is_not_trusted(site_factory, tmp_path) -> None:
    root = site_factory()
    for n in range(2):
        edit(root, n)
        assert run_build(root).returncode == 0
    moved = tmp_path / "moved-spare"
    os.rename(root / "._site.spare", moved)
    (root / "._site.spare").symlink_to(moved, target_is_directory=True)
    before = snapshot(moved)
    edit(root, 2)
    assert run_build(root).returncode == 0
    assert snapshot(moved) == before
    assert tree(root / "_site") == cold(root)


# --- builds stopped at points they report -----------------------------------------------


def watched(root: Path, extra: tuple[str, ...], pause_at: str = "") -> tuple[subprocess.Popen[bytes], Path]:
    """Start a build that reports its progress to a file and pauses at pause_at."""
    progress = root.parent / f"progress-{time.monotonic_ns()}"
    env = dict(os.environ, SITEGEN_PROGRESS=str(progress), SITEGEN_PAUSE_AT=pause_at)
    proc = subprocess.Popen(
        build_cmd(root, *extra), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return proc, progress


def markers(progress: Path) -> list[str]:
    return progress.read_text().split() if progress.exists() else []


def kill_at(root: Path, extra: tuple[str, ...], marker: str) -> bool:
    """Run a build and SIGKILL it where it pauses at marker; False if it ended without reaching it."""
    proc, progress = watched(root, extra, marker)
    try:
        deadline = time.monotonic() + 300
        while marker not in markers(progress):
            if proc.poll() is not None:
                return False
            assert time.monotonic() < deadline, f"the build never reached {marker}"
            time.sleep(0.01)
        return True
    finally:
        proc.kill()
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()


# (marker, whether the site is the new one after the kill)
MARKERS = [
    ("locked#1", False),
    ("read#1", False),
    ("rendered#1", False),
    ("staged-file#3", False),
    ("staged#1", False),
    ("swapped#1", True),
]


@pytest.mark.parametrize(("marker", "swapped"), MARKERS)
def test_a_build_killed_at_a_reported_point_leaves_a_complete_site(
    site_factory, marker: str, swapped: bool
) -> None:
    root = site_factory()
    assert run_build(root, "--no-cache").returncode == 0
    previous = tree(root / "_site")
    edit(root, 1)
    assert kill_at(root, ("--no-cache",), marker)
    after_kill = tree(root / "_site")
    assert run_build(root, "--no-cache").returncode == 0
    new = tree(root / "_site")
    assert new != previous
    assert after_kill == (new if swapped else previous)
    assert leftovers(root) == []


# Runs a build without renameat2 (two renames instead) that kills itself at one moment.
KILLER = """
import os, signal, sys
import sitegen.output.write as write
from sitegen.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

moment = sys.argv[2]
write.exchange = lambda a, b: False
real_rename, renames = os.rename, []
def rename(a, b):
    renames.append(a)
    if moment == "between-renames" and len(renames) == 2:
        die()
    real_rename(a, b)
write.os.rename = rename
if moment == "fallback-delete-old":
    write.shutil.rmtree = die
sys.exit(main(["--project", sys.argv[1], "--no-search", "--no-cache"]))
"""


@pytest.mark.parametrize("moment", ["between-renames", "fallback-delete-old"])
def test_a_build_without_renameat2_killed_mid_swap_leaves_a_complete_site(site_factory, moment: str) -> None:
    root = site_factory()
    assert run_build(root, "--no-cache").returncode == 0
    previous = tree(root / "_site")
    edit(root, 1)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(root), moment], capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if moment == "between-renames":
        # The one moment without renameat2 at which _site is missing: the previous site
        # waits complete beside it, and the next build puts it back first.
        assert not (root / "_site").exists()
        (old,) = root.glob("._site.old-*")
        assert tree(old) == previous
    else:
        after_kill = tree(root / "_site")
    assert run_build(root, "--no-cache").returncode == 0
    new = tree(root / "_site")
    assert new != previous
    if moment == "fallback-delete-old":
        assert after_kill == new  # the swap had happened: the new site was already complete
    assert leftovers(root) == []


def test_a_build_killed_while_updating_the_spare_site_leaves_the_previous_complete_site(site_factory) -> None:
    root = site_factory()
    path = root / "content/en/advice.md"
    for title in ("Advice", "Advice and tips"):
        path.write_text(path.read_text().replace("title: Advice\n", f"title: {title}\n"))
        assert run_build(root).returncode == 0
    assert (root / "._site.spare").is_dir(), "the second build keeps the previous site as a spare"
    previous = tree(root / "_site")
    path.write_text(path.read_text().replace("title: Advice and tips", "title: Advice, tips and more"))
    (root / "content/en/about-needles.md").write_text(
        (root / "content/en/about-needles.md").read_text().replace("About the needles", "About needles")
    )
    assert kill_at(root, (), "spare-file#2")
    assert tree(root / "_site") == previous
    assert run_build(root).returncode == 0
    after = tree(root / "_site")
    assert "Advice, tips and more" in after["en/advice/index.html"].decode()
    assert after == cold(root)


# --- builds killed at random points -----------------------------------------------------


def kill_many(root: Path, runs: int, extra: tuple[str, ...]) -> None:
    """Kill builds at random points of their own progress; after each, _site/ is complete."""
    rng = random.Random(KILL_SEED)
    assert run_build(root, *extra).returncode == 0
    seen: dict[str, int] = {}  # each step any finished build reached, and how often at most

    def learn(found: list[str]) -> None:
        for marker in found:
            step, count = marker.rsplit("#", 1)
            seen[step] = max(seen.get(step, 0), int(count))

    edit(root, -1)
    proc, progress = watched(root, extra)
    assert proc.wait(timeout=300) == 0
    learn(markers(progress))
    previous = tree(root / "_site")
    landed = 0
    for n in range(runs):
        edit(root, n)
        step = rng.choice(sorted(seen))
        marker = f"{step}#{rng.randint(1, seen[step])}"
        landed += kill_at(root, extra, marker)
        now = tree(root / "_site")
        if now != previous:
            # The kill came after the swap: what is there must be exactly the new site.
            proc, progress = watched(root, extra)
            assert proc.wait(timeout=300) == 0
            learn(markers(progress))
            assert tree(root / "_site") == now, (
                f"kill {n} at {marker}: _site/ is neither the old nor the new site"
            )
            previous = now
    print(f"{landed} of {runs} kills landed inside a build")
    assert landed >= runs * 2 // 3, f"only {landed} of {runs} kills landed inside a build"
    final = run_build(root, *extra)
    assert final.returncode == 0, final.stderr
    assert tree(root / "_site") == cold(root)
    assert leftovers(root) == []


@pytest.mark.slow
def test_builds_killed_at_random_points_always_leave_the_previous_complete_site(tmp_path) -> None:
    kill_many(big_site(tmp_path / "site", 40), KILL_RUNS, ("--no-cache",))


@pytest.mark.slow
def test_incremental_builds_killed_at_random_points_always_leave_a_complete_site(tmp_path) -> None:
    # With the cache, edits go through the hard-link and the spare-site paths of incremental.py.
    kill_many(big_site(tmp_path / "site", 40), KILL_RUNS, ())
