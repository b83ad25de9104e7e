"""Numbers in quotes: parse and normalise amounts, tell whether statements can all be true.

Public API (others build the CLI JSON and the GUI on it):

- :class:`Quantity` — one amount: text, offsets, value, interval, unit, qualifier, kind.
- :func:`parse_quantities` — every amount in a text ("half a million", "$60 million a day", "18 p.c.").
- :func:`compatible` / :func:`values_disagree` — can the statements all be true?
- :func:`format_quantity` — short display ("≈500,000", "700,000+", "$60M/day", "≤14%").

Chinese and Japanese amounts ("超过70万名美国新用户", "约3亿月活跃用户") come from
:mod:`rednote_desk.core.numbers.cjk`. Years, dates, times, ordinals, phone numbers, codes ("Covid-19", "5G") and labels ("Gate 3",
"Section 230") are not quantities.
"""
from __future__ import annotations

from rednote_desk.core.numbers.cjk import cjk_masks, has_cjk, scan_cjk
from rednote_desk.core.numbers.parser import detect_decimal_mark, scan
from rednote_desk.core.numbers.quantity import Quantity, compatible, format_quantity, values_disagree
from rednote_desk.core.numbers.rates import carry_rates

__all__ = [
    "Quantity", "parse_quantities", "compatible", "values_disagree", "format_quantity",
    "detect_decimal_mark",
]


def parse_quantities(text: str, *, decimal_mark: str | None = None) -> list[Quantity]:
    """All amounts in ``text``, in order; offsets are code points into ``text``.

    ``decimal_mark`` is "." or ","; by default it is guessed from the text, which decides only
    ambiguous forms such as "1.227" (1227 in a German text, 1.227 in an English one). A sum with no
    rate takes the rate of the sum before it in the same sentence ("$60 million a day; business
    groups say $90 million").
    """
    found = scan(text, decimal_mark=decimal_mark)
    if has_cjk(text):
        found = _merge_cjk(text, found, scan_cjk(text), cjk_masks(text))
    return carry_rates(found, text)


def _merge_cjk(text: str, english: list[Quantity], cjk: list[Quantity],
               masks: list[tuple[int, int]]) -> list[Quantity]:
    """CJK amounts win where they overlap English ones; CJK dates and bare numbers glued to CJK
    text ("2025年", "有14个") are left out."""
    taken = [(q.start, q.end) for q in cjk] + masks
    kept = []
    for q in english:
        if any(q.start < b and a < q.end for a, b in taken):
            continue
        glued = (q.end < len(text) and has_cjk(text[q.end])) or (q.start > 0 and has_cjk(text[q.start - 1]))
        if glued and q.kind == "count" and q.unit is None:
            continue
        kept.append(q)
    return sorted(kept + cjk, key=lambda q: q.start)
