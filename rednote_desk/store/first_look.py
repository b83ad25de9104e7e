"""The documents a project opens with, read before the project itself is opened: what the app's first paint shows.

Opening a project imports sqlite-utils (and numpy with it), checks the file and applies migrations: several
hundred milliseconds before a text could be shown. The window's first paint needs only the texts of the columns
it reopens, so they are read here first through plain sqlite3 on a read-only connection, with the same queries
as the project (QueriesMixin, no sqlite-utils). Nothing is written and nothing is trusted: the project is then
opened as usual, with every check, and its own reads replace these (the window compares the texts).

The read never changes what the opening's checks see. A read-only connection to a WAL file leaves a ``-wal`` and
``-shm`` behind, which would make the next open run the whole-file check although the file was left as the app
closed it (store/clean_close): so when no ``-wal`` lies beside the file (every committed change is in the main
file) it is read as immutable, which creates nothing; with a ``-wal`` it is read through it; with a hot
``-journal`` (recovery needs a writer) nothing is read. A file that is not SQLite, not a regular file (a FIFO
would hang the read), has no ``documents`` table, or takes longer than a moment to answer gives no documents.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rednote_desk.core.errors import UserError
from rednote_desk.core.models import Document
from rednote_desk.store.queries import QueriesMixin

TIME_LIMIT_S = 0.25  # the first paint waits for this read: a file that answers slower shows its texts later
# No value read here may be longer (bytes): one step of the query can build a huge string whatever the time
# limit (a generated column, a giant cell), on the GUI thread; a longer text is shown once the project is open
MAX_VALUE_BYTES = 8 * 1024 * 1024
_SQLITE_HEADER = b"SQLite format 3\x00"


class _PlainDb:
    """The two calls QueriesMixin makes on sqlite-utils' Database, over a plain sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Any = ()):
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))


class _FirstLook(QueriesMixin):
    def __init__(self, conn: sqlite3.Connection):
        self.db = _PlainDb(conn)


def first_documents(path: str | Path, document_ids=None, *, first: int = 2) -> list[Document]:
    """The documents ``document_ids`` that exist in the project file (in that order), or its ``first``
    documents when no ids are given; [] when the file cannot be read this way (see the module's text)."""
    path = Path(path)
    try:
        if not path.is_file() or Path(f"{path}-journal").exists():
            return []
        with open(path, "rb") as fh:
            if fh.read(16) != _SQLITE_HEADER:
                return []
        immutable = not Path(f"{path}-wal").exists()
    except OSError:
        return []
    uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0)
    except sqlite3.Error:
        return []
    deadline = time.monotonic() + TIME_LIMIT_S
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)  # nonzero: interrupt the query
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)  # "string or blob too big": nothing shown
    try:
        conn.execute("PRAGMA cell_size_check = ON")  # a damaged page gives an error, not a wild read
        kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'documents'").fetchone()
        if kind is None or kind[0] != "table":  # a view of that name could compute anything
            return []
        if any(column[-1] for column in conn.execute("PRAGMA table_xinfo(documents)")):
            return []  # a hidden or generated column (ours has none) computes its value as it is read
        look = _FirstLook(conn)
        ids = look.existing_document_ids(None if document_ids is None else list(document_ids), first=first)
        return look.documents_by_ids(ids)
    except (sqlite3.Error, UserError, TypeError, ValueError, KeyError):
        return []  # an older or foreign layout, a damaged page, too slow: the opening says what is wrong
    finally:
        conn.close()
