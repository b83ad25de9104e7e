"""The number parser: a table of real-world expressions, non-quantities, intervals and display."""
from __future__ import annotations

import json

import pytest

from rednote_desk.core.numbers import (
    Quantity,
    compatible,
    detect_decimal_mark,
    format_quantity,
    parse_quantities,
    values_disagree,
)

M = 1_000_000
B = 1_000_000_000

# (sentence, matched text, value, low, high, unit, qualifier, kind)
QUANTITIES = [
    # digits with separators
    ("more than 700,000 American users joined", "more than 700,000", 700_000, 700_000, None, "users", "over", "count"),
    ("at least 1,227 people died", "at least 1,227", 1227, 1227, None, "people", "at least", "count"),
    ("63,000 posts under the hashtag", "63,000", 63_000, 63_000, 63_000, "posts", None, "count"),
    ("over 109,000 posts, highlighting", "over 109,000", 109_000, 109_000, None, "posts", "over", "count"),
    ("a total of 1,500,000 votes", "1,500,000", 1_500_000, 1_500_000, 1_500_000, "votes", None, "count"),
    ("1500 workers lost their jobs", "1500", 1500, 1500, 1500, "workers", None, "count"),
    ("some 2,400 containers a day", "some 2,400", 2400, 2160, 2640, "containers", "about", "count"),
    ("700,000+ users", "700,000+", 700_000, 700_000, None, "users", "over", "count"),
    ("the 170 million customers of TikTok", "170 million", 170 * M, 170 * M, 170 * M, "customers", None, "count"),
    # words and mixed forms
    ("approximately half a million Americans", "approximately half a million", 500_000, 450_000, 550_000, "Americans", "about", "count"),
    ("half a million Americans", "half a million", 500_000, 500_000, 500_000, "Americans", None, "count"),
    ("a quarter of a million people", "a quarter of a million", 250_000, 250_000, 250_000, "people", None, "count"),
    ("one and a half million visitors", "one and a half million", 1_500_000, 1_500_000, 1_500_000, "visitors", None, "count"),
    ("nearly 3 million homes", "nearly 3 million", 3 * M, 2.7 * M, 3 * M, "homes", "nearly", "count"),
    ("tens of thousands of protesters", "tens of thousands", 10_000, 10_000, 100_000, "protesters", None, "count"),
    ("hundreds of thousands of US TikTok customers", "hundreds of thousands", 100_000, 100_000, 1 * M, "customers", None, "count"),
    # a sum "in profit" is money whose currency is not stated (issue 11: no longer a plain count)
    ("surpassed one billion in profit", "one billion", 1 * B, 1 * B, 1 * B, None, None, "money"),
    ("around 300 million monthly users", "around 300 million", 300 * M, 270 * M, 330 * M, "users", "about", "count"),
    ("three people were injured", "three", 3, 3, 3, "people", None, "count"),
    ("twenty-five schools closed", "twenty-five", 25, 25, 25, "schools", None, "count"),
    ("two hundred and fifty thousand barrels", "two hundred and fifty thousand", 250_000, 250_000, 250_000, "barrels", None, "count"),
    ("a dozen ships waited", "a dozen", 12, 12, 12, "ships", None, "count"),
    ("over ten years", "over ten", 10, 10, None, "years", "over", "count"),
    ("5.5 million comments", "5.5 million", 5.5 * M, 5.5 * M, 5.5 * M, "comments", None, "count"),
    ("an estimated 45,000 dockworkers", "an estimated 45,000", 45_000, 40_500, 49_500, "dockworkers", "estimated", "count"),
    ("as many as 14,000 jobs", "as many as 14,000", 14_000, None, 14_000, "jobs", "up to", "count"),
    ("fewer than 200 ships", "fewer than 200", 200, None, 200, "ships", "under", "count"),
    ("roughly 2.3bn users", "roughly 2.3bn", 2.3 * B, 2.07 * B, 2.53 * B, "users", "about", "count"),
    ("300m+ users", None, None, None, None, None, None, None),  # glued "m" needs a currency: metres?
    ("1.2 million-plus signatures", "1.2 million-plus", 1.2 * M, 1.2 * M, None, "signatures", "over", "count"),
    ("30,000 or more workers", "30,000 or more", 30_000, 30_000, None, "workers", "at least", "count"),
    ("700K new sign-ups", "700K", 700_000, 700_000, 700_000, "sign-ups", None, "count"),
    # money with currency
    ("losing $60 million a day", "$60 million a day", 60 * M, 60 * M, 60 * M, "USD", None, "money"),
    ("costs €55 million", "€55 million", 55 * M, 55 * M, 55 * M, "EUR", None, "money"),
    ("9,000-13,000 yuan a month", "9,000-13,000 yuan a month", 11_000, 9_000, 13_000, "CNY", None, "money"),
    ("valuing the company at $3 billion", "$3 billion", 3 * B, 3 * B, 3 * B, "USD", None, "money"),
    ("over $798,000 to date", "over $798,000", 798_000, 798_000, None, "USD", "over", "money"),
    ("about $5 billion a day", "about $5 billion a day", 5 * B, 4.5 * B, 5.5 * B, "USD", "about", "money"),
    ("a £3.2bn deal", "£3.2bn", 3.2 * B, 3.2 * B, 3.2 * B, "GBP", None, "money"),
    ("US$1.5 trillion", "US$1.5 trillion", 1.5e12, 1.5e12, 1.5e12, "USD", None, "money"),
    ("200 million dollars", "200 million dollars", 200 * M, 200 * M, 200 * M, "USD", None, "money"),
    ("RMB 500 million", "RMB 500 million", 500 * M, 500 * M, 500 * M, "CNY", None, "money"),
    ("£5m", "£5m", 5 * M, 5 * M, 5 * M, "GBP", None, "money"),
    ("between $3 and $5 billion", "between $3 and $5 billion", 4 * B, 3 * B, 5 * B, "USD", None, "money"),
    ("55 millions d'euros", "55 millions d'euros", 55 * M, 55 * M, 55 * M, "EUR", None, "money"),
    ("Rs 500 crore", "Rs 500 crore", 5e9, 5e9, 5e9, "INR", None, "money"),
    # percentages
    ("wages rose 18 percent", "18 percent", 18, 18, 18, "percent", None, "percent"),
    ("shares surged by as much as 20%", "as much as 20%", 20, None, 20, "percent", "up to", "percent"),
    ("an 18 p.c. pay rise", "18 p.c.", 18, 18, 18, "percent", None, "percent"),
    ("6% of ports", "6%", 6, 6, 6, "percent", None, "percent"),
    ("up to 14 percent", "up to 14 percent", 14, None, 14, "percent", "up to", "percent"),
    ("a 3.5 per cent increase", "3.5 per cent", 3.5, 3.5, 3.5, "percent", None, "percent"),
    ("between 10 and 20 percent", "between 10 and 20 percent", 15, 10, 20, "percent", None, "percent"),
    ("5-7%", "5-7%", 6, 5, 7, "percent", None, "percent"),
    ("fell 2 percentage points", "2 percentage points", 2, 2, 2, "percentage points", None, "percent"),
    # ranges
    ("5 to 7 million people", "5 to 7 million", 6 * M, 5 * M, 7 * M, "people", None, "count"),
    ("3 million to 5 million", "3 million to 5 million", 4 * M, 3 * M, 5 * M, None, None, "count"),
    ("10–15 ships", "10–15", 12.5, 10, 15, "ships", None, "count"),
    # European formats (decimal mark guessed from the text)
    ("Betroffen sind 3,5 Mio. Menschen", "3,5 Mio.", 3.5 * M, 3.5 * M, 3.5 * M, "Menschen", None, "count"),
    ("Es kostet 3,5 Mio. € und 1.227 Stellen", "3,5 Mio. €", 3.5 * M, 3.5 * M, 3.5 * M, "EUR", None, "money"),
    ("un coût de 2,5 milliards d'euros", "2,5 milliards d'euros", 2.5 * B, 2.5 * B, 2.5 * B, "EUR", None, "money"),
    ("die Zahl stieg um 12,5 Prozent", "12,5 Prozent", 12.5, 12.5, 12.5, "percent", None, "percent"),
]

# Text that must produce no quantity at all.
NOT_QUANTITIES = [
    "a law that sets a 19th January deadline",
    "established in 2013",
    "Xi Jinping's 2024 speech",
    "Passengers should go to Gate 3",
    "Section 230 protects platforms",
    "Call +1 555-123-4567 for details",
    "Call (555) 123-4567 now",
    "ring 020 7946 0958 today",
    "On January 13, the app surged",
    "01/30/2025 / By Zoey Sky",
    "published 2025-01-30",
    "the Covid-19 pandemic",
    "the rollout of 5G networks",
    "the 1989 Tiananmen Square crackdown",
    "COPYRIGHT © 2017 BigTech.news",
    "as of March 2024",
    "the late nineteenth century",
    "in the 1980s",
    "the meeting starts at 10:30 am",
    "it closes at 5pm",
    "open 24/7",
    "the 21st century",
    "version 2.1.3 of the app",
    "the F-35 programme",
    "Sunday, August 17, 2025",
    "January 13-14, 2025",
    "One video went viral",
    "one of the biggest apps",
    "on Chapter 11 protection",
    "#TikTokRefugee2025",
    "server 192.168.0.1",
]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "low", "high", "unit", "qualifier", "kind"), QUANTITIES,
    ids=[row[0] for row in QUANTITIES],
)
def test_expression_table(sentence, text, value, low, high, unit, qualifier, kind):
    found = parse_quantities(sentence)
    if text is None:
        assert all(q.value != 300 * M for q in found)
        return
    assert found, f"nothing parsed in {sentence!r}"
    q = found[0]
    assert q.text == text
    assert sentence[q.start:q.end] == q.text
    assert q.value == pytest.approx(value)
    assert (q.low is None) == (low is None) and (q.high is None) == (high is None)
    if low is not None:
        assert q.low == pytest.approx(low)
    if high is not None:
        assert q.high == pytest.approx(high)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.kind == kind


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_not_quantities(sentence):
    assert parse_quantities(sentence) == [], [q.text for q in parse_quantities(sentence)]


def test_table_is_large_enough():
    assert len(QUANTITIES) + len(NOT_QUANTITIES) >= 60


def test_rates_and_modifiers_are_kept():
    q = parse_quantities("over 300 million monthly active users")[0]
    assert q.per == "month" and q.modifiers == ("monthly", "active") and q.unit == "users"
    q = parse_quantities("$5 billion a day in lost trade")[0]
    assert q.per == "day" and q.unit == "USD" and q.noun == "trade"
    q = parse_quantities("1,000 posts per hour")[0]
    assert q.per == "hour" and q.unit == "posts"
    # "a year ago" is a time reference, not a rate
    assert parse_quantities("5 million users a year ago")[0].per is None


def test_change_from_to_is_two_values_not_a_range():
    found = parse_quantities("Exports rose from 3 million to 5 million tonnes.")
    assert [q.value for q in found] == [3 * M, 5 * M]


def test_years_are_counts_only_when_they_count_something():
    assert parse_quantities("In 2018 users complained") == []
    assert [q.value for q in parse_quantities("about 2000 people attended")] == [2000]


def test_several_quantities_and_offsets_with_astral_text():
    text = "🚢 𝓞𝓹𝓮𝓻𝓪: 45,000 dockworkers 🚢 lose $5 billion a day; 𝓞𝓹 up to 14 percent."
    found = parse_quantities(text)
    assert [q.text for q in found] == ["45,000", "$5 billion a day", "up to 14 percent"]
    for q in found:
        assert text[q.start:q.end] == q.text


def test_samples_keep_their_headline_numbers(samples):
    text = (samples / "000_643f0810d82b4122.txt").read_text(encoding="utf-8")
    found = {q.text: q for q in parse_quantities(text)}
    assert found["approximately half a million"].value == 500_000
    assert found["over 300 million"].unit == "users"
    assert not any("19" in t or "2025" in t for t in found)
    text = (samples / "002_d37a2aa64cc3bd36.txt").read_text(encoding="utf-8")
    values = [q.value for q in parse_quantities(text)]
    assert 1989 not in values and 2013 not in values and 2017 not in values and 30 not in values


def test_decimal_mark_detection():
    assert detect_decimal_mark("It cost 3,5 Mio. Euro and 12,5 Prozent") == ","
    assert detect_decimal_mark("It cost 3.5 million and 1,227,000 dollars") == "."
    assert parse_quantities("1.227 Stellen", decimal_mark=",")[0].value == 1227
    assert parse_quantities("1.227 tonnes", decimal_mark=".")[0].value == pytest.approx(1.227)
    assert parse_quantities("1,227 jobs")[0].value == 1227


def _q(text: str) -> Quantity:
    return parse_quantities(text)[0]


def test_compatible_intervals():
    half = _q("approximately half a million people")
    over = _q("more than 700,000 users")
    assert not compatible(half, over)
    assert compatible(_q("over 300 million users"), _q("roughly 300 million users"))
    assert compatible(_q("170 million users"), _q("172 million users"))
    assert not compatible(_q("63,000 posts"), _q("over 109,000 posts"))
    assert compatible(_q("up to 14 percent"), _q("12 percent"))
    assert not compatible(_q("up to 14 percent"), _q("18 percent"))
    assert compatible(_q("nearly 3 million"), _q("2.9 million"))
    assert not compatible(_q("nearly 3 million"), _q("3.5 million"))
    # different currencies or rates cannot be compared, so they never conflict
    assert compatible(_q("$60 million"), _q("€90 million"))
    assert compatible(_q("$60 million a day"), _q("$60 million a week"))
    assert not compatible(_q("$60 million a day"), _q("$90 million a day"))


def test_values_disagree_on_rows():
    monthly = [_q(t) for t in ("over 300 million users", "roughly 300 million users",
                               "around 300 million users", "more than 300 million users")]
    assert not values_disagree(monthly)
    joined = [_q(t) for t in ("approximately half a million Americans",
                              "greater than 700,000 new customers",
                              "more than 700,000 American users")]
    assert values_disagree(joined)
    assert not values_disagree([])
    assert not values_disagree([_q("3 people")])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("approximately half a million people", "≈500,000"),
        ("more than 700,000 users", "700,000+"),
        ("$60 million a day", "$60M/day"),
        ("€55 million", "€55M"),
        ("9,000-13,000 yuan", "CNY 9,000–13,000"),
        ("up to 14 percent", "≤14%"),
        ("around 300 million users", "≈300 million"),
        ("nearly 3 million homes", "nearly 3 million"),
        ("at least 1,227 people", "≥1,227"),
        ("fewer than 200 ships", "<200"),
        ("2 percentage points", "2 pp"),
    ],
)
def test_format_quantity(text, shown):
    assert format_quantity(_q(text)) == shown


def test_to_json_has_the_documented_keys_and_serialises():
    q = _q("approximately half a million Americans")
    data = q.to_json()
    assert data == {
        "text": "approximately half a million", "value": 500000, "low": 450000, "high": 550000,
        "unit": "Americans", "qualifier": "about",
    }
    assert json.loads(json.dumps(_q("over 300 million").to_json()))["high"] is None


def test_odd_input_does_not_break_the_parser():
    odd = ["", "🚢" * 50, "1" * 400, "1,2,3,4,5", "$", "%%% 5 %", "a a a a million", "-- 3 -- 4 --",
           "1.2.3.4.5.6", "between and", "up to", "9,000-", "\n\n5\n\nmillion\n"]
    for text in odd:
        for q in parse_quantities(text):
            assert text[q.start:q.end] == q.text
    # numbers do not run across a line break into the next line's noun
    found = parse_quantities("It had 25\nNew York users")
    assert all(q.unit != "York" for q in found)
