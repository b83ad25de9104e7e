"""A peer-style table of counts, money and percentages (written for this project, in the manner of
quantulum3's English quantities table): every row is one sentence and the one amount it states.

The figure found/expected is printed (``pytest -s``) and must stay at the level measured when the
table was written; rows the parser skips on purpose (years, labels, scientific notation) are not in it.
"""
from __future__ import annotations

import pytest

from rednote_desk.core.numbers import parse_quantities

# (sentence, value, unit, kind); unit is the ISO currency for money, "percent" for percentages,
# the counted noun for counts.
TABLE = [
    ("She bought 3 apples.", 3, "apples", "count"),
    ("There were twelve candidates.", 12, "candidates", "count"),
    ("The club has 1,024 members.", 1024, "members", "count"),
    ("Roughly 4.5 million viewers tuned in.", 4.5e6, "viewers", "count"),
    ("A crowd of two thousand people gathered.", 2000, "people", "count"),
    ("He sold a dozen copies.", 12, "copies", "count"),
    ("The town lost 1 250 000 visitors.", 1_250_000, "visitors", "count"),
    ("Between 7 to 10 ships waited.", 8.5, "ships", "count"),
    ("Some 7 to 10 boats waited offshore.", 8.5, "boats", "count"),
    ("Three million, two hundred and forty people voted.", 3_000_240, "people", "count"),
    ("It sold fifteen thousand units.", 15_000, "units", "count"),
    ("Two thirds of voters agreed.", 66.67, "percent", "percent"),
    ("One sixth of the budget went to roads.", 16.67, "percent", "percent"),
    ("A quarter of its flats are empty.", 25, "percent", "percent"),
    ("Three quarters of the staff left.", 75, "percent", "percent"),
    ("It costs $20.", 20, "USD", "money"),
    ("The ticket was ten dollars.", 10, "USD", "money"),
    ("They paid 10 000 dollars.", 10_000, "USD", "money"),
    ("The bill came to €1,500.", 1500, "EUR", "money"),
    ("A fine of £250 was imposed.", 250, "GBP", "money"),
    ("The deal is worth $2.174T.", 2.174e12, "USD", "money"),
    ("They raised $5bn.", 5e9, "USD", "money"),
    ("A $3m settlement was reached.", 3e6, "USD", "money"),
    ("Salaries start at $40k.", 40_000, "USD", "money"),
    ("Revenue fell by -15€.", -15, "EUR", "money"),
    ("Net result: ($99.99).", -99.99, "USD", "money"),
    ("The fund holds 5.5 million dollars.", 5.5e6, "USD", "money"),
    ("The rent is 3,000 yuan a month.", 3000, "CNY", "money"),
    ("It cost ¥1000.", 1000, "JPY", "money"),
    ("A 2 billion euro package passed.", 2e9, "EUR", "money"),
    ("The index rose 5%.", 5, "percent", "percent"),
    ("Turnout was 62.5 percent.", 62.5, "percent", "percent"),
    ("Rates went up 0.25 per cent.", 0.25, "percent", "percent"),
    ("Unemployment fell 2 percentage points.", 2, "percentage points", "percent"),
    ("Support is 40-45%.", 42.5, "percent", "percent"),
    ("Prices dropped by nearly 10 percent.", 10, "percent", "percent"),
    ("Shares gained 12 pct.", 12, "percent", "percent"),
    ("About 1.2 billion people use it.", 1.2e9, "people", "count"),
    ("Over 300 employees were laid off.", 300, "employees", "count"),
    ("Half of the respondents said no.", 50, "percent", "percent"),
]
#: Found of expected when the table was written (the parser must not fall below this).
MEASURED = 40


def _found(sentence: str, value: float, unit: str, kind: str) -> bool:
    return any(q.kind == kind and q.unit == unit and q.value == pytest.approx(value, rel=1e-3)
               for q in parse_quantities(sentence))


def test_peer_table_figure():
    found = [row for row in TABLE if _found(*row)]
    missed = [row[0] for row in TABLE if row not in found]
    print(f"\npeer-style table: {len(found)} of {len(TABLE)} expected values found; missed: {missed}")
    assert len(TABLE) >= 40
    assert len(found) >= MEASURED, missed
