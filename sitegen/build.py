"""Build the site: read, load, model, check, render, write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .catalogs import load_catalogs
from .checks import check_site
from .checks.report import write_status_page
from .config import Config, load_config
from .content import read_content
from .data import load_data
from .feeds import render_feeds
from .headers import render_headers
from .model import Site, build_model
from .problems import BuildFailed, Problem, has_errors
from .render import check_templates, make_renderer, template_problem
from .search import build_search_index
from .sitemap import render_robots, render_sitemap
from .write import write_site

# Rewrites the rendered files just before they are written: serve marks drafts and warnings so.
Postprocess = Callable[[Site, dict[str, bytes], list[Problem]], dict[str, bytes]]


@dataclass
class BuildResult:
    """What a build produced: its warnings and the pages written."""

    site: Site
    files: dict[str, bytes]
    problems: list[Problem] = field(default_factory=list)


def load_site(config: Config, include_drafts: bool = False) -> tuple[Site, list[Problem]]:
    """Read and check everything; return the model and every problem found."""
    articles, problems = read_content(config)
    datasets, found = load_data(config)
    problems += found
    catalogs, found = load_catalogs(config)
    problems += found
    problems += check_templates(config)
    site = build_model(config, articles, datasets, catalogs, include_drafts)
    problems += check_site(site)
    return site, problems


def render_site(site: Site) -> tuple[dict[str, bytes], list[Problem]]:
    """Render every page, the sitemap and robots.txt; collect template errors."""
    renderer = make_renderer(site)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for page in site.pages:
        try:
            files[page.output] = renderer.render_page(page)
        except Exception as exc:  # noqa: BLE001 - any template fault becomes a reported problem
            problems.append(template_problem(exc, site.config, page))
    files["sitemap.xml"] = render_sitemap(site)
    files["robots.txt"] = render_robots(site)
    files.update(render_feeds(site))
    files.update(render_headers(site))
    return files, problems


def build(
    root: Path,
    output_dir: Path | None = None,
    strict: bool = False,
    include_drafts: bool = False,
    search: bool = True,
    postprocess: Postprocess | None = None,
) -> BuildResult:
    """Build the site in root into output_dir; raise BuildFailed and leave it untouched on errors."""
    config = load_config(root.absolute(), output_dir)
    site, problems = load_site(config, include_drafts)
    if has_errors(problems, strict):
        raise BuildFailed(problems)
    files, render_problems = render_site(site)
    if render_problems:
        raise BuildFailed(problems + render_problems)
    if search:
        files.update(build_search_index(site, files))
    if postprocess is not None:
        files = postprocess(site, files, problems)
    write_site(files, config.output_dir, config.static_dir)
    # For translators, outside the public site: _reports/ next to the output folder.
    write_status_page(site, problems, config.output_dir)
    return BuildResult(site, files, problems)
