"""The English syllable counter behind the Flesch score."""

from __future__ import annotations

import pytest

from sitegen.commands.syllables import count_syllables

# Counts as a pronouncing dictionary gives them (CMUdict), or by hand for words it lacks.
WORDS = {
    "the": 1, "you": 1, "make": 1, "types": 1, "used": 1, "called": 1, "based": 1, "stopped": 1,
    "field": 1, "tried": 1, "don't": 1,
    "table": 2, "centre": 2, "uses": 2, "places": 2, "changes": 2, "boxes": 2, "studies": 2,
    "wanted": 2, "needed": 2, "handled": 2, "agreed": 2, "followed": 2, "trial": 2, "special": 2,
    "tension": 2, "diet": 2, "quiet": 2, "science": 2, "patient": 2, "language": 2, "being": 2,
    "doing": 2, "trying": 2, "saying": 2, "beyond": 2, "careful": 2, "safely": 2, "fascia": 2,
    "technique": 2, "headaches": 2, "every": 2, "nurse's": 2, "US": 2,
    "media": 3, "radio": 3, "serious": 3, "usual": 3, "management": 3, "settlement": 3, "idea": 3,
    "nausea": 3, "randomised": 3, "naprapaths": 3, "tension-type": 3, "therapist's": 3, "AMA": 3,
    "myofascial": 4, "mechanism": 4, "pneumothorax": 4, "2019": 4,
    "cervicogenic": 5, "mobilisation": 5, "acupuncturists": 5,
    "physiotherapist": 6,
}  # fmt: skip


@pytest.mark.parametrize(("word", "expected"), WORDS.items())
def test_count_syllables(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_every_word_has_a_syllable_and_punctuation_has_none() -> None:
    assert count_syllables("hm") == 1
    assert count_syllables("'") == 0
