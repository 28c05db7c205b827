"""Extract the UI strings the way README's pybabel command does, to compare with the catalogues."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from jinja2 import TemplateSyntaxError

from ..config import Config
from ..render.i18n import EXTRA_KEYWORDS

# Extractors by import path, so that extraction works without the package being installed.
METHODS = {"jinja2": "jinja2.ext:babel_extract", "sitegen_data": "sitegen.catalogs:extract_data_labels"}


def extract_messages(config: Config) -> dict[str, tuple[str, int]]:
    """Extract the UI strings the way README's pybabel command does; return msgid -> (file, line)."""
    cfg = config.root / "babel.cfg"
    if not cfg.is_file():
        return {}
    with cfg.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(cfg))
    method_map = [(pattern, METHODS.get(method, method)) for pattern, method in method_map]
    found: dict[str, tuple[str, int]] = {}
    try:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(config.root),
            method_map,
            options_map,
            keywords={**DEFAULT_KEYWORDS, **EXTRA_KEYWORDS},
            directory_filter=_only_under(config.root, method_map),
        ):
            msgid = message[0] if isinstance(message, tuple | list) else message
            if msgid:
                found.setdefault(msgid, (Path(filename).as_posix(), lineno))
    except (TemplateSyntaxError, SyntaxError):
        # The template check reports the fault with its line; a partial extraction would only
        # add false reports, so the comparison is skipped until the template parses.
        return {}
    return found


def _only_under(root: Path, method_map: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """Return a directory filter that walks only the folders the patterns can match (not node_modules)."""
    tops = {pattern.split("/", 1)[0] for pattern, _method in method_map}
    if any("*" in top or "?" in top for top in tops):
        return lambda path: not Path(path).name.startswith((".", "_"))
    return lambda path: Path(path).relative_to(root).parts[0] in tops
