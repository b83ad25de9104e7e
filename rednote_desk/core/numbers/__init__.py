"""Numbers in quotes: parse and normalise amounts, tell whether statements can all be true.

Public API (others build the CLI JSON and the GUI on it):

- :class:`Quantity` — one amount: text, offsets, value, interval, unit, qualifier, kind.
- :func:`parse_quantities` — every amount in a text ("half a million", "$60 million a day", "18 p.c.").
- :func:`compatible` / :func:`values_disagree` — can the statements all be true?
- :func:`format_quantity` — short display ("≈500,000", "700,000+", "$60M/day", "≤14%").

Years, dates, times, ordinals, phone numbers, codes ("Covid-19", "5G") and labels ("Gate 3",
"Section 230") are not quantities.
"""
from __future__ import annotations

from rednote_desk.core.numbers.parser import detect_decimal_mark, scan
from rednote_desk.core.numbers.quantity import Quantity, compatible, format_quantity, values_disagree

__all__ = [
    "Quantity", "parse_quantities", "compatible", "values_disagree", "format_quantity",
    "detect_decimal_mark",
]


def parse_quantities(text: str, *, decimal_mark: str | None = None) -> list[Quantity]:
    """All amounts in ``text``, in order; offsets are code points into ``text``.

    ``decimal_mark`` is "." or ","; by default it is guessed from the text, which decides only
    ambiguous forms such as "1.227" (1227 in a German text, 1.227 in an English one).
    """
    return scan(text, decimal_mark=decimal_mark)
