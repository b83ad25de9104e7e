"""Suggested claims: plain data shared by the number and quotation groupers."""
from __future__ import annotations

from dataclasses import dataclass

from rednote_desk.core.numbers.quantity import Quantity, format_quantity


@dataclass(frozen=True)
class Mention:
    """One document's statement of a claim: the span to annotate and the amounts in it."""

    document_id: int
    start: int  # code points into the document text, end exclusive
    end: int
    quote: str
    values: tuple[Quantity, ...] = ()  # offsets relative to the document text

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "start_offset": self.start, "end_offset": self.end,
                "quote": self.quote, "values": [q.to_json() for q in self.values]}


@dataclass(frozen=True)
class SuggestedClaim:
    """Statements in different documents that look like the same claim, and why."""

    key: str  # stable: derived from the content, e.g. "count:users:month:1e8"
    label: str
    kind: str  # "number" | "quotation"
    mentions: tuple[Mention, ...]
    reason: str
    score: float
    disagreement: bool

    @property
    def document_ids(self) -> tuple[int, ...]:
        return tuple(m.document_id for m in self.mentions)

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "kind": self.kind, "reason": self.reason,
                "score": self.score, "disagreement": self.disagreement,
                "values_side_by_side": self.values_side_by_side(),
                "mentions": [m.to_json() for m in self.mentions]}

    def values_side_by_side(self) -> str:
        """The stated values, one per mention: "≈500,000 | 700,000+ | 700,000+"."""
        return " | ".join(format_quantity(m.values[0]) for m in self.mentions if m.values)
