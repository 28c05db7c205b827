"""Cached, incremental and preview builds equal a cold build after any sequence of edits.

A Hypothesis state machine edits, deletes and renames every kind of input a build reads
(articles, data sets, catalogues, templates and partials, static files, site.yaml, babel.cfg
and the code it names, the glossary) and after each step builds the site four ways: with the
cache in memory, with the cache read from disk, as the preview does, and cold. The same
files, byte for byte, and the same problems, or the same refusal.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import sitegen.cache.store
from sitegen.build import build
from sitegen.preview.banner import mark_pages
from sitegen.preview.builder import PreviewBuilder
from sitegen.problems import BuildFailed, Problem
from tests.conftest import make_site, tree

# Edits that can be undone: each flips a file between two texts (the first is the shipped one).
TOGGLES: dict[str, tuple[str, str, str]] = {
    "body": ("content/en/advice.md", "for 1 to 2 days.", "for 1 to 2 days, or longer."),
    "front matter": ("content/en/advice.md", "title: Advice\n", "title: Aftercare\n"),
    "template": ("templates/article.html", '<div class="article-body">', '<div class="article-body" id="t">'),
    "partial": (
        "templates/partials/breadcrumbs.html",
        'class="wrap breadcrumbs"',
        'class="breadcrumbs wrap"',
    ),
    "catalogue": ("locales/sv/LC_MESSAGES/messages.po", '"Senast uppdaterad"', '"Granskad senast"'),
    "data": ("content/data/effects.yaml", "share: 7.55", "share: 8.25"),
    "site.yaml": ("site.yaml", "  en: Dry needling for headache\n", "  en: Dry needling and headache\n"),
    "static": ("static/style.css", ":root {", ":root  {"),
    # A forbidden word the sample content uses: every build must refuse the same way.
    "glossary": ("locales/glossary.yaml", "  en: [cure,", "  en: [sore, cure,"),
    # The code babel.cfg names: a UI string no catalogue has (a warning the cache must not hide).
    "babel.cfg": (
        "babel.cfg",
        "[jinja2: templates/**.html]",
        "[python: tools/**.py]\n\n[jinja2: templates/**.html]",
    ),
    "code": ("tools/strings.py", "_('Read more')\n", "_('A string no catalogue has')\n"),
}
PAIR = ("content/en/about-needles.md", "content/sv/om-nalar.md")


def outcome(root: Path, out: Path, **options: object) -> tuple[dict[str, bytes] | None, list[Problem]]:
    """Build into out; return the files written (None when refused) and the problems."""
    try:
        result = build(root, out, search=False, **options)  # type: ignore[arg-type]
    except BuildFailed as failed:
        return None, sorted(failed.problems)
    return tree(out), sorted(result.problems)


class Edits(RuleBasedStateMachine):
    """One site, edited step by step, built four ways after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="edits-"))
        self.root = make_site(self.tmp / "site", {"tools/strings.py": "_('Read more')\n"})
        self.saved = {rel: (self.root / rel).read_bytes() for rel in PAIR}
        self.deleted = False
        self.renamed = False
        sitegen.cache.store._open.pop(self.root.absolute(), None)
        self.preview = PreviewBuilder(self.root, self.tmp / "preview")

    def teardown(self) -> None:
        sitegen.cache.store._open.pop(self.root.absolute(), None)
        shutil.rmtree(self.tmp, ignore_errors=True)

    @rule(name=st.sampled_from(sorted(TOGGLES)))
    def toggle(self, name: str) -> None:
        rel, first, second = TOGGLES[name]
        if rel == "content/en/advice.md" and self.renamed:
            rel = "content/en/aftercare.md"
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        # The second text first: it may contain the first (babel.cfg's does), and must be undone.
        old, new = (second, first) if second in text else (first, second)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    @rule()
    def delete_or_restore_a_pair(self) -> None:
        for rel, data in self.saved.items():
            if self.deleted:
                (self.root / rel).write_bytes(data)
            else:
                (self.root / rel).unlink()
        self.deleted = not self.deleted

    @rule()
    def rename_an_article(self) -> None:
        names = ("content/en/advice.md", "content/en/aftercare.md")
        old, new = names if not self.renamed else names[::-1]
        text = (self.root / old).read_text(encoding="utf-8")
        slugs = (
            ("slug: advice\n", "slug: aftercare\n")
            if not self.renamed
            else ("slug: aftercare\n", "slug: advice\n")
        )
        (self.root / new).write_text(text.replace(*slugs), encoding="utf-8")
        (self.root / old).unlink()
        self.renamed = not self.renamed

    @invariant()
    def every_build_mode_equals_a_cold_build(self) -> None:
        cold = outcome(self.root, self.tmp / "cold", use_cache=False)
        assert outcome(self.root, self.root / "_site") == cold, "cache in memory"
        kept = sitegen.cache.store._open.pop(self.root.absolute())
        try:
            assert outcome(self.root, self.root / "_site") == cold, "cache read from disk"
        finally:
            sitegen.cache.store._open[self.root.absolute()] = kept
        preview = self.preview.rebuild()
        cold_preview = outcome(
            self.root,
            self.tmp / "cold-preview",
            use_cache=False,
            include_drafts=True,
            postprocess=mark_pages,
            keep_going=True,  # the preview's severity: the checks' errors are banners, not a refusal
        )
        assert sorted(preview.problems) == cold_preview[1], "preview problems"
        if preview.ok:
            assert tree(self.tmp / "preview") == cold_preview[0], "preview files"
        else:
            assert cold_preview[0] is None


Edits.TestCase.settings = settings(
    max_examples=6,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEveryBuildModeEqualsAColdBuild = pytest.mark.slow(Edits.TestCase)
