"""Compare an article with its source: headings, lists, tables, images, numbers, links, citations."""

from __future__ import annotations

from ..content import Article
from ..markup.dialect import DIRECTIVE, INTERNAL, LINK
from ..model import Site
from ..problems import Problem, error, warning
from .aligned import compare_segments
from .facts import compare_figures
from .glossary import Glossary, emergency_in, language_name
from .numbers import describe_difference
from .structure import Outline, Section, describe_tables, merged, outline_difference, read_outline


def compare_pair(site: Site, glossary: Glossary, source: Article, translation: Article) -> list[Problem]:
    """Return every way translation's structure and facts differ from its source's."""
    here, there = read_outline(translation), read_outline(source)
    version = f"the {language_name(source.lang)} version"
    problems: list[Problem] = []
    diverges = outline_difference(here, there)
    if diverges is None:
        pairs = list(zip(here.sections, there.sections, strict=True))
    else:
        mine = here.sections[1:]
        theirs = there.sections[1:]
        line = (
            mine[diverges].line
            if diverges < len(mine)
            else (mine[-1].line if mine else translation.body_line)
        )
        at = (
            theirs[diverges].line
            if diverges < len(theirs)
            else (theirs[-1].line if theirs else source.body_line)
        )
        problems.append(
            error(
                translation.path,
                line,
                f"heading outline differs from {version} ({source.path}:{at}): "
                f"{here.level_counts()} here, {there.level_counts()} there",
                "structure",
            )
        )
        pairs = [(merged(here), merged(there))]
    for mine, theirs in pairs:
        problems += _section(translation, source, mine, theirs, version, glossary)
    problems += _directives(translation, source, here, there, version)
    problems += _citations(translation, source, here, there, version)
    problems += _links(site, translation, source, here, there, version)
    problems += _emergency(glossary, translation, source, version)
    problems += compare_segments(site, glossary, source, translation)
    problems += _related(site, translation, source, version)
    return problems


def _related_keys(site: Site, article: Article) -> list[str]:
    found = (site.by_file.get((article.lang, name)) for name in article.related)
    return sorted({a.translation_key for a in found if a is not None})


def _related(site: Site, translation: Article, source: Article, version: str) -> list[Problem]:
    """Both languages must offer the same related articles (the order may differ)."""
    mine, theirs = _related_keys(site, translation), _related_keys(site, source)
    if mine == theirs:
        return []
    missing = [k for k in theirs if k not in mine]
    extra = [k for k in mine if k not in theirs]
    parts = []
    for label, keys in (("missing here", missing), ("not there", extra)):
        if keys:
            names = []
            for key in keys:
                here = site.by_key.get(key, {}).get(translation.lang)
                names.append(here.filename if here else f"'{key}' (not translated)")
            parts.append(f"{label}: {', '.join(names)}")

    return [
        error(
            translation.path,
            translation.lines.get("related", 1),
            f"related articles differ from {version} ({source.path}:{source.lines.get('related', 1)}): "
            + "; ".join(parts),
            "link",
        )
    ]


def _section(
    translation: Article, source: Article, mine: Section, theirs: Section, version: str, glossary: Glossary
) -> list[Problem]:
    problems: list[Problem] = []
    where = f"{version} in {mine.name()} ({source.path}:{theirs.line})"

    def drift(line: int, message: str, check: str = "structure") -> None:
        problems.append(error(translation.path, line, message, check))

    if mine.list_items != theirs.list_items:
        drift(mine.line, f"list items differ from {where}: {mine.list_items} here, {theirs.list_items} there")
    if mine.tables != theirs.tables:
        tables = f"{describe_tables(mine.tables)} here, {describe_tables(theirs.tables)} there"
        drift(mine.line, f"tables differ from {where}: {tables}")
    if len(mine.images) != len(theirs.images):
        drift(mine.line, f"images differ from {where}: {len(mine.images)} here, {len(theirs.images)} there")
    for i, image in enumerate(mine.images):
        if not image.text.strip():
            drift(image.line, f"image '{image.target}' has no alt text", "image-alt")
        elif (
            i < len(theirs.images)
            and image.text.strip() == theirs.images[i].text.strip()
            and not glossary.identical_ok(image.text)
        ):
            problems.append(
                warning(
                    translation.path,
                    image.line,
                    f"alt text of image '{image.target}' is the same as in {version}: translate it",
                    "image-alt",
                )
            )
    numbers = [n for n in mine.numbers if n.written not in glossary.emergency]
    others = [n for n in theirs.numbers if n.written not in glossary.emergency]
    only_here, only_there = compare_figures(
        glossary.lexicon, (numbers, _prose(mine)), (others, _prose(theirs)), translation.lang, source.lang
    )
    if only_here or only_there:
        line = only_here[0].line if only_here else mine.line
        drift(line, f"numbers differ from {where}: {describe_difference(only_here, only_there)}", "numbers")
    return problems


def _prose(section: Section) -> list[tuple[int, str]]:
    """Return the section's lines without directives (a data set's name may hold a number word)."""
    return [(n, t) for n, t in section.text if not DIRECTIVE.match(t)]


def _directives(
    translation: Article, source: Article, here: Outline, there: Outline, version: str
) -> list[Problem]:
    problems: list[Problem] = []
    kinds = (
        ("dataset", "data sets"),
        ("evidence", "evidence levels"),
        ("care", "care levels"),
        ("in-short", "'In short' boxes"),
        ("publisher", "publisher blocks"),
    )
    for name, what in kinds:
        mine = [(line, args) for line, kind, args in here.directives if kind == name]
        theirs = [(line, args) for line, kind, args in there.directives if kind == name]
        if [a for _, a in mine] == [a for _, a in theirs]:
            continue
        i = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a[1] != b[1]), None)
        if i is None:
            i = min(len(mine), len(theirs))
        line = mine[i][0] if i < len(mine) else (mine[-1][0] if mine else translation.body_line)
        at = theirs[i][0] if i < len(theirs) else (theirs[-1][0] if theirs else source.body_line)
        listed = f"{', '.join(a for _, a in mine) or 'none'} here, "
        listed += f"{', '.join(a for _, a in theirs) or 'none'} there"
        problems.append(
            error(
                translation.path,
                line,
                f"{what} differ from {version} ({source.path}:{at}): {listed}",
                "directive",
            )
        )
    return problems


def _citations(
    translation: Article, source: Article, here: Outline, there: Outline, version: str
) -> list[Problem]:
    mine, theirs = here.citations, there.citations
    if [r for _, r in mine] == [r for _, r in theirs]:
        return []
    i = next(
        (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a[1] != b[1]),
        min(len(mine), len(theirs)),
    )
    line = mine[i][0] if i < len(mine) else (mine[-1][0] if mine else translation.body_line)
    at = theirs[i][0] if i < len(theirs) else (theirs[-1][0] if theirs else source.body_line)
    shown = (
        f"{', '.join(r for _, r in mine) or 'none'} here, {', '.join(r for _, r in theirs) or 'none'} there"
    )
    return [
        error(
            translation.path,
            line,
            f"citations differ from {version} ({source.path}:{at}): {shown}",
            "citation",
        )
    ]


def _target(site: Site, article: Article, target: str) -> tuple[str, int | None] | None:
    """Return the translation key a link goes to and the position of the heading it points at."""
    internal = INTERNAL.match(target)
    if internal:
        other = site.by_file.get((article.lang, internal.group(1)))
        if other is None:
            return None
        anchor = (internal.group(2) or "")[1:]
        ids = [h.id for h in site.scans[other.path].headings]
        return other.translation_key, (ids.index(anchor) if anchor in ids else None)
    return None


def link_context(site: Site, source: Article, translation: Article) -> tuple[object, ...]:
    """Return all compare_pair reads of other articles: where each link of the two bodies goes."""
    found: list[object] = []
    for article in (translation, source):
        # Every line, fenced code too: a superset of the links read_outline finds.
        for line in article.body.split("\n"):
            for m in LINK.finditer(line):
                if INTERNAL.match(m.group(3)):
                    target = _target(site, article, m.group(3))
                    want = site.by_key.get(target[0], {}).get(translation.lang) if target else None
                    found.append((article.lang, m.group(3), target, want.filename if want else None))
        found.append((article.lang, "related", _related_keys(site, article)))
    for key in _related_keys(site, source):
        here = site.by_key.get(key, {}).get(translation.lang)
        found.append((key, here.filename if here else None))
    return tuple(found)


def _links(
    site: Site, translation: Article, source: Article, here: Outline, there: Outline, version: str
) -> list[Problem]:
    problems: list[Problem] = []
    mine = [
        (link, _target(site, translation, link.target)) for link in here.links if INTERNAL.match(link.target)
    ]
    theirs = [
        (link, _target(site, source, link.target)) for link in there.links if INTERNAL.match(link.target)
    ]
    if len(mine) != len(theirs):
        problems.append(
            error(
                translation.path,
                mine[0][0].line if mine else translation.body_line,
                f"links to other articles differ from {version} ({source.path}): "
                f"{len(mine)} here, {len(theirs)} there",
                "link",
            )
        )
        return problems
    for (link, target), (other, expected) in zip(mine, theirs, strict=True):
        if target is None or expected is None or target == expected:
            continue  # an unresolved link is reported by the integrity checks
        want = site.by_key.get(expected[0], {}).get(translation.lang)
        hint = f"; the matching page here is '{want.filename}'" if want else ""
        what = "page" if target[0] != expected[0] else "heading"
        problems.append(
            error(
                translation.path,
                link.line,
                f"link to '{link.target}' goes to another {what} than the matching link in {version} "
                f"('{other.target}', {source.path}:{other.line}){hint}",
                "link",
            )
        )
    return problems


def _emergency(glossary: Glossary, translation: Article, source: Article, version: str) -> list[Problem]:
    mine = emergency_in(glossary, translation.body)
    theirs = emergency_in(glossary, source.body)
    problems: list[Problem] = []
    # A number this language must not give (999 on a Swedish page) is not missing from it.
    have = {n for _, n in mine} | set(glossary.wrong_emergency.get(translation.lang, ()))
    for offset, number in theirs:
        if number not in have:
            have.add(number)
            problems.append(
                error(
                    translation.path,
                    translation.body_line,
                    f"{version} gives the number {number} ({glossary.emergency[number]}) at "
                    f"{source.path}:{source.body_line + offset}; this page does not",
                    "emergency",
                )
            )
    given = {n for _, n in theirs}
    for offset, number in mine:
        if number not in given:
            given.add(number)
            problems.append(
                error(
                    translation.path,
                    translation.body_line + offset,
                    f"this page gives the number {number} ({glossary.emergency[number]}); {version} does not",
                    "emergency",
                )
            )
    return problems
