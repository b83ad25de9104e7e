"""Shared check for the table-driven number tests: the amounts a text gives, field by field."""
from __future__ import annotations

import pytest

from rednote_desk.core.numbers import parse_quantities


def check_quantities(text: str, expected: list[tuple]) -> None:
    """``expected``: (matched text, value, low, high, unit, qualifier, kind, per) per amount, in order."""
    found = parse_quantities(text)
    got = [(q.text, q.value, q.low, q.high, q.unit, q.qualifier, q.kind, q.per) for q in found]
    assert len(got) == len(expected), got
    for q, g, e in zip(found, got, expected, strict=True):
        assert text[q.start:q.end] == q.text
        assert g[0] == e[0] and g[4:] == e[4:], (g, e)
        for x, y in zip(g[1:4], e[1:4], strict=True):
            assert (x is None) == (y is None) and (x is None or x == pytest.approx(y, rel=1e-3)), (g, e)
