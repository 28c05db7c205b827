"""Extract the UI strings the way README's pybabel command does, to compare with the catalogues."""

from __future__ import annotations

from io import BytesIO

from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.util import pathmatch
from jinja2 import TemplateSyntaxError

from ..config import Config
from ..problems import Problem, error
from ..render.i18n import EXTRA_KEYWORDS
from ..sources.babelcfg import BABEL_CFG, read_mapping

# Extractors by import path, so that extraction works without the package being installed.
METHODS = {"jinja2": "jinja2.ext:babel_extract", "sitegen_data": "sitegen.catalogs:extract_data_labels"}


def extract_messages(config: Config) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """Extract the UI strings as README's pybabel command does; return msgid -> (file, line), and faults."""
    sources = config.sources
    if not sources.is_file(BABEL_CFG):
        return {}, []
    text = sources.read_bytes(BABEL_CFG).decode("utf-8", errors="replace")
    mapping = read_mapping(text)
    if mapping.faults:
        return {}, [error(BABEL_CFG, line, message, "config") for line, message in mapping.faults]
    method_map = [(pattern, METHODS.get(method, method)) for pattern, method in mapping.methods]
    options_map = mapping.options
    keywords = {**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS}
    found: dict[str, tuple[str, int]] = {}
    try:
        # pybabel walks the folders, each one's files before its subfolders: the same order here.
        for rel in sorted(sources.entries, key=_walk_order):
            if any(part.startswith((".", "_")) for part in rel.split("/")[:-1]):
                continue  # pybabel's directory filter
            method = next((m for pattern, m in method_map if pathmatch(pattern, rel)), None)
            data = sources.entries[rel].data
            if method is None or data is None:
                continue
            options = next((o for pattern, o in options_map.items() if pathmatch(pattern, rel)), {})
            for lineno, message, _comments, _context in extract(method, BytesIO(data), keywords, (), options):
                msgid = message[0] if isinstance(message, tuple | list) else message
                if msgid:
                    found.setdefault(msgid, (rel, lineno))
    except (TemplateSyntaxError, SyntaxError):
        # The template check reports the fault with its line; a partial extraction would only
        # add false reports, so the comparison is skipped until the template parses.
        return {}, []
    return found, []


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """Sort a folder's files before its subfolders, as os.walk visits them."""
    parts = rel.split("/")
    return [(1, part) for part in parts[:-1]] + [(0, parts[-1])]
