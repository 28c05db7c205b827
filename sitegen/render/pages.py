"""Render pages: Jinja2 templates and Markdown, one environment per language."""

from __future__ import annotations

import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError
from markupsafe import Markup

from ..catalogs import compile_catalog
from ..config import Config
from ..content import Article
from ..markup.dialect import BODY, MarkdownRenderer, PageContext
from ..markup.phones import link_phones
from ..model import Page, Site
from ..problems import Problem, error, io_problem
from ..sources.files import relpath
from .faults import template_problem
from .headers import META_CONTENT_SECURITY_POLICY
from .i18n import install_translations
from .loader import SnapshotLoader
from .metadata import install_web_globals
from .navigation import navigation

PAGE_TEMPLATES = {
    "root": "root.html",
    "home": "home.html",
    "article": "article.html",
    "notfound": "404.html",
    "rootnotfound": "root-404.html",
}


@dataclass
class Renderer:
    """Renders the pages of one site; holds a template environment per language."""

    site: Site
    envs: dict[str, Environment]
    translations: dict[str, NullTranslations]
    markdown: MarkdownRenderer
    listings: dict[str, list[Article]] = field(default_factory=dict)

    def render_page(self, page: Page) -> bytes:
        """Render one page to bytes."""
        env = self.envs[page.lang]
        # Sorting the listing once per language, not once per page, keeps big sites linear.
        if page.lang not in self.listings:
            self.listings[page.lang] = self.site.articles_in(page.lang)
        context = page_context(self.site, page, self.translations, self.listings[page.lang])
        if page.article is not None:
            context["content"] = Markup(self._convert(page))
        html = env.get_template(PAGE_TEMPLATES[page.kind]).render(context)
        return html.encode("utf-8")

    def _convert(self, page: Page) -> str:
        article = page.article
        assert article is not None
        site, env = self.site, self.envs[page.lang]

        def resolve(filename: str) -> str | None:
            other = site.by_file.get((article.lang, filename))
            return site.config.url(other.url) if other else None

        def cite(ref: str) -> int | None:
            refs = article.references
            return refs.index(ref) + 1 if ref in refs else None

        def directive(name: str, args: str) -> str:
            template = env.get_template(f"directives/{name}.html")
            return template.render(lang=page.lang, site=site, page=page, args=args, cite=cite, body=BODY)

        context = PageContext(
            page.lang, resolve, cite, directive, site.config.base_path, site.config.phone_numbers
        )
        return self.markdown.convert(article.body, context)


def make_environment(config: Config, lang: str, translations: NullTranslations) -> Environment:
    """Make the template environment of one language."""
    locale = config.language(lang).locale
    env = Environment(
        loader=SnapshotLoader(config.sources, config.templates_dir),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install_translations(env, translations)
    env.filters["date"] = lambda value, fmt="long": format_date(value, fmt, locale=locale)
    env.filters["number"] = lambda value: format_decimal(value, locale=locale)
    env.filters["percent"] = lambda value: format_percent(
        Decimal(str(value)) / 100, locale=locale, decimal_quantization=False
    )
    env.filters["phones"] = lambda text: link_phones(text, config.phone_numbers)
    install_web_globals(env)
    # The one way templates link within the site: a site path under base_url's sub-path.
    env.globals["url"] = config.url
    env.globals["content_security_policy"] = META_CONTENT_SECURITY_POLICY
    return env


def make_renderer(site: Site) -> Renderer:
    """Make a renderer with every language's compiled catalogue installed."""
    translations = {lang: compile_catalog(site.catalogs.get(lang)) for lang in site.config.codes}
    envs = {lang: make_environment(site.config, lang, translations[lang]) for lang in site.config.codes}
    return Renderer(site, envs, translations, MarkdownRenderer())


def check_templates(config: Config) -> list[Problem]:
    """Compile every template so a syntax error is found before anything renders."""
    env = make_environment(config, config.default_language, NullTranslations())
    problems: list[Problem] = []
    for name in sorted(env.list_templates(extensions=["html", "xml", "txt"])):
        try:
            env.get_template(name)
        except TemplateSyntaxError as exc:
            problems.append(
                error(f"templates/{name}", exc.lineno, f"template syntax error: {exc.message}", "template")
            )
    return problems


def page_context(
    site: Site,
    page: Page,
    translations: dict[str, NullTranslations],
    articles: list[Article] | None = None,
) -> dict[str, Any]:
    """Return what a page template needs; everything carries the page's language."""
    config = site.config
    lang = page.lang
    versions = page.versions
    alternates = [(code, config.absolute_url(versions[code])) for code in config.codes if code in versions]
    if alternates:
        default = versions.get(config.default_language) or next(iter(versions.values()))
        if page.kind == "home":
            default = "/"
        alternates.append(("x-default", config.absolute_url(default)))
    switcher = []
    for language in config.languages:
        if language.code == lang:
            continue
        # A reader of the other language should understand why there is no link.
        gettext = translations[language.code].gettext
        switcher.append(
            {
                "code": language.code,
                "name": language.name,
                # An error page has no version elsewhere: offer the other front page instead.
                "url": f"/{language.code}/" if page.kind == "notfound" else versions.get(language.code),
                "home": f"/{language.code}/",
                "missing": gettext("This page is not available in this language."),
                "home_label": gettext("Go to the front page"),
            }
        )
    articles = site.articles_in(lang) if articles is None else articles
    article = page.article
    references = []
    if article is not None:
        for number, ref in enumerate(article.references, 1):
            entry = site.reference(ref)
            if entry is not None:
                references.append({"number": number, "id": ref, "entry": entry})
    return {
        "lang": lang,
        "page": page,
        "site": site,
        "config": config,
        "site_title": config.title[lang],
        "languages": config.languages,
        "canonical": config.absolute_url(page.url) if page.kind not in {"notfound", "rootnotfound"} else None,
        "alternates": alternates,
        "switcher": switcher,
        "article": article,
        "articles": articles,
        "references": references,
        # Not `site` in the template: a page that reads `site` depends on every article.
        "care_url": _care_url(site, lang),
        **navigation(site, page, articles),
        "everywhere": everywhere(site, translations) if page.kind == "rootnotfound" else [],
    }


# What the root 404 page says in each language: hosts that serve it for every address
# cannot know which language the reader wanted.
NOT_FOUND_STRINGS = {
    "title": "Page not found",
    "text": "The page you asked for does not exist. It may have moved.",
    "home_label": "Go to the front page",
    "care_label": "When to seek care",
}


def everywhere(site: Site, translations: dict[str, NullTranslations]) -> list[dict[str, str | None]]:
    """Return, per language, the texts and links of the page-not-found message."""
    found = []
    for language in site.config.languages:
        gettext = translations[language.code].gettext
        care = site.by_key.get(getattr(site.config, "care_page", "") or "", {}).get(language.code)
        texts = {name: gettext(text) for name, text in NOT_FOUND_STRINGS.items()}
        found.append(
            {"code": language.code, "home": f"/{language.code}/", "care": care.url if care else None, **texts}
        )
    return found


# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 64
# Set just before the pool forks: the workers inherit the renderer instead of unpickling a site.
_work: tuple[Renderer, list[Page]] | None = None


def default_jobs() -> int:
    """Return how many processes may render: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_pages(
    renderer: Renderer, pages: list[Page], jobs: int | None = None
) -> tuple[dict[str, bytes], dict[str, Problem]]:
    """Render pages, in parallel when there are many; return the bytes and the problem of each page.

    The bytes never depend on how. A page that fails is in the problems, by its output path, not
    in the bytes; faults.merge_template_problems reports one template fault once.
    """
    global _work
    jobs = jobs or default_jobs()
    # Forking a process that runs other threads (a preview server) could copy a held lock.
    if jobs > 1 and len(pages) >= PARALLEL_FROM and threading.active_count() == 1:
        _work = (renderer, pages)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_render_nth, range(len(pages)), chunksize=max(1, len(pages) // (jobs * 8)))
        finally:
            _work = None
    else:
        results = [_render(renderer, page) for page in pages]
    files: dict[str, bytes] = {}
    failed: dict[str, Problem] = {}
    for page, result in zip(pages, results, strict=True):
        if isinstance(result, Problem):
            failed[page.output] = result
        else:
            files[page.output] = result
    return files, failed


def _render(renderer: Renderer, page: Page) -> bytes | Problem:
    try:
        return renderer.render_page(page)
    except OSError as exc:  # a template gone or unreadable mid-build: the machine, not the template
        if exc.errno is None:  # Jinja's TemplateNotFound: a template error, reported as one
            return template_problem(exc, renderer.site.config, page)
        where = relpath(Path(exc.filename), renderer.site.config.root) if exc.filename else "templates"
        return io_problem(where, exc, "read the file")
    except Exception as exc:  # noqa: BLE001 - any template fault becomes a reported problem
        return template_problem(exc, renderer.site.config, page)


def _render_nth(index: int) -> bytes | Problem:
    assert _work is not None
    renderer, pages = _work
    return _render(renderer, pages[index])


def _care_url(site: Site, lang: str) -> str | None:
    """Return the URL of the seek-care article in a language, if there is one."""
    article = site.by_key.get(site.config.care_page, {}).get(lang) if site.config.care_page else None
    return site.config.url(article.url) if article is not None else None
