"""Writing the site: the swap, the lock, and builds killed at any moment.

The random kill test runs KILL_RUNS kills (default 10); for a longer local run:
SITEGEN_KILL_RUNS=200 python3 -m pytest tests/test_write.py -k random
"""

from __future__ import annotations

import fcntl
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.output.write import lock_file, output_lock, recover, write_site
from tests.conftest import REPO, article, make_site, tree

KILL_RUNS = int(os.environ.get("SITEGEN_KILL_RUNS", "10"))
KILL_SEED = int(os.environ.get("SITEGEN_KILL_SEED", "20261121"))
LOCKED = re.compile(r"^_site: error \[lock\] another build( \(process \d+\))? is writing to this folder; ")
LOCK_MESSAGE = (
    "_site: error [lock] another build is writing to this folder; wait for it to finish, then build again"
)


def build_cmd(root: Path, *extra: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--project", str(root), "--no-search", *extra]


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(build_cmd(root, *extra), capture_output=True, text=True, timeout=300)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("._site.new-", "._site.old-")))


def big_site(root: Path, pairs: int) -> Path:
    """Lay out a site with many article pairs, so that a build takes a moment."""
    body = "\n".join(
        f"## Part {j}\n\nText about part {j}, with *emphasis*.\n\n- one\n- two\n" for j in range(6)
    )
    files: dict[str, str | bytes] = {}
    for i in range(pairs):
        for lang in ("en", "sv"):
            files[f"content/{lang}/a{i}.md"] = article(
                title=f"Article {i}", key=f"a{i}", slug=f"a{i}", body=body
            )
    return make_site(root, files)


def edit(root: Path, n: int) -> None:
    """Change one article, so that the next build's site differs from the last one."""
    path = root / "content/en/advice.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nEdit ")[0].rstrip("\n") + f"\n\nEdit {n}.\n", encoding="utf-8")


# --- the lock ---------------------------------------------------------------------------


def test_a_second_build_stops_with_a_clear_message_while_the_first_holds_the_lock(
    site_factory, capsys
) -> None:
    root = site_factory()
    assert main(["--project", str(root)]) == 0
    before = tree(root / "_site")
    capsys.readouterr()
    fd = os.open(lock_file(root / "_site"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        edit(root, 1)
        assert main(["--project", str(root)]) == 1
    finally:
        os.close(fd)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == LOCK_MESSAGE
    assert tree(root / "_site") == before
    assert main(["--project", str(root)]) == 0  # closing the holder's descriptor released it


def test_the_lock_message_names_the_process_that_holds_it(site_factory, capsys) -> None:
    root = site_factory()
    path = lock_file(root / "_site")
    path.write_text("4242\n")
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert main(["--project", str(root)]) == 1
    finally:
        os.close(fd)
    assert capsys.readouterr().err.splitlines()[0] == (
        "_site: error [lock] another build (process 4242) is writing to this folder; "
        "wait for it to finish, then build again"
    )


def test_the_lock_is_released_and_its_file_removed_after_a_build(site_factory) -> None:
    root = site_factory({"content/en/bad.md": "no front matter\n"})
    assert main(["--project", str(root)]) == 1
    assert not lock_file(root / "_site").exists()
    (root / "content/en/bad.md").unlink()
    assert main(["--project", str(root)]) == 0
    assert not lock_file(root / "_site").exists()
    assert main(["--project", str(root)]) == 0  # a lock file left by a killed build is no obstacle


def test_the_lock_is_reentrant_in_one_thread_so_write_site_works_inside_a_build(tmp_path) -> None:
    out = tmp_path / "_site"
    with output_lock(out, tmp_path):
        write_site({"index.html": b"one", "sitemap.xml": b"<urlset/>"}, out)
    assert (out / "index.html").read_bytes() == b"one"


def test_two_builds_started_at_once_do_not_corrupt_each_other(site_factory) -> None:
    root = site_factory()
    assert run_build(root).returncode == 0
    for n in range(4):
        edit(root, n)
        first, second = (subprocess.Popen(build_cmd(root), stderr=subprocess.PIPE, text=True) for _ in "ab")
        results = [(p.wait(timeout=300), p.stderr.read()) for p in (first, second)]  # type: ignore[union-attr]
        assert any(code == 0 for code, _ in results)
        for code, err in results:
            assert code == 0 or LOCKED.match(err.splitlines()[0]), err
        complete = tree(root / "_site")
        assert run_build(root).returncode == 0
        assert tree(root / "_site") == complete
        assert leftovers(root) == []


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


def test_recover_keeps_the_current_site_and_drops_an_old_one(tmp_path) -> None:
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site/index.html").write_text("current")
    (tmp_path / "._site.old-1").mkdir()
    recover(tmp_path / "_site")
    assert (tmp_path / "_site/index.html").read_text() == "current"
    assert not (tmp_path / "._site.old-1").exists()


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../b", "", "a\\..\\b"])
def test_write_site_refuses_paths_outside_the_output_folder(tmp_path, rel: str) -> None:
    with pytest.raises(ValueError, match="output paths must stay inside the output folder"):
        write_site({rel: b"x"}, tmp_path / "_site")
    assert not (tmp_path / "_site").exists()
    assert not (tmp_path / "escape.html").exists()


# --- builds killed at chosen moments ----------------------------------------------------

# Runs a build that kills itself (SIGKILL) at one chosen moment; argv: project, moment.
KILLER = """
import os, signal, sys
import sitegen.build, sitegen.output.write
from sitegen.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

moment = sys.argv[2]
if moment == "rendering":
    sitegen.build.render_pages = die
elif moment == "staging-written":
    sitegen.output.write._fsync_tree = die
elif moment == "after-exchange":
    sitegen.output.write.shutil.rmtree = die
else:
    sitegen.output.write._exchange = lambda a, b: False  # the fallback: two renames
    real_rename, renames = os.rename, []
    def rename(a, b):
        renames.append(a)
        if moment == "between-renames" and len(renames) == 2:
            die()
        real_rename(a, b)
    sitegen.output.write.os.rename = rename
    if moment == "fallback-delete-old":
        sitegen.output.write.shutil.rmtree = die
sys.exit(main(["--project", sys.argv[1], "--no-search", "--no-cache"]))
"""

MOMENTS = ["rendering", "staging-written", "after-exchange", "between-renames", "fallback-delete-old"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_build_killed_at_a_chosen_moment_leaves_a_complete_site(site_factory, moment: str) -> None:
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
        assert after_kill == previous or moment in ("after-exchange", "fallback-delete-old")
    assert run_build(root, "--no-cache").returncode == 0
    new = tree(root / "_site")
    assert new != previous
    if moment in ("after-exchange", "fallback-delete-old"):
        assert after_kill == new  # the swap had happened: the new site was already complete
    assert leftovers(root) == []


# --- builds killed at random moments ----------------------------------------------------


def kill_many(root: Path, runs: int, extra: tuple[str, ...]) -> None:
    """Kill builds at random moments; after each, _site/ is a complete site, old or new."""
    rng = random.Random(KILL_SEED)
    started = time.monotonic()
    assert run_build(root, *extra).returncode == 0
    duration = time.monotonic() - started
    previous = tree(root / "_site")
    mid_build = 0
    for n in range(runs):
        edit(root, n)
        proc = subprocess.Popen(build_cmd(root, *extra), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration))
        mid_build += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = tree(root / "_site")
        if now != previous:
            # The kill came after the swap: what is there must be exactly the new site.
            assert run_build(root, *extra).returncode == 0
            assert tree(root / "_site") == now, f"kill {n}: _site/ is neither the old nor the new site"
            previous = now
    assert mid_build >= runs // 2, "too few kills landed inside a build; the test proves little"
    final = run_build(root, *extra)
    assert final.returncode == 0, final.stderr
    assert leftovers(root) == []


def test_builds_killed_at_random_moments_always_leave_the_previous_complete_site(tmp_path) -> None:
    kill_many(big_site(tmp_path / "site", 60), KILL_RUNS, ("--no-cache",))


def test_incremental_builds_killed_at_random_moments_always_leave_a_complete_site(tmp_path) -> None:
    # With the cache, edits go through the hard-link and the spare-site paths of incremental.py.
    kill_many(big_site(tmp_path / "site", 60), KILL_RUNS, ("--no-search",))


# Kills itself at the second file replaced in the spare copy of the site that an
# incremental build brings up to date before swapping it in (sitegen/output/incremental.py).
SPARE_KILLER = """
import os, signal, sys
from sitegen.cli import main

real_replace, replaced = os.replace, []
def replace(a, b):
    if "/.cache/spare-" in str(b):
        replaced.append(b)
        if len(replaced) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
    real_replace(a, b)
os.replace = replace
sys.exit(main(["--project", sys.argv[1], "--no-search"]))
"""


def test_a_build_killed_while_updating_the_spare_site_leaves_the_previous_complete_site(site_factory) -> None:
    root = site_factory()
    path = root / "content/en/advice.md"
    for title in ("Advice", "Advice and tips"):
        path.write_text(path.read_text().replace("title: Advice\n", f"title: {title}\n"))
        assert run_build(root).returncode == 0
    assert list((root / ".cache").glob("spare-*")), "the second build keeps the previous site as a spare"
    previous = tree(root / "_site")
    path.write_text(path.read_text().replace("title: Advice and tips", "title: Advice, tips and more"))
    (root / "content/en/about-needles.md").write_text(
        (root / "content/en/about-needles.md").read_text().replace("About the needles", "About needles")
    )
    killed = subprocess.run([sys.executable, "-c", SPARE_KILLER, str(root)], capture_output=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert tree(root / "_site") == previous
    assert run_build(root).returncode == 0
    after = tree(root / "_site")
    assert "Advice, tips and more" in after["en/advice/index.html"].decode()
    assert run_build(root, "--no-cache").returncode == 0
    assert tree(root / "_site") == after
