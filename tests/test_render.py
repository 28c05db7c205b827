"""Rendering: per-language environments, locale formatting, template safety."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.support import NullTranslations
from jinja2 import UndefinedError

from sitegen.config import load_config
from sitegen.render.pages import make_environment


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("sv", "21 november 2026 · 1\xa0200,5 · 7,55\xa0%"), ("en", "21 November 2026 · 1,200.5 · 7.55%")],
)
def test_dates_and_numbers_follow_the_locale(site_factory, lang, expected) -> None:
    env = make_environment(load_config(site_factory()), lang, NullTranslations())
    template = env.from_string("{{ d|date }} · {{ n|number }} · {{ p|percent }}")
    assert template.render(d=dt.date(2026, 11, 21), n=1200.5, p=7.55) == expected


def test_autoescape_and_strict_undefined(site_factory) -> None:
    env = make_environment(load_config(site_factory()), "sv", NullTranslations())
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
    with pytest.raises(UndefinedError):
        env.from_string("{{ nothing }}").render()
