"""The date a figure refers to: publication date moved by what the sentence says."""
from __future__ import annotations

from datetime import date

import pytest

from rednote_desk.core.numbers.when import reference_date

THU = "2025-01-16"  # a Thursday

# (sentence, published, expected date or None, a word the reason must contain)
CASES = [
    ("RedNote has 300 million users.", THU, date(2025, 1, 16), "publication"),
    ("700,000 users joined last week.", THU, date(2025, 1, 9), "last week"),
    ("On Monday, 500,000 users had joined.", THU, date(2025, 1, 13), "Monday"),
    ("500,000 joined at the start of this week.", THU, date(2025, 1, 13), "this week"),
    ("As of March, the app had 3 million users.", "2025-04-10", date(2025, 3, 31), "As of March"),
    ("As of March, the app had 3 million users.", "2025-03-10", date(2025, 3, 10), "As of March"),
    ("As of December the app had 3 million users.", "2025-01-05", date(2024, 12, 31), "December"),
    ("Yesterday the app gained 200,000 users.", THU, date(2025, 1, 15), "Yesterday"),
    ("The app has gained 700,000 users since Tuesday.", THU, date(2025, 1, 16), "since Tuesday"),
    ("Two days ago it had 1 million users.", THU, date(2025, 1, 14), "ago"),
    ("On January 14, 2025 it had 1 million users.", "2025-02-01", date(2025, 1, 14), "stated"),
    ("By 13 January the count was 500,000.", THU, date(2025, 1, 13), "stated"),
    ("Last month 2 million people signed up.", THU, date(2024, 12, 31), "month"),
    ("Over the weekend 300,000 users joined.", THU, date(2025, 1, 12), "weekend"),
    ("2025年1月14日，超过70万名美国新用户涌入小红书。", None, date(2025, 1, 14), "stated"),
    ("1月14日，超过70万名美国新用户涌入小红书。", THU, date(2025, 1, 14), "stated"),
    ("周二，超过70万名美国新用户涌入小红书。", THU, date(2025, 1, 14), "周二"),
    ("星期一有50万用户。", THU, date(2025, 1, 13), "星期一"),
    ("昨天有50万美国用户注册。", THU, date(2025, 1, 15), "昨天"),
    ("上周有50万美国用户注册。", THU, date(2025, 1, 9), "上周"),
    ("火曜日に約50万人が登録した。", THU, date(2025, 1, 14), "火曜"),
    ("RedNote has 300 million users.", None, None, "no publication date"),
    ("Last week 700,000 users joined.", None, None, "no publication date"),
    ("RedNote has 300 million users.", "not a date", None, "no publication date"),
]


@pytest.mark.parametrize(("sentence", "published", "expected", "why"), CASES,
                         ids=[f"{c[0][:40]}|{c[1]}" for c in CASES])
def test_reference_date(sentence, published, expected, why):
    day, reason = reference_date(sentence, published)
    assert day == expected
    assert why.lower() in reason.lower()


def test_accepts_a_date_object_and_never_invents_one():
    assert reference_date("yesterday", date(2025, 3, 1))[0] == date(2025, 2, 28)
    assert reference_date("On February 30 it had 5 users", "2025-03-01")[0] == date(2025, 3, 1)


def test_odd_sentences_never_crash():
    for sentence in ["", "as of", "0月0日", "2025年13月40日", "99 days ago" * 50, "since", "周", "on Monday's",
                     "February 29", "yesterday" * 1000]:
        day, reason = reference_date(sentence, "2025-01-16")
        assert reason and (day is None or day.year >= 2024)
