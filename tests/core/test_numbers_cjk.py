"""Chinese and Japanese amounts: 万/亿/千, Chinese numerals, full-width digits, qualifiers, dates left out."""
from __future__ import annotations

import pytest
from quantity_rows import check_quantities

from rednote_desk.core.claims import suggest_claims
from rednote_desk.core.claims.text import normal_modifiers, noun_class
from rednote_desk.core.models import Document
from rednote_desk.core.numbers import parse_quantities
from rednote_desk.core.numbers.cjk import chinese_numeral

# (text, [(matched text, value, low, high, unit, qualifier, kind, per)])
CJK = [
    ("超过70万名美国新用户涌入小红书", [("超过70万", 7e5, 7e5, None, "用户", "over", "count", None)]),
    ("约3亿月活跃用户", [("约3亿", 3e8, 2.7e8, 3.3e8, "用户", "about", "count", "month")]),
    ("约有50万美国用户", [("约有50万", 5e5, 4.5e5, 5.5e5, "用户", "about", "count", None)]),
    ("小红书有３亿月活跃用户。", [("３亿", 3e8, 3e8, 3e8, "用户", None, "count", "month")]),
    ("近百万用户", [("近百万", 1e6, 9e5, 1e6, "用户", "nearly", "count", None)]),
    ("逾10万条笔记", [("逾10万", 1e5, 1e5, None, "笔记", "over", "count", None)]),
    ("70多万名用户", [("70多万", 7e5, 7e5, None, "用户", "over", "count", None)]),
    ("三十万人参加", [("三十万", 3e5, 3e5, 3e5, "人", None, "count", None)]),
    ("1.5亿美元的投资", [("1.5亿美元", 1.5e8, 1.5e8, 1.5e8, "USD", None, "money", None)]),
    ("月薪9000至13000元", [("9000至13000元", 11000, 9000, 13000, "CNY", None, "money", "month")]),
    ("百分之三十的用户", [("百分之三十", 30, 30, 30, "percent", None, "percent", None)]),
    ("３０％的用户", [("３０％", 30, 30, 30, "percent", None, "percent", None)]),
    ("約50万人のユーザーが登録した", [("約50万", 5e5, 4.5e5, 5.5e5, "人", "about", "count", None)]),
    ("損失は3千億円に上る", [("3千億円", 3e11, 3e11, 3e11, "JPY", None, "money", None)]),
    # dates, weekdays, times, ages and ordinals are not amounts
    ("2025年1月14日，周二", []),
    ("２０２５年１月１４日", []),
    ("星期二下午3点", []),
    ("一名20岁的用户说", []),
    ("第3季度", []),
    # a bare article-like "一名" / "两个" is not an amount
    ("一名用户说，两个朋友也来了", []),
]


@pytest.mark.parametrize(("text", "expected"), CJK, ids=[row[0] for row in CJK])
def test_cjk_amounts(text, expected):
    check_quantities(text, expected)


@pytest.mark.parametrize(("numeral", "value"), [("三十五", 35), ("两千", 2000), ("十二", 12), ("一百二十", 120),
                                                ("九千九百九十九", 9999), ("百", 100)])
def test_chinese_numerals(numeral, value):
    assert chinese_numeral(numeral) == value


def test_modifiers_and_noun_class_meet_the_english_ones():
    q = parse_quantities("超过70万名美国新用户")[0]
    assert noun_class(q.unit) == noun_class("users")
    assert normal_modifiers(q.modifiers, q.unit) == normal_modifiers(("american", "new"), "users")


def test_mixed_text_keeps_both_languages_and_drops_glued_digits():
    text = "RedNote has 300 million users. 小红书约有３亿月活跃用户，2025年1月14日有14个"
    found = parse_quantities(text)
    assert [q.value for q in found] == [3e8, 3e8]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_chinese_and_english_reports_of_one_count_are_one_claim():
    docs = [
        Document(1, "a", "超过70万名美国新用户在一周内涌入小红书。小红书约有3亿月活跃用户。", published="2025-01-16"),
        Document(2, "b", "More than 700,000 new U.S. users joined RedNote in a week. "
                         "RedNote has about 300 million monthly active users.", published="2025-01-16"),
    ]
    claims = [c for c in suggest_claims(docs) if c.kind == "number"]
    by_docs = {tuple(sorted(c.document_ids)) for c in claims}
    assert (1, 2) in by_docs
    joined = [c for c in claims if any(m.values[0].value == 7e5 for m in c.mentions)]
    assert joined and len(joined[0].mentions) == 2 and not joined[0].disagreement
    monthly = [c for c in claims if any(m.values[0].value == 3e8 for m in c.mentions)]
    assert monthly and len(monthly[0].mentions) == 2


def test_odd_cjk_input_gives_offsets_that_hold_and_no_crash():
    odd = ["", "万万万", "约约约有", "１" * 400, "第", "超过", "百分之", "3至", "至3万", "12万-", "。。。",
           "约" + "9" * 300 + "亿元", "两", "〇〇〇万人", "\n5\n万\n人"]
    for text in odd:
        for q in parse_quantities(text):
            assert text[q.start:q.end] == q.text
