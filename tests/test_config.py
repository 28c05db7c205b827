"""Loading site.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.problems import BuildFailed


def test_shipped_config_loads(site_factory) -> None:
    config = load_config(site_factory())
    assert config.codes == ("sv", "en")
    assert config.default_language == "sv"
    assert config.source_language == "en"
    assert config.absolute_url("/sv/") == "https://www.example.org/sv/"
    assert config.language("sv").locale == "sv_SE"


def test_bad_config_reports_every_problem(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        "base_url: example.org\ntitle: {sv: X}\nlanguages:\n  sv: {name: Svenska, locale: xx_YY}\n"
        "  en: {name: English, locale: en_GB}\ndefault_language: de\ncolour: blue\n"
    )
    with pytest.raises(BuildFailed) as failed:
        load_config(tmp_path)
    assert [str(p) for p in failed.value.problems] == [
        "site.yaml:1: error [config] 'base_url' must be an absolute http(s) URL",
        "site.yaml:2: error [config] 'title' needs a text for each language (en)",
        "site.yaml:4: error [config] unknown locale 'xx_YY'",
        "site.yaml:6: error [config] 'default_language' must be one of en",
        "site.yaml:7: error [config] unknown key 'colour'",
    ]


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(BuildFailed) as failed:
        load_config(tmp_path)
    assert [str(p) for p in failed.value.problems] == [
        f"site.yaml: error [config] no site.yaml in {tmp_path}"
    ]
