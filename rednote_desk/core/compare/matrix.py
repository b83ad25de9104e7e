"""Claims × outlets matrix: one row per claim, one cell per document that states it.

Rows come from confirmed claims (annotations linked by a claim id) and from suggested claims
(:func:`rednote_desk.core.claims.suggest_claims`) that were neither dismissed nor already accepted.
Numbers in each cell are parsed; a row whose compared values cannot all be true is a disagreement.
All offsets are code points into the document text.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rednote_desk.core.claims.models import SuggestedClaim
from rednote_desk.core.compare.row_numbers import Dates, judge_cells, other_currency_note
from rednote_desk.core.compare.voices import count_voices
from rednote_desk.core.labels import document_label
from rednote_desk.core.models import Annotation, Claim, Document
from rednote_desk.core.numbers import detect_decimal_mark, parse_quantities
from rednote_desk.core.numbers.quantity import Quantity, format_quantity

ORIGIN_CONFIRMED = "confirmed"
ORIGIN_SUGGESTED = "suggested"


@dataclass(frozen=True)
class Passage:
    """One stretch of a document's wording; ``annotation_id`` is None for a suggestion."""

    start: int
    end: int
    quote: str
    annotation_id: int | None = None


@dataclass(frozen=True)
class Cell:
    """What one document says for one claim."""

    document_id: int
    passages: tuple[Passage, ...]
    tags: tuple[str, ...] = ()  # tag paths, sorted
    values: tuple[Quantity, ...] = ()  # every amount in the passages, document offsets
    compared: Quantity | None = None  # the amount the row was built on
    #: Every amount of the cell compared across the row (the row's kind, rate, currency and noun).
    compared_values: tuple[Quantity, ...] = ()
    #: Sums of the row's kind in another currency: shown, not compared.
    other_currency: tuple[Quantity, ...] = ()
    reference_date: str | None = None  # ISO date the figure refers to (publication moved by the sentence)
    reference_reason: str = ""

    @property
    def start(self) -> int:
        return self.passages[0].start

    @property
    def end(self) -> int:
        return self.passages[0].end

    @property
    def quote(self) -> str:
        return " … ".join(p.quote for p in self.passages)

    def to_json(self) -> dict:
        return {
            "document_id": self.document_id,
            "quote": self.quote,
            "start_offset": self.start,
            "end_offset": self.end,
            "tags": list(self.tags),
            "values": [q.to_json() for q in self.values],
            "compared_value": None if self.compared is None else self.compared.to_json(),
            "compared_values": [q.to_json() for q in self.compared_values],
            "other_currency": [dict(q.to_json(), note=other_currency_note(q)) for q in self.other_currency],
            "reference_date": self.reference_date,
            "reference_reason": self.reference_reason,
            "annotation_ids": [p.annotation_id for p in self.passages if p.annotation_id is not None],
            "passages": [{"quote": p.quote, "start_offset": p.start, "end_offset": p.end,
                          "annotation_id": p.annotation_id} for p in self.passages],
        }


@dataclass(frozen=True)
class ClaimRow:
    """One claim across the compared documents."""

    label: str
    origin: str  # "confirmed" | "suggested"
    cells: dict[int, Cell]  # by document id
    omitted_by: tuple[int, ...]
    disagreement: bool
    voices: int
    kind: str = "claim"  # "claim" (stored) | "number" | "quotation"
    key: str | None = None  # suggestions only
    reason: str | None = None  # suggestions only
    claim_id: int | None = None  # stored claims only
    suggestion: SuggestedClaim | None = field(default=None, repr=False, compare=False)
    verdict: str | None = None  # "conflict" | "differs" | "same" | "growth"; None: < 2 outlets give an amount
    verdict_note: str = ""  # "later report higher, 2 days later", "cannot all be true on 2025-01-16"
    outliers: tuple[int, ...] = ()  # documents out of line

    @property
    def stated_by(self) -> tuple[int, ...]:
        return tuple(self.cells)

    @property
    def tags(self) -> frozenset[str]:
        return frozenset(t for c in self.cells.values() for t in c.tags)

    def values_side_by_side(self) -> str:
        """The compared values in document order: "≈500,000 | 700,000+ | 700,000+"; several in one
        cell are joined by " / ", a sum in another currency is shown as "stated in another currency (€55M)"."""
        return " | ".join(cell_values_text(c) for c in self.cells.values() if c.compared)

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "origin": self.origin,
            "kind": self.kind,
            "key": self.key,
            "reason": self.reason,
            "claim_id": self.claim_id,
            "disagreement": self.disagreement,
            "verdict": self.verdict,
            "verdict_note": self.verdict_note,
            "outliers": list(self.outliers),
            "values_side_by_side": self.values_side_by_side(),
            "voices": self.voices,
            "stated_by": list(self.stated_by),
            "omitted_by": list(self.omitted_by),
            "cells": [c.to_json() for c in self.cells.values()],
        }


def cell_values_text(cell: Cell) -> str:
    """Every compared amount of a cell ("≈$60M/day / ≤$90M/day"), else "stated in another currency (€55M)"."""
    if cell.compared_values:
        return " / ".join(format_quantity(q) for q in cell.compared_values)
    if cell.other_currency:
        return " / ".join(other_currency_note(q) for q in cell.other_currency)
    return format_quantity(cell.compared) if cell.compared else ""


class _Columns:
    """The compared documents, with what every row reads from them: dates and decimal marks."""

    def __init__(self, documents: Sequence[Document]):
        self.docs = {d.id: d for d in documents}
        self.dates = Dates(documents)
        self.marks = {d.id: detect_decimal_mark(d.text) for d in documents}

    def row(self, cells: list[Cell], voices: dict[int, int], **fields: Any) -> ClaimRow:
        """The row of ``cells`` (``fields``: its label, origin and the rest), with its cells' compared amounts
        and dates and its verdict; a disagreement is a conflict."""
        stated = {c.document_id for c in cells}
        judged, verdict = judge_cells(cells, self.dates)
        return ClaimRow(
            cells={c.document_id: c for c in judged}, omitted_by=tuple(d for d in self.docs if d not in stated),
            voices=count_voices(stated, voices), verdict=verdict.verdict, verdict_note=verdict.note,
            outliers=verdict.outliers, disagreement=verdict.verdict == "conflict", **fields,
        )


def document_labels(documents: Sequence[Document]) -> dict[int, str]:
    """A short column header per document: its outlet, else its web site, else its title (core.labels).

    Headers that would repeat get the document id appended.
    """
    raw = {d.id: document_label(d) for d in documents}
    repeated = {n for n, c in Counter(raw.values()).items() if c > 1}
    return {i: (f"{n} · {i}" if n in repeated else n) for i, n in raw.items()}


def _parse(quote: str, start: int, decimal_mark: str) -> list[Quantity]:
    return [replace(q, start=q.start + start, end=q.end + start)
            for q in parse_quantities(quote, decimal_mark=decimal_mark)]


def _signature(q: Quantity) -> tuple:
    return (q.kind, q.per, None if q.kind == "count" else q.unit)


def _with_compared(cells: list[Cell]) -> list[Cell]:
    """Pick in each cell the amount of the kind most cells state (first one in the cell)."""
    votes = Counter(s for c in cells for s in dict.fromkeys(_signature(q) for q in c.values))
    if not votes:
        return cells
    best = max(votes, key=lambda s: votes[s])  # first most common (Counter keeps insertion order)
    return [replace(c, compared=next((q for q in c.values if _signature(q) == best), None)) for c in cells]


class _Overlaps:
    """Tag paths of the annotations overlapping a span of a document."""

    def __init__(self, annotations: Iterable[Annotation], paths: dict[int, str]):
        self._by_doc: dict[int, list[Annotation]] = {}
        for a in annotations:
            if a.status != "orphaned":
                self._by_doc.setdefault(a.document_id, []).append(a)
        self._paths = paths

    def tags(self, document_id: int, start: int, end: int) -> tuple[str, ...]:
        found = {self._paths[t] for a in self._by_doc.get(document_id, ())
                 if a.start_offset < end and start < a.end_offset for t in a.tag_ids if t in self._paths}
        return tuple(sorted(found))


def confirmed_rows(
    documents: Sequence[Document],
    annotations: Iterable[Annotation],
    claims: Sequence[Claim],
    *,
    tag_paths: dict[int, str],
    voices: dict[int, int],
) -> list[ClaimRow]:
    """Rows of the stored claims that at least one of ``documents`` states, in ``claims`` order."""
    columns = _Columns(documents)
    by_claim: dict[int, dict[int, list[Annotation]]] = {}
    for a in annotations:
        if a.claim_id is not None and a.document_id in columns.docs:
            by_claim.setdefault(a.claim_id, {}).setdefault(a.document_id, []).append(a)
    rows = []
    for claim in claims:
        per_doc = by_claim.get(claim.id)
        if not per_doc:
            continue
        cells = []
        for doc_id in columns.docs:
            anns = sorted(per_doc.get(doc_id, ()), key=lambda a: (a.start_offset, a.id or 0))
            if not anns:
                continue
            passages = tuple(Passage(a.start_offset, a.end_offset, a.quote, a.id) for a in anns)
            tags = tuple(sorted({tag_paths[t] for a in anns for t in a.tag_ids if t in tag_paths}))
            values = tuple(q for p in passages for q in _parse(p.quote, p.start, columns.marks[doc_id]))
            cells.append(Cell(doc_id, passages, tags, values))
        rows.append(columns.row(_with_compared(cells), voices, label=claim.label,
                                origin=claim.origin or ORIGIN_CONFIRMED, claim_id=claim.id))
    return rows


def already_confirmed(suggestion: SuggestedClaim, claim_spans: Iterable[set[tuple[int, int, int]]]) -> bool:
    """Whether a stored claim already states this suggestion.

    A claim span "meets" a mention when it lies in the same document and overlaps it (a hand-made annotation is
    usually a phrase inside the suggested sentence). True when at least two of a claim's spans meet mentions,
    or when all of a claim's spans do.
    """
    mentions: dict[int, list[tuple[int, int]]] = {}
    for m in suggestion.mentions:
        mentions.setdefault(m.document_id, []).append((m.start, m.end))
    for spans in claim_spans:
        met = sum(1 for doc, start, end in spans
                  if any(start < m_end and m_start < end for m_start, m_end in mentions.get(doc, ())))
        if met >= 2 or (met and met == len(spans)):
            return True
    return False


def claim_spans(annotations: Iterable[Annotation]) -> list[set[tuple[int, int, int]]]:
    """The (document, start, end) spans of each stored claim."""
    out: dict[int, set[tuple[int, int, int]]] = {}
    for a in annotations:
        if a.claim_id is not None:
            out.setdefault(a.claim_id, set()).add((a.document_id, a.start_offset, a.end_offset))
    return list(out.values())


def open_suggestions(
    suggestions: Sequence[SuggestedClaim],
    *,
    dismissed: Iterable[str],
    annotations: Iterable[Annotation],
) -> list[SuggestedClaim]:
    """The suggestions neither dismissed nor already accepted as a stored claim."""
    gone = set(dismissed)
    spans = claim_spans(annotations)
    return [s for s in suggestions if s.key not in gone and not already_confirmed(s, spans)]


def suggested_rows(
    documents: Sequence[Document],
    suggestions: Sequence[SuggestedClaim],
    annotations: Iterable[Annotation],
    *,
    tag_paths: dict[int, str],
    voices: dict[int, int],
) -> list[ClaimRow]:
    """Rows of suggested claims (pass them through :func:`open_suggestions` first)."""
    columns = _Columns(documents)
    overlaps = _Overlaps(annotations, tag_paths)
    rows = []
    for s in suggestions:
        cells = []
        for m in s.mentions:
            if m.document_id not in columns.docs:
                continue
            values = _parse(m.quote, m.start, columns.marks[m.document_id])
            compared = m.values[0] if m.values else None
            if compared is not None:
                same = [q for q in values if (q.start, q.end) == (compared.start, compared.end)]
                compared = same[0] if same else compared
            cells.append(Cell(m.document_id, (Passage(m.start, m.end, m.quote),),
                              overlaps.tags(m.document_id, m.start, m.end), tuple(values), compared))
        if s.kind != "number":
            cells = _with_compared(cells)
        rows.append(columns.row(cells, voices, label=s.label, origin=ORIGIN_SUGGESTED, kind=s.kind, key=s.key,
                                reason=s.reason, suggestion=s))
    return rows


MATRIX_CSV_COLUMNS = (
    "claim_label", "origin", "claim_key", "document_id", "outlet", "quote", "start_offset", "end_offset",
    "tags", "values", "compared_value", "compared_text", "omitted", "disagreement", "voices",
    "reference_date", "verdict", "verdict_note", "outliers",
)


def matrix_csv_rows(rows: Sequence[ClaimRow], labels: dict[int, str]) -> Iterable[dict]:
    """One CSV row per claim × document (omissions included), for :func:`core.export.write_csv`.

    ``values`` is a JSON list of the normalised amounts ({"text", "value", "low", "high", "unit",
    "qualifier"}); ``compared_value`` the number compared across the row and ``compared_text`` its
    short form ("700,000+"; every compared amount of the cell, " / " between them, or "stated in another
    currency (€55M)"); ``omitted`` and ``disagreement`` are "true"/"false"; ``reference_date`` is the ISO date
    the cell's figure refers to; ``verdict`` the row's (conflict, differs, same, growth or empty),
    ``verdict_note`` its reason and ``outliers`` the outlets out of line, "; "-separated. ``labels`` maps
    every compared document id to its outlet header.
    """
    for row in rows:
        for doc_id, outlet in labels.items():
            cell = row.cells.get(doc_id)
            yield {
                "claim_label": row.label,
                "origin": row.origin,
                "claim_key": row.key or "",
                "document_id": doc_id,
                "outlet": outlet,
                "quote": cell.quote if cell else "",
                "start_offset": cell.start if cell else None,
                "end_offset": cell.end if cell else None,
                "tags": "; ".join(cell.tags) if cell else "",
                "values": json.dumps([q.to_json() for q in cell.values], ensure_ascii=False) if cell else "",
                "compared_value": cell.compared.to_json()["value"] if cell and cell.compared else None,
                "compared_text": cell_values_text(cell) if cell else "",
                "omitted": "false" if cell else "true",
                "disagreement": "true" if row.disagreement else "false",
                "voices": row.voices,
                "reference_date": (cell.reference_date or "") if cell else "",
                "verdict": row.verdict or "",
                "verdict_note": row.verdict_note,
                "outliers": "; ".join(labels.get(d, str(d)) for d in row.outliers),
            }
