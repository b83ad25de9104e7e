"""The five sample articles: metadata the manifest states and the boilerplate it lists."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from rednote_desk.core.ingest import ImportedText, read_file, trim_boilerplate

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {entry["file"][:3]: entry for entry in MANIFEST["documents"]}


def load(prefix: str) -> ImportedText:
    return read_file(SAMPLES / ENTRIES[prefix]["file"])


def covered(doc: ImportedText, needle: str, occurrence: int = 0) -> str | None:
    """Reason of the span that covers the given occurrence of needle, or None."""
    index = -1
    for _ in range(occurrence + 1):
        index = doc.text.index(needle, index + 1)
    for span in doc.boilerplate:
        if span.start <= index and index + len(needle) <= span.end:
            return span.reason
    return None


@pytest.mark.parametrize("prefix", sorted(ENTRIES))
def test_metadata_matches_manifest(prefix):
    doc = load(prefix)
    entry = ENTRIES[prefix]
    assert doc.author == entry["author"]
    assert doc.published == entry["published"]
    if entry["title"] is None:
        assert doc.title is None
    else:
        assert doc.title == " ".join(entry["title"].split())
    assert doc.source_format == "txt" and doc.encoding == "utf-8" and not doc.encoding_guessed


def test_outlets():
    assert load("002").outlet == "BigTech.news"  # from the "Visit BigTech.news for more" footer
    assert load("004").outlet == "TROIB News"
    assert load("000").outlet is None and load("003").outlet is None


@pytest.mark.parametrize("prefix", sorted(ENTRIES))
def test_text_is_the_file_with_newlines_normalised(prefix):
    raw = (SAMPLES / ENTRIES[prefix]["file"]).read_bytes().decode("utf-8-sig")
    assert load(prefix).text == raw.replace("\r\n", "\n").replace("\r", "\n")


def test_001_astral_characters_keep_code_point_offsets():
    doc = load("001")
    index = doc.text.index("𝓞𝓹")
    assert doc.text[index:index + 5] == "𝓞𝓹𝓮𝓻𝓪"
    raw = (SAMPLES / ENTRIES["001"]["file"]).read_text(encoding="utf-8")
    assert index == raw.index("𝓞𝓹")
    assert "\u00a0" in doc.text  # no normalisation of the text itself


def test_001_title_is_headline_not_weather_and_banner_date_is_not_published():
    doc = load("001")
    assert doc.title.startswith("The digital chilly")
    assert doc.published is None
    assert any("banner" in w and "2025-08-17" in w for w in doc.warnings)


def test_001_boilerplate():
    doc = load("001")
    for needle in ("25 C", "New York", "Sunday, August 17, 2025"):
        assert covered(doc, needle) == "date/weather banner"
    for needle in ("@gabschase", "I nonetheless love. I promise.", "♬ оригинальный звук", "𝓞𝓹𝓮𝓻𝓪"):
        assert covered(doc, needle) == "embedded social-media post"
    assert covered(doc, "This text is republished from The Dialog") == "republication note"
    assert covered(doc, "Related Articles") == "related-articles footer"
    assert covered(doc, "LEAVE A REPLY") == "comment form"
    assert covered(doc, "Please enter your comment!") == "comment form"
    assert covered(doc, "Please enter your name here") == "comment form"
    assert covered(doc, "Latest Articles") == "related-articles footer"
    assert covered(doc, "The digital chilly") is None
    assert covered(doc, "What’s RedNote?") is None
    assert covered(doc, "Fortuitously, we now have witnessed") is None


def test_002_footer_from_visit_marker_to_end():
    doc = load("002")
    start = doc.text.index("Visit BigTech.news for more updates")
    assert covered(doc, "Visit BigTech.news for more updates") is not None
    for line in doc.text[start:].split("\n"):
        if line.strip():
            assert covered(doc, line.strip()) is not None, line
    assert covered(doc, "Tagged Under:") == "tag list"
    assert covered(doc, "big government, Big Tech") == "tag list"
    assert covered(doc, "Sources include:") == "sources list"
    assert covered(doc, "COPYRIGHT © 2017 BigTech.news") == "copyright line"
    assert all(span.start >= start for span in doc.boilerplate)
    assert covered(doc, "01/30/2025 / By Zoey Sky") is None


def test_000_repeated_paragraph_and_dangling_screenshots():
    doc = load("000")
    sentence = "For these users, the potential ban feels like a personal loss"
    assert covered(doc, sentence, occurrence=0) is None
    assert covered(doc, sentence, occurrence=1) == "repeated paragraph"
    reason = covered(doc, "Here are some screenshots for reference:")
    assert reason is not None and "missing" in reason
    assert covered(doc, "The layout is intuitive") is None  # only the dangling sentence is offered


def test_003_has_no_boilerplate():
    assert load("003").boilerplate == ()


def test_004_repeated_headline_and_signoff_byline():
    doc = load("004")
    headline = "U.S. action on TikTok pushes users toward ... another Chinese social networking platform"
    assert covered(doc, headline, occurrence=0) is None
    assert covered(doc, headline, occurrence=1) == "repeated headline"
    assert covered(doc, "Lucas Dupont for TROIB News") == "byline"


@pytest.mark.parametrize("prefix", sorted(ENTRIES))
def test_spans_are_sorted_disjoint_whole_lines(prefix):
    doc = load(prefix)
    previous_end = -1
    for span in doc.boilerplate:
        assert previous_end <= span.start < span.end <= len(doc.text)
        assert doc.text[span.start:span.end].strip() == doc.text[span.start:span.end]
        assert span.end == len(doc.text) or doc.text[span.end] == "\n"
        whole_line = span.start == 0 or doc.text[span.start - 1] == "\n"
        assert whole_line or "missing" in span.reason  # only a dangling last sentence may start mid-line
        previous_end = span.end


@pytest.mark.parametrize("prefix", sorted(ENTRIES))
def test_boilerplate_is_a_small_part_of_the_article(prefix):
    doc = load(prefix)
    flagged = sum(span.end - span.start for span in doc.boilerplate)
    assert flagged < 0.25 * len(doc.text)


def test_trimmed_samples_keep_article_and_lose_chrome():
    doc = trim_boilerplate(load("001"))
    assert doc.boilerplate == ()
    assert doc.text.startswith("The digital chilly")
    assert doc.text.endswith("digital chilly warfare.The Conversation")
    assert "𝓞𝓹" not in doc.text and "LEAVE A REPLY" not in doc.text
    doc = trim_boilerplate(load("002"))
    assert doc.text.endswith("the long-term implications of this shift remain to be seen.")
    assert doc.author == "Zoey Sky"
