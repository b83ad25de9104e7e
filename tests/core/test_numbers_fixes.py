"""Parsing mistakes seen on unseen news text (issue 11, item 3), each row a sentence and what it must give."""
from __future__ import annotations

import pytest
from quantity_rows import check_quantities

from rednote_desk.core.numbers import format_quantity, parse_quantities

M = 1_000_000
B = 1_000_000_000

# (sentence, the amounts it must give as (text, value, low, high, unit, qualifier, kind, per))
FIXES = [
    # footnote markers are not numbers
    ("RedNote gained 700,000 users[8] this week.", [("700,000", 700_000, 700_000, 700_000, "users", None, "count", None)]),
    ("the company said.[12] Shares fell.", []),
    ("as reported [3, 4] by several outlets", []),
    # ages and temperatures are not quantities
    ("a 12-year-old company", []),
    ("a 21-year-old user from Ohio", []),
    ("the twelve-year-old app", []),
    ("The firm is 12 years old.", []),
    ("it was 25 C outside", []),
    ("temperatures reached 40°C", []),
    ("a 30 degree slope", []),
    # "over" + a span of time after another amount is not "more than"
    ("a 6% raise over two years", [("6%", 6, 6, 6, "percent", None, "percent", None)]),
    ("Prices rose 6% over two years.", [("6%", 6, 6, 6, "percent", None, "percent", None)]),
    ("It took over two years to build.", [("over two", 2, 2, None, "years", "over", "count", None)]),
    ("for over ten years", [("over ten", 10, 10, None, "years", "over", "count", None)]),
    # curly quotes do not hide the counted noun
    ("half a million ‘TikTok refugees’ joined", [("half a million", 500_000, 500_000, 500_000, "refugees", None, "count", None)]),
    ("some 3,000 “digital nomads” moved", [("some 3,000", 3000, 2700, 3300, "nomads", "about", "count", None)]),
    # two modifiers joined by "and" still count the noun
    ("more than 50,000 American and Chinese users", [("more than 50,000", 50_000, 50_000, None, "users", "over", "count", None)]),
    # vague plurals are intervals
    ("tens of thousands of people", [("tens of thousands", 10_000, 10_000, 100_000, "people", None, "count", None)]),
    ("hundreds of thousands of users", [("hundreds of thousands", 100_000, 100_000, M, "users", None, "count", None)]),
    # sums without a currency are money, not counts
    ("it made one billion in profit", [("one billion", B, B, B, None, None, "money", None)]),
    ("Tencent invested 300 million in the app", [("300 million", 300 * M, 300 * M, 300 * M, None, None, "money", None)]),
    ("300 million users", [("300 million", 300 * M, 300 * M, 300 * M, "users", None, "count", None)]),
    # the monthly rate of a wage stays with it
    ("9,000-13,000 yuan a month", [("9,000-13,000 yuan a month", 11_000, 9_000, 13_000, "CNY", None, "money", "month")]),
    ("salaries of 9,000-13,000 yuan ($1,230-1,780) a month",
     [("9,000-13,000 yuan", 11_000, 9_000, 13_000, "CNY", None, "money", "month"),
      ("$1,230-1,780", 1505, 1230, 1780, "USD", None, "money", "month")]),
    ("a monthly salary of 9,000 yuan", [("9,000 yuan", 9000, 9000, 9000, "CNY", None, "money", "month")]),
    # fractions of a whole are percentages of it
    ("two thirds of voters", [("two thirds", 66.67, 66.67, 66.67, "percent", None, "percent", None)]),
    ("one sixth", [("one sixth", 16.67, 16.67, 16.67, "percent", None, "percent", None)]),
    ("a quarter of its flats", [("a quarter", 25, 25, 25, "percent", None, "percent", None)]),
    ("nearly half of the users", [("nearly half", 50, 45, 50, "percent", "nearly", "percent", None)]),
    ("for a third time", []),
    # T / bn / m / k suffixes
    ("a $2.174T economy", [("$2.174T", 2.174e12, 2.174e12, 2.174e12, "USD", None, "money", None)]),
    ("a $5bn fund", [("$5bn", 5 * B, 5 * B, 5 * B, "USD", None, "money", None)]),
    ("£3m in fines", [("£3m", 3 * M, 3 * M, 3 * M, "GBP", None, "money", None)]),
    ("$40k a year", [("$40k a year", 40_000, 40_000, 40_000, "USD", None, "money", "year")]),
    # a space between groups of three digits
    ("10 000 dollars", [("10 000 dollars", 10_000, 10_000, 10_000, "USD", None, "money", None)]),
    ("1 250 000 visitors", [("1 250 000", 1_250_000, 1_250_000, 1_250_000, "visitors", None, "count", None)]),
    ("in 2013 100 people", [("100", 100, 100, 100, "people", None, "count", None)]),
    # ranges with "to"
    ("7 to 10 ships", [("7 to 10", 8.5, 7, 10, "ships", None, "count", None)]),
    # negative amounts
    ("a loss of -15€", [("-15€", -15, -15, -15, "EUR", None, "money", None)]),
    ("net income: ($99.99)", [("($99.99)", -99.99, -99.99, -99.99, "USD", None, "money", None)]),
    ("9,000 yuan ($1,230) each", [("9,000 yuan", 9000, 9000, 9000, "CNY", None, "money", None),
                                  ("$1,230", 1230, 1230, 1230, "USD", None, "money", None)]),
    # number words with a comma after the scale
    ("three million, two hundred and forty people",
     [("three million, two hundred and forty", 3_000_240, 3_000_240, 3_000_240, "people", None, "count", None)]),
    ("two million, three million people",
     [("two million", 2 * M, 2 * M, 2 * M, None, None, "count", None),
      ("three million", 3 * M, 3 * M, 3 * M, "people", None, "count", None)]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIXES, ids=[row[0] for row in FIXES])
def test_parsing_fixes(sentence, expected):
    check_quantities(sentence, expected)


def test_modifiers_of_a_noun_joined_by_and():
    q = parse_quantities("more than 50,000 American and Chinese users")[0]
    assert q.modifiers == ("american", "chinese")


def test_quoted_noun_keeps_its_modifier():
    q = parse_quantities("half a million ‘TikTok refugees’ joined")[0]
    assert q.noun == "refugees" and q.modifiers == ("tiktok",)


def test_share_names_what_it_is_a_share_of():
    assert parse_quantities("two thirds of voters")[0].noun == "voters"
    assert parse_quantities("a quarter of its flats")[0].noun == "flats"


@pytest.mark.parametrize(("text", "shown"), [
    ("one billion in profit", "¤1B"),
    ("a loss of -15€", "-€15"),
    ("two thirds of voters", "66.67%"),
    ("tens of thousands of people", "10,000–100,000"),
])
def test_display_of_the_new_forms(text, shown):
    assert format_quantity(parse_quantities(text)[0]) == shown
