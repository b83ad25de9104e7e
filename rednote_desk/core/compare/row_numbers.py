"""The numbers of one claims-matrix row: which amounts of each cell are compared, the date each cell's
figure refers to, amounts in another currency, and the row's verdict (:mod:`core.numbers.verdict`).

Works on the matrix's ``Cell`` objects through ``dataclasses.replace`` (no import of the matrix).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from rednote_desk.core.claims import text as ct
from rednote_desk.core.numbers.quantity import Quantity, format_quantity
from rednote_desk.core.numbers.verdict import Stated, Verdict, judge
from rednote_desk.core.numbers.when import reference_date


def _signature(q: Quantity) -> tuple:
    return (q.kind, q.per)


def _related(q: Quantity, base: Quantity) -> bool:
    """Whether another amount of a cell states the same thing as the amount the row was built on."""
    if _signature(q) != _signature(base):
        return False
    if q.kind == "count":
        return ct.singular(q.unit or "") == ct.singular(base.unit or "") or (q.start, q.end) == (base.start, base.end)
    if q.kind == "money" and q.unit != base.unit:
        return False
    return not (q.noun and base.noun and ct.topic_class(q.noun) != ct.topic_class(base.noun))


class Dates:
    """The reference date of an amount in a document: its sentence read against the publication date."""

    def __init__(self, documents):
        self._docs = {d.id: d for d in documents}
        self._starts: dict[int, list[int]] = {}

    def at(self, document_id: int, start: int, end: int) -> tuple[str | None, str]:
        doc = self._docs.get(document_id)
        if doc is None:
            return None, "document not compared"
        starts = self._starts.get(document_id)
        if starts is None:
            starts = self._starts[document_id] = ct.sentence_starts(doc.text)
        lo, hi = ct.sentence_span(doc.text, starts, start, end)
        day, reason = reference_date(doc.text[lo:hi], doc.published)
        return (None if day is None else day.isoformat()), reason


def judge_cells(cells: list, dates: Dates) -> tuple[list, Verdict]:
    """Fill each cell's ``compared_values``, ``other_currency``, ``reference_date`` and
    ``reference_reason``, and judge the row over every compared amount."""
    bases = [c.compared for c in cells if c.compared is not None]
    currency = None
    if bases and bases[0].kind == "money":
        currencies = Counter(q.unit for q in bases if q.kind == "money" and q.unit)
        currency = currencies.most_common(1)[0][0] if currencies else None
    out: list = []  # the cells, as typed in the signature
    stated: list[Stated] = []
    for cell in cells:
        base = cell.compared
        if base is None:
            when, why = dates.at(cell.document_id, cell.start, cell.end)
            out.append(replace(cell, reference_date=when, reference_reason=why))
            continue
        when, why = dates.at(cell.document_id, base.start, base.end)
        if base.kind == "money" and currency is not None and base.unit != currency:
            other = tuple(q for q in cell.values if q.kind == "money" and q.per == base.per and q.unit != currency
                          and q.unit is not None)
            out.append(replace(cell, compared_values=(), other_currency=other or (base,),
                               reference_date=when, reference_reason=why))
            continue
        compared = tuple(q for q in cell.values if _related(q, base)) or (base,)
        other = ()
        if base.kind == "money":
            other = tuple(q for q in cell.values if q.kind == "money" and q.per == base.per
                          and q.unit not in (base.unit, None))
        out.append(replace(cell, compared_values=compared, other_currency=other, reference_date=when,
                           reference_reason=why))
        day = _as_date(when)
        stated.extend(Stated(cell.document_id, q, day) for q in compared)
    return out, judge(stated)


def other_currency_note(q: Quantity) -> str:
    """"stated in another currency (€55M/day)"."""
    return f"stated in another currency ({format_quantity(q)})"


def _as_date(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)
