"""Check articles across languages: pairs, front matter, outdated translations, words and numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import Article
from ..model import Site
from ..problems import ERROR, Problem, error, warning
from .aligned import known_entities
from .glossary import Glossary, emergency_in, forbidden_in, language_name, missing_terms
from .memo import Memo, no_memo
from .outdated import HASH_KEY, source_hash
from .pairs import compare_pair, link_context
from .safety import wrong_country

UP_TO_DATE, OUTDATED, UNMARKED, MISSING, ORPHAN = "up to date", "outdated", "unmarked", "missing", "orphan"
STATES = (UP_TO_DATE, OUTDATED, UNMARKED, MISSING, ORPHAN)


@dataclass
class PairState:
    """The state of one article's translation into one language."""

    key: str
    lang: str
    state: str
    source: Article | None
    translation: Article | None
    problems: list[Problem] = field(default_factory=list)


def pair_keys(site: Site) -> list[tuple[str, str]]:
    """Return (translation key, language) for every translation that exists or should exist."""
    src = site.config.source_language
    found: list[tuple[str, str]] = []
    for key in sorted(site.by_key):
        versions = site.by_key[key]
        for lang in site.config.codes:
            if lang != src and (src in versions or lang in versions):
                found.append((key, lang))
    return found


def all_pair_states(site: Site) -> list[PairState]:
    """Return the state of every translation, without comparing contents."""
    return [pair_state(site, key, lang) for key, lang in pair_keys(site)]


def check_pages(
    site: Site, glossary: Glossary, memo: Memo = no_memo
) -> tuple[list[Problem], list[PairState]]:
    """Check every article and every translation pair; return problems and each pair's state."""
    problems: list[Problem] = []
    states: list[PairState] = []
    for article in sorted(site.articles, key=lambda a: a.path):
        problems += memo("single", (article,), None, lambda a=article: _single(site, glossary, a))
    for key, lang in pair_keys(site):
        state = _memo_pair(site, glossary, key, lang, memo)
        problems += state.problems
        states.append(state)
    return problems, states


def _memo_pair(site: Site, glossary: Glossary, key: str, lang: str, memo: Memo) -> PairState:
    """Compare a pair, or reuse the comparison of the same two texts with links going the same places."""
    source = site.by_key.get(key, {}).get(site.config.source_language)
    translation = site.by_key.get(key, {}).get(lang)
    if source is None or translation is None:
        return pair_state(site, key, lang)

    def compute() -> tuple[str, list[Problem]]:
        state = _pair(site, glossary, key, lang)
        return state.state, state.problems

    # The names the data sets know are compared too: a change to them must not reuse a result.
    names = tuple(tuple(sorted(e.forms.items())) for e in known_entities(site, glossary))
    context = (key, lang, link_context(site, source, translation), names)
    found, problems = memo("pair", (source, translation), context, compute)
    return PairState(key, lang, found, source, translation, list(problems))


def _single(site: Site, glossary: Glossary, article: Article) -> list[Problem]:
    problems: list[Problem] = []
    lang = article.lang
    texts = [
        (article.lines.get("title", 1), article.title),
        (article.lines.get("description", 1), article.description),
    ]
    texts += [(article.body_line + i, line) for i, line in enumerate(article.body.split("\n"))]
    for line, text in texts:
        for word in forbidden_in(glossary, lang, text):
            problems.append(
                error(
                    article.path,
                    line,
                    f"'{word}' is on the list of forbidden {language_name(lang)} words in {glossary.path}: "
                    "say what the evidence shows instead",
                    "forbidden-word",
                )
            )
    for offset, number in emergency_in(glossary, article.body):
        if number in glossary.wrong_emergency.get(lang, ()):
            problems.append(
                error(
                    article.path,
                    article.body_line + offset,
                    wrong_country(glossary, lang, number),
                    "emergency",
                )
            )
    for link in site.scans[article.path].links:
        first = link.target.lstrip("/").split("/", 1)[0]
        if link.target.startswith("/") and first in site.config.codes and first != lang:
            problems.append(
                error(
                    article.path,
                    link.line,
                    f"link to '{link.target}' goes to a page in {language_name(first)}: link to the "
                    f"{language_name(lang)} page by its file name, such as 'other.md'",
                    "link",
                )
            )
    if lang == site.config.source_language and article.source_hash is not None:
        problems.append(
            warning(
                article.path,
                article.lines.get(HASH_KEY, 1),
                f"'{HASH_KEY}' belongs in translations only: this is the {language_name(lang)} source",
                "outdated",
            )
        )
    return problems


def pair_state(site: Site, key: str, lang: str) -> PairState:
    """Return the state of one translation (up to date, outdated, unmarked, missing, orphan)."""
    source = site.by_key.get(key, {}).get(site.config.source_language)
    translation = site.by_key.get(key, {}).get(lang)
    src_name = language_name(site.config.source_language)
    if translation is None:
        assert source is not None
        message = (
            f"no {language_name(lang)} translation: no article in content/{lang}/ has translation_key '{key}'"
        )
        problem = warning(source.path, source.lines.get("translation_key", 1), message, "missing-translation")
        return PairState(key, lang, MISSING, source, None, [problem])
    line = translation.lines.get("translation_key", 1)
    if source is None:
        message = f"orphan translation: no {src_name} article has translation_key '{key}'"
        return PairState(
            key, lang, ORPHAN, None, translation, [warning(translation.path, line, message, "orphan")]
        )
    state = PairState(key, lang, UP_TO_DATE, source, translation)
    current = source_hash(source)
    hash_line = translation.lines.get(HASH_KEY, 1)
    fix = f"python3 build.py check --mark-updated {translation.path}"
    if translation.source_hash is None:
        state.state = UNMARKED
        state.problems.append(
            warning(
                translation.path,
                1,
                f"no '{HASH_KEY}': it is not known which version of {source.path} this translates; "
                f"once it matches, run: {fix}",
                "outdated",
            )
        )
    elif translation.source_hash != current:
        state.state = OUTDATED
        state.problems.append(
            warning(
                translation.path,
                hash_line,
                f"outdated: {source.path} has changed since this translation was made "
                f"(version {translation.source_hash}, now {current}); see what changed with: "
                f"python3 build.py check --diff {translation.path}; then update it and run: {fix}",
                "outdated",
            )
        )
    return state


def _pair(site: Site, glossary: Glossary, key: str, lang: str) -> PairState:
    state = pair_state(site, key, lang)
    source, translation = state.source, state.translation
    if source is None or translation is None:
        return state
    src_name = language_name(site.config.source_language)
    drift = _front_matter(source, translation, src_name, glossary)
    drift += compare_pair(site, glossary, source, translation)
    drift += _terms(glossary, site.config.source_language, source, translation)
    if state.state == OUTDATED:
        # The outdated warning explains the drift; the build must not stop while a translator catches up.
        drift = [
            warning(p.path, p.line, f"{p.message} (the translation is outdated)", p.check)
            if p.severity == ERROR
            else p
            for p in drift
        ]
    state.problems += drift
    return state


def _front_matter(source: Article, translation: Article, src_name: str, glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    path = translation.path
    if source.references != translation.references:
        problems.append(
            error(
                path,
                translation.lines.get("references", 1),
                f"references differ from the {src_name} version "
                f"({source.path}:{source.lines.get('references', 1)}): "
                f"[{', '.join(translation.references)}] here, [{', '.join(source.references)}] there",
                "front-matter",
            )
        )
    if translation.last_reviewed < source.last_reviewed:
        problems.append(
            warning(
                path,
                translation.lines.get("last_reviewed", 1),
                f"last reviewed {translation.last_reviewed.isoformat()}, before the {src_name} version "
                f"({source.last_reviewed.isoformat()}): review the translation too",
                "review-date",
            )
        )
    for key in ("title", "description"):
        mine = getattr(translation, key)
        if mine == getattr(source, key) and not glossary.identical_ok(mine):
            problems.append(
                warning(
                    path,
                    translation.lines.get(key, 1),
                    f"'{key}' is the same as in the {src_name} version: translate it "
                    f"(or list it under 'identical' in {glossary.path})",
                    "untranslated",
                )
            )
    return problems


def _terms(glossary: Glossary, src: str, source: Article, translation: Article) -> list[Problem]:
    problems: list[Problem] = []
    source_text = "\n".join((source.title, source.description, source.body))
    text = "\n".join((translation.title, translation.description, translation.body))
    for term in missing_terms(glossary, src, source_text, translation.lang, text):
        wanted = "' or '".join(term.forms[translation.lang])
        used = term.forms[src][0]
        problems.append(
            warning(
                translation.path,
                translation.body_line,
                f"the {language_name(src)} version uses '{used}' but this page never uses '{wanted}' "
                f"(term pair at {glossary.path}:{term.line})",
                "terminology",
            )
        )
    return problems
