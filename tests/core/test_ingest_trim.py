"""Trimming offered boilerplate: only the chosen spans go, blank lines are tidied, other spans stay valid."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest import BoilerplateSpan, from_text, trim_boilerplate

BODY = ["A powerful storm 🚢 made landfall on Tuesday, forcing thousands of people to leave their homes.",
        "More than 700,000 homes in 𝓞𝓹𝓮𝓻𝓪 county were without power by nightfall, officials said.",
        "The storm is expected to weaken as it moves inland over the weekend, forecasters said."]


def test_trim_headline_copy_leaves_one_blank_line():
    text = "Storm hits the coast\n\nA standfirst about the storm.\n\nStorm hits the coast\n" + "\n\n".join(BODY)
    doc = from_text(text)
    assert [s.reason for s in doc.boilerplate] == ["repeated headline"]
    trimmed = trim_boilerplate(doc)
    assert trimmed.text == "Storm hits the coast\n\nA standfirst about the storm.\n\n" + "\n\n".join(BODY)
    assert trimmed.boilerplate == () and trimmed.title == doc.title


def test_trim_banner_at_start_and_footer_at_end():
    text = "25 C\nNew York\nSunday, August 17, 2025\n\nStorm hits the coast\n\n" + "\n\n".join(BODY) + \
        "\n\n\nRelated Articles\n\nLEAVE A REPLY\nPlease enter your comment!\n\nLatest Articles\n"
    trimmed = trim_boilerplate(from_text(text))
    assert trimmed.text == "Storm hits the coast\n\n" + "\n\n".join(BODY) + "\n"


def test_trim_a_sentence_inside_a_line():
    text = "Storm hits the coast\n" + BODY[0] + " Here are some screenshots for reference:\n" + BODY[1]
    trimmed = trim_boilerplate(from_text(text))
    assert trimmed.text == "Storm hits the coast\n" + BODY[0] + "\n" + BODY[1]


def test_partial_trim_reoffsets_remaining_spans():
    text = "Storm hits the coast\nAdvertisement\n" + "\n".join(BODY) + "\nStorm hits the coast\n" + \
        "\n".join(BODY[:1]) + "\n© 2026 Daily Bugle"
    doc = from_text(text)
    before = {s.reason: doc.text[s.start:s.end] for s in doc.boilerplate}
    assert set(before) == {"advertisement", "repeated headline", "repeated paragraph", "copyright line"}
    advert = next(s for s in doc.boilerplate if s.reason == "advertisement")
    trimmed = trim_boilerplate(doc, [advert])
    assert "Advertisement" not in trimmed.text
    after = {s.reason: trimmed.text[s.start:s.end] for s in trimmed.boilerplate}
    del before["advertisement"]
    assert after == before


def test_no_spans_returns_the_same_document():
    doc = from_text("Storm hits the coast\n" + "\n".join(BODY))
    assert trim_boilerplate(doc) is doc
    assert trim_boilerplate(doc, []) is doc


def test_user_chosen_span_and_overlaps():
    text = "\n".join(BODY)
    doc = from_text(text)
    first_end = len(BODY[0])
    spans = [BoilerplateSpan(0, first_end, "mine"), BoilerplateSpan(10, first_end, "overlapping")]
    assert trim_boilerplate(doc, spans).text == "\n".join(BODY[1:])


def test_span_outside_the_text_is_a_programming_error():
    doc = from_text("Storm hits the coast")
    with pytest.raises(ValueError):
        trim_boilerplate(doc, [BoilerplateSpan(0, 999, "x")])


def test_trimming_everything_is_refused():
    doc = from_text("Related Articles\n\nLatest Articles\n")
    with pytest.raises(IngestError) as error:
        trim_boilerplate(doc)
    assert "remove all" in str(error.value)


LINES = st.sampled_from(BODY + [
    "", "", "   ", "Storm hits the coast", "Related Articles", "Advertisement", "© 2026 Daily Bugle",
    "@storm_chaser", "♬ original sound – 𝓞𝓹𝓮𝓻𝓪", "Tags: storm, coast, power", "Save my name, email, and website",
    BODY[0] + " See the photos below:", "  indented line of text that stays", "Menu",
])


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=25), data=st.data())
def test_trim_properties(lines, data):
    text = "\n".join(lines)
    if not text.strip():
        return
    doc = from_text(text)
    chosen = data.draw(st.lists(st.sampled_from(doc.boilerplate), unique=True)) if doc.boilerplate else []
    kept_spans = [s for s in doc.boilerplate if s not in chosen]
    try:
        trimmed = trim_boilerplate(doc, chosen)
    except IngestError:
        assert not "".join(doc.text[a:b] for a, b in _gaps(doc.text, chosen)).strip()
        return
    # only deletions, and nothing outside the chosen spans but blank space
    assert is_subsequence(trimmed.text, doc.text)
    outside = "".join(doc.text[a:b] for a, b in _gaps(doc.text, chosen))
    assert re.sub(r"\s", "", trimmed.text) == re.sub(r"\s", "", outside)
    # no new runs of blank lines, no leading blank lines where something was cut
    if chosen:
        assert "\n\n\n" not in trimmed.text or "\n\n\n" in doc.text
    # remaining spans still point at the same text
    assert [trimmed.text[s.start:s.end] for s in trimmed.boilerplate] == [doc.text[s.start:s.end] for s in kept_spans]


def _gaps(text: str, spans) -> list[tuple[int, int]]:
    gaps, cursor = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        gaps.append((cursor, span.start))
        cursor = max(cursor, span.end)
    gaps.append((cursor, len(text)))
    return gaps
