"""fallback_title: the first prose sentence of an article, shortened, when no title is known."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednote_desk import services
from rednote_desk.core import ingest
from rednote_desk.core.ingest.titles import MAX_TITLE, fallback_title, first_sentence


def test_sample_002_skips_the_byline_and_cuts_at_a_clause():
    imported = ingest.read_file(services.samples_dir() / "002_d37a2aa64cc3bd36.txt")
    assert imported.title is None
    title = fallback_title(imported.text)
    first = imported.text.split("\n")[1]
    assert title.startswith("In a surprising turn of events, the Chinese social media app RedNote")
    assert title.endswith("…") and len(title) <= MAX_TITLE + 1
    assert first.startswith(title[:-1])
    assert "Zoey Sky" not in title and "2025" not in title


def test_sample_003_is_its_first_sentence_shortened_at_a_word():
    imported = ingest.read_file(services.samples_dir() / "003_6a3424b13f4923d6.txt")
    title = fallback_title(imported.text)
    assert title.startswith("As the potential ban on TikTok in the US draws near, panicked American users")
    assert title.endswith("…") and len(title) <= MAX_TITLE + 1
    cut = len(title) - 1
    assert imported.text[:cut] == title[:-1] and imported.text[cut] == " "  # a whole word, then the ellipsis


def test_banners_bylines_stamps_chrome_and_handles_are_skipped():
    text = (
        "25 C\nNew York\nSunday, August 17, 2025\n10:45 am\n"
        "By Jane Doe, Staff Writer\nPublished on 4 March 2025\nMonday 3 March 2025, 10:00 GMT\n"
        "Share this article\nAdvertisement\n@gabschase\nhttps://example.com/story\n"
        "The port closed on Monday after the storm 🚢. Ships waited outside.\n"
    )
    assert fallback_title(text) == "The port closed on Monday after the storm 🚢"


def test_abbreviations_lowercase_continuations_and_question_marks():
    assert first_sentence("U.S. officials met Dr. Smith on Monday. Later they left.") == (
        "U.S. officials met Dr. Smith on Monday.")
    assert first_sentence("Prices rose e.g. for rice... and then fell. Nobody knew why.") == (
        "Prices rose e.g. for rice... and then fell.")
    assert fallback_title("Will 𝓞𝓹𝓮𝓻𝓪 fans move to RedNote? Many already have.") == "Will 𝓞𝓹𝓮𝓻𝓪 fans move to RedNote?"
    assert fallback_title("# RedNote gains users overnight\n\nText.") == "RedNote gains users overnight"


def test_long_sentence_without_clause_is_cut_at_the_last_word_that_fits():
    words = "𝓞𝓹𝓮𝓻𝓪 lovers and sailors 🚢 " * 10
    text = words.strip() + " went home."
    title = fallback_title(text)
    body = title[:-1]
    assert title.endswith("…") and len(body) <= MAX_TITLE and text.startswith(body)
    assert text[len(body)] == " " and len(body) > MAX_TITLE - 12


def test_text_without_spaces_is_cut_between_characters_not_inside_an_emoji():
    family = "👩\u200d👩\u200d👧"
    text = "小红书" * 20 + "，" + "美国用户" * 5 + family * 10 + "。后面"
    title = fallback_title(text, limit=30)
    assert title.endswith("…") and len(title) <= 31 and text.startswith(title[:-1])
    text = "小红书很受欢迎" * 4 + family * 3  # code point 30 is inside the first family emoji
    assert fallback_title(text, limit=30) == "小红书很受欢迎" * 4 + "…"


@pytest.mark.parametrize("text", [
    "",
    "\n\n   \n",
    "25 C\nNew York\nSunday, August 17, 2025\n",
    "01/30/2025 / By Zoey Sky\n",
    "Storm\n12,345 678\n----\n@handle\n",
    "Related Articles\nLEAVE A REPLY\nCopyright © 2025 Coast News. All rights reserved.\n",
])
def test_nothing_fits_gives_none(text):
    assert fallback_title(text) is None


def test_store_imported_uses_the_sentence_and_falls_back_to_the_file_name(project):
    imported = ingest.read_file(services.samples_dir() / "003_6a3424b13f4923d6.txt")
    document, _ = services.store_imported(project, imported)
    assert document.title == fallback_title(imported.text)
    given_title, _ = services.store_imported(project, ingest.from_text("Other words entirely, said the man.\n"),
                                             overrides={"title": "Given"})
    assert given_title.title == "Given"
    bare = ingest.from_bytes(b"12 345\n2025-01-30\n", name="numbers-only.txt")
    document, _ = services.store_imported(project, bare)
    assert document.title == "numbers-only"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("ab CD.,!?\n𝓞🚢小红\u200d-:") + ["U.S.", "By ", "2025 ", "word "]), max_size=200)
       .map("".join))
def test_any_title_is_short_single_line_and_taken_from_the_text(text):
    title = fallback_title(text)
    if title is None:
        return
    assert title.strip() and "\n" not in title and len(title) <= MAX_TITLE + 1
    words = re.sub(r"…$", "", title).split()
    assert all(word in text for word in words[:-1])
