"""The command line: --help and a command's options, with the heavy modules kept off start-up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from sitegen.cli import main
from tests.conftest import REPO, article

HEAVY = ("jinja2", "markdown", "babel", "yaml", "sitegen.build", "sitegen.checks", "sitegen.commands.check")


def imported_after(*args: str) -> set[str]:
    """Run the command line in a fresh interpreter; return the modules it had imported."""
    script = (
        "import sys\nfrom sitegen.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(done.stderr.split())


def test_help_imports_no_library_and_no_command() -> None:
    assert imported_after("--help") & set(HEAVY) == set()


def test_a_command_named_brings_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["check", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: build.py check [-h] [--strict] [--all] [--base-url URL]")
    assert "[--format {text,json}]" in out
    assert "--mark-updated PATH [PATH ...]" in out
    assert "sitegen.commands.check" in imported_after("check", "--help")
    assert "sitegen.commands.readability" not in imported_after("check", "--help")


def run(*args: str, program: str = "build.py") -> subprocess.CompletedProcess[str]:
    """Run the command line as `python build.py` (or as the console script's name) in REPO."""
    script = f"import sys\nsys.argv[0] = {program!r}\nfrom sitegen.cli import main\nsys.exit(main())"
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("program", ["build.py", "sitegen"])
def test_usage_names_the_program_as_it_was_run(program: str) -> None:
    assert run("--help", program=program).stdout.startswith(f"usage: {program} [-h]")


@pytest.mark.parametrize("command", ["check", "readability", "build"])
def test_strict_is_taken_before_or_after_every_command(site_factory, command: str) -> None:
    root = str(site_factory())
    before = run("--project", root, "--strict", command, "--no-search" if command == "build" else "--all")
    after = run("--project", root, command, "--strict", "--no-search" if command == "build" else "--all")
    assert "unrecognized arguments" not in before.stderr + after.stderr
    assert before.returncode == after.returncode
    assert before.stdout.splitlines()[-1:] == after.stdout.splitlines()[-1:]


def test_strict_fails_check_on_warnings_whichever_side_it_is_on(site_factory) -> None:
    root = str(site_factory({"content/en/alone.md": article("Alone", key="alone", slug="alone")}))
    assert run("--project", root, "check").returncode == 0
    assert run("--project", root, "--strict", "check").returncode == 1
    assert run("--project", root, "check", "--strict").returncode == 1


def test_warnings_of_one_check_are_counted_after_twenty_and_all_prints_them(site_factory) -> None:
    files = {f"content/en/a{i:02}.md": article(f"A{i}", key=f"a{i:02}", slug=f"a{i:02}") for i in range(23)}
    root = str(site_factory(files))
    short = run("--project", root, "--no-search", "--base-url", "https://dn.test")
    assert short.returncode == 0, short.stderr
    lines = short.stderr.splitlines()
    assert sum("warning [missing-translation]" in line for line in lines) == 20
    assert "... and 3 more [missing-translation] warning(s) (--all shows every one)" in lines
    every = run("--project", root, "build", "--no-search", "--all", "--base-url", "https://dn.test")
    assert sum("warning [missing-translation]" in line for line in every.stderr.splitlines()) == 23


def test_base_url_replaces_site_yaml_and_the_example_address_is_warned_about(site_factory) -> None:
    root = site_factory()
    plain = run_on_terminal("--project", str(root), "--no-search")
    assert "site.yaml: warning [config] base_url is the example address https://www.example.org" in plain
    assert "  read and checked " in plain  # and the stages with their times
    moved = run_on_terminal(
        "--project", str(root), "build", "--no-search", "--base-url", "https://u.github.io/dn/"
    )
    assert "example address" not in moved
    home = (root / "_site/en/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://u.github.io/dn/en/">' in home
    assert 'href="/dn/static/style.css"' in home
    bad = run("--project", str(root), "--base-url", "user.github.io")
    assert bad.returncode == 1
    assert "--base-url: error [config] give an absolute http(s) URL" in bad.stderr


def run_on_terminal(*args: str) -> str:
    """Run the command line with a terminal as its output; return what it printed."""
    controller, terminal = os.openpty()
    try:
        command = [sys.executable, "build.py", *args]
        subprocess.run(command, cwd=REPO, stdout=terminal, stderr=terminal, check=False, timeout=300)
    finally:
        os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def test_no_stage_timings_when_not_on_a_terminal(site_factory) -> None:
    done = run("--project", str(site_factory()), "--no-search")
    assert "read and checked" not in done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_offers_commands_and_each_commands_options(shell: str) -> None:
    script = run("completion", shell).stdout
    probe = (
        f"{script}\n"
        'COMP_WORDS=(build.py check --d); COMP_CWORD=2; _sitegen; echo "${COMPREPLY[*]}"\n'
        'COMP_WORDS=(build.py re); COMP_CWORD=1; _sitegen; echo "${COMPREPLY[*]}"\n'
    )
    if shell == "zsh":
        if shutil.which("zsh") is None:
            pytest.skip("zsh is not installed")
        done = subprocess.run(["zsh", "-c", probe], capture_output=True, text=True, check=True)
    else:
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["--diff --drafts", "readability"]
