"""The polarity check counts marker words the way a reader reads them."""

from __future__ import annotations

from pathlib import Path

from sitegen.checks.glossary import Glossary, load_glossary
from sitegen.checks.lexicon import find_markers
from sitegen.checks.meaning import polarity
from sitegen.sources.snapshot import Snapshot

REPO = Path(__file__).resolve().parent.parent


def shipped_glossary() -> Glossary:
    """Return the project's own glossary."""
    glossary, problems = load_glossary(REPO / "locales", Snapshot.take(REPO), ("sv", "en"))
    assert problems == []
    return glossary


def test_a_word_does_not_reach_a_number_across_a_phrase_taken_out() -> None:
    """'Under hög feber 3 dagar' is during a high fever, not 'under 3': 'hög feber' stands between."""
    markers = shipped_glossary().lexicon.markers
    found = find_markers(markers, "sv", "Under hög feber 3 dagar i rad behöver du dricka mer.")
    assert found["ignore"] == ["hög feber"]
    assert found["less"] == []


def test_a_true_translation_with_a_phrase_before_a_number_passes() -> None:
    here = "Under hög feber 3 dagar i rad behöver du dricka mer."
    there = "With a high temperature 3 days in a row you need to drink more."
    assert polarity(shipped_glossary(), "en", "sv", here, there, frozenset()) == []


def test_a_word_right_before_a_number_still_counts() -> None:
    markers = shipped_glossary().lexicon.markers
    assert find_markers(markers, "sv", "Barn under 3 år och vuxna över 65 år")["less"] == ["under"]
    assert find_markers(markers, "sv", "Barn under 3 år och vuxna över 65 år")["more"] == ["över"]
    here, there = "Det gäller barn under 3 år.", "It is for children of 3 years."
    [finding] = polarity(shipped_glossary(), "en", "sv", here, there, frozenset())
    assert finding.message("the English paragraph") == (
        "less words differ from the English paragraph: 1 here ('under'), 0 there (none): check the "
        "meaning, or mark the difference deliberate: less (README, 'Deliberate differences')"
    )
