"""HTML5 empty elements (<embed>, <source>, <track>, <wbr>) must not swallow the text that follows them."""
from __future__ import annotations

import pytest

from rednote_desk.core.ingest import from_bytes

PARAGRAPHS = [
    "Officials said 700,000 users joined RedNote within two days of the ban, a figure the company did not confirm.",
    "Critics called the move reckless and warned that it would expose millions of users to data risks.",
    "The company declined to comment on the figures released on Monday evening by the regulator.",
]


@pytest.mark.parametrize("media", [
    '<embed src="clip.swf">',
    '<video><source src="a.mp4"><track src="a.vtt"></video>',
    '<picture><source srcset="a.webp"><source srcset="b.avif"><img src="c.jpg" alt=""></picture>',
    '<audio controls><source src="a.ogg"></audio>',
])
def test_text_after_an_html5_empty_element_is_kept(media):
    body = f"<p>{PARAGRAPHS[0]}</p>\n{media}\n<p>{PARAGRAPHS[1]}</p>\n<p>{PARAGRAPHS[2]}</p>"
    page = f"<html><head><title>Ban</title></head><body><article>{body}</article></body></html>"
    text = from_bytes(page.encode(), name="story.html").text
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_wbr_inside_a_word_keeps_the_word_and_what_follows():
    page = ("<html><body><article><p>" + PARAGRAPHS[0].replace("RedNote", "Red<wbr>Note") + "</p><p>"
            + PARAGRAPHS[1] + "</p></article></body></html>")
    text = from_bytes(page.encode(), name="story.html").text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text
