"""A rate carries over inside a sentence: "$60 million a day; business groups say $90 million" -> both a day."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rednote_desk.core.numbers.quantity import Quantity

_SENTENCE_ENDS = (". ", "! ", "? ", ".\n", "\n", "。", "！", "？")


def carry_rates(values: Sequence[Quantity], text: str, offset: int = 0) -> list[Quantity]:
    """Give a sum with no rate the rate of the previous sum of the same currency in its sentence.

    ``text`` holds the values at ``q.start - offset``; a sentence end between two sums stops the carry.
    """
    out: list[Quantity] = []
    carried: Quantity | None = None
    for q in values:
        if carried is not None:
            between = text[carried.end - offset:q.start - offset]
            if any(mark in between for mark in _SENTENCE_ENDS):
                carried = None
        if q.kind == "money" and q.per is None and carried is not None and carried.unit == q.unit:
            q = replace(q, per=carried.per)
        elif q.kind == "money" and q.per is not None:
            carried = q
        out.append(q)
    return out
