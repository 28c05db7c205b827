"""The command line: --help and a command's options, with the heavy modules kept off start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitegen.cli import main
from tests.conftest import REPO

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
    assert out.startswith("usage: build.py check [-h] [--strict] [--format {text,json}]")
    assert "--mark-updated PATH [PATH ...]" in out
    assert "sitegen.commands.check" in imported_after("check", "--help")
    assert "sitegen.commands.readability" not in imported_after("check", "--help")
