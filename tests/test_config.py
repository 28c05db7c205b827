"""Loading site.yaml."""

from __future__ import annotations

import os
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


BASE = (
    "base_url: https://www.example.org\ntitle: {sv: X, en: X}\nlanguages:\n"
    "  sv: {name: Svenska, locale: sv_SE}\n  en: {name: English, locale: en_GB}\ndefault_language: sv\n"
)


def test_seek_care_numbers_are_read_per_language(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        BASE
        + "seek_care:\n  page: seek-care\n  sv: {emergency: [{numbers: ['112']}], advice: [{numbers: ['1177']}]}\n"
        "  en:\n    emergency: [{numbers: ['999', '112'], where: UK}]\n    elsewhere: Ask your doctor.\n"
        "publisher: {name: ' Example ', contact: fel@example.org}\n"
    )
    config = load_config(tmp_path)
    assert config.care_page == "seek-care"
    assert config.care["sv"].numbers == ("112", "1177")
    assert config.care["en"].emergency[0].where == "UK"
    assert config.care["en"].elsewhere == "Ask your doctor."
    assert config.phone_numbers == ("1177", "112", "999")
    assert (config.publisher.name, config.publisher.contact) == ("Example", "fel@example.org")
    assert config.publisher_line == 13


def test_without_seek_care_or_publisher_there_are_no_numbers_and_no_publisher(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(BASE)
    config = load_config(tmp_path)
    assert (config.care, config.care_page, config.phone_numbers) == ({}, "", ())
    assert (config.publisher.name, config.publisher.contact) == ("", "")


def test_bad_seek_care_and_publisher_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(
        BASE
        + "seek_care:\n  page: Seek Care\n  de: {}\n  sv: {emergency: [{numbers: [112a]}], advice: 1177}\n"
        "  en: {emergency: [{where: UK}], phone: x}\npublisher: {name: X, contact: 'not an address'}\n"
    )
    with pytest.raises(BuildFailed) as failed:
        load_config(tmp_path)
    assert [str(p) for p in failed.value.problems] == [
        "site.yaml:8: error [config] 'seek_care.page' must be the translation key of an article, such as 'seek-care'",
        "site.yaml:9: error [config] 'seek_care.de': not a language of the site (sv, en)",
        "site.yaml:10: error [config] 'seek_care.sv.advice' must be a list of {numbers: [...], where: ...}",
        "site.yaml:10: error [config] 'seek_care.sv.emergency': '112a' is not a phone number "
        "(digits only, such as '112'); quote it",
        "site.yaml:11: error [config] 'seek_care.en' takes 'emergency', 'advice' and 'elsewhere'",
        "site.yaml:12: error [config] 'publisher.contact' must be an e-mail address or an http(s) address",
    ]


def _with_base_url(root: Path, value: str) -> None:
    config = root / "site.yaml"
    text = config.read_text(encoding="utf-8")
    lines = [f"base_url: {value}" if line.startswith("base_url:") else line for line in text.split("\n")]
    config.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "'https://example.org/\"><script>alert(1)</script>'",
            "must be an absolute http(s) URL without quotes, spaces or control characters (it contains '\"')",
        ),
        (
            "'https://example.org/a b'",
            "must be an absolute http(s) URL without quotes, spaces or control characters (it contains ' ')",
        ),
        (
            '"https://example.org/\\t"',
            "must be an absolute http(s) URL without quotes, spaces or control characters (it contains '\\t')",
        ),
        ("javascript:alert(1)", "must be an absolute http(s) URL"),
        ("//example.org", "must be an absolute http(s) URL"),
        ("https://example.org/?q=1", "must be an absolute http(s) URL"),
        ("https://", "must be an absolute http(s) URL"),
    ],
)
def test_base_url_must_be_a_plain_absolute_http_url(site_factory, value: str, message: str) -> None:
    root = site_factory()
    _with_base_url(root, value)
    line = (root / "site.yaml").read_text(encoding="utf-8").split("\n").index(f"base_url: {value}") + 1
    with pytest.raises(BuildFailed) as failed:
        load_config(root)
    assert [str(p) for p in failed.value.problems] == [
        f"site.yaml:{line}: error [config] 'base_url' {message}"
    ]


@pytest.mark.parametrize(
    "value", ["https://example.org", "https://example.org/sub/path/", "http://127.0.0.1:8000"]
)
def test_a_plain_base_url_is_accepted(site_factory, value: str) -> None:
    root = site_factory()
    _with_base_url(root, value)
    assert load_config(root).base_url == value.rstrip("/")


def test_site_yaml_may_not_link_out_of_the_project(site_factory, tmp_path: Path) -> None:
    root = site_factory()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((root / "site.yaml").read_bytes())
    (root / "site.yaml").unlink()
    (root / "site.yaml").symlink_to(outside)
    with pytest.raises(BuildFailed) as failed:
        load_config(root)
    assert [str(p) for p in failed.value.problems] == [
        "site.yaml: error [config] site.yaml is a symbolic link to a file outside the project: put the file itself here"
    ]


def test_site_yaml_may_link_inside_the_project(site_factory) -> None:
    root = site_factory()
    (root / "config").mkdir()
    (root / "site.yaml").rename(root / "config/site.yaml")
    (root / "site.yaml").symlink_to("config/site.yaml")
    assert load_config(root).codes == ("sv", "en")


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_site_yaml_must_be_a_regular_file(site_factory, kind: str) -> None:
    root = site_factory()
    (root / "site.yaml").unlink()
    if kind == "folder":
        (root / "site.yaml").mkdir()
    else:
        os.mkfifo(root / "site.yaml")  # reading it would wait for a writer for ever
    with pytest.raises(BuildFailed) as failed:
        load_config(root)
    assert [str(p) for p in failed.value.problems] == [
        "site.yaml: error [config] site.yaml is not a regular file"
    ]
