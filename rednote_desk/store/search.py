"""Full-text search, runnable on any thread: :func:`search_file` opens its own read-only connection, so the app
can search while the user types without blocking the window (the project's connection stays on its thread)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from rednote_desk.store.project import _connect_read_only
from rednote_desk.store.queries import _fts_query

DOCUMENT_HITS = """
    SELECT 'document' AS kind, d.id AS document_id, NULL AS annotation_id, d.title AS title,
           snippet(documents_fts, -1, '[', ']', '…', 12) AS snippet
    FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?
"""
ANNOTATION_HITS = """
    SELECT 'annotation' AS kind, a.document_id AS document_id, a.id AS annotation_id,
           d.title AS title, snippet(annotations_fts, -1, '[', ']', '…', 12) AS snippet
    FROM annotations_fts JOIN annotations a ON a.rowid = annotations_fts.rowid
    JOIN documents d ON d.id = a.document_id
    WHERE annotations_fts MATCH ? ORDER BY rank LIMIT ?
"""


def run_search(conn: sqlite3.Connection, query: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """Hits in documents (title, text, note), then in annotations (quote, note); see ``_fts_query``."""
    fts_query = _fts_query(query)
    if not fts_query:
        return []
    hits: list[dict[str, Any]] = []
    for sql in (DOCUMENT_HITS, ANNOTATION_HITS):
        cursor = conn.execute(sql, [fts_query, limit])
        names = [c[0] for c in cursor.description]
        hits.extend(dict(zip(names, row, strict=True)) for row in cursor)
    return hits


def search_file(path: str | Path, query: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """``run_search`` on a new read-only connection to the project file (for a worker thread)."""
    if not _fts_query(query):
        return []
    conn = _connect_read_only(Path(path))
    try:
        return run_search(conn, query, limit=limit)
    finally:
        conn.close()
