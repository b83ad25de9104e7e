"""Operations as recorded row changes, and a persistent multi-level undo/redo log.

Every user action runs in one transaction through :meth:`UndoMixin._operation`. The operation tells the
recorder which rows it is about to touch; the recorder keeps each row's state before and after. Undo writes the
"before" states back in reverse order, redo the "after" states in order. The log lives in the database, so undo
survives a restart and the CLI, the GUI and the tests share it.

Several operations can be grouped into one undo step with :meth:`UndoMixin.operation_group`: the whole group is
one transaction that writes one undo_log row, so a crash or an error leaves either the complete step or nothing.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

from rednote_desk.core.errors import UserError
from rednote_desk.store.undo_check import checked_entry, quote_identifier

UNDO_LOG_LIMIT = 500

# primary-key columns of each table that operations touch
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",),
    "tags": ("id",),
    "claims": ("id",),
    "annotations": ("id",),
    "annotation_tags": ("annotation_id", "tag_id"),
    "dismissed_suggestions": ("key",),
}


@dataclass
class Changes:
    """What an operation (or its undo) changed, so each view refreshes only what it must."""

    label: str = ""
    tables: set[str] = field(default_factory=set)
    document_ids: set[int] = field(default_factory=set)
    annotation_ids: set[int] = field(default_factory=set)
    tag_ids: set[int] = field(default_factory=set)
    claim_ids: set[int] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.tables


T = TypeVar("T")


class Result(NamedTuple, Generic[T]):
    """What an operation made, with what it changed (Anki's ``OpChangesWithId`` idea).

    Operations that create or count something return ``Result(value, changes)``: ``add_tag`` -> the new
    ``Tag``, ``add_annotation`` -> the ``Annotation``, ``link_claim`` / ``accept_suggestion`` -> the ``Claim``,
    ``add_document`` -> the ``Document`` (``changes.empty`` when the same text was already there),
    ``load_codebook`` -> the number of tags added, ``replace_document_text`` -> the re-anchoring counts.
    It unpacks as ``value, changes = project.add_tag(...)``. A face hands ``changes`` to whatever refreshes
    its views; there is no "last changes" attribute on the project to read afterwards.
    """

    value: T
    changes: Changes


@dataclass
class _RowChange:
    table: str
    key: dict[str, Any]
    before: dict[str, Any] | None
    after: dict[str, Any] | None = None


class Recorder:
    """Collects the before/after state of every row an operation touches."""

    changes: Changes  # what the operation changed: set by UndoMixin._operation once its block has run

    def __init__(self, db):
        self.db = db
        self._changes: list[_RowChange] = []
        self._seen: set[tuple] = set()
        self.result: Any = None

    def _fetch(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        where = " AND ".join(f"[{k}] = ?" for k in key)
        rows = list(self.db.query(f"SELECT * FROM [{table}] WHERE {where}", list(key.values())))
        return rows[0] if rows else None

    def _remember(self, table: str, key: dict[str, Any], before: dict[str, Any] | None) -> None:
        ident = (table, tuple(key.items()))
        if ident in self._seen:
            return
        self._seen.add(ident)
        self._changes.append(_RowChange(table, key, before))

    def track(self, table: str, where: str = "1", params: list | tuple = ()) -> list[dict[str, Any]]:
        """Call before modifying or deleting the rows matching ``where``; returns their current state."""
        rows = list(self.db.query(f"SELECT * FROM [{table}] WHERE {where}", list(params)))
        for row in rows:
            self._remember(table, {k: row[k] for k in KEYS[table]}, row)
        return rows

    def inserted(self, table: str, **key: Any) -> None:
        """Call after inserting a row."""
        self._remember(table, key, None)

    def finish(self, label: str) -> tuple[list[_RowChange], Changes]:
        groups: dict[tuple[str, tuple[str, ...]], list[_RowChange]] = {}
        for change in self._changes:
            groups.setdefault((change.table, tuple(change.key)), []).append(change)
        for (table, columns), changes in groups.items():
            if len(changes) < 16:  # a few rows: one query each
                for change in changes:
                    change.after = self._fetch(table, change.key)
                continue
            # many rows (a bulk insert): read them back in chunks by their first key column
            found: dict[tuple, dict[str, Any]] = {}
            firsts = list(dict.fromkeys(c.key[columns[0]] for c in changes))
            for i in range(0, len(firsts), 500):
                part = firsts[i:i + 500]
                for row in self.db.query(f"SELECT * FROM [{table}] WHERE [{columns[0]}] IN "
                                         f"({','.join('?' * len(part))})", part):
                    found[tuple(row[k] for k in columns)] = row
            for change in changes:
                change.after = found.get(tuple(change.key[k] for k in columns))
        real = [c for c in self._changes if c.before != c.after]
        return real, summarize(label, real)


def summarize(label: str, changes: list[_RowChange]) -> Changes:
    out = Changes(label=label)
    for change in changes:
        out.tables.add(change.table)
        for state in (change.before, change.after):
            if not state:
                continue
            if change.table == "documents":
                out.document_ids.add(state["id"])
            elif change.table == "annotations":
                out.annotation_ids.add(state["id"])
                out.document_ids.add(state["document_id"])
                if state.get("claim_id"):
                    out.claim_ids.add(state["claim_id"])
            elif change.table == "annotation_tags":
                out.annotation_ids.add(state["annotation_id"])
                out.tag_ids.add(state["tag_id"])
            elif change.table == "tags":
                out.tag_ids.add(state["id"])
            elif change.table == "claims":
                out.claim_ids.add(state["id"])
    return out


@dataclass
class OperationGroup:
    """An open group of operations. ``label`` may be changed until the group ends; ``changes`` is filled then.

    With ``label`` empty at the end, the group takes the label of its only operation, or "Several changes".
    """

    label: str
    changes: Changes = field(default_factory=Changes)
    labels: list[str] = field(default_factory=list)  # labels of the operations that completed in the group
    rows: list[_RowChange] = field(default_factory=list, repr=False)  # their row changes, in order

    def final_label(self) -> str:
        if self.label:
            return self.label
        return self.labels[0] if len(self.labels) == 1 else "Several changes"


class UndoMixin:
    db: Any
    _group: OperationGroup | None = None

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        """Like ``db.atomic()``, but an outermost transaction takes the write lock at once (BEGIN IMMEDIATE).

        A deferred BEGIN reads first and upgrades to a write later; when another process committed in between,
        SQLite answers "database is locked" at once, without waiting for busy_timeout. Taking the lock up front
        makes a second writer wait its turn instead.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():  # nested: a savepoint inside the open transaction
                yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _check_writable(self) -> None:
        if getattr(self, "read_only", False):
            raise UserError("this project file is read-only; changes cannot be saved (use File > Save a copy)")

    @contextlib.contextmanager
    def _operation(self, label: str) -> Iterator[Recorder]:
        """Run one user action in one transaction and log it for undo.

        The body sets ``rec.result``; after the block ``rec.changes`` says what changed. Inside
        :meth:`operation_group` the action runs in a savepoint and its row changes join the group's single log
        entry; if it fails, only its own work is rolled back and the group carries on.
        """
        self._check_writable()
        group = self._group
        rec = Recorder(self.db)
        with self._write_transaction():
            yield rec
            row_changes, changes = rec.finish(label)
            if group is None and row_changes:
                self._log(label, row_changes)
        if group is not None and row_changes:  # reached only once the savepoint was released
            group.rows.extend(row_changes)
            group.labels.append(label)
        rec.changes = changes

    @contextlib.contextmanager
    def operation_group(self, label: str = "") -> Iterator[OperationGroup]:
        """Make the operations run inside the block one undo step, in one transaction.

        The step keeps each operation's own before/after rows in order, so undoing it replays the operations'
        undos in reverse and redo replays them forwards, exactly as if they had been undone one by one. An
        exception escaping the block rolls back every operation of the group and logs nothing; an operation
        that raises inside the block and is caught there leaves no trace. A group inside a group joins the
        outer one. After the block ``group.changes`` says what changed.
        """
        if self._group is not None:
            yield self._group
            return
        self._check_writable()
        group = OperationGroup(label)
        self._group = group
        try:
            with self._write_transaction():
                yield group
                if group.rows:
                    self._log(group.final_label(), group.rows)
        finally:
            self._group = None
        group.changes = summarize(group.final_label(), group.rows)

    def _log(self, label: str, row_changes: list[_RowChange]) -> None:
        self.db.execute("DELETE FROM undo_log WHERE undone = 1")
        self.db.execute(
            "INSERT INTO undo_log (label, created_at, changes, undone) VALUES (?, ?, ?, 0)",
            [label, utc_now(), json.dumps([_encode(c) for c in row_changes], ensure_ascii=False)],
        )
        self.db.execute("DELETE FROM undo_log WHERE id <= (SELECT max(id) FROM undo_log) - ?", [UNDO_LOG_LIMIT])

    def _check_no_group(self, action: str) -> None:
        if self._group is not None:
            raise UserError(f"cannot {action} while a group of changes is being made")

    def undo_label(self) -> str | None:
        row = self.db.execute("SELECT label FROM undo_log WHERE undone = 0 ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def redo_label(self) -> str | None:
        row = self.db.execute("SELECT label FROM undo_log WHERE undone = 1 ORDER BY id ASC LIMIT 1").fetchone()
        return row[0] if row else None

    def undo(self) -> Changes | None:
        """Undo the latest operation; None when there is nothing to undo."""
        self._check_writable()
        self._check_no_group("undo")
        with self._write_transaction():
            row = self.db.execute(
                "SELECT id, label, changes FROM undo_log WHERE undone = 0 ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            changes = [_decode(c) for c in checked_entry(self.db.conn, row[1], row[2], KEYS)]
            for change in reversed(changes):
                _restore(self.db, change.table, change.key, change.before)
            self.db.execute("UPDATE undo_log SET undone = 1 WHERE id = ?", [row[0]])
        return summarize(row[1], changes)

    def redo(self) -> Changes | None:
        """Redo the earliest undone operation; None when there is nothing to redo."""
        self._check_writable()
        self._check_no_group("redo")
        with self._write_transaction():
            row = self.db.execute(
                "SELECT id, label, changes FROM undo_log WHERE undone = 1 ORDER BY id ASC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            changes = [_decode(c) for c in checked_entry(self.db.conn, row[1], row[2], KEYS)]
            for change in changes:
                _restore(self.db, change.table, change.key, change.after)
            self.db.execute("UPDATE undo_log SET undone = 0 WHERE id = ?", [row[0]])
        return summarize(row[1], changes)


def _restore(db, table: str, key: dict[str, Any], state: dict[str, Any] | None) -> None:
    """Write a row state back (names checked by :func:`checked_entry` and quoted here as well)."""
    q = quote_identifier
    if state is None:
        where = " AND ".join(f"{q(k)} = ?" for k in key)
        db.execute(f"DELETE FROM {q(table)} WHERE {where}", list(key.values()))
        return
    cols = list(state)
    placeholders = ", ".join("?" for _ in cols)
    col_sql = ", ".join(q(c) for c in cols)
    key_cols = KEYS[table]
    updates = [c for c in cols if c not in key_cols]
    conflict = ", ".join(q(c) for c in key_cols)
    action = "DO UPDATE SET " + ", ".join(f"{q(c)} = excluded.{q(c)}" for c in updates) if updates else "DO NOTHING"
    db.execute(
        f"INSERT INTO {q(table)} ({col_sql}) VALUES ({placeholders}) ON CONFLICT({conflict}) {action}",
        [state[c] for c in cols],
    )


def _encode(change: _RowChange) -> dict:
    return {"t": change.table, "k": change.key, "b": change.before, "a": change.after}


def _decode(data: dict) -> _RowChange:
    return _RowChange(data["t"], data["k"], data["b"], data["a"])


def utc_now() -> str:
    """The current time as ISO 8601 UTC, e.g. 2025-01-30T12:00:00.123Z."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
