"""The date a figure refers to: the publication date moved by what the sentence says.

``reference_date("700,000 users joined last week", "2025-01-16")`` is (2025-01-09, "last week").
Explicit dates ("January 14", "2025年1月14日") win over relative words ("yesterday", "on Monday",
"at the start of this week", "as of March", Chinese 昨天 / 周二 / 上周, Japanese 昨日 / 火曜日). A count
"since Tuesday" is a count up to the publication: the date stays, the reason says so.
Pure functions, no clock: without a publication date only an explicit full date gives a date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_CJK_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_JA_WEEKDAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "several": 3}

_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?P<weekday>" + "|".join(_WEEKDAYS) + r")(?:'s|’s)?"
_COUNT = "(?P<n>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"|\d{1,3})"

# (pattern, kind) in order of preference; matched case-insensitively.
_RULES: list[tuple[re.Pattern, str]] = [(re.compile(p, re.IGNORECASE), k) for p, k in [
    (r"(?P<y>\d{4})年(?P<mo>\d{1,2})月(?P<d>\d{1,2})[日号號]", "cjk_full"),
    (r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b", "iso"),
    (rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?", "month_day"),
    (rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>\d{{4}}))?\b", "day_month"),
    (r"(?<![\d年])(?P<mo>\d{1,2})月(?P<d>\d{1,2})[日号號]", "cjk_month_day"),
    (rf"\b(?:as\s+of|by|at\s+the\s+end\s+of|end\s+of|through|until|in)\s+(?:early\s+|mid-?|late\s+)?"
     rf"{_MONTH}(?:\s+(?P<y>\d{{4}}))?(?!\s+[0-3]?\d)\b", "as_of_month"),
    (r"截至(?P<mo>\d{1,2})月(?:底|末)?", "cjk_as_of_month"),
    (r"\bsince\s+(?P<what>(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
     r"week|month|yesterday|january|february|march|april|may|june|july|august|september|october|"
     r"november|december))\b", "since"),
    (rf"\b{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+ago\b", "ago"),
    (r"\b(?:the\s+day\s+before\s+yesterday)\b", "day_before_yesterday"),
    (r"\byesterday\b|\blast\s+night\b", "yesterday"),
    (r"前天|一昨日", "day_before_yesterday"),
    (r"昨天|昨日|昨晚|昨夜", "yesterday"),
    (r"\b(?:at\s+the\s+)?(?:start|beginning)\s+of\s+(?:this|the)\s+week\b|\bearlier\s+this\s+week\b"
     r"|\bthis\s+week\b", "this_week"),
    (r"\b(?:at\s+the\s+)?end\s+of\s+last\s+week\b", "end_last_week"),
    (r"\blast\s+week(?:end)?\b|\ba\s+week\s+earlier\b|上周|上週|上星期|先週", "last_week"),
    (r"本周|这周|這週|本週|這周|今週|这个星期|這個星期", "this_week"),
    (r"\b(?:over|at)\s+the\s+weekend\b|\bthis\s+weekend\b", "weekend"),
    (r"\blast\s+month\b|上个月|上個月|上月|先月", "last_month"),
    (r"\blast\s+year\b|去年|昨年", "last_year"),
    (rf"\b(?:on\s+|last\s+|this\s+past\s+)?{_WEEKDAY}\b", "weekday"),
    (r"(?:周|週|星期|礼拜|禮拜)(?P<cw>[一二三四五六日天])", "cjk_weekday"),
    (r"(?P<jw>[月火水木金土日])曜日?", "ja_weekday"),
    (r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|今天|今日|今晨", "today"),
]]


def _as_date(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def reference_date(sentence: str, published: date | str | None) -> tuple[date | None, str]:
    """The date the figures of ``sentence`` refer to, and why.

    ``published`` is the document's date (a ``date`` or "YYYY-MM-DD"). Returns (None, reason) when
    neither the sentence nor the publication gives a date.
    """
    pub = _as_date(published)
    for pattern, kind in _RULES:
        m = pattern.search(sentence)
        if m is None:
            continue
        found = _resolve(kind, m, pub)
        if found is not None:
            return found
    if pub is None:
        return None, "no publication date"
    return pub, "publication date"


def _resolve(kind: str, m: re.Match, pub: date | None) -> tuple[date | None, str] | None:
    said = " ".join(m.group().split())
    if kind in ("cjk_full", "iso"):
        day = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
        return None if day is None else (day, f"stated: {said}")
    if kind in ("month_day", "day_month", "cjk_month_day"):
        month = int(m.group("mo")) if kind == "cjk_month_day" else _MONTHS[m.group("month").lower()]
        year = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
        if year is None:
            if pub is None:
                return None
            year = pub.year - 1 if month > pub.month + 1 else pub.year  # "December 30" in a January text
        day = _safe_date(year, month, int(m.group("d")))
        return None if day is None else (day, f"stated: {said}")
    if pub is None:
        return None
    if kind in ("as_of_month", "cjk_as_of_month"):
        month = int(m.group("mo")) if kind == "cjk_as_of_month" else _MONTHS[m.group("month").lower()]
        if not 1 <= month <= 12:
            return None
        year = int(m.group("y")) if m.groupdict().get("y") else (pub.year if month <= pub.month else pub.year - 1)
        end = date(year, month, calendar.monthrange(year, month)[1])
        return min(end, pub), f"“{said}”: end of that month or publication"
    if kind == "since":
        return pub, f"“{said}”: counted up to the publication date"
    if kind == "ago":
        n = _NUMBER_WORDS.get(m.group("n").lower()) or int(m.group("n"))
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group("unit").lower()] * n
        return pub - timedelta(days=days), f"“{said}”"
    if kind == "yesterday":
        return pub - timedelta(days=1), f"“{said}”"
    if kind == "day_before_yesterday":
        return pub - timedelta(days=2), f"“{said}”"
    if kind == "today":
        return pub, f"“{said}”"
    if kind == "this_week":
        return pub - timedelta(days=pub.weekday()), f"“{said}”: Monday of the publication week"
    if kind == "end_last_week":
        return pub - timedelta(days=pub.weekday() + 3), f"“{said}”: Friday of the week before"
    if kind == "last_week":
        return pub - timedelta(days=7), f"“{said}”: a week before publication"
    if kind == "weekend":
        return pub - timedelta(days=(pub.weekday() + 1) % 7), f"“{said}”: the Sunday before"
    if kind == "last_month":
        first = pub.replace(day=1)
        return first - timedelta(days=1), f"“{said}”: end of the month before"
    if kind == "last_year":
        return date(pub.year - 1, 12, 31), f"“{said}”: end of the year before"
    if kind == "weekday":
        return _last_weekday(pub, _WEEKDAYS[m.group("weekday").lower().rstrip("'s’")]), f"“{said}”"
    if kind == "cjk_weekday":
        return _last_weekday(pub, _CJK_WEEKDAYS[m.group("cw")]), f"“{said}”"
    if kind == "ja_weekday":
        return _last_weekday(pub, _JA_WEEKDAYS[m.group("jw")]), f"“{said}”"
    return None


def _last_weekday(pub: date, weekday: int) -> date:
    """The latest day on or before ``pub`` that falls on ``weekday`` (0 = Monday)."""
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
