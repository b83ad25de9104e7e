"""Fold several undo steps into one (Anki's ``merge_undo_entries``).

The GUI's tag popup can create a tag while the user tags a selection: the tag is made at once (the codebook shows
it), and when the annotation is applied, the steps since the popup opened are merged into the annotation's step,
so one undo removes the annotation and the tag made for it.
"""
from __future__ import annotations

import json
from typing import Any

from rednote_desk.core.errors import UserError


def undo_mark(project: Any) -> int:
    """The id of the newest undo step (0 for none): pass it to :func:`merge_undo_entries` later."""
    row = project.db.execute("SELECT coalesce(max(id), 0) FROM undo_log").fetchone()
    return int(row[0])


def merge_undo_entries(project: Any, mark: int, label: str | None = None) -> int:
    """Make the steps done after ``mark`` one step (labelled ``label``, else the newest step's label).

    Returns how many steps were merged (0 or 1: nothing to do). Refused on a read-only project, inside an
    operation group, or when a step after ``mark`` was undone meanwhile (the log is not linear then).
    """
    project._check_writable()
    project._check_no_group("merge undo steps")
    with project._write_transaction():
        rows = list(project.db.execute(
            "SELECT id, label, changes, undone FROM undo_log WHERE id > ? ORDER BY id", [mark]).fetchall())
        if len(rows) < 2:
            return 0
        if any(undone for *_rest, undone in rows):
            raise UserError("cannot merge undo steps: one of them was undone")
        merged: list = []
        for _id, _label, changes, _undone in rows:
            merged.extend(json.loads(changes))
        newest = rows[-1]
        project.db.execute(f"DELETE FROM undo_log WHERE id IN ({','.join('?' for _ in rows[:-1])})",
                           [r[0] for r in rows[:-1]])
        project.db.execute("UPDATE undo_log SET label = ?, changes = ? WHERE id = ?",
                           [label or newest[1], json.dumps(merged, ensure_ascii=False), newest[0]])
    return len(rows)
