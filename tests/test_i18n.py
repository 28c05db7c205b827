"""UI strings are text: escaped in element text and attributes alike, markup only by _html."""

from __future__ import annotations

from babel.support import NullTranslations
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined
from markupsafe import escape

from sitegen.render.i18n import install_translations

PAYLOAD = 'Ansvarsfriskrivning" onmouseover="alert(document.domain)" x="'


class Fixed(NullTranslations):
    """Translate every string to one text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def gettext(self, message: str) -> str:
        return self.text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.text

    def pgettext(self, context: str, message: str) -> str:
        return self.text

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.text


def render(source: str, text: str, **context: object) -> str:
    env = Environment(autoescape=True, undefined=StrictUndefined, extensions=["jinja2.ext.i18n"])
    install_translations(env, Fixed(text))
    return env.from_string(source).render(**context)


def test_a_translation_is_escaped_in_an_attribute_and_in_text() -> None:
    html = render("<aside aria-label=\"{{ _('Disclaimer') }}\">{{ _('Disclaimer') }}</aside>", PAYLOAD)
    quoted = "Ansvarsfriskrivning&#34; onmouseover=&#34;alert(document.domain)&#34; x=&#34;"
    assert html == f'<aside aria-label="{quoted}">{quoted}</aside>'


def test_every_gettext_function_and_the_trans_tag_escape() -> None:
    source = (
        "{{ gettext('a') }}|{{ ngettext('a', 'b', 2) }}|{{ pgettext('c', 'a') }}|"
        "{{ npgettext('c', 'a', 'b', 2) }}|{% trans %}a{% endtrans %}|{% trans n=2 %}a{% pluralize %}b{% endtrans %}"
    )
    assert render(source, "<b>&") == "|".join(["&lt;b&gt;&amp;"] * 6)


def test_variables_are_text_and_a_translation_used_as_data_stays_unescaped() -> None:
    assert render("{{ _('As of %(date)s.', date=d) }}", "Per %(date)s.", d="<i>") == "Per &lt;i&gt;."
    # Plain text, not markup: JSON-LD and other data get the characters themselves.
    assert render("{{ _('x')|tojson }}", 'a "b" & c') == '"a \\"b\\" \\u0026 c"'


def test_html_is_markup_only_where_the_template_says_so_and_its_variables_are_escaped() -> None:
    html = render(
        "{{ _html('Read <a href=\"%(url)s\">this</a>', url=u) }}", 'Läs <a href="%(url)s">detta</a>', u='"x'
    )
    assert html == 'Läs <a href="&#34;x">detta</a>'


@given(text=st.text(alphabet="ab<>&\"' %", max_size=20))
@settings(max_examples=100, deadline=None, derandomize=True, database=None)
def test_any_translation_comes_out_as_its_escaped_text(text: str) -> None:
    safe = text.replace("%", "%%")
    assert (
        render("<p title=\"{{ _('x') }}\">{{ _('x') }}</p>", safe)
        == f'<p title="{escape(text)}">{escape(text)}</p>'
    )
