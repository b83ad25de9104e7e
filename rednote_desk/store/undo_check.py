"""Checks on an undo-log entry before it is replayed.

The undo log lives in the project file, and a project file may come from someone else. An entry names tables,
key columns and columns that undo and redo put into SQL, so an entry is replayed only when every row change in
it is one our own operations could have written: the table is one of ours, the key is exactly that table's key
with values of the right type and range, the row states name only real columns, hold only plain values and
agree with the key. Anything else refuses the whole entry with a message; nothing is written.
"""
from __future__ import annotations

import json
from typing import Any

from rednote_desk.core.errors import UserError

MAX_ID = 2**63 - 1
TEXT_KEYS = {("dismissed_suggestions", "key")}


class UndoLogError(UserError):
    """An undo-log entry that RedNote Desk did not write; it is not replayed."""


def quote_identifier(name: str) -> str:
    """An SQL identifier quoted for SQLite (double quotes, inner quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def checked_entry(db, label: str, changes_json: str, keys: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """The entry's row changes (dicts with t, k, b, a), or UndoLogError saying what is wrong with it."""

    def refuse(reason: str) -> UndoLogError:
        return UndoLogError(
            f"the undo step “{label}” in this project file was not written by RedNote Desk ({reason}); "
            "it was not replayed and the project is unchanged. The file may have been edited by another "
            "program; you can save a repaired copy with: rednote-desk repair"
        )

    try:
        data = json.loads(changes_json)
    except (TypeError, ValueError):
        raise refuse("its contents are not readable") from None
    if not isinstance(data, list):
        raise refuse("its contents are not a list of row changes")
    columns: dict[str, set[str]] = {}
    for change in data:
        if not isinstance(change, dict) or set(change) != {"t", "k", "b", "a"}:
            raise refuse("a row change has the wrong form")
        table, key = change["t"], change["k"]
        if not isinstance(table, str) or table not in keys:
            raise refuse(f"unknown table {str(table)[:40]!r}")
        if table not in columns:
            columns[table] = {row[1] for row in db.execute(f"PRAGMA table_info({quote_identifier(table)})")}
        if not isinstance(key, dict) or tuple(sorted(key)) != tuple(sorted(keys[table])):
            raise refuse(f"the key of a {table} row is not that table's key")
        for name, value in key.items():
            if (table, name) in TEXT_KEYS:
                if not isinstance(value, str):
                    raise refuse(f"{table}.{name} is not text")
            elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
                raise refuse(f"{table}.{name} = {str(value)[:40]!r} is not a row id")
        for state in (change["b"], change["a"]):
            if state is None:
                continue
            if not isinstance(state, dict):
                raise refuse(f"a {table} row is not a row")
            unknown = set(state) - columns[table]
            if unknown:
                raise refuse(f"{table} has no column {sorted(unknown)[0][:40]!r}")
            if any(state.get(name) != value for name, value in key.items()):
                raise refuse(f"a {table} row does not match its key")
            if any(v is not None and (isinstance(v, bool) or not isinstance(v, (int, float, str))
                                      or (isinstance(v, int) and not -MAX_ID - 1 <= v <= MAX_ID))
                   for v in state.values()):
                raise refuse(f"a {table} row holds a value that is not text or a number")
    return data
