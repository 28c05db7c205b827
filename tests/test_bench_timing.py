"""The benchmark's timer: a failed step is one clear message, not a traceback."""

from __future__ import annotations

import sys

import pytest

from bench.timing import BenchError, timed


def test_a_command_is_timed_with_its_cpu_and_memory() -> None:
    sample = timed([sys.executable, "-c", "sum(range(3_000_000))"], "counting")
    assert sample.wall > 0 and sample.cpu > 0 and sample.peak > 1


def test_a_failing_command_says_which_step_and_what_it_printed() -> None:
    with pytest.raises(BenchError) as failed:
        timed([sys.executable, "-c", "import sys; sys.exit('the disk is full')"], "hugo")
    assert str(failed.value) == (
        f"hugo failed with exit status 1: {sys.executable} -c import sys; sys.exit('the disk is full')\n"
        "the disk is full"
    )


def test_a_missing_program_is_named() -> None:
    with pytest.raises(
        BenchError, match=r"^mkdocs: cannot run /nonexistent/mkdocs: No such file or directory$"
    ):
        timed(["/nonexistent/mkdocs"], "mkdocs")
