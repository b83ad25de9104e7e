"""Metadata sniffed from plain text: titles, bylines, dates; conservative about body dates and banners."""
from __future__ import annotations

import pytest

from rednote_desk.core.ingest import sniff_metadata

BODY = "A powerful storm made landfall on Tuesday, forcing thousands to evacuate their homes along the coast.\n"


@pytest.mark.parametrize("line, author, published, outlet", [
    ("01/30/2025 / By Zoey Sky", "Zoey Sky", "2025-01-30", None),
    ("By Zoey Sky", "Zoey Sky", None, None),
    ("BY ZOEY SKY", "ZOEY SKY", None, None),  # kept as typed
    ("By Jane Roe and John Doe | March 4, 2026", "Jane Roe and John Doe", "2026-03-04", None),
    ("By Jane Roe, Staff Writer", "Jane Roe", None, None),
    ("By Jane Roe, Reuters", "Jane Roe", None, "Reuters"),
    ("By Jane Roe for The Daily Bugle", "Jane Roe", None, "The Daily Bugle"),
    ("Written by Ana de la Cruz", "Ana de la Cruz", None, None),
    ("By Jean-Luc O’Neill — Jan. 4, 2026", "Jean-Luc O’Neill", "2026-01-04", None),
    ("By José Álvarez and Zoë Durand", "José Álvarez and Zoë Durand", None, None),
    ("By the way, this is not a byline", None, None, None),
])
def test_bylines_under_a_headline(line, author, published, outlet):
    meta = sniff_metadata(f"Storm hits the coast\n{line}\n{BODY}")
    assert (meta["author"], meta["published"], meta["outlet"]) == (author, published, outlet)
    assert meta["title"] == "Storm hits the coast"


def test_signoff_byline_names_author_and_outlet():
    meta = sniff_metadata(f"Storm hits the coast\n\n{BODY}\nLucas Dupont for TROIB News")
    assert (meta["author"], meta["outlet"]) == ("Lucas Dupont", "TROIB News")


def test_a_headline_shaped_like_x_for_y_is_not_a_byline():
    meta = sniff_metadata(f"Support for Ukraine\n{BODY}")
    assert meta["title"] == "Support for Ukraine" and meta["author"] is None and meta["outlet"] is None


@pytest.mark.parametrize("date_line, iso", [
    ("01/30/2025", "2025-01-30"),
    ("March 4, 2026", "2026-03-04"),
    ("4 March 2026", "2026-03-04"),
    ("2026-03-04", "2026-03-04"),
    ("Jan. 4, 2026", "2026-01-04"),
    ("Sept. 14, 2025", "2025-09-14"),
    ("Published: Jan. 4, 2026 10:32 a.m. EST", "2026-01-04"),
    ("Updated on 4th March 2026", "2026-03-04"),
    ("30/01/2025", "2025-01-30"),  # day first when the first number cannot be a month
])
def test_dates_on_the_first_lines(date_line, iso):
    assert sniff_metadata(f"Storm hits the coast\n{date_line}\n{BODY}")["published"] == iso


def test_date_before_the_headline():
    meta = sniff_metadata(f"March 4, 2026\nStorm hits the coast\n{BODY}")
    assert meta["published"] == "2026-03-04" and meta["title"] == "Storm hits the coast"


def test_dates_in_the_body_are_not_the_publication_date():
    text = ("Storm hits the coast\n" + BODY + "The last storm of this size came on March 4, 2016.\n"
            "Officials met on 2026-03-05 to plan.\n")
    assert sniff_metadata(text)["published"] is None


def test_impossible_dates_are_ignored():
    assert sniff_metadata(f"Storm hits the coast\n13/13/2025\n{BODY}")["published"] is None
    assert sniff_metadata(f"Storm hits the coast\nFebruary 30, 2025\n{BODY}")["published"] is None


def test_banner_block_is_skipped_and_its_date_is_only_a_hint():
    meta = sniff_metadata(f"25 C\nNew York\nSunday, August 17, 2025\n\nStorm hits the coast\n\n{BODY}")
    assert meta["title"] == "Storm hits the coast"
    assert meta["published"] is None and meta["date_hint"] == "2025-08-17"


def test_weather_banner_variants():
    for banner in ("77°F", "-3 °C Cloudy", "18.5C"):
        meta = sniff_metadata(f"{banner}\nLondon\nStorm Hits Coast, Thousands Flee\n{BODY}")
        assert meta["title"] == "Storm Hits Coast, Thousands Flee", banner


def test_no_title_when_text_starts_with_a_paragraph():
    assert sniff_metadata(BODY + BODY)["title"] is None
    assert sniff_metadata("Short sentence that ends with a full stop.\n" + BODY)["title"] is None


def test_chinese_headline_without_spaces():
    meta = sniff_metadata("美国用户涌入小红书\n随着TikTok禁令临近，许多美国用户开始下载小红书。\n")
    assert meta["title"] == "美国用户涌入小红书"
    assert sniff_metadata("随着TikTok禁令临近，许多美国用户开始下载小红书。\n")["title"] is None


def test_markdown_heading_title():
    assert sniff_metadata("# Storm hits the coast #\n\n" + BODY)["title"] == "Storm hits the coast"
    assert sniff_metadata("#hashtag start\n" + BODY)["title"] is None


def test_title_whitespace_is_tidied_but_astral_letters_kept():
    meta = sniff_metadata("𝓞𝓹𝓮𝓻𝓪 fans\u00a0flock   to RedNote 🚢\n" + BODY)
    assert meta["title"] == "𝓞𝓹𝓮𝓻𝓪 fans flock to RedNote 🚢"


def test_visit_footer_names_the_outlet_only_in_the_tail():
    tail = sniff_metadata("Storm hits the coast\n" + BODY * 5 + "Visit Example.org for more updates on storms.\n")
    assert tail["outlet"] == "Example.org"
    early = sniff_metadata("Storm hits the coast\nVisit Example.org for more updates.\n" + BODY * 10)
    assert early["outlet"] is None


def test_empty_and_blank_text():
    for text in ("", "\n\n  \n"):
        assert sniff_metadata(text) == {"title": None, "author": None, "published": None, "outlet": None,
                                        "date_hint": None}
