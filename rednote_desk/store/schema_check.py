"""Checks on a project file from someone else, made before it is opened for writing.

A project file carries its own schema: a trigger added to one of our tables runs inside the app on the next
change, and a view put in place of a table runs whatever query it holds whenever we read it. ``PRAGMA
trusted_schema = OFF`` alone does not help (it breaks our own full-text triggers and does not stop a view), so:

* :func:`inspect_file` opens the file read-only (nothing is replayed into the main file, nothing written to it),
  runs ``PRAGMA quick_check`` (random damage, a foreign or stale ``-wal`` beside the file) and compares the
  file's ``sqlite_master`` (type, name, table, SQL) with exactly what our migrations create;
* :func:`write_repaired_copy` writes a new project holding only the rows of our own tables (never views,
  triggers or the undo history of the original), for the "open a repaired copy" offer;
* :func:`limit_query_time` caps how long one statement may run (the app uses it so nothing freezes the window).
"""
from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from rednote_desk.core.errors import UserError
from rednote_desk.store.migrations import MIGRATION_SET, known_migration_names, migrations
from rednote_desk.store.undo_check import quote_identifier

# tables whose rows a repaired copy keeps, parents first (the undo history is not kept: it cannot be trusted)
DATA_TABLES = ("documents", "tags", "claims", "annotations", "annotation_tags", "dismissed_suggestions")
# objects SQLite itself makes (statistics of ANALYZE / PRAGMA optimize, AUTOINCREMENT counters)
SQLITE_TABLES = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
QUICK_CHECK_ROWS = 5


class SchemaError(UserError):
    """A project file whose structure is not the one RedNote Desk makes; ``problems`` lists the differences."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems


class DamagedFileError(UserError):
    """A project file that fails SQLite's quick check."""


def _normalized(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def schema_rows(conn: sqlite3.Connection, schema: str = "main") -> set[tuple]:
    rows = conn.execute(f"SELECT type, name, tbl_name, sql FROM {quote_identifier(schema)}.sqlite_master")
    return {(t, n, tb, _normalized(s)) for t, n, tb, s in rows}


_SCHEMA_LOCK = threading.Lock()  # the opening's fast and whole-file checks may ask at once from two workers


def expected_schema(applied: tuple[str, ...]) -> frozenset[tuple]:
    """What our migrations create after the steps ``applied`` (a prefix of the known steps)."""
    with _SCHEMA_LOCK:  # built once (about 40 ms), not once per thread
        return _expected_schema(applied)


@cache
def _expected_schema(applied: tuple[str, ...]) -> frozenset[tuple]:
    from sqlite_utils import Database

    known = known_migration_names()
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        pending = known[len(applied):]
        migrations.apply(db, stop_before=pending[0] if pending else None)
        return frozenset(schema_rows(conn))
    finally:
        conn.close()


def schema_problems(conn: sqlite3.Connection, applied: list[str]) -> list[str]:
    """How the file's schema differs from ours at its migration step (empty when it is ours)."""
    known = known_migration_names()
    if applied != known[:len(applied)]:
        return []  # a newer or foreign migration history: the version check says so more clearly
    expected = expected_schema(tuple(applied))
    actual = schema_rows(conn)
    problems = []
    expected_by_name = {row[1]: row for row in expected}
    actual_by_name = {row[1]: row for row in actual}
    for name, row in sorted(actual_by_name.items()):
        kind = row[0]
        if name in expected_by_name:
            want = expected_by_name[name]
            if want[0] != kind:
                problems.append(f"“{name}” is a {kind} where RedNote Desk has a {want[0]}")
            elif want != row:
                problems.append(f"the {kind} “{name}” was changed (columns or definition differ)")
        elif name in SQLITE_TABLES and kind == "table":
            continue
        elif name.startswith("sqlite_autoindex_") and kind == "index" and row[3] is None:
            continue
        else:
            problems.append(f"an unknown {kind} “{name}”" + (f" on {row[2]}" if row[2] != name else ""))
    for name, row in sorted(expected_by_name.items()):
        if name not in actual_by_name:
            problems.append(f"the {row[0]} “{name}” is missing")
    return problems


def inspect_file(conn: sqlite3.Connection, path: Path, *, whole_file: bool = True) -> None:
    """Quick check and schema check on a read-only connection; raises DamagedFileError or SchemaError.
    ``whole_file=False`` (the file is exactly as this app left it, see store/clean_close.py) skips the quick
    check of every page; the schema check always runs."""
    # a -wal left beside the file (a crash, or copied from another project) is what went wrong before: then the
    # full check, which also compares every index with its table; otherwise the quick one
    check = "integrity_check" if has_wal(path) else "quick_check"
    whole_file = whole_file or check == "integrity_check"  # a -wal that appeared since the caller looked
    try:
        results = [row[0] for row in conn.execute(f"PRAGMA {check}({QUICK_CHECK_ROWS})")] if whole_file else ["ok"]
    except sqlite3.DatabaseError as exc:
        results = [str(exc)]
    if results != ["ok"]:
        raise DamagedFileError(
            f"{path} failed SQLite's check ({'; '.join(results)[:300]}); it was not opened and was left "
            "untouched. If a -wal file lies beside it that belongs to another copy, move that file away; "
            "otherwise open a copy from the .backups folder next to it, or try: sqlite3 FILE .recover"
        )
    check_schema(conn, path)


def has_wal(path: Path) -> bool:
    """A -wal with content beside the file: changes not yet in the main file (a crash, or another copy's)."""
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def check_schema(conn: sqlite3.Connection, path: Path) -> list[str] | None:
    """The fast part of :func:`inspect_file` (milliseconds): ``sqlite_master`` must be exactly what our
    migrations make at the file's step; raises SchemaError. Returns the applied migration steps, or None for
    a file with no migration table (not ours, or new and empty)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" not in tables:
        return None  # not ours at all, or new and empty: the caller tells these apart
    applied = [row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]
    problems = schema_problems(conn, applied)
    if problems:
        shown = "; ".join(problems[:4]) + ("; …" if len(problems) > 4 else "")
        raise SchemaError(
            f"{path} has database objects that RedNote Desk did not make ({shown}). Such objects can run "
            "code or hide data when the project is used, so it was not opened and was left untouched. "
            f"Open a repaired copy instead (it keeps the documents, codebook and annotations): "
            f"rednote-desk --db {path} repair",
            problems,
        )
    return applied


def write_repaired_copy(source: Path, destination: Path) -> dict[str, int]:
    """Fill ``destination`` (a new, empty file that the caller created) with a fresh project holding the rows of
    our tables in ``source``, which is only read. Only real tables are read (never a view or a virtual table), so
    nothing of the source's schema runs. Returns how many rows each table kept; rows that break a rule of ours
    (a missing value, a duplicate, a reference to a row that is not there) are left out."""
    from rednote_desk.store.project import Project, _connect_read_only

    kept: dict[str, int] = {}
    source_conn = _connect_read_only(Path(source))
    try:
        found = {name for name, sql in source_conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if sql and not sql.lstrip().upper().startswith("CREATE VIRTUAL")}
        with Project.open(destination) as target:
            conn = target.db.conn
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for table in DATA_TABLES:
                    kept[table] = 0
                    if table not in found:
                        continue
                    q = quote_identifier(table)
                    ours = [row[1] for row in conn.execute(f"PRAGMA table_info({q})")]
                    theirs = {row[1] for row in source_conn.execute(f"PRAGMA table_info({q})")}
                    columns = [c for c in ours if c in theirs]
                    names = ", ".join(quote_identifier(c) for c in columns)
                    insert = (f"INSERT OR IGNORE INTO {q} ({names}) "
                              f"VALUES ({', '.join('?' for _ in columns)})")
                    rows = source_conn.execute(f"SELECT {names} FROM {q}")
                    while batch := rows.fetchmany(500):
                        kept[table] += conn.executemany(insert, batch).rowcount
                for _ in range(len(DATA_TABLES)):  # rows pointing at rows that are not there
                    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                    if not broken:
                        break
                    for table, rowid, _parent, _fk in broken:
                        deleted = conn.execute(f"DELETE FROM {quote_identifier(table)} WHERE rowid = ?", [rowid])
                        kept[table] -= deleted.rowcount
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            finally:
                conn.execute("PRAGMA foreign_keys = ON")
    finally:
        source_conn.close()
    return kept


_LIMITS: dict[int, float] = {}  # id(connection) -> its limit (connections take no weak references)


def limit_query_time(conn: sqlite3.Connection, seconds: float | None, *, every: int = 20_000) -> None:
    """Interrupt any one statement that runs longer than ``seconds`` (``sqlite3.OperationalError: interrupted``).

    SQLite's trace callback marks when each statement starts running, the progress handler looks at the clock
    every ``every`` instructions: one endless query (a recursive view, a huge join) is stopped, a long series of
    short statements (a big import) is not. ``None`` removes the limit.
    """
    if seconds is None:
        conn.set_progress_handler(None, every)
        conn.set_trace_callback(None)
        _LIMITS.pop(id(conn), None)
        return
    state = {"start": time.monotonic()}

    def started(_sql: str) -> None:
        state["start"] = time.monotonic()

    def handler() -> int:
        return 1 if time.monotonic() - state["start"] > seconds else 0

    conn.set_trace_callback(started)
    conn.set_progress_handler(handler, every)
    _LIMITS[id(conn)] = seconds


@contextlib.contextmanager
def no_time_limit(conn: sqlite3.Connection) -> Iterator[None]:
    """Lift the statement time limit for work that is long by nature (a copy of the whole file)."""
    seconds = _LIMITS.get(id(conn))
    if seconds is None:
        yield
        return
    limit_query_time(conn, None)
    try:
        yield
    finally:
        limit_query_time(conn, seconds)
