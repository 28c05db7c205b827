"""Say what each page's output depends on, as one hash: equal keys mean equal bytes.

A page depends on the generator's code, the site configuration, its templates (the
template and everything it extends or includes), its language's catalogue, its own page
fields and article source, the URLs its links resolve to, and the data sets it uses.
A template that reads the whole `site` or the `articles` listing makes the page depend on
those too, found by reading the templates' syntax trees, not by trusting their names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from babel.support import NullTranslations
from jinja2 import Environment, meta
from jinja2.exceptions import TemplateNotFound

from ..catalogs import catalog_path
from ..config import Config
from ..model import REFERENCES, Page, Site
from ..render.navigation import LISTING_NAMES
from ..sources.snapshot import digest
from .codec import register
from .store import BuildCache, code_version

# What the language switcher shows readers of other languages (see render.page_context).
SWITCHER_STRINGS = ("This page is not available in this language.", "Go to the front page")


@register
@dataclass
class Closure:
    """A template with everything it pulls in: one hash, and the context names it reads."""

    digest: str
    names: frozenset[str]


def hash_parts(parts: Iterable[object]) -> str:
    """Return one hash of these parts, by their repr."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8") + b"\0")
    return h.hexdigest()


class SiteKeys:
    """Computes page keys for one build; site-wide hashes are computed once."""

    def __init__(
        self, site: Site, env: Environment, translations: dict[str, NullTranslations], cache: BuildCache
    ):
        self.site = site
        self.cache = cache
        config = site.config
        self.base = (
            code_version(),
            config.base_url,
            sorted(config.title.items()),
            config.languages,
            config.default_language,
            config.source_language,
            config.menu,
            config.about_page,
        )
        self.closures = cache.memo("closures", templates_digest(config), lambda: _closures(env))
        sources = config.sources
        self.catalogs = {
            lang: sources.digest(catalog_path(config.locales_dir, lang)) for lang in config.codes
        }
        self.switcher = {
            lang: [translations[lang].gettext(s) for s in SWITCHER_STRINGS] for lang in config.codes
        }
        self.datasets = {name: sources.digest(ds.path) for name, ds in sorted(site.datasets.items())}
        self.sources = {a.path: cache.source_digest(a) for a in site.articles}
        self.listing = {
            lang: hash_parts(sorted((a.path, self.sources[a.path]) for a in site.articles if a.lang == lang))
            for lang in config.codes
        }
        self.urls = {
            lang: hash_parts(sorted((f, a.url) for (code, f), a in site.by_file.items() if code == lang))
            for lang in config.codes
        }
        self.whole = hash_parts([self.listing, self.datasets, self.catalogs])

    def page_key(self, page: Page, template: str) -> str:
        """Return the key of a page rendered with this page template."""
        closure = self.closures.get(template, Closure("missing", frozenset()))
        parts: list[object] = [
            self.base,
            (page.kind, page.lang, page.url, page.output, sorted(page.versions.items())),
            closure.digest,
            self.catalogs[page.lang],
            [self.switcher[code] for code in self.site.config.codes if code != page.lang],
        ]
        if page.kind == "rootnotfound":  # it speaks every language
            parts.append(sorted(self.catalogs.items()))
        names = set(closure.names)
        article = page.article
        if article is not None:
            parts += [article.path, self.sources[article.path], self.urls[page.lang]]
            if article.references:
                parts.append(self.datasets.get(REFERENCES))
            for _line, name, args in self.site.scans[article.path].directives:
                directive = self.closures.get(f"directives/{name}.html", Closure("missing", frozenset()))
                parts += [name, args, directive.digest, self.datasets.get(args)]
                names |= directive.names
        if "site" in names:
            parts.append(self.whole)
        elif "articles" in names or names & LISTING_NAMES:
            parts.append(self.listing[page.lang])
        if "everywhere" in names:
            parts.append(self.whole)
        return hash_parts(parts)


def inputs_digest(config: Config, *extra: object) -> str:
    """Return one hash of every file the build read (babel.cfg and the glossary too), as it read them."""
    return hash_parts([code_version(), *extra, config.sources.digest_of()])


def templates_digest(config: Config) -> str:
    """Return one hash of every template file, as the build read it."""
    sources = config.sources
    return hash_parts([code_version(), sources.digest_of(sources.under(sources.rel(config.templates_dir)))])


def _closures(env: Environment) -> dict[str, Closure]:
    """Hash every template together with the templates it extends, includes or imports."""
    assert env.loader is not None
    sources: dict[str, str] = {}
    refs: dict[str, set[str] | None] = {}
    names: dict[str, set[str]] = {}
    for name in sorted(env.list_templates()):
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue
        sources[name] = source
        try:
            ast = env.parse(source)
        except Exception:  # noqa: BLE001 - check_templates reports syntax errors; depend on everything
            refs[name], names[name] = None, {"site"}
            continue
        found = set(meta.find_referenced_templates(ast))
        # A template name computed at render time could be any template.
        refs[name] = None if None in found else {str(n) for n in found}
        names[name] = set(meta.find_undeclared_variables(ast))
    everything = hash_parts(sorted((n, digest(s.encode("utf-8"))) for n, s in sources.items()))
    closures: dict[str, Closure] = {}
    for name in sources:
        seen: set[str] = set()
        todo = [name]
        dynamic = False
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found = refs.get(current, set())
            if found is None:
                dynamic = True
                continue
            todo.extend(found)
        used = set().union(*(names.get(n, set()) for n in seen))
        if dynamic:
            closures[name] = Closure(everything, frozenset(used | {"site"}))
        else:
            parts = sorted(
                (n, digest(sources[n].encode("utf-8")) if n in sources else "missing") for n in seen
            )
            closures[name] = Closure(hash_parts(parts), frozenset(used))
    return closures
