"""Code points <-> UTF-16 positions, Qt selection text, whitespace trimming."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rednote_desk.core.textpos import (
    Utf16Index,
    to_codepoint,
    to_utf16,
    trim_span,
)

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
# Any code point except lone surrogates (which cannot be encoded to UTF-16 and never occur in Qt text).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
ASTRAL_HEAVY = st.text(alphabet=st.sampled_from("a é\n🚢𝓞𝓹𝓮\U0010FFFF\uffff"), max_size=40)
TEXTS = st.one_of(ANY_TEXT, ASTRAL_HEAVY)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_ship_emoji_takes_two_units():
    text = "a🚢b"
    idx = Utf16Index(text)
    assert [idx.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert [idx.to_codepoint(u) for u in range(5)] == [0, 1, 1, 2, 3]
    assert to_utf16("🚢", 1) == 2
    assert to_codepoint("🚢", 1) == 0  # inside the pair: start of the ship


def test_sample_001_astral_letters():
    text = (SAMPLES / "001_15607f0d28ba5f8a.txt").read_text(encoding="utf-8")
    pos = text.index("𝓞𝓹")
    idx = Utf16Index(text)
    u16 = idx.to_utf16(pos)
    assert u16 == utf16_len(text[:pos])
    encoded = text.encode("utf-16-le")
    assert encoded[2 * u16 : 2 * (u16 + 4)].decode("utf-16-le") == "𝓞𝓹"
    assert idx.to_codepoint(u16 + 4) == pos + 2
    assert idx.to_utf16(len(text)) == utf16_len(text)
    assert idx.length_utf16 == utf16_len(text)
    # text after the astral letters is shifted by one unit per astral character before it
    later = text.index("LEAVE A REPLY") if "LEAVE A REPLY" in text else len(text) - 1
    astral_before = sum(1 for c in text[:later] if ord(c) > 0xFFFF)
    assert astral_before >= 2
    assert idx.to_utf16(later) == later + astral_before


def test_out_of_range_raises():
    idx = Utf16Index("🚢")
    with pytest.raises(ValueError):
        idx.to_utf16(2)
    with pytest.raises(ValueError):
        idx.to_codepoint(3)
    with pytest.raises(ValueError):
        idx.to_codepoint(-1)
    with pytest.raises(ValueError):
        to_utf16("ab", -1)


def test_clamp_range_never_splits_a_pair():
    idx = Utf16Index("x🚢y🚢")
    assert idx.clamp_range(2, 4) == (1, 3)  # starts inside the first ship: snaps back
    assert idx.clamp_range(0, 2) == (0, 2)  # ends inside the first ship: includes it
    assert idx.clamp_range(5, 1) == (1, 4)  # reversed (anchor after position), ends in second ship
    assert idx.clamp_range(-3, 99) == (0, 4)
    assert idx.clamp_range(3, 3) == (2, 2)  # an empty range on a character boundary stays empty
    assert idx.clamp_range(2, 2) == (1, 2)  # an empty range inside a pair covers that character


@given(TEXTS)
def test_round_trip_and_total_length(text):
    idx = Utf16Index(text)
    assert idx.to_utf16(len(text)) == utf16_len(text)
    for cp in range(len(text) + 1):
        u16 = idx.to_utf16(cp)
        assert u16 == to_utf16(text, cp) == utf16_len(text[:cp])
        assert idx.to_codepoint(u16) == cp
        assert to_codepoint(text, u16) == cp


@given(TEXTS)
def test_monotonic_and_snapping(text):
    idx = Utf16Index(text)
    last = -1
    for u16 in range(idx.length_utf16 + 1):
        cp = idx.to_codepoint(u16)
        assert cp >= last
        last = cp
        # snapping goes back to a character start that is at or before u16
        assert idx.to_utf16(cp) <= u16 <= idx.to_utf16(cp) + 1
    ups = [idx.to_utf16(cp) for cp in range(len(text) + 1)]
    assert ups == sorted(set(ups))


@given(TEXTS, st.data())
def test_utf16_slices_match_code_point_slices(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    idx = Utf16Index(text)
    encoded = text.encode("utf-16-le")
    u_start, u_end = idx.to_utf16(start), idx.to_utf16(end)
    assert encoded[2 * u_start : 2 * u_end].decode("utf-16-le") == text[start:end]
    assert idx.clamp_range(u_end, u_start) == (start, end)


@given(TEXTS, st.data())
def test_clamp_range_covers_the_units(text, data):
    idx = Utf16Index(text)
    a = data.draw(st.integers(-2, idx.length_utf16 + 2))
    b = data.draw(st.integers(-2, idx.length_utf16 + 2))
    start, end = idx.clamp_range(a, b)
    assert 0 <= start <= end <= len(text)
    lo, hi = sorted((min(max(a, 0), idx.length_utf16), min(max(b, 0), idx.length_utf16)))
    assert idx.to_utf16(start) <= lo and hi <= idx.to_utf16(end)
    assert idx.to_utf16(end) - hi <= 1 and lo - idx.to_utf16(start) <= 1


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("  hello world \n", (0, 15), (2, 13)),
        ("\u2029\u00a0word\u00a0\u2029", (0, 7), (2, 6)),
        ("x \u200b🚢 \u2028y", (1, 6), (3, 4)),
        ("a   b", (1, 4), (1, 1)),  # all whitespace: empty at the original start
        ("abc", (1, 1), (1, 1)),
        ("abc", (0, 3), (0, 3)),
    ],
)
def test_trim_span(text, span, expected):
    assert trim_span(text, *span) == expected


def test_trim_span_rejects_bad_span():
    with pytest.raises(ValueError):
        trim_span("abc", 2, 1)
    with pytest.raises(ValueError):
        trim_span("abc", 0, 4)


@given(TEXTS, st.data())
def test_trim_span_property(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = trim_span(text, start, end)
    assert start <= s <= e <= end
    inner = text[s:e]
    assert inner == "" or (not inner[0].isspace() and not inner[-1].isspace())
    assert text[start:s].strip() == "" and text[e:end].strip() == ""
    if text[start:end].strip():
        assert inner.strip() == text[start:end].strip()
