"""Build the site: read, load, model, check, render, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import progress
from .cache.checks import BlocksMemo, check_incrementally
from .cache.keys import SiteKeys, inputs_digest, templates_digest
from .cache.store import BuildCache, open_cache
from .catalogs import load_catalogs
from .checks import check_pages_rendered, check_review_dates
from .checks.knockon import without_knock_on
from .config import CONFIG_FILE, Config, load_config
from .content import read_content
from .data import load_data
from .model import Site, build_model
from .output.incremental import static_files, write_output
from .output.lock import SITE_MARKER, lock_output, site_marker
from .problems import BuildFailed, Problem, has_errors, io_problem, warning
from .render.faults import merge_template_problems, rendering_problems
from .render.feeds import render_feeds
from .render.guard import guard_pages
from .render.headers import render_headers
from .render.pages import PAGE_TEMPLATES, Renderer, check_templates, make_renderer, render_pages
from .render.redirects import render_redirects
from .render.search import build_search_index
from .render.sitemap import render_robots, render_sitemap
from .reports.status import write_status
from .sources.files import check_folders, relpath
from .sources.snapshot import Snapshot, digest

# Rewrites the rendered files just before they are written: serve marks drafts and warnings so.
Postprocess = Callable[[Site, dict[str, bytes], list[Problem]], dict[str, bytes]]


@dataclass
class BuildResult:
    """What a build produced: its problems, the files written and the pages that could not be."""

    site: Site
    files: dict[str, bytes]
    problems: list[Problem] = field(default_factory=list)
    # Only a build that keeps going has these: output path -> why the page could not be rendered.
    unrendered: dict[str, Problem] = field(default_factory=dict)


def load_site(
    config: Config, include_drafts: bool = False, cache: BuildCache | None = None
) -> tuple[Site, list[Problem]]:
    """Read and check everything; return the model and every problem found.

    This is the read-and-check stage of both a build and `check`: a problem found here is
    reported by both, and fails both under --strict.
    """
    cache = cache or open_cache(config.root, enabled=False)
    cache.begin()
    problems = cache.take_warnings()  # a cache that cannot be trusted: built without it
    articles, found = read_content(config, cache.read_article)
    problems += found
    datasets, found = load_data(config)
    problems += found
    catalogs, found = load_catalogs(config)
    problems += found
    problems += cache.memo("templates", templates_digest(config), lambda: check_templates(config))
    problems += check_folders(config.root)  # links out of templates/, static/, locales/
    site = build_model(config, articles, datasets, catalogs, include_drafts, cache.scans(articles))
    problems += checked(site, cache, include_drafts)
    problems += check_review_dates(site)  # against today's date: never cached
    return site, without_knock_on(site, problems) + publisher_problems(site)


def checked(site: Site, cache: BuildCache, include_drafts: bool) -> list[Problem]:
    """Run every check, or reuse the last run's problems when no source file changed."""
    key = site.inputs_key = inputs_digest(site.config, include_drafts)
    return list(cache.memo("checks", key, lambda: check_incrementally(site, cache)))


def render_site(
    site: Site, cache: BuildCache | None = None, jobs: int | None = None
) -> tuple[dict[str, bytes], dict[str, Problem]]:
    """Render the pages whose inputs changed (all, without a cache), the sitemap and robots.txt.

    Return the files and, by output path, the problem of each page that could not be rendered.
    """
    cache = cache or open_cache(site.config.root, enabled=False)
    renderer = make_renderer(site)
    keys = page_keys(site, renderer, cache)
    files: dict[str, bytes] = {}
    todo = []
    for page in site.pages:
        cached = cache.page(page.output, keys[page.output])
        if cached is None:
            todo.append(page)
        else:
            files[page.output] = cached
    rendered, failed = render_pages(renderer, todo, jobs)
    for output, html in rendered.items():
        cache.remember_page(output, keys[output], html)
    files.update(rendered)
    files["sitemap.xml"] = render_sitemap(site)
    files[SITE_MARKER] = site_marker(site.config.root)  # lets the next build replace the folder
    files["robots.txt"] = render_robots(site)
    files.update(render_feeds(site))
    files.update(render_headers(site))
    files.update(render_redirects(site))
    return files, failed


def rendered_problems(site: Site) -> list[Problem]:
    """Render every page (without the cache) and check what each language renders, for `check`."""
    articles = [page for page in site.pages if page.kind == "article"]
    files, failed = render_pages(make_renderer(site), articles, None)
    return merge_template_problems(list(failed.values())) or check_pages_rendered(site, files)


def page_keys(site: Site, renderer: Renderer, cache: BuildCache) -> dict[str, str]:
    """Return each page's cache key: a hash of everything its bytes depend on."""
    keys = SiteKeys(site, renderer.envs[site.config.default_language], renderer.translations, cache)
    return {page.output: keys.page_key(page, PAGE_TEMPLATES[page.kind]) for page in site.pages}


def publisher_problems(site: Site) -> list[Problem]:
    """Warn when a page shows the publisher (`::: publisher`) and site.yaml does not name one."""
    shown = sorted(
        (article.path, line)
        for article in site.articles
        for line, name, _ in site.scans[article.path].directives
        if name == "publisher"
    )
    publisher = site.config.publisher
    if not shown or (publisher.name and publisher.contact):
        return []
    missing = " and ".join(k for k in ("name", "contact") if not getattr(publisher, k))
    path, line = shown[0]
    return [
        warning(
            CONFIG_FILE,
            site.config.publisher_line,
            f"the site has no publisher {missing}: {path}:{line} shows them; "
            f"fill in publisher.{missing.replace(' and ', ' and publisher.')} (never an invented one)",
            "publisher",
        )
    ]


def unreadable(exc: OSError, config: Config) -> Problem:
    """Return the error for a source that could not be read (unreadable or gone mid-run).

    Re-raises an OSError without a system error: Jinja's TemplateNotFound is one, and is a fault.
    """
    if exc.errno is None:
        raise exc
    where = relpath(Path(exc.filename), config.root) if exc.filename else "."
    return io_problem(where, exc, "read the file")


def search_index(site: Site, files: dict[str, bytes], cache: BuildCache) -> dict[str, bytes]:
    """Index the pages for search, reusing the last index when no file changed."""
    key = digest(repr(sorted((name, digest(data)) for name, data in files.items())).encode())
    return cache.memo("search", key, lambda: build_search_index(site, files))


def build(
    root: Path,
    output_dir: Path | None = None,
    strict: bool = False,
    include_drafts: bool = False,
    search: bool = True,
    postprocess: Postprocess | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    base_url: str | None = None,
    previous: Snapshot | None = None,
    keep_going: bool = False,
) -> BuildResult:
    """Build the site in root into output_dir; raise BuildFailed and leave it untouched on errors.

    previous is the last build's snapshot of the sources (the preview's): files unchanged since
    are not read again. keep_going is the preview's severity: the problems found stop nothing, every
    page that renders is written, and a page that cannot be rendered is left out and named in
    BuildResult.unrendered. Only site.yaml or a source that cannot be read, the lock and a failed
    write still raise.
    """
    config = load_config(root.absolute(), output_dir, base_url, previous)

    def refuse(found: list[Problem]) -> None:
        if not keep_going and has_errors(found, strict):
            raise BuildFailed(found)

    # One build at a time per output folder; a second one stops at once with an error.
    with lock_output(config.output_dir, config.root) as out:
        cache = open_cache(config.root, enabled=use_cache)
        try:
            site, problems = load_site(config, include_drafts, cache)
            progress.reached("read")
            refuse(problems)
            files, unrendered = render_site(site, cache, jobs)
        except OSError as exc:  # a source unreadable or gone mid-build: the machine, not the input
            raise BuildFailed([unreadable(exc, config)]) from None
        unrendered |= guard_pages(site, files)  # the last look before anything is written
        problems += rendering_problems(unrendered, problems)
        refuse(problems)
        files = {name: data for name, data in files.items() if name not in unrendered}
        # Render, then check what each language rendered, then write.
        blocks = BlocksMemo(cache)
        problems += check_pages_rendered(site, files, blocks)
        blocks.finish()
        refuse(problems)
        progress.reached("rendered")
        if search:
            files.update(search_index(site, files, cache))
            progress.reached("indexed")
        if postprocess is not None:
            files = postprocess(site, files, problems)
        cache.forget_except({page.output for page in site.pages})
        # For translators, outside the public site: _reports/ next to the output folder.
        try:
            write_status(site, problems, config.output_dir, cache, site.inputs_key)
        except OSError as exc:
            where = relpath(Path(exc.filename or "_reports"), config.root)
            raise BuildFailed([io_problem(where, exc, "write the status page")]) from None
        static = static_files(config.sources, config.static_dir)
        # A file saved since it was read: this build used the old bytes, and so must no later one.
        changed = config.sources.changed()
        if changed:
            cache.hold()
        # Saves the cache before the swap: nothing after it can fail the build.
        written = write_output(out, files, static, cache)
        progress.reached("written")
        problems = problems + changed + written.problems + cache.take_warnings()
        return BuildResult(site, files, problems, unrendered)
