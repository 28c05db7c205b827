"""Report literal text in templates: words outside _() reach every language's pages untranslated."""

from __future__ import annotations

import re
from pathlib import Path

from ..problems import Problem, error
from ..sources.snapshot import Snapshot
from .glossary import Glossary

# Jinja comments, statements and expressions, and elements whose content is not prose.
_CODE = re.compile(
    r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->", re.S
)
_TAG = re.compile(r"<[^>]*>", re.S)
# Attributes a reader sees or hears: their literal values are text too.
_SHOWN = re.compile(r"""\b(alt|title|aria-label|placeholder|aria-description)\s*=\s*(["'])(.*?)\2""", re.S)
_WORDS = re.compile(r"[^\W\d_][^<>{}]*[^\W\d_]|[^\W\d_]{2,}")


def _blank(m: re.Match[str]) -> str:
    """Keep the line breaks of a removed part, so lines still count right."""
    return re.sub(r"[^\n]", " ", m.group(0))


def literal_text(folder: Path, sources: Snapshot, glossary: Glossary) -> list[Problem]:
    """Return the literal words of each template outside _(), except what the glossary allows."""
    allowed = glossary.lexicon.template_text | glossary.identical
    problems: list[Problem] = []
    for file in sources.files(folder, ".html"):
        text = sources.read_bytes(file).decode("utf-8", errors="replace")
        bare = _CODE.sub(_blank, text)
        found: list[tuple[int, str]] = []
        for m in _SHOWN.finditer(bare):
            found += [(m.start(3), w.group(0)) for w in _WORDS.finditer(m.group(3))]
        prose = _TAG.sub(_blank, bare)
        found += [(m.start(), m.group(0)) for m in _WORDS.finditer(prose)]
        rel = sources.rel(file)
        for offset, words in sorted(found):
            words = " ".join(words.split())
            if words in allowed:
                continue
            problems.append(
                error(
                    rel,
                    text.count("\n", 0, offset) + 1,
                    f"literal text '{words[:50]}' outside _(): every language shows it as written; wrap it "
                    f'in {{{{ _("...") }}}}, or list it under template_text in {glossary.path}',
                    "template-text",
                )
            )
    return problems
