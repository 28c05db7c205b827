"""Check site.yaml's per-language texts against the source language's: site title, menu groups, seek care."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import CONFIG_FILE
from ..model import Site
from ..problems import Problem, error
from ..sources.yaml_lines import YamlError, load_with_lines
from .glossary import Glossary, language_name
from .language import copied_run, words
from .meaning import in_source_language


@dataclass(frozen=True)
class SiteText:
    """A per-language text of site.yaml: what it is, its key, the source language's texts of its place."""

    what: str
    key: tuple[object, ...]
    text: str
    sources: tuple[tuple[tuple[object, ...], str], ...]


def check_site_texts(site: Site, glossary: Glossary) -> list[Problem]:
    """Report a translation's site.yaml text left in the source language: as the source's, or by its words."""
    config = site.config
    src = config.source_language
    text, problem = config.sources.text(config.root / CONFIG_FILE)
    if text is None or problem is not None:
        return []  # load_config has said why
    try:
        raw, lines = load_with_lines(text)
    except YamlError:
        return []
    problems: list[Problem] = []
    for lang in config.codes:
        if lang == src:
            continue
        for item in site_texts(raw, src, lang):
            message = _left(glossary, item, src, lang, lines)
            if message:
                line = lines.get(item.key, 1)
                problems.append(error(CONFIG_FILE, line, f"{item.what}: {message}", "language"))
    return problems


def site_texts(raw: object, src: str, lang: str) -> list[SiteText]:
    """Return the texts of site.yaml written in lang, each with the source language's texts of its place."""
    if not isinstance(raw, dict):
        return []
    found: list[SiteText] = []

    def add(
        what: str, key: tuple[object, ...], text: object, sources: list[tuple[tuple[object, ...], object]]
    ) -> None:
        if isinstance(text, str) and text.strip():
            found.append(SiteText(what, key, text, tuple((k, t) for k, t in sources if isinstance(t, str))))

    title = _mapping(raw.get("title"))
    add("the site title", ("title", lang), title.get(lang), [(("title", src), title.get(src))])
    menu = raw.get("menu") if isinstance(raw.get("menu"), list) else []
    for i, group in enumerate(menu):
        names = _mapping(_mapping(group).get("title"))
        at = ("menu", i, "title")
        add(
            f"menu group '{_mapping(group).get('id')}'",
            at + (lang,),
            names.get(lang),
            [(at + (src,), names.get(src))],
        )
    care = _mapping(raw.get("seek_care"))
    mine, theirs = _mapping(care.get(lang)), _mapping(care.get(src))
    at = ("seek_care", lang, "elsewhere")
    add(
        f"seek_care.{lang}.elsewhere",
        at,
        mine.get("elsewhere"),
        [(("seek_care", src, "elsewhere"), theirs.get("elsewhere"))],
    )
    # `where` says where numbers work, in the page's language: any of the source's is its counterpart.
    wheres = [
        (("seek_care", src, level, i, "where"), _mapping(item).get("where"))
        for level in ("emergency", "advice")
        for i, item in enumerate(_listed(theirs.get(level)))
    ]
    for level in ("emergency", "advice"):
        for i, item in enumerate(_listed(mine.get(level))):
            at = ("seek_care", lang, level, i, "where")
            add(f"seek_care.{lang}.{level} entry {i + 1}", at, _mapping(item).get("where"), wheres)
    return found


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _listed(value: object) -> list:
    return value if isinstance(value, list) else []


def _left(
    glossary: Glossary, item: SiteText, src: str, lang: str, lines: dict[tuple[object, ...], int]
) -> str:
    """Say why a text reads as the source language, or return ''."""
    name, own = language_name(src), language_name(lang)
    # The same text as the source's first: site.yaml has no `untranslated` warning to say it, and
    # a title of a few words has too few stop words to tell.
    for key, there in item.sources:
        at = f"{CONFIG_FILE}:{lines.get(key, 1)}"
        if item.text.strip() == there.strip() and words(glossary, item.text):
            return (
                f"the {own} text is the same as the {name} ({at}): translate it, "
                f"or list it under 'identical' in {glossary.path} if {own} writes it so too"
            )
    counts = in_source_language(glossary, src, lang, item.text)
    if counts:
        detail = f"{counts[0]} {name} and {counts[1]} {own} common words"
        return f"the {own} text is in {name} ({detail}): translate it"
    for key, there in item.sources:
        run = copied_run(glossary, src, lang, item.text, there)
        if run:
            at = f"{CONFIG_FILE}:{lines.get(key, 1)}"
            return (
                f"the {own} text has words in {name}: '{run}' as at {at}: translate them "
                f"(an {name} term may stand in parentheses or quotes)"
            )
    return ""
