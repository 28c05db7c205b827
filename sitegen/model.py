"""Build the model: pages, URLs and language versions from what was read."""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from .config import Config
from .content import Article
from .data import Dataset
from .markup.scan import BodyScan, scan_body

REFERENCES = "references"


@dataclass
class Page:
    """One output page; every page knows its language."""

    kind: str
    lang: str
    url: str
    output: str
    article: Article | None = None
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Return the translation key that pairs this page with its versions."""
        return self.article.translation_key if self.article else f"_{self.kind}"


@dataclass
class Site:
    """Everything the checks and the renderer need, read and validated."""

    config: Config
    articles: list[Article]
    datasets: dict[str, Dataset]
    catalogs: dict[str, Catalog | None]
    pages: list[Page]
    scans: dict[str, BodyScan]
    by_key: dict[str, dict[str, Article]]
    by_file: dict[tuple[str, str], Article]
    drafts: dict[tuple[str, str], Article] = field(default_factory=dict)
    # Hash of every source file as the checks saw them; set by build.checked.
    inputs_key: str = ""

    def articles_in(self, lang: str) -> list[Article]:
        """Return a language's articles in front-page order."""
        found = [a for a in self.articles if a.lang == lang]
        return sorted(found, key=lambda a: (a.order, a.title.casefold(), a.slug))

    def counterpart(self, article: Article, lang: str) -> Article | None:
        """Return the version of an article in another language, if it exists."""
        return self.by_key.get(article.translation_key, {}).get(lang)

    def reference(self, ref_id: str) -> dict[str, object] | None:
        """Return the entry of the references data set with this id."""
        refs = self.datasets.get(REFERENCES)
        return next((e for e in refs.entries if e["id"] == ref_id), None) if refs else None


def build_model(
    config: Config,
    articles: list[Article],
    datasets: dict[str, Dataset],
    catalogs: dict[str, Catalog | None],
    include_drafts: bool = False,
    scans: dict[str, BodyScan] | None = None,
) -> Site:
    """Pair articles across languages and lay out every page of the site (scans: from the cache)."""
    drafts = {(a.lang, a.filename): a for a in articles if a.draft and not include_drafts}
    articles = [a for a in articles if include_drafts or not a.draft]
    by_key: dict[str, dict[str, Article]] = {}
    by_file: dict[tuple[str, str], Article] = {}
    for article in articles:
        by_key.setdefault(article.translation_key, {}).setdefault(article.lang, article)
        by_file.setdefault((article.lang, article.filename), article)
    scans = {a.path: scans[a.path] if scans else scan_body(a.body, a.body_line) for a in articles}
    pages: list[Page] = [Page("root", config.default_language, "/", "index.html")]
    homes = {lang: f"/{lang}/" for lang in config.codes}
    for lang in config.codes:
        pages.append(Page("home", lang, f"/{lang}/", f"{lang}/index.html", versions=homes))
        pages.append(Page("notfound", lang, f"/{lang}/404.html", f"{lang}/404.html"))
    # Hosts that serve one 404 page for every address get one in every language.
    pages.append(Page("rootnotfound", config.default_language, "/404.html", "404.html"))
    seen_urls: set[str] = set()
    for article in sorted(articles, key=lambda a: (config.codes.index(a.lang), a.path)):
        if article.url in seen_urls:
            continue
        seen_urls.add(article.url)
        versions = {
            lang: by_key[article.translation_key][lang].url
            for lang in config.codes
            if lang in by_key[article.translation_key]
        }
        pages.append(
            Page(
                "article",
                article.lang,
                article.url,
                f"{article.lang}/{article.slug}/index.html",
                article,
                versions,
            )
        )
    return Site(config, articles, datasets, catalogs, pages, scans, by_key, by_file, drafts)
