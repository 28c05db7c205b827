"""Readability: the prose that is measured, the counts, LIX and Flesch, the command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.readability import (
    PageScore,
    TextStats,
    flesch,
    format_table,
    lix,
    prose_blocks,
    sentences,
    text_stats,
    words,
)
from tests.conftest import article

BODY = """\
## Biverkningar

Ring 112 [@brady2014]. Läs på [1177.se](https://www.1177.se) eller https://example.org/sida.

::: dataset side-effects

- ont i bröstet
- andnöd

`kod här` Text.

```python
x = 1
::: evidence low
```
"""


def test_prose_leaves_out_directives_citations_code_and_addresses() -> None:
    assert prose_blocks(BODY) == [
        "Biverkningar",
        "Ring 112. Läs på eller.",
        "ont i bröstet",
        "andnöd",
        "Text.",
    ]


def test_lix_by_hand() -> None:
    # 8 words, 2 sentences; huvudet, Behandlingen and hjälpte have more than six letters.
    stats = text_stats(["Jag har ont i huvudet. Behandlingen hjälpte inte."])
    assert stats == TextStats(words=8, sentences=2, long_words=3, syllables=stats.syllables)
    assert lix(stats) == 8 / 2 + 100 * 3 / 8 == 41.5


def test_lix_counts_each_heading_and_list_item_as_a_sentence() -> None:
    # 11 words in 6 sentences; long: Biverkningar (12 letters), bröstet (7); andnöd has 6.
    stats = text_stats(prose_blocks(BODY))
    assert (stats.words, stats.sentences, stats.long_words) == (11, 6, 2)
    assert lix(stats) == pytest.approx(11 / 6 + 100 * 2 / 11)


def test_flesch_by_hand() -> None:
    # 6 words, 2 sentences, 7 syllables (hap-py): 206.835 - 1.015 * 3 - 84.6 * 7 / 6.
    stats = text_stats(["The cat sat. It was happy."])
    assert stats == TextStats(words=6, sentences=2, long_words=0, syllables=7)
    assert flesch(stats) == pytest.approx(105.09)


def test_numbers_are_one_word_never_long_and_one_syllable_per_digit() -> None:
    assert words("Den gällde 7 629 behandlingar och 19,18 % fick biverkningar.") == [
        "Den", "gällde", "7 629", "behandlingar", "och", "19,18", "fick", "biverkningar",
    ]  # fmt: skip
    assert text_stats(["It looked at 7,629 treatments."]) == TextStats(5, 1, 1, 1 + 1 + 1 + 4 + 2)


def test_sentences_end_at_stops_followed_by_space_not_inside_numbers_or_at_colons() -> None:
    assert sentences("Bruising 7.55% of the time. Why? Because: needles! (Rare.) Done") == [
        "Bruising 7.55% of the time", "Why", "Because: needles", "(Rare", "Done",
    ]  # fmt: skip


def test_hyphenated_and_apostrophe_words_are_one_word() -> None:
    assert words("Tension-type headache isn't rare; don’t worry.") == [
        "Tension-type", "headache", "isn't", "rare", "don’t", "worry",
    ]  # fmt: skip


def test_table_marks_pages_that_miss_their_target() -> None:
    scores = [
        PageScore("content/sv/a.md", "sv", "/sv/a/", 120, 10, "LIX", 47.25, 40, False),
        PageScore("content/en/a.md", "en", "/en/a/", 90, 9, "Flesch", 62.0, 60, True),
        PageScore("content/en/b.md", "en", "/en/b/", 9, 1, "Flesch", 40.0, 60, False),
    ]
    assert format_table(scores).splitlines() == [
        "path             lang  words  sentences  score        target  result",
        "content/sv/a.md  sv      120         10  LIX 47.2     ≤ 40    over",
        "content/en/a.md  en       90          9  Flesch 62.0  ≥ 60    OK",
        "content/en/b.md  en        9          1  Flesch 40.0  ≥ 60    under",
        "2 of 3 pages miss their target",
    ]


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--project", str(root), *args])
    out, err = capsys.readouterr()
    return status, out, err


LONG_SV = "Behandlingen genomfördes omsorgsfullt tillsammans med fysioterapeuter.\n"
SHORT_EN = "The cat sat. It was happy.\n"


def tiny_site(site_factory: Callable[..., Path], **extra: str) -> Path:
    return site_factory(
        {
            "content/sv/a.md": article("Svår", key="a", slug="svar", body=LONG_SV),
            "content/en/a.md": article("Easy", key="a", slug="easy", body=SHORT_EN),
            **extra,
        },
        sample=False,
    )


def test_command_prints_one_row_per_article(site_factory: Callable[..., Path], capsys) -> None:
    root = tiny_site(site_factory)
    status, out, err = run(root, capsys, "readability")
    # Swedish: 6 words in 1 sentence, 5 long (not 'med'): 6 + 500/6 = 89.3. English as in test_flesch_by_hand.
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "path             lang  words  sentences  score         target  result",
        "content/sv/a.md  sv        6          1  LIX 89.3      ≤ 40    over",
        "content/en/a.md  en        6          2  Flesch 105.1  ≥ 60    OK",
        "1 of 2 pages miss their target",
    ]


@pytest.mark.parametrize("args", [("--strict", "readability"), ("readability", "--strict")])
def test_strict_fails_when_a_page_misses(site_factory: Callable[..., Path], capsys, args) -> None:
    root = tiny_site(site_factory)
    assert run(root, capsys, *args)[0] == 1


def test_without_strict_a_missed_target_does_not_fail(site_factory: Callable[..., Path], capsys) -> None:
    root = tiny_site(site_factory)
    assert run(root, capsys, "readability")[0] == 0


def test_json_output_and_drafts_left_out(site_factory: Callable[..., Path], capsys) -> None:
    draft = article("Utkast", key="b", slug="utkast", body=LONG_SV, draft="true")
    root = tiny_site(site_factory, **{"content/sv/b.md": draft})
    status, out, _ = run(root, capsys, "readability", "--format", "json")
    assert status == 0
    assert json.loads(out) == [
        {"path": "content/sv/a.md", "lang": "sv", "url": "/sv/svar/", "words": 6, "sentences": 1,
         "measure": "LIX", "score": 89.3, "target": 40, "ok": False},
        {"path": "content/en/a.md", "lang": "en", "url": "/en/easy/", "words": 6, "sentences": 2,
         "measure": "Flesch", "score": 105.1, "target": 60, "ok": True},
    ]  # fmt: skip


def test_bad_front_matter_is_reported_and_fails(site_factory: Callable[..., Path], capsys) -> None:
    root = tiny_site(site_factory, **{"content/sv/b.md": article("B", key="b", slug=None)})
    status, out, err = run(root, capsys, "readability")
    assert (status, out) == (1, "")
    assert err.splitlines() == ["content/sv/b.md:1: error [front-matter] missing required field 'slug'"]


def test_strict_judges_readability_only_not_the_missing_publisher(
    site_factory: Callable[..., Path], capsys
) -> None:
    # The shipped site names no publisher on purpose; that warning fails `--strict` builds, not this.
    easy_sv = article("Lätt", key="a", slug="latt", body="Katten satt. Den var glad.\n\n::: publisher\n")
    root = tiny_site(site_factory, **{"content/sv/a.md": easy_sv})
    assert "[publisher]" in run(root, capsys)[2]
    status, out, err = run(root, capsys, "--strict", "readability")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1] == "0 of 2 pages miss their target"
