"""Editors' error messages say what to do, once: dates, links, images, templates, knock-on warnings."""

from __future__ import annotations

import pytest
from conftest import article

from sitegen.build import build
from sitegen.problems import BuildFailed


def problems_of(root) -> list[str]:
    """Build root and return every problem printed, as the command line prints them."""
    try:
        result = build(root, search=False, use_cache=False)
    except BuildFailed as failed:
        return [str(p) for p in failed.problems]
    return [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2026-11-31", "November 2026 has 30 days"),
        ("2027-02-29", "February 2027 has 28 days"),
        ("2026-13-01", "month must be in 1..12"),
    ],
)
def test_an_impossible_date_names_the_field_and_the_format(site_factory, date, reason):
    root = site_factory(
        {"content/en/advice.md": article("Advice", key="advice", slug="advice", published=date)}
    )
    # One cause, one problem: the Swedish page it leaves without a source is named under it.
    assert problems_of(root) == [
        f"content/en/advice.md:6: error [front-matter] 'published' is {date}, which is not a date "
        f"({reason}): write a date that exists, as YYYY-MM-DD (until it is fixed, this also shows in "
        "content/sv/rad.md)"
    ]


def test_what_a_broken_source_breaks_elsewhere_is_listed_under_it(tmp_path, capsys):
    from tests.shipped import check, edit, shipped_copy

    root = shipped_copy(tmp_path / "site")
    line = edit(root, "content/en/side-effects.md", "last_reviewed: 2026-12-01", "last_reviewed: 2026-02-30")
    status, problems = check(root, capsys)
    assert status == 1
    assert problems == [
        f"content/en/side-effects.md:{line}: error [front-matter] 'last_reviewed' is 2026-02-30, which is "
        "not a date (February 2026 has 28 days): write a date that exists, as YYYY-MM-DD (until it is fixed, "
        "this also shows in content/sv/biverkningar.md, content/sv/hitta-behandlare.md, "
        "content/sv/nar-soka-vard.md, content/sv/regler-i-usa.md)"
    ]


def test_a_link_to_a_missing_article_suggests_the_closest_one(site_factory):
    body = "See [needles](about-needle.md) and [advice](advice.md) and [x](zzz.md).\n"
    root = site_factory({"content/en/linker.md": article("Linker", key="linker", slug="linker", body=body)})
    found = [p for p in problems_of(root) if "[link]" in p]
    assert found == [
        "content/en/linker.md:10: error [link] link to 'about-needle.md': no article 'about-needle.md' in "
        "content/en/ (did you mean 'about-needles.md'?)",
        "content/en/linker.md:10: error [link] link to 'zzz.md': no article 'zzz.md' in content/en/",
    ]


def test_a_link_by_translation_key_suggests_the_file_with_that_key(site_factory):
    body = "See [needles](needles.md).\n"
    root = site_factory({"content/en/linker.md": article("Linker", key="linker", slug="linker", body=body)})
    assert (
        "content/en/linker.md:10: error [link] link to 'needles.md': no article 'needles.md' in content/en/ "
        "(did you mean 'about-needles.md'?)" in problems_of(root)
    )


def test_an_image_outside_static_explains_the_rule(site_factory):
    body = "![A needle](needle.png)\n"
    root = site_factory({"content/en/pic.md": article("Pic", key="pic", slug="pic", body=body)})
    assert (
        "content/en/pic.md:10: error [link] image 'needle.png': images are files in static/, written from the "
        "site root: put the file in static/ and write /static/needle.png"
    ) in problems_of(root)


def test_a_gettext_slip_is_one_error_with_a_hint(site_factory):
    root = site_factory()
    footer = '<p>{{ _("No advertising, no tracking, no cookies.") }}</p>'
    base = (root / "templates/base.html").read_text("utf-8")
    assert footer in base
    slip = '<p>{{ _("%(n)s pages") }}</p>'
    (root / "templates/base.html").write_text(base.replace(footer, slip), "utf-8")
    line = next(i for i, text in enumerate(base.splitlines(), 1) if footer in text)
    found = [p for p in problems_of(root) if "[template]" in p]
    assert len(found) == 1, found
    assert found[0].startswith(
        f"templates/base.html:{line}: error [template] template error while rendering "
    )
    assert found[0].endswith(
        " other page(s): a translated string has the placeholder %(n)s and no value for it: templates use "
        'newstyle gettext, so pass it as a keyword, _("... %(n)s ...", n=...), and do not format the '
        "result with %"
    )


def test_a_misspelt_key_is_one_error_not_three(site_factory):
    root = site_factory()
    path = root / "content/sv/rad.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("translation_key:", "translaton_key:"), "utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("translation_key:"))
    found = problems_of(root)
    assert found == [
        f"content/sv/rad.md:{line}: error [front-matter] unknown front-matter key 'translaton_key' "
        "(did you mean 'translation_key'?) (until it is fixed, this also shows in content/en/advice.md)"
    ]
