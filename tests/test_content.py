"""Reading articles: front matter schema, line numbers of each problem."""

from __future__ import annotations

import datetime as dt

from sitegen.content import parse_article
from tests.conftest import article


def messages(text: str) -> list[str]:
    """Return the problems of parsing text as content/sv/a.md, formatted."""
    found, problems = parse_article(text, "content/sv/a.md", "sv")
    assert found is None
    return [str(p) for p in problems]


def test_valid_article_is_read_with_typed_fields() -> None:
    text = article("Råd", key="advice", slug="rad", references="[gildir2019]", order=5, body="Hej.\n")
    found, problems = parse_article(text, "content/sv/rad.md", "sv")
    assert problems == []
    assert found is not None
    assert found.title == "Råd"
    assert found.published == dt.date(2026, 11, 1)
    assert found.references == ("gildir2019",)
    assert found.order == 5
    assert found.draft is False
    assert found.url == "/sv/rad/"
    assert found.body == "Hej.\n"
    assert found.body_line == 12


def test_missing_front_matter() -> None:
    assert messages("Just text\n") == [
        "content/sv/a.md:1: error [front-matter] missing front matter: the file must start with a '---' line"
    ]


def test_unclosed_front_matter() -> None:
    assert messages("---\ntitle: x\n") == [
        "content/sv/a.md:1: error [front-matter] front matter is not closed by a '---' line"
    ]


def test_malformed_yaml_reports_its_line() -> None:
    text = article().replace("slug: topic", "slug: [topic")
    assert messages(text) == [
        "content/sv/a.md:5: error [front-matter] malformed YAML: did not find expected ',' or ']'"
    ]


def test_unknown_key_with_suggestion_and_wrong_types() -> None:
    text = article(titel="x", published="yesterday", draft="maybe")
    assert messages(text) == [
        "content/sv/a.md:6: error [front-matter] 'published' must be a date (YYYY-MM-DD), not 'yesterday'",
        "content/sv/a.md:9: error [front-matter] unknown front-matter key 'titel' (did you mean 'title'?)",
        "content/sv/a.md:10: error [front-matter] 'draft' must be true or false, not 'maybe'",
    ]


def test_missing_required_fields_are_each_reported() -> None:
    text = article(title=None, slug=None)
    assert messages(text) == [
        "content/sv/a.md:1: error [front-matter] missing required field 'title'",
        "content/sv/a.md:1: error [front-matter] missing required field 'slug'",
    ]


def test_slug_must_be_url_safe() -> None:
    assert messages(article(slug="'../etc'")) == [
        "content/sv/a.md:5: error [front-matter] 'slug' must be lowercase letters, digits and hyphens, not '../etc'"
    ]


def test_next_review_must_follow_last_review() -> None:
    assert messages(article(next_review="2026-01-01")) == [
        "content/sv/a.md:8: error [front-matter] 'next_review' must come after 'last_reviewed'"
    ]


def test_duplicate_key_is_an_error() -> None:
    text = article().replace("slug: topic\n", "slug: topic\nslug: other\n")
    assert messages(text) == ["content/sv/a.md:6: error [front-matter] duplicate key 'slug'"]


def test_quoted_source_hash_of_digits_only_is_a_hash() -> None:
    found, problems = parse_article(article(source_hash='"123456789012"'), "content/sv/a.md", "sv")
    assert problems == []
    assert found is not None and found.source_hash == "123456789012"
