"""Recognise the date shapes news sites print ("01/30/2025", "March 4, 2026", "Jan. 4, 2026") as ISO dates."""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])", re.I),
    re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)", re.I),  # US m/d/Y (d/m/Y if m > 12)
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)", re.I),  # European d.m.Y
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})(?!\d)", re.I),
    re.compile(_WEEKDAY + r"(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})(?!\d)", re.I),
]


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("mon"):
        month = _MONTHS[groups["mon"].lower()[:3]]
        day = int(groups["d"])
    elif groups.get("a"):
        month, day = int(groups["a"]), int(groups["b"])
        if month > 12 and day <= 12:
            month, day = day, month
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not 1900 <= year <= 2100:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in text as (iso, start, end), or None."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso is None:
                continue
            if best is None or match.start() < best[1]:
                best = (iso, match.start(), match.end())
            break
    return best


def parse_date(text: str) -> str | None:
    """ISO date when text is a date and nothing else (weekday and trailing time allowed), else None."""
    stripped = text.strip().rstrip(".")
    for pattern in _PATTERNS:
        match = pattern.fullmatch(stripped)
        if match:
            return _to_iso(match)
    # "Jan. 4, 2026 10:32 AM EST", "2026-03-04T10:00:00Z"
    found = find_date(stripped)
    if found and found[1] == 0 and _TIME_TAIL.fullmatch(stripped[found[2]:]):
        return found[0]
    return None


_TIME_TAIL = re.compile(
    r"\s*(?:,|at|-|–|\||T)?\s*(?:\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?)?\s*",
    re.I,
)
