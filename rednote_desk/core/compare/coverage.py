"""The coverage map: statements × outlets, for coverage written independently.

Every headline and body sentence of the chosen documents is a statement. Statements are clustered
across documents by meaning (:mod:`.meaning`: sentence embeddings, content words, anchors, word
order): documents are taken longest first, and each one's statements are assigned one-to-one
(Hungarian algorithm) to the rows built so far, scored by their mean similarity to a row's members;
a statement with no row above the threshold starts a new one. So a row holds at most one statement
per document. Each cell carries the outlet's wording, its offsets (code points) and its prominence
(headline, lead = first three body sentences, or paragraph n of N). Rows are sorted by how many
outlets carry them; a row only one outlet has is that outlet's exclusive.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rednote_desk.core.claims.models import Mention, SuggestedClaim
from rednote_desk.core.compare.body import Statement, statements
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.meaning import StatementIndex
from rednote_desk.core.models import Document

LABEL_CHARS = 90


@dataclass(frozen=True)
class CoverageCell:
    document_id: int
    start: int
    end: int
    quote: str
    prominence: str  # "headline", "lead" or "paragraph n of N"
    rank: int  # 0 headline, 1 lead, then 1 + paragraph number
    score: float  # mean similarity to the row's other cells (1.0 alone)

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "quote": self.quote, "start_offset": self.start,
                "end_offset": self.end, "prominence": self.prominence, "score": round(self.score, 4)}


@dataclass(frozen=True)
class CoverageRow:
    key: str
    label: str
    cells: tuple[CoverageCell, ...]  # in document order
    omitted_by: tuple[int, ...]

    @property
    def outlets(self) -> int:
        return len(self.cells)

    @property
    def exclusive(self) -> bool:
        return len(self.cells) == 1

    def cell(self, document_id: int) -> CoverageCell | None:
        return next((c for c in self.cells if c.document_id == document_id), None)

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "outlets": self.outlets, "exclusive": self.exclusive,
                "stated_by": [c.document_id for c in self.cells], "omitted_by": list(self.omitted_by),
                "cells": [c.to_json() for c in self.cells]}

    def as_suggestion(self) -> SuggestedClaim:
        """This row as a suggested claim, to accept as annotations linked as one claim (one undo step)."""
        return SuggestedClaim(
            key=self.key, label=self.label, kind="statement",
            mentions=tuple(Mention(c.document_id, c.start, c.end, c.quote) for c in self.cells),
            reason=f"same statement in {self.outlets} documents (coverage map)",
            score=round(float(np.mean([c.score for c in self.cells])), 3), disagreement=False)


@dataclass(frozen=True)
class CoverageMap:
    document_ids: tuple[int, ...]
    rows: tuple[CoverageRow, ...]
    method: str  # which similarity was used
    note: str = ""  # shown to the user, e.g. why the meaning model was not used

    def to_json(self) -> dict:
        return {"method": self.method, "note": self.note, "documents": list(self.document_ids),
                "rows": [r.to_json() for r in self.rows]}

    def row(self, key: str) -> CoverageRow | None:
        return next((r for r in self.rows if r.key == key), None)


def statements_of(docs: Sequence[Document]) -> list[Statement]:
    """Headlines and body sentences of the documents, in document order."""
    out = []
    for d in docs:
        if d.id is None:
            continue
        out += [s for s in statements(d.id, d.text, title=d.title) if s.role in ("headline", "body")]
    return out


def cluster(index: StatementIndex, groups: Sequence[Sequence[int]]) -> list[list[tuple[int, float]]]:
    """Rows of (item, score): ``groups`` are item indexes per document, at most one item per document per row."""
    from rednote_desk.core.compare.assignment import linear_sum_assignment

    rows: list[list[int]] = []
    members: list[int] = []  # item per membership
    owner: list[int] = []  # row per membership
    scores_of: dict[int, float] = {}
    all_items = [i for g in groups for i in g]
    full = index.scores(all_items, all_items) if all_items else np.zeros((0, 0), dtype=np.float32)
    pos = {item: n for n, item in enumerate(all_items)}
    for group in sorted(groups, key=len, reverse=True):
        if not group:
            continue
        if rows:
            sims = full[np.ix_([pos[i] for i in group], [pos[m] for m in members])]
            member_rows = np.zeros((len(members), len(rows)), dtype=np.float32)
            member_rows[np.arange(len(members)), owner] = 1.0
            row_scores = (sims @ member_rows) / member_rows.sum(axis=0)
            accepted = np.where(row_scores >= index.threshold, row_scores, 0.0)
            r, c = linear_sum_assignment(accepted, maximize=True)
            chosen = {group[i]: (j, float(row_scores[i, j])) for i, j in zip(r.tolist(), c.tolist(), strict=True)
                      if accepted[i, j] > 0}
        else:
            chosen = {}
        for item in group:
            if item in chosen:
                j, score = chosen[item]
                rows[j].append(item)
            else:
                j, score = len(rows), 1.0
                rows.append([item])
            members.append(item)
            owner.append(j)
            scores_of[item] = score
    out = []
    for row in rows:
        if len(row) > 1:  # score of each member: its mean similarity to the others
            sub = full[np.ix_([pos[i] for i in row], [pos[i] for i in row])]
            means = (sub.sum(axis=1) - np.diag(sub)) / (len(row) - 1)
            out.append([(i, float(m)) for i, m in zip(row, means, strict=True)])
        else:
            out.append([(row[0], 1.0)])
    return out


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _key(cells: Sequence[CoverageCell]) -> str:
    digest = hashlib.sha1("\n".join(sorted(f"{c.document_id}:{c.quote}" for c in cells)).encode()).hexdigest()
    return "statement:" + digest[:12]


def coverage_map(docs: Sequence[Document], *, model: SentenceModel | None = None, note: str = "",
                 index: StatementIndex | None = None) -> CoverageMap:
    """Statements × documents of ``docs`` (documents without an id are skipped)."""
    docs = [d for d in docs if d.id is not None]
    if index is None:
        index = StatementIndex(statements_of(docs), model)
    order = {d.id: n for n, d in enumerate(docs)}
    groups: dict[int, list[int]] = {d.id: [] for d in docs}
    for n, s in enumerate(index.items):
        groups.setdefault(s.document_id, []).append(n)
    rows = []
    for members in cluster(index, list(groups.values())):
        cells = sorted(
            (CoverageCell(index.items[i].document_id, index.items[i].start, index.items[i].end, index.items[i].text,
                          index.items[i].prominence, index.items[i].prominence_rank, score)
             for i, score in members),
            key=lambda c: order.get(c.document_id, 0))
        # The label: the best-scored wording as shown (4 decimals), the more prominent one on a tie. Two
        # members share one mean score, and its last bits differ with the order sparse sums run in (set
        # order varies between runs): unrounded, noise picked the label.
        central = max(members, key=lambda m: (round(m[1], 4), -index.items[m[0]].prominence_rank))
        stated = {c.document_id for c in cells}
        rows.append(CoverageRow(_key(cells), _label(index.items[central[0]].text), tuple(cells),
                                tuple(d.id for d in docs if d.id not in stated)))
    rows.sort(key=lambda r: (-r.outlets, min(c.rank for c in r.cells), order.get(r.cells[0].document_id, 0),
                             r.cells[0].start))
    method = model.name if index.vectors is not None and model is not None else "shared words and anchors"
    return CoverageMap(tuple(d.id for d in docs), tuple(rows), method, note)


__all__ = ["CoverageCell", "CoverageMap", "CoverageRow", "cluster", "coverage_map", "statements_of"]
