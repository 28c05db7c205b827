"""The output of `check`: text grouped by file with a summary, JSON, and the status page."""

from __future__ import annotations

import json

from sitegen.cli import main
from tests.check_helpers import EN_ADVICE, SV_ADVICE, problem_lines, run_check, sample
from tests.conftest import REPO
from tests.shipped import check, line_of, shipped_copy


def test_json_lists_problems_summary_and_pairs(site_factory, capsys) -> None:
    files = {SV_ADVICE: sample(SV_ADVICE, ("1 till 2 dagar", "1 till 3 dagar"))}
    status, out, _err = run_check(site_factory(files), "--format", "json", capsys=capsys)
    assert status == 1
    report = json.loads(out)
    assert set(report) == {"ok", "strict", "errors", "warnings", "problems", "summary", "pairs", "drafts"}
    assert (report["ok"], report["strict"], report["errors"]) == (False, False, 1)
    assert {
        "path": "content/sv/rad.md",
        "line": 13,
        "severity": "error",
        "check": "numbers",
        "message": "numbers differ from the English version in the introduction (content/en/advice.md:11): "
        "3 here, 2 there",
    } in report["problems"]
    assert report["summary"]["sv"]["pages"] == {
        "total": 2, "up_to_date": 2, "outdated": 0, "unmarked": 0, "missing": 0, "orphan": 0,
    }  # fmt: skip
    assert report["summary"]["sv"]["data"] == {"total": 4, "translated": 4, "percent": 100.0}
    assert report["summary"]["en"]["pages"] == {"total": 2}
    assert set(report["summary"]["sv"]["strings"]) == {"total", "translated", "percent"}
    assert report["pairs"] == [
        {"key": "advice", "lang": "sv", "state": "up_to_date", "source": "content/en/advice.md",
         "translation": "content/sv/rad.md", "problems": 1},
        {"key": "needles", "lang": "sv", "state": "up_to_date", "source": "content/en/about-needles.md",
         "translation": "content/sv/om-nalar.md", "problems": 0},
    ]  # fmt: skip


def test_strict_json_fails_on_warnings(site_factory, capsys) -> None:
    root = site_factory({SV_ADVICE: sample(SV_ADVICE, ("title: Råd", "title: Advice"))})
    status, out, _err = run_check(root, "--format", "json", "--strict", capsys=capsys)
    report = json.loads(out)
    assert (status, report["ok"], report["strict"], report["errors"]) == (1, False, True, 0)


def test_text_output_groups_problems_by_file_and_ends_with_a_summary(site_factory, capsys) -> None:
    files = {
        SV_ADVICE: sample(SV_ADVICE, ("1 till 2 dagar", "1 till 3 dagar")),
        "content/sv/om-nalar.md": sample("content/sv/om-nalar.md", ("::: evidence low", "::: evidence high")),
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    blocks = out.split("\n\n")
    assert blocks[0].startswith("content/sv/om-nalar.md:16: error [directive] evidence levels differ")
    assert blocks[1].startswith("content/sv/rad.md:13: error [numbers] numbers differ")
    tail = out.splitlines()[-3:]
    assert tail[0].startswith(
        "sv (Swedish): pages 2/2 up to date, 0 outdated, 0 unmarked, 0 missing, 0 orphan;"
    )
    assert tail[1].startswith("en (English): 2 source articles; strings 100% translated")
    assert tail[2].startswith("2 error(s), ")


def test_the_build_writes_the_status_page_outside_the_site(site_factory, capsys) -> None:
    # A change that leaves the Swedish outdated and nothing else ("often" would be a marker word).
    root = site_factory({EN_ADVICE: sample(EN_ADVICE, ("Drink water.", "Drink plenty of water."))})
    assert main(["--project", str(root)]) == 0
    capsys.readouterr()
    page = (root / "_reports/translation-status.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert (
        '<tr class="outdated"><td>advice</td><td>sv</td><td>content/en/advice.md</td>'
        "<td>content/sv/rad.md</td><td>outdated</td><td>1</td></tr>"
    ) in page
    assert (
        '<tr class="up-to-date"><td>needles</td><td>sv</td><td>content/en/about-needles.md</td>'
        "<td>content/sv/om-nalar.md</td><td>up to date</td><td>0</td></tr>"
    ) in page
    assert "<tr><td>locales/sv/LC_MESSAGES/messages.po</td><td>sv</td>" in page
    assert "<tr><td>content/data/effects.yaml</td><td>3/3 (100%)</td><td>3/3 (100%)</td></tr>" in page
    site = root / "_site"
    assert not any("translation-status" in p.name for p in site.rglob("*"))
    assert "translation-status" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_shipped_content_passes_the_strict_check_but_for_the_publisher_it_does_not_name(capsys) -> None:
    status, out, _err = run_check(REPO, "--strict", capsys=capsys)
    lines = problem_lines(out)
    unnamed = [line for line in lines if line.startswith("site.yaml:") and " warning [publisher] " in line]
    assert lines == unnamed, out  # nothing else: the publisher is for the editors to fill in, never made up
    assert status == (1 if unnamed else 0), out
    pairs = json.loads(run_check(REPO, "--format", "json", capsys=capsys)[1])["pairs"]
    assert len(pairs) == len(list((REPO / "content/en").glob("*.md")))
    assert {p["state"] for p in pairs} == {"up_to_date"}


def test_check_reports_the_builds_publisher_warning_once_and_strict_fails_on_it(tmp_path, capsys) -> None:
    # The shipped site with site.yaml's publisher empty, as shipped: nothing else to report.
    root = shipped_copy(tmp_path / "site", publisher=False)
    shows = sorted(
        f"content/en/{f.name}"
        for f in (root / "content/en").glob("*.md")
        if "::: publisher" in f.read_text("utf-8")
    )
    assert shows, "no English article shows the publisher"
    expected = (
        f"site.yaml:{line_of(root, 'site.yaml', 'publisher:')}: warning [publisher] the site has no "
        f"publisher name and contact: {shows[0]}:{line_of(root, shows[0], '::: publisher')} shows them; "
        "fill in publisher.name and publisher.contact (never an invented one)"
    )
    assert check(root, capsys) == (0, [expected])  # once, as a warning
    assert check(root, capsys, "--strict") == (1, [expected])
    # The build reports the same line and fails on it under --strict: check no longer says otherwise.
    assert main(["--project", str(root), "--strict", "--no-search", "--no-cache"]) == 1
    assert expected in capsys.readouterr().err.splitlines()
