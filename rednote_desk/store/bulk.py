"""Many rows in one statement: the annotations of an import (REFI-QDA) added with ``executemany`` inside the
current operation (or operation group), instead of one operation per annotation.

The checks are those of :meth:`OperationsMixin.add_annotation` (offsets inside the text, existing codes and
claims), made once per batch; the rows are recorded for undo like any other insert.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rednote_desk.core.anchoring import make_selector
from rednote_desk.core.errors import UserError
from rednote_desk.store.undo import Result, utc_now

CHUNK = 500  # ids per "IN (...)" query


@dataclass(frozen=True)
class NewAnnotation:
    start: int  # code points, end exclusive
    end: int
    tag_ids: Sequence[int] = ()
    note: str = ""
    coder: str = ""
    claim_id: int | None = None
    created_at: str | None = None  # kept from the source when it has one
    updated_at: str | None = None


@dataclass
class BulkCount:
    added: int = 0
    skipped: list[str] = field(default_factory=list)  # why a row was left out


def _existing(db, table: str, ids: set[int]) -> set[int]:
    found: set[int] = set()
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        part = ordered[i:i + CHUNK]
        found.update(r[0] for r in db.execute(
            f"SELECT id FROM [{table}] WHERE id IN ({','.join('?' * len(part))})", part).fetchall())
    return found


def insert_annotation_rows(db, rec, rows: Sequence[tuple], tags: Sequence[tuple[int, int]]) -> None:
    """Insert annotation rows (id, document_id, start, end, quote, prefix, suffix, note, coder, created_at,
    updated_at, status, claim_id) and their (annotation_id, tag_id) pairs, recorded for undo."""
    db.conn.executemany(
        """INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, prefix, suffix, note, coder,
           created_at, updated_at, status, claim_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
    db.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tags)
    for row in rows:
        rec.inserted("annotations", id=row[0])
    for annotation_id, tag_id in tags:
        rec.inserted("annotation_tags", annotation_id=annotation_id, tag_id=tag_id)


def add_annotations(project: Any, document_id: int, rows: Sequence[NewAnnotation], *,
                    label: str = "Add annotations", is_cancelled: Callable[[], bool] | None = None) -> Result[BulkCount]:
    """Add ``rows`` to one document in one operation (joining an open operation group). A row whose span lies
    outside the text or is empty is skipped and said why; unknown code or claim ids refuse the whole batch."""
    text = project._document_text(document_id)
    db = project.db
    tag_ids = {t for row in rows for t in row.tag_ids}
    missing = tag_ids - _existing(db, "tags", tag_ids)
    if missing:
        raise UserError(f"no code with id {min(missing)}; nothing was added")
    claim_ids = {row.claim_id for row in rows if row.claim_id is not None}
    missing = claim_ids - _existing(db, "claims", claim_ids)
    if missing:
        raise UserError(f"no claim with id {min(missing)}; nothing was added")
    count = BulkCount()
    now = utc_now()
    with project._operation(label) as rec:
        next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM annotations").fetchone()[0]
        new_rows: list[tuple] = []
        new_tags: list[tuple[int, int]] = []
        for row in rows:
            if is_cancelled is not None and is_cancelled():
                raise UserError("cancelled; nothing was added")
            if not (0 <= row.start < row.end <= len(text)):
                count.skipped.append(f"{row.start}–{row.end} lies outside the text ({len(text)} characters)")
                continue
            selector = make_selector(text, row.start, row.end)
            created = row.created_at or now
            new_rows.append((next_id, document_id, row.start, row.end, selector.quote, selector.prefix,
                             selector.suffix, row.note, row.coder, created, row.updated_at or created,
                             "anchored", row.claim_id))
            new_tags.extend((next_id, t) for t in dict.fromkeys(row.tag_ids))
            next_id += 1
        insert_annotation_rows(db, rec, new_rows, new_tags)
        count.added = len(new_rows)
        rec.result = count
    return Result(count, rec.changes)


def add_claims(project: Any, claims: Sequence[tuple[str, str]], *, label: str = "Add claims") -> Result[list[int]]:
    """Add claims (label, note) in one operation; a label already here gets a free one ("label (2)")."""
    ids: list[int] = []
    with project._operation(label) as rec:
        for claim_label, note in claims:
            text = " ".join((claim_label or "").split())[:200] or "Claim"
            free = project._free_claim_label(text)
            cursor = project.db.execute("INSERT INTO claims (label, note, origin) VALUES (?, ?, 'confirmed')",
                                        [free, note or ""])
            rec.inserted("claims", id=cursor.lastrowid)
            ids.append(cursor.lastrowid)
        rec.result = ids
    return Result(ids, rec.changes)
