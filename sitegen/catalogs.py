"""Load UI strings: parse each language's gettext catalogue and compile it in memory."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from .config import Config
from .markup.dialect import RAW_HTML
from .problems import Problem, error, warning
from .sources.snapshot import Snapshot

DOMAIN = "messages"
HTML_SPECIAL = "<>&\"'"


def catalog_path(locales_dir: Path, lang: str) -> Path:
    """Return the .po file of a language."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, sources: Snapshot, lang: str) -> tuple[Catalog | None, list[Problem]]:
    """Parse one .po file, strictly: a syntax fault is an error with its line."""
    rel = sources.rel(path)
    if not sources.is_file(path):
        return None, [warning(rel, None, "missing catalogue: UI strings stay untranslated", "catalog")]
    text, problem = sources.text(path, check="catalog")
    if problem is not None:
        return None, [problem]
    assert text is not None
    try:
        catalog = read_po(io.StringIO(text), locale=lang, abort_invalid=True)
    except PoFileError as exc:
        reason = str(exc).rsplit(" on ", 1)[0]
        return None, [error(rel, exc.lineno + 1, f"catalogue does not parse: {reason}", "catalog")]
    except (ValueError, SyntaxError) as exc:
        return None, [error(rel, None, f"catalogue does not parse: {exc}", "catalog")]
    return catalog, markup_in_translations(catalog, rel)


def markup_in_translations(catalog: Catalog, rel: str) -> list[Problem]:
    """Report translations with HTML that their source text lacks: templates insert them as markup."""
    problems: list[Problem] = []
    for message in catalog:
        if not message.id:  # the header
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        source = ids[0] if len(ids[0]) <= 40 else ids[0][:37] + "..."
        allowed = {tag for msgid in ids for tag in RAW_HTML.findall(msgid or "")}
        tags = sorted({tag for text in strings for tag in RAW_HTML.findall(text or "")} - allowed)
        for tag in tags:
            problems.append(
                error(
                    rel,
                    message.lineno,
                    f"the translation of '{source}' contains HTML that the source text does not have: "
                    f"'{tag[:40]}'",
                    "catalog",
                )
            )
        if tags:
            continue
        # Escaped in pages, but a character the source lacks is a mistake or an attempt to
        # break out of an attribute where a template trusts the string (_html).
        have = {char for msgid in ids for char in msgid or "" if char in HTML_SPECIAL}
        extra = sorted({char for text in strings for char in text or "" if char in HTML_SPECIAL} - have)
        if extra:
            shown = " ".join(f"'{char}'" for char in extra)
            problems.append(
                error(
                    rel,
                    message.lineno,
                    f"the translation of '{source}' contains {shown}, which the source text does not have: "
                    "write it without HTML-special characters (< > & \" ')",
                    "catalog",
                )
            )
    return problems


def compile_catalog(catalog: Catalog | None) -> NullTranslations:
    """Compile a catalogue to translations in memory; fuzzy entries are left out."""
    if catalog is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_catalogs(config: Config) -> tuple[dict[str, Catalog | None], list[Problem]]:
    """Read every language's catalogue."""
    catalogs: dict[str, Catalog | None] = {}
    problems: list[Problem] = []
    for lang in config.codes:
        catalog, found = read_catalog(catalog_path(config.locales_dir, lang), config.sources, lang)
        catalogs[lang] = catalog
        problems.extend(found)
    return catalogs, problems


def extract_data_labels(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel extractor: yield the field and enum labels of a data set file as msgids."""
    from .sources.yaml_lines import YamlError, load_with_lines

    text = fileobj.read().decode("utf-8")
    try:
        raw, lines = load_with_lines(text)
    except YamlError:
        return
    fields = raw.get("fields") if isinstance(raw, dict) else None
    if not isinstance(fields, dict):
        return
    for name, spec in fields.items():
        if not isinstance(spec, dict):
            continue
        # Babel prints its own warning for an empty msgid; the data check reports it instead.
        if isinstance(spec.get("label"), str) and spec["label"].strip():
            yield lines.get(("fields", name, "label"), 1), "_", spec["label"], [f"data set field '{name}'"]
        values = spec.get("values")
        if isinstance(values, dict):
            for value, label in values.items():
                if isinstance(label, str) and label.strip():
                    line = lines.get(("fields", name, "values", value), 1)
                    yield line, "_", label, [f"data set field '{name}', value '{value}'"]
