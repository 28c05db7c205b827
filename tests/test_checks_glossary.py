"""The glossary's one-pass searches find exactly what a search per term or per line finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.checks.glossary import Glossary, Term, anywhere, emergency_in, missing_terms, word_start

TERMS = [
    Term({"en": ("trigger point",), "sv": ("triggerpunkt",)}, 1),
    Term({"en": ("cluster headache",), "sv": ("klusterhuvudvärk", "Hortons huvudvärk")}, 2),
    Term({"en": ("cluster",), "sv": ("kluster",)}, 3),  # a prefix of another term's form
    Term({"en": ("sham",), "sv": ("skenbehandling", "sken")}, 4),
]
GLOSSARY = Glossary(terms=TERMS, emergency={"112": "emergency", "1177": "advice", "11": "short"})
# Pieces of the terms, in any case, with the separators and look-alike letters that matter.
PIECES = st.sampled_from(
    [
        "trigger",
        "point",
        "Trigger",
        "POINT",
        "cluster",
        "headache",
        "sham",
        "ſham",
        "klusterhuvudvärk",
        "Hortons",
        "huvudvärk",
        "sken",
        " ",
        "-",
        "\n",
        "x",
        "é",
        "İ",
        "1",
        "2",
        "7",
        "112",
        "1177",
        ".",
        ",",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def missing_by_searching_each_term(source: str, text: str) -> list[Term]:
    return [
        t
        for t in TERMS
        if word_start(t.forms["en"]).search(source) and not anywhere(t.forms["sv"]).search(text)
    ]


def emergency_by_line(text: str) -> list[tuple[int, str]]:
    pattern = re.compile(r"(?<![\w.,])(1177|112|11)(?![\w])(?![.,]\d)")
    return [(i, m.group(1)) for i, line in enumerate(text.split("\n")) for m in pattern.finditer(line)]


@settings(max_examples=150)
@given(TEXTS, TEXTS)
def test_missing_terms_are_those_a_search_per_term_finds(source: str, text: str) -> None:
    assert missing_terms(GLOSSARY, "en", source, "sv", text) == missing_by_searching_each_term(source, text)


@settings(max_examples=150)
@given(TEXTS)
def test_emergency_numbers_are_those_a_search_per_line_finds(text: str) -> None:
    assert emergency_in(GLOSSARY, text) == emergency_by_line(text)


def test_a_term_is_found_where_another_starts_the_same_way() -> None:
    missing = missing_terms(GLOSSARY, "en", "See: Cluster-headache.\n", "sv", "Inget här.")
    assert [t.line for t in missing] == [2, 3]
    assert emergency_in(GLOSSARY, "Ring 112.\nEller 1177, 11,5 eller 112a.\n\n11") == [
        (0, "112"),
        (1, "1177"),
        (3, "11"),
    ]
