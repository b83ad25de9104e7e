"""Spans of text whose digits are not quantities: dates, times, phone numbers, codes, versions.

``not_quantity_spans(text)`` returns sorted, non-overlapping (start, end) code-point spans; the number
parser skips any number that starts inside one.
"""
from __future__ import annotations

import re

from rednote_desk.core.numbers.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

_MONTH = "(?:" + "|".join(
    [re.escape(m) for m in MONTHS] + [re.escape(a) + r"\.?" for a in MONTH_ABBREVIATIONS]
) + ")"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + r")"

_PATTERNS = [
    # "January 13", "Jan. 13, 2025", "August 17, 2025", "January 13-14"
    rf"\b{_MONTH}\s+{_DAY}(?:\s*[-–]\s*{_DAY})?(?:,?\s+{_YEAR})?(?![\d,.]*\d)",
    # "19th January", "19 January 2025", "13-14 January", "19. Januar 2025", "le 19 janvier"
    rf"(?<![\d.,])\b{_DAY}(?:\s*[-–]\s*{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
    # "March 2024", "in July 2024"
    rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b",
    # "Sunday 19" (day of month after weekday)
    rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\b",
    # 01/30/2025, 30.01.2025, 2025-01-30, 30-01-2025, 1/30/25, 30/1
    r"(?<![\d.,/])\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?![\d/])",
    r"(?<![\d.,/])\d{1,4}/\d{1,4}(?![\d/])",
    # times: 10:30, 10:30:15, 10.30am, 10am, 3 p.m., 9 o'clock
    r"(?<![\d.,])\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?![\d])",
    r"(?<![\d.,])\d{1,2}(?:[.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)",
    # the ISO week / ordinals "the 19th", "21st century" are handled by the parser (suffix check)
    # phone numbers: +1 555-123-4567, (555) 123-4567, 555-123-4567, 020 7946 0958, +44 20 7946 0958
    r"\+\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d{1,4}(?:[\s.\-]\d{2,4}){1,4}\b",
    r"\(\d{2,4}\)\s*\d{3,4}[\s.\-]\d{3,4}\b",
    r"(?<![\d,.])\b\d{3}[\-.]\d{3}[\-.]\d{4}\b",
    r"(?<![\d,.])\b\d{3}-\d{4}\b",
    r"(?<![\d,.])\b0\d{2,4}[\s\-]\d{3,4}[\s\-]?\d{3,4}\b",
    # versions, IP addresses, section numbers: 1.2.3, 192.168.0.1, v2.0
    r"(?<![\d,.])\b\d+\.\d+\.\d+(?:\.\d+)*\b(?!,\d)",
    r"\bv\d+(?:\.\d+)*\b",
    # codes glued to letters: Covid-19, F-35, H1N1, MP3, 5G, 4K, G7, COP28, A380
    r"\b[A-Za-z]+-\d+[A-Za-z\d]*\b",
    r"\b[A-Za-z]+\d+[A-Za-z\d]*\b",
    r"\b\d+(?!(?:M|B|K|T|BN|Bn|MN|TN|Tn|Mio|Mrd|Tsd)\b)[A-Za-z]*[A-Z][A-Za-z\d]*\b",
    # scores and ratios written with a colon: 3:1 (times handled above), "24/7"
    # footnote markers glued to a word or closing a sentence: users[8], "said.[12]", [3, 4]
    r"\[\d{1,3}(?:[,–\-][^\S\n]?\d{1,3})*\]",
    # hashtags and handles with digits
    r"[#@][\w]+",
    # URLs
    r"https?://\S+|www\.\S+",
]
# "1.227.000" is a European-style amount, not a version number: never mask it.
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_MASK_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def not_quantity_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates, times, phone numbers, codes and URLs in ``text`` that contain a digit."""
    spans: list[tuple[int, int]] = []
    for lo, hi in _digit_windows(text):
        for m in _MASK_RE.finditer(text, lo, hi):
            if m.end() > m.start() and not _THOUSANDS_RE.fullmatch(m.group()):
                if spans and m.start() < spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
                else:
                    spans.append((m.start(), m.end()))
    return spans


_DIGIT_RUN_RE = re.compile(r"\d+")
_WINDOW = 48


def _digit_windows(text: str):
    """Merged windows of text around digit runs: only there can a mask matter (and scanning the
    whole text with these patterns costs several milliseconds per 10 KB)."""
    lo = hi = -1
    for m in _DIGIT_RUN_RE.finditer(text):
        a, b = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if a <= hi:
            hi = b
            continue
        if hi > 0:
            yield _widen_to_space(text, lo, hi)
        lo, hi = a, b
    if hi > 0:
        yield _widen_to_space(text, lo, hi)


def _widen_to_space(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Move window ends out to whitespace, so no token (URL, hashtag) is cut in two."""
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi
