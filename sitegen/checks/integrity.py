"""Check what a build cannot do without: unique URLs, resolvable links, known references."""

from __future__ import annotations

import difflib
import re

from ..content import Article
from ..markup.dialect import CONTAINERS, INTERNAL, SAFE_SCHEMES
from ..menu import menu_problems
from ..model import REFERENCES, Site
from ..problems import Problem, error, warning
from ..sources.files import inside

EVIDENCE_LEVELS = ("none", "very-low", "low", "low-to-moderate", "moderate", "high")
CARE_LEVELS = ("emergency", "urgent", "routine")
DIRECTIVES = ("dataset", "evidence", "publisher", *CONTAINERS)
PHONE_LINK = re.compile(r"^tel:\+?[0-9]{2,15}$")


def check_integrity(site: Site) -> list[Problem]:
    """Return the problems that would make pages wrong or broken."""
    problems: list[Problem] = []
    problems += _duplicates(site)
    for article in site.articles:
        problems += _body(site, article)
        problems += _references(site, article)
        # The "Related" block is a list of links: each is checked like a link in the body.
        for target in article.related:
            problems += _link(site, article, article.lines.get("related", 1), target, False)
    problems += _dataset_refs(site)
    problems += menu_problems(site.config.menu, set(site.by_key), "site.yaml")
    about = site.config.about_page
    if about and about not in site.by_key:
        problems.append(
            warning("site.yaml", None, f"about_page '{about}' is no article's translation_key", "menu")
        )
    return problems


def _duplicates(site: Site) -> list[Problem]:
    problems: list[Problem] = []
    for field in ("slug", "translation_key"):
        seen: dict[tuple[str, str], Article] = {}
        for article in sorted(site.articles, key=lambda a: a.path):
            value = getattr(article, field)
            first = seen.setdefault((article.lang, value), article)
            if first is not article:
                problems.append(
                    error(
                        article.path,
                        article.lines.get(field, 1),
                        f"{field} '{value}' is already used by {first.path}",
                        "duplicate",
                    )
                )
    return problems


def _body(site: Site, article: Article) -> list[Problem]:
    problems: list[Problem] = []
    scan = site.scans[article.path]
    for line, html in scan.raw_html:
        problems.append(
            error(article.path, line, f"raw HTML is not allowed in Markdown: '{html[:40]}'", "raw-html")
        )
    for link in scan.links:
        problems += _link(site, article, link.line, link.target, link.image)
    for line, cells, columns in scan.uneven_rows:
        lost = "the extra cells are not shown" if cells > columns else "the missing cells are left empty"
        text = f"table row has {cells} cells but its header has {columns}: {lost}"
        problems.append(warning(article.path, line, text, "table"))
    for line, name, args in scan.directives:
        if name not in DIRECTIVES:
            problems.append(error(article.path, line, f"unknown directive '::: {name}'", "directive"))
        elif name == "dataset" and args not in site.datasets:
            known = ", ".join(sorted(site.datasets)) or "none"
            problems.append(
                error(article.path, line, f"unknown data set '{args}' (known: {known})", "directive")
            )
        elif name == "evidence" and args not in EVIDENCE_LEVELS:
            levels = ", ".join(EVIDENCE_LEVELS)
            problems.append(
                error(
                    article.path, line, f"unknown evidence level '{args}' (use one of: {levels})", "directive"
                )
            )
        elif name == "care" and args not in CARE_LEVELS:
            levels = ", ".join(CARE_LEVELS)
            problems.append(
                error(article.path, line, f"unknown care level '{args}' (use one of: {levels})", "directive")
            )
    problems += _containers(article, scan.directives, scan.closings)
    for line, ref in scan.citations:
        if ref not in article.references:
            problems.append(
                error(article.path, line, f"citation '[@{ref}]' is not listed in 'references'", "citation")
            )
    return problems


def _containers(
    article: Article, directives: list[tuple[int, str, str]], closings: list[int]
) -> list[Problem]:
    """Report a container directive that is never closed, and a ':::' that closes nothing."""
    events = sorted(
        [(line, name) for line, name, _ in directives if name in CONTAINERS] + [(n, "") for n in closings]
    )
    open_: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for line, name in events:
        if name:
            open_.append((line, name))
        elif open_:
            open_.pop()
        else:
            problems.append(
                error(
                    article.path, line, "':::' closes nothing: remove it, or open a box above it", "directive"
                )
            )
    for line, name in open_:
        problems.append(
            error(
                article.path,
                line,
                f"'::: {name}' is never closed: end the box with a line of its own that says ':::'",
                "directive",
            )
        )
    return problems


def _link(site: Site, article: Article, line: int, target: str, image: bool) -> list[Problem]:
    def bad(message: str) -> list[Problem]:
        return [error(article.path, line, message, "link")]

    if not target:
        return bad("link has no target")
    if target.startswith("#"):
        if target[1:] not in site.scans[article.path].anchors:
            return bad(f"link to '{target}': no heading with that id on this page")
        return []
    internal = INTERNAL.match(target)
    if internal:
        other = site.by_file.get((article.lang, internal.group(1)))
        if (article.lang, internal.group(1)) in site.drafts:
            return bad(f"link to '{target}': that article is a draft and is not published")
        if other is None and site.config.sources.is_file(
            site.config.content_dir / article.lang / internal.group(1)
        ):
            return []  # the target has errors of its own, reported where they are
        if other is None:
            missing = f"link to '{target}': no article '{internal.group(1)}' in content/{article.lang}/"
            return bad(missing + _closest(site, article, internal.group(1)))
        anchor = (internal.group(2) or "")[1:]
        if anchor and anchor not in site.scans[other.path].anchors:
            return bad(f"link to '{target}': {other.path} has no heading with the id '{anchor}'")
        return []
    if target.startswith("tel:") and not PHONE_LINK.match(target):
        return bad(f"link to '{target}': a tel: link takes digits only, such as 'tel:112'")
    if image and target.startswith(SAFE_SCHEMES):
        return bad(f"image '{target}' is outside static/: give it as /static/NAME")
    if target.startswith(SAFE_SCHEMES):
        return []
    if ":" in target.split("/")[0]:
        return bad(f"link to '{target}': only http, https, mailto and tel links are allowed")
    if target.startswith("/") and not target.startswith("//"):
        path = target.split("#")[0]
        if image:
            static = site.config.root / "static"
            if (
                not path.startswith("/static/")
                or ".." in path.split("/")
                or not inside(static / path[8:], static)
            ):
                return bad(f"image '{target}' is outside static/: give it as /static/NAME")
            if not site.config.sources.is_file(static / path[8:]):
                return bad(f"image '{target}' does not exist in static/")
            return []
        if path not in {p.url for p in site.pages}:
            return bad(f"link to '{target}': no page has that URL")
        return []
    if image:
        name = target.split("/")[-1]
        return bad(
            f"image '{target}': images are files in static/, written from the site root: "
            f"put the file in static/ and write /static/{name}"
        )
    return bad(f"link to '{target}': link to another article by its file name, such as 'other.md'")


def _closest(site: Site, article: Article, filename: str) -> str:
    """Suggest the article an editor probably meant: by translation key, else the nearest file name."""
    stems = {
        name.removesuffix(".md"): name
        for code, name in site.by_file
        if code == article.lang and name != article.filename
    }
    stem = filename.removesuffix(".md")
    by_key = site.by_key.get(stem, {}).get(article.lang)
    if by_key is not None:
        return f" (did you mean '{by_key.filename}'?)"
    close = difflib.get_close_matches(stem, sorted(stems), n=1, cutoff=0.7)
    return f" (did you mean '{stems[close[0]]}'?)" if close else ""


def _references(site: Site, article: Article) -> list[Problem]:
    problems: list[Problem] = []
    line = article.lines.get("references", 1)
    cited = {ref for _, ref in site.scans[article.path].citations}
    for ref in article.references:
        if REFERENCES not in site.datasets or site.reference(ref) is None:
            problems.append(error(article.path, line, f"unknown reference '{ref}'", "citation"))
        elif ref not in cited:
            problems.append(
                warning(article.path, line, f"reference '{ref}' is listed but never cited", "citation")
            )
    return problems


def _dataset_refs(site: Site) -> list[Problem]:
    problems: list[Problem] = []
    for dataset in site.datasets.values():
        ref_fields = [name for name, spec in dataset.fields.items() if spec.type == "ref"]
        for i, entry in enumerate(dataset.entries):
            for name in ref_fields:
                if name in entry and site.reference(entry[name]) is None:
                    problems.append(
                        error(
                            dataset.path,
                            dataset.line_of("entries", i, name),
                            f"entry '{entry['id']}': unknown reference '{entry[name]}'",
                            "data",
                        )
                    )
    return problems
