"""Installing the peers: a failed install is one clear message and exit status 1."""

from __future__ import annotations

from pathlib import Path

import pytest

import bench.peers
from bench.compare import main_peers


@pytest.mark.slow
def test_a_peer_that_cannot_be_installed_stops_the_run_with_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("hugo=0.168.0 is not a requirement\n", "utf-8")
    monkeypatch.setattr(bench.peers, "REQUIREMENTS", requirements)
    monkeypatch.setattr(bench.peers, "VENV", tmp_path / "peers")
    assert main_peers(tmp_path / "work", 4, 1, serve=False) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"installing the peers (Hugo, MkDocs, mkdocs-static-i18n) into {tmp_path / 'peers'}; about 30 s, 140 MB"
    ]
    first, *said, last = out.err.splitlines()
    assert first == (
        f"bench: cannot install the peers into {tmp_path / 'peers'} (pip exited with status 1; "
        "it needs the package index):"
    )
    assert any("Invalid requirement" in line for line in said)
    assert last == "Run without --peers to benchmark sitegen alone."
    assert "Traceback" not in out.err
    assert not (tmp_path / "work").exists()  # nothing was built
