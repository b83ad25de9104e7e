"""The parsed quantity and what can be said about two of them: compatible? how to show it?"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rednote_desk.core.numbers.lexicon import CURRENCY_SYMBOLS

#: Relative half-width of the interval allowed by "about", "roughly", "an estimated" ...
APPROX_WIDTH = 0.10
#: How far below the stated value "nearly", "almost", "close to" may go.
NEARLY_WIDTH = 0.10


@dataclass(frozen=True)
class Quantity:
    """A number stated in a text, normalised.

    ``value`` is the number as stated (500000 for "half a million"; the midpoint of a range; the low
    end of a vague plural such as "tens of thousands"); ``low``/``high`` the interval the wording
    allows, ``None`` where open. ``unit`` is the counted noun as written ("users", "Americans"), an
    ISO currency code for money ("USD"), or "percent". Offsets are code points in the parsed text.
    """

    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    kind: str  # "count" | "money" | "percent"
    #: Rate period for "$60 million a day" ("day", "month", ...), else None.
    per: str | None = None
    #: Words between the amount and the counted noun, lower-cased ("new", "monthly", "active").
    modifiers: tuple[str, ...] = ()
    #: What a percentage or sum is of / for, when written right after it ("workers" in
    #: "18 percent of workers"); for counts the same as ``unit``.
    noun: str | None = None

    def to_json(self) -> dict:
        """The JSON form used by the CLI and exports."""
        return {
            "text": self.text,
            "value": _plain_number(self.value),
            "low": None if self.low is None else _plain_number(self.low),
            "high": None if self.high is None else _plain_number(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
        }

    @property
    def magnitude(self) -> float:
        """A representative positive size for comparing orders of magnitude."""
        if self.qualifier is None and self.low and self.high and self.low != self.high:
            return math.sqrt(self.low * self.high)
        return abs(self.value) or 1.0


def _plain_number(x: float) -> int | float:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def interval(value: float, qualifier: str | None, low: float | None = None,
             high: float | None = None) -> tuple[float | None, float | None]:
    """The interval allowed by a stated value (or range ``low``..``high``) and its qualifier."""
    lo = value if low is None else low
    hi = value if high is None else high
    if qualifier in ("about", "estimated"):
        return lo - abs(lo) * APPROX_WIDTH, hi + abs(hi) * APPROX_WIDTH
    if qualifier in ("over", "at least"):
        return lo, None
    if qualifier in ("under", "up to"):
        return None, hi
    if qualifier == "nearly":
        return hi - abs(hi) * NEARLY_WIDTH, hi
    return lo, hi


def comparable(a: Quantity, b: Quantity) -> bool:
    """True when the two quantities measure the same kind of thing (currency, percent, rate)."""
    if a.kind != b.kind or a.per != b.per:
        return False
    if a.kind == "count":
        return True
    return a.unit == b.unit


def compatible(a: Quantity, b: Quantity, *, tolerance: float = 0.05) -> bool:
    """Can both statements be true? Quantities that are not comparable never conflict.

    Each interval is widened by ``tolerance`` (relative) on both ends before testing overlap, so
    "170 million" and "172 million" agree while "63,000" and "over 109,000" do not.
    """
    if not comparable(a, b):
        return True
    a_lo, a_hi = _widen(a.low, a.high, tolerance)
    b_lo, b_hi = _widen(b.low, b.high, tolerance)
    return a_lo <= b_hi and b_lo <= a_hi


def _widen(low: float | None, high: float | None, tolerance: float) -> tuple[float, float]:
    lo = -math.inf if low is None else low - abs(low) * tolerance
    hi = math.inf if high is None else high + abs(high) * tolerance
    return lo, hi


def values_disagree(quantities: Sequence[Quantity]) -> bool:
    """True when the quantities cannot all be true at once (some pair is incompatible)."""
    qs = list(quantities)
    return any(
        not compatible(qs[i], qs[j]) for i in range(len(qs)) for j in range(i + 1, len(qs))
    )


def format_quantity(q: Quantity) -> str:
    """Short display form.

    Counts: "700,000", "300 million", "5.5 million"; money: "$60M", "€55M", "CNY 9,000–13,000";
    percent: "18%". Qualifiers: "≈" (about, estimated), "+" suffix (over), "≥" (at least),
    "<" (under), "≤" (up to), "nearly " prefix. Ranges and vague plurals show "low–high".
    A rate is appended as "/day".
    """
    if q.low is not None and q.high is not None and q.low != q.high and q.qualifier is None:
        body = f"{_amount(q, q.low)}–{_amount(q, q.high)}"
    else:
        body = _amount(q, q.value)
    body = _with_unit(q, body)
    prefix, suffix = {
        "about": ("≈", ""), "estimated": ("≈", ""), "over": ("", "+"), "at least": ("≥", ""),
        "under": ("<", ""), "up to": ("≤", ""), "nearly": ("nearly ", ""),
    }.get(q.qualifier or "", ("", ""))
    rate = f"/{q.per}" if q.per else ""
    return f"{prefix}{body}{suffix}{rate}"


def _amount(q: Quantity, x: float) -> str:
    if q.kind == "money":
        return _compact(x)
    if q.kind == "percent":
        return _trim(x)
    return _long(x)


def _with_unit(q: Quantity, body: str) -> str:
    if q.kind == "percent":
        return f"{body} pp" if q.unit == "percentage points" else f"{body}%"
    if q.kind == "money":
        sign, body = ("-", body[1:]) if body.startswith("-") else ("", body)
        if q.unit is None:
            return f"{sign}¤{body}"  # money whose currency the text does not state
        symbol = CURRENCY_SYMBOLS.get(q.unit)
        return f"{sign}{symbol}{body}" if symbol else f"{sign}{q.unit} {body}"
    return body


def _trim(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text


def _long(x: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            return f"{_trim(x / scale)} {word}"
    return _trim(x)


def _compact(x: float) -> str:
    for scale, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(x) >= scale:
            return f"{_trim(x / scale)}{letter}"
    return _trim(x)
