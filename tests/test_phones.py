"""Phone numbers become tel: links, in article trees and in data texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from sitegen.markup.phones import link_phones, link_phones_in_tree, phone_pattern

NUMBERS = ("112", "1177", "999", "911", "111")


def test_a_number_in_a_text_becomes_a_link_and_the_rest_is_escaped() -> None:
    assert link_phones("Ring 112 <nu> & ring 1177.", NUMBERS) == (
        'Ring <a href="tel:112">112</a> &lt;nu&gt; &amp; ring <a href="tel:1177">1177</a>.'
    )


def test_only_whole_numbers_are_linked() -> None:
    text = "11 2112 1120 112,5 1177.se /112 :112 +112 112-a 7 629 111.nhs.uk"
    assert link_phones(text, NUMBERS) == escape(text)


def test_numbers_at_the_end_of_a_sentence_or_before_a_comma_are_linked() -> None:
    assert link_phones("999, 911 (US) or 111.", NUMBERS) == (
        '<a href="tel:999">999</a>, <a href="tel:911">911</a> (US) or <a href="tel:111">111</a>.'
    )


def test_without_numbers_nothing_is_linked() -> None:
    assert phone_pattern(()) is None
    assert link_phones("Ring 112 <nu>", ()) == "Ring 112 &lt;nu&gt;"


def test_in_a_tree_links_and_code_are_left_alone() -> None:
    root = etree.fromstring(
        "<div><p>Ring 112 eller <a href='https://www.1177.se'>1177</a>, "
        "<code>112</code> och 1177 <em>nu 999</em> slut</p></div>"
    )
    link_phones_in_tree(root, NUMBERS)
    assert etree.tostring(root, encoding="unicode") == (
        '<div><p>Ring <a href="tel:112">112</a> eller <a href="https://www.1177.se">1177</a>, '
        '<code>112</code> och <a href="tel:1177">1177</a> <em>nu <a href="tel:999">999</a></em> slut</p></div>'
    )


@given(
    st.lists(st.sampled_from(["Ring ", "112", "1177", " och ", "<b>", "&", "1120", ", ", "."]), max_size=12)
)
def test_the_linked_text_reads_as_the_text_did(parts: list[str]) -> None:
    text = "".join(parts)
    html = str(link_phones(text, NUMBERS))
    links = re.findall(r'<a href="tel:(\d+)">(\d+)</a>', html)
    assert all(href == shown for href, shown in links)
    assert re.sub(r'<a href="tel:\d+">(\d+)</a>', r"\1", html) == str(escape(text))
