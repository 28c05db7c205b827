"""Check that a published article is finished: no scaffold placeholder, no empty body."""

from __future__ import annotations

from ..content import Article
from ..model import Site
from ..problems import Problem, error


def N_(text: str) -> str:  # noqa: N802 - the name pybabel looks for by default
    """Mark a UI string for extraction; it is translated where it is used."""
    return text


# The description `new` writes; its translations come from the catalogues.
PLACEHOLDER = N_("Write one or two sentences on what the article covers.")
KEEP_DRAFT = "or keep 'draft: true' until the article is ready"


def placeholders(site: Site) -> set[str]:
    """Return the scaffold's placeholder description in every language the catalogues have it in."""
    found = {PLACEHOLDER}
    for catalog in site.catalogs.values():
        message = catalog.get(PLACEHOLDER) if catalog is not None else None
        if message is not None and isinstance(message.string, str) and message.string.strip():
            found.add(message.string.strip())
    return found


def check_unfinished(site: Site) -> list[Problem]:
    """Return an error for each published article that still has the scaffold's text or no text."""
    texts = placeholders(site)
    problems: list[Problem] = []
    for article in site.articles:
        if not article.draft:
            problems += _unfinished(article, texts)
    return problems


def _unfinished(article: Article, texts: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if article.description in texts:
        problems.append(
            error(
                article.path,
                article.lines.get("description", 1),
                "the description is still the placeholder that `new` wrote: write one or two "
                f"sentences on what the article covers ({KEEP_DRAFT})",
                "unfinished",
            )
        )
    if not article.body.strip():
        problems.append(
            error(
                article.path,
                article.body_line,
                f"the article has no text: write it below the front matter ({KEEP_DRAFT})",
                "unfinished",
            )
        )
    return problems
