"""Drafts and unfinished articles: placeholders and empty bodies, the drafts group, the preview's view."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO, article

from sitegen.preview.builder import PreviewBuilder

KEEP = "or keep 'draft: true' until the article is ready"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run build.py on the project in root."""
    command = [sys.executable, "build.py", "--project", str(root), *args]
    return subprocess.run(
        command, cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )


def undraft(path: Path) -> None:
    """Delete the draft line, as an editor who thinks the article is done would."""
    text = path.read_text("utf-8")
    path.write_text(text.replace("draft: true  # remove this line to publish the article\n", ""), "utf-8")


def test_a_scaffold_published_unchanged_is_refused_in_every_language(site_factory):
    root = site_factory()
    assert run(root, "new", "neck-pain", "--sv-title", "Nackont", "--en-title", "Neck pain").returncode == 0
    for lang in ("sv", "en"):
        undraft(root / "content" / lang / "neck-pain.md")
    built = run(root, "--strict", "--no-search")
    assert built.returncode == 1
    unfinished = [line for line in built.stderr.splitlines() if "[unfinished]" in line]
    assert unfinished == [
        "content/en/neck-pain.md:3: error [unfinished] the description is still the placeholder that "
        f"`new` wrote: write one or two sentences on what the article covers ({KEEP})",
        f"content/en/neck-pain.md:11: error [unfinished] the article has no text: write it below the "
        f"front matter ({KEEP})",
        "content/sv/neck-pain.md:3: error [unfinished] the description is still the placeholder that "
        f"`new` wrote: write one or two sentences on what the article covers ({KEEP})",
        f"content/sv/neck-pain.md:12: error [unfinished] the article has no text: write it below the "
        f"front matter ({KEEP})",
    ]
    assert not (root / "_site").exists()


def test_a_body_of_blank_lines_is_empty_and_a_draft_may_be_unfinished(site_factory):
    root = site_factory(
        {
            "content/en/empty.md": article("Empty", key="empty", slug="empty", body="\n   \n\n"),
            "content/en/later.md": article("Later", key="later", slug="later", body="", draft="true"),
        }
    )
    done = run(root, "check", "--drafts", "--format", "json")
    report = json.loads(done.stdout)
    found = [(p["path"], p["check"]) for p in report["problems"] if p["check"] == "unfinished"]
    assert found == [("content/en/empty.md", "unfinished")]


def test_check_lists_drafts_in_their_own_group(site_factory):
    root = site_factory({"content/en/later.md": article("Later on", key="later", slug="later", draft="true")})
    done = run(root, "check")
    lines = done.stdout.splitlines()
    start = lines.index("Drafts, not published (1; `check --drafts` checks them as the preview does):")
    assert lines[start + 1 : start + 3] == ["  content/en/later.md: Later on", ""]
    report = json.loads(run(root, "check", "--format", "json").stdout)
    assert report["drafts"] == [
        {"path": "content/en/later.md", "lang": "en", "title": "Later on", "problems": 0}
    ]


def test_check_drafts_reports_a_drafts_problems_under_it_as_the_preview_shows_them(site_factory, tmp_path):
    body = "See [gone](gone.md).\n"
    root = site_factory(
        {"content/en/later.md": article("Later on", key="later", slug="later", body=body, draft="true")}
    )
    done = run(root, "check", "--drafts")
    lines = done.stdout.splitlines()
    start = lines.index("Drafts, not published (1; `check --drafts` checks them as the preview does):")
    assert lines[start + 1] == "  content/en/later.md: Later on"
    group = lines[start + 2 : lines.index("", start)]
    assert group == [
        "    content/en/later.md:4: warning [missing-translation] no Swedish translation: no article in "
        "content/sv/ has translation_key 'later'",
        "    content/en/later.md:11: error [link] link to 'gone.md': no article 'gone.md' in content/en/",
    ]
    report = json.loads(run(root, "check", "--drafts", "--format", "json").stdout)
    outcome = PreviewBuilder(root, tmp_path / "preview").rebuild()
    preview = sorted(str(p) for p in outcome.problems)
    # check also reports catalogue entries nothing uses (they change no page): all else is the same.
    checked = sorted(
        f"{p['path']}:{p['line']}: {p['severity']} [{p['check']}] {p['message']}"
        for p in report["problems"]
        if "is no longer used by the templates" not in p["message"]
    )
    assert preview == checked
    assert any("later.md" in line for line in preview)
