"""UI strings in templates: translations are text, escaped wherever they are output.

Jinja's own newstyle gettext marks every translation safe, so a quote in a msgstr could
close an attribute. Here `_`, `gettext`, `ngettext`, `pgettext` and `npgettext` (and the
`{% trans %}` tag, which calls them) return plain text that autoescape escapes like any
other value. A template that needs markup in a UI string says so for that string with
`_html("...")`: the translation is then trusted as markup (the catalogue check allows a
msgstr only the tags and HTML-special characters of its msgid) and its variables are
still escaped.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from jinja2 import Environment
from markupsafe import Markup

# The gettext keywords of the templates besides Babel's defaults, for extraction.
EXTRA_KEYWORDS = {"_html": None}


def install_translations(env: Environment, translations: NullTranslations) -> None:
    """Install translation functions on env that return text, not markup (and `_html`)."""
    env.add_extension("jinja2.ext.i18n")

    def gettext(__string: str, **variables: Any) -> str:
        return translations.gettext(__string) % variables

    def ngettext(__singular: str, __plural: str, __num: int, **variables: Any) -> str:
        variables.setdefault("num", __num)
        return translations.ngettext(__singular, __plural, __num) % variables

    def pgettext(__context: str, __string: str, **variables: Any) -> str:
        variables.setdefault("context", __context)
        return translations.pgettext(__context, __string) % variables

    def npgettext(__context: str, __singular: str, __plural: str, __num: int, **variables: Any) -> str:
        variables.setdefault("context", __context)
        variables.setdefault("num", __num)
        return translations.npgettext(__context, __singular, __plural, __num) % variables

    def gettext_html(__string: str, **variables: Any) -> Markup:
        return Markup(translations.gettext(__string)) % variables

    # newstyle: the {% trans %} tag passes its variables to these functions as keywords.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        pgettext=pgettext,
        npgettext=npgettext,
        _html=gettext_html,
    )
