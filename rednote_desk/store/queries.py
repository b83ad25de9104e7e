"""Read-only queries: rows in, core.models out."""
from __future__ import annotations

import contextlib
import sqlite3
from bisect import bisect_right
from collections.abc import Generator, Iterator
from operator import itemgetter
from typing import Any

from rednote_desk.core.errors import NotFoundError
from rednote_desk.core.models import Annotation, AnnotationSpan, Claim, Document, Tag
from rednote_desk.core.tags import tag_paths


def _annotation_cols(table: str = "") -> str:
    """The annotation columns a domain object is made of. The offsets are read as integers: SQLite keeps what
    was stored, and a file from someone else may hold 3.5 or a word there (the reading view failed on it)."""
    t = f"{table}." if table else ""
    return (f"{t}id, {t}document_id, CAST({t}start_offset AS INTEGER) AS start_offset, "
            f"CAST({t}end_offset AS INTEGER) AS end_offset, {t}quote, {t}prefix, {t}suffix, {t}note, {t}coder, "
            f"{t}created_at, {t}updated_at, {t}status, {t}claim_id")


_ANNOTATION_COLS = _annotation_cols()


_DOCUMENT_TEXTS = ("title", "text", "outlet", "author", "published", "url", "source_name", "source_format",
                   "text_sha256", "imported_at", "note")
_NEVER_NONE = {"title": "", "text": "", "text_sha256": "", "note": ""}


def _as_text(value: Any) -> Any:
    """A cell that should hold text as text: SQLite keeps whatever type was stored (a file from someone else may
    hold a BLOB or a number in a TEXT column), and a widget given bytes fails where it draws them."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def document_from_row(row: dict[str, Any]) -> Document:
    values = {k: row[k] for k in Document.__dataclass_fields__ if k in row}
    for k in _DOCUMENT_TEXTS:
        if k in values:
            values[k] = _as_text(values[k])
            if values[k] is None and k in _NEVER_NONE:
                values[k] = _NEVER_NONE[k]
    return Document(**values)


def tag_from_row(row: dict[str, Any]) -> Tag:
    values = {k: row[k] for k in Tag.__dataclass_fields__}
    color = values.get("color")
    if not (isinstance(color, str) and len(color) == 7 and color[0] == "#"
            and all(c in "0123456789abcdefABCDEF" for c in color[1:])):
        values["color"] = "#999999"  # a colour from someone else's file goes into CSS: only #RRGGBB passes
    return Tag(**values)


def claim_from_row(row: dict[str, Any]) -> Claim:
    return Claim(**{k: row[k] for k in Claim.__dataclass_fields__})


class QueriesMixin:
    db: Any

    # -- documents -----------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [document_from_row(r) for r in self.db.query("SELECT * FROM documents ORDER BY id")]

    def document(self, document_id: int) -> Document:
        rows = list(self.db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFoundError(f"no document with id {document_id} (list them with: rednote-desk docs)")
        return document_from_row(rows[0])

    def documents_by_ids(self, document_ids) -> list[Document]:
        """These documents, in the order given (each once); an unknown id raises NotFoundError."""
        ids = list(dict.fromkeys(int(i) for i in document_ids))
        if not ids:
            return []
        found = {r["id"]: document_from_row(r) for r in self.db.query(
            f"SELECT * FROM documents WHERE id IN ({_marks(ids)})", ids)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"no document with id {missing[0]} (list them with: rednote-desk docs)")
        return [found[i] for i in ids]

    def document_by_hash(self, sha256: str) -> Document | None:
        rows = list(self.db.query("SELECT * FROM documents WHERE text_sha256 = ?", [sha256]))
        return document_from_row(rows[0]) if rows else None

    def document_summaries(self) -> list[dict[str, Any]]:
        """Metadata of every document without its text, with character and annotation counts."""
        return list(
            self.db.query(
                """
                SELECT d.id, d.title, d.outlet, d.author, d.published, d.url, d.source_name, d.source_format,
                       d.imported_at, length(d.text) AS characters,
                       (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotations
                FROM documents d ORDER BY d.id
                """
            )
        )

    def document_headings(self) -> list[dict[str, Any]]:
        """Id, title, outlet, author, date, url and source of every document: no text, no counts (10,000
        documents in well under 100 ms, where document_summaries reads every text's length)."""
        return list(self.db.query(
            "SELECT id, title, outlet, author, published, url, source_name FROM documents ORDER BY id"))

    def annotations_per_document(self) -> dict[int, int]:
        """How many annotations each document has (documents with none are left out): one pass over the
        document index. With document_headings, the library's rows in two steps (the list first)."""
        return dict(self.db.execute("SELECT document_id, count(*) FROM annotations GROUP BY document_id"))

    def library_rows(self) -> list[dict[str, Any]]:
        """What the library lists: the headings and each document's annotation count (one pass over the
        document index), without reading any text."""
        return list(self.db.query(
            """SELECT d.id, d.title, d.outlet, d.author, d.published, d.url, d.source_name,
                      coalesce(c.n, 0) AS annotations
               FROM documents d LEFT JOIN (SELECT document_id, count(*) AS n FROM annotations
                                           GROUP BY document_id) c ON c.document_id = d.id
               ORDER BY d.id"""))

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def existing_document_ids(self, document_ids=None, *, first: int | None = None) -> list[int]:
        """Which of these ids are documents (in the order given), or the ids of the ``first`` documents."""
        if document_ids is None:
            return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY id LIMIT ?", [first or -1])]
        ids = [int(i) for i in document_ids]
        found = {r[0] for r in self.db.execute(f"SELECT id FROM documents WHERE id IN ({_marks(ids)})", ids)}
        return [i for i in dict.fromkeys(ids) if i in found]

    # -- tags ----------------------------------------------------------------------------------
    def tags(self) -> list[Tag]:
        """The codebook in tree order: parents before children, siblings by position then name."""
        rows = [tag_from_row(r) for r in self.db.query("SELECT * FROM tags ORDER BY position, name")]
        children: dict[int | None, list[Tag]] = {}
        for tag in rows:
            children.setdefault(tag.parent_id, []).append(tag)
        ordered: list[Tag] = []

        def walk(parent: int | None) -> None:
            for tag in children.get(parent, []):
                ordered.append(tag)
                walk(tag.id)

        walk(None)
        return ordered

    def tag(self, tag_id: int) -> Tag:
        rows = list(self.db.query("SELECT * FROM tags WHERE id = ?", [tag_id]))
        if not rows:
            raise NotFoundError(f"no tag with id {tag_id}")
        return tag_from_row(rows[0])

    def tag_paths(self) -> dict[int, str]:
        """"Parent/Child" path of every tag, from one query."""
        return tag_paths(self.tags())

    def tag_path(self, tag_id: int) -> str:
        """"Parent/Child" name of a tag."""
        names = []
        current: int | None = tag_id
        guard = 0
        while current is not None and guard < 100:
            tag = self.tag(current)
            names.append(tag.name)
            current = tag.parent_id
            guard += 1
        return "/".join(reversed(names))

    def find_tags(self, name: str) -> list[Tag]:
        """Tags matching a name or a "Parent/Child" path (case-insensitive)."""
        parts = [p.strip() for p in name.split("/") if p.strip()]
        if not parts:
            return []
        candidates = [
            tag_from_row(r) for r in self.db.query("SELECT * FROM tags WHERE name = ? COLLATE NOCASE", [parts[-1]])
        ]
        if len(parts) == 1:
            return candidates
        wanted = "/".join(parts).casefold()
        paths = self.tag_paths()
        return [t for t in candidates if paths[t.id].casefold() == wanted]

    def tag_usage(self) -> dict[int, int]:
        return {
            r["tag_id"]: r["n"]
            for r in self.db.query("SELECT tag_id, count(*) AS n FROM annotation_tags GROUP BY tag_id")
        }

    def annotations_tagged_count(self, tag_ids) -> int:
        """How many annotations carry any of these tags (through the tag index, not a pass over every one)."""
        ids = sorted({int(t) for t in tag_ids})
        if not ids:
            return 0
        return self.db.execute(f"SELECT count(DISTINCT annotation_id) FROM annotation_tags WHERE tag_id IN "
                               f"({_marks(ids)})", ids).fetchone()[0]

    def tag_usage_for(self, tag_ids) -> dict[int, int]:
        """Uses of just these tags (an index lookup each, not a pass over every annotation)."""
        return {tag_id: self.db.execute("SELECT count(*) FROM annotation_tags WHERE tag_id = ?",
                                        [tag_id]).fetchone()[0] for tag_id in tag_ids}

    # -- annotations ---------------------------------------------------------------------------
    def annotations(self, document_id: int | None = None) -> list[Annotation]:
        where, params = ("WHERE a.document_id = ?", [document_id]) if document_id is not None else ("", [])
        return self._annotations_where(where, params)

    def annotations_of_documents(self, document_ids) -> list[Annotation]:
        """The annotations of just these documents (through the document index: the rest of the project is
        never read), by document, then position."""
        ids = sorted({int(i) for i in document_ids})
        if not ids:
            return []
        return self._annotations_where(f"WHERE a.document_id IN ({_marks(ids)})", ids)

    def annotation_spans(self, document_id: int) -> list[AnnotationSpan]:
        """Offsets, claim, status and tags of a document's annotations, without quotes and notes (for painting)."""
        cursor = self.db.execute(
            """
            SELECT a.id, a.document_id, CAST(a.start_offset AS INTEGER), CAST(a.end_offset AS INTEGER), a.claim_id,
                   a.status, t.tag_list
            FROM annotations a
            LEFT JOIN (SELECT annotation_id, group_concat(tag_id) AS tag_list FROM annotation_tags
                       WHERE annotation_id IN (SELECT id FROM annotations WHERE document_id = ?)
                       GROUP BY annotation_id) t ON t.annotation_id = a.id
            WHERE a.document_id = ? ORDER BY a.start_offset, a.id
            """,
            [document_id, document_id],
        )
        parsed: dict[str | None, tuple[int, ...]] = {None: ()}
        out = []
        for row in cursor.fetchall():
            tags = parsed.get(row[6])
            if tags is None:
                tags = parsed[row[6]] = tuple(sorted(int(x) for x in row[6].split(",")))
            out.append(AnnotationSpan(row[0], row[1], row[2], row[3], row[4], row[5], tags))
        return out

    def annotations_by_ids(self, annotation_ids) -> list[Annotation]:
        """The annotations among these ids that exist (for refreshing a few after an operation)."""
        ids = list(annotation_ids)
        if not ids:
            return []
        return self._annotations_where(f"WHERE a.id IN ({','.join('?' for _ in ids)})", ids)

    def _annotations_where(self, where: str, params: list) -> list[Annotation]:
        # plain tuples (not dicts) and one GROUP BY for the tags: opening a document with 10,000 annotations
        # must stay well under the 300 ms budget
        cursor = self.db.execute(
            f"""
            SELECT {_annotation_cols('a')}, t.tag_list
            FROM annotations a
            LEFT JOIN (SELECT annotation_id, group_concat(tag_id) AS tag_list FROM annotation_tags
                       WHERE annotation_id IN (SELECT a.id FROM annotations a {where})
                       GROUP BY annotation_id) t ON t.annotation_id = a.id
            {where} ORDER BY a.document_id, a.start_offset, a.id
            """,
            params + params,
        )
        out = []
        for (aid, document_id, start, end, quote, prefix, suffix, note, coder, created, updated, status, claim_id,
             tag_list) in cursor.fetchall():  # _ANNOTATION_COLS, then the tag list
            tags = tuple(sorted(int(x) for x in tag_list.split(","))) if tag_list else ()
            out.append(Annotation(aid, document_id, start, end, quote, prefix, suffix, note, coder, created, updated,
                                  status, claim_id, tags))
        return out

    def annotation(self, annotation_id: int) -> Annotation:
        found = self.annotations_by_ids([annotation_id])
        if not found:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found[0]

    def annotations_for_claim(self, claim_id: int) -> list[Annotation]:
        rows = self.db.query(
            f"""SELECT {_ANNOTATION_COLS},
                (SELECT group_concat(tag_id) FROM annotation_tags t WHERE t.annotation_id = annotations.id)
                AS tag_list FROM annotations WHERE claim_id = ? ORDER BY document_id, start_offset""",
            [claim_id],
        )
        return [_annotation_from_row(r) for r in rows]

    def orphaned_annotations(self, document_id: int | None = None) -> list[Annotation]:
        """Annotations a re-import could not place, waiting for review (by document, then id)."""
        where, params = ("AND document_id = ?", [document_id]) if document_id is not None else ("", [])
        rows = self.db.query(
            f"""SELECT {_ANNOTATION_COLS},
                (SELECT group_concat(tag_id) FROM annotation_tags t WHERE t.annotation_id = annotations.id)
                AS tag_list FROM annotations WHERE status = 'orphaned' {where} ORDER BY document_id, id""",
            params,
        )
        return [_annotation_from_row(r) for r in rows]

    def annotation_counts(self, document_ids) -> dict[int, int]:
        """Annotations per document, for just these documents."""
        return {d: self.db.execute("SELECT count(*) FROM annotations WHERE document_id = ?", [d]).fetchone()[0]
                for d in document_ids}

    def annotation_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM annotations").fetchone()[0]

    def document_headers(self, document_ids) -> list[dict[str, Any]]:
        """id, title, outlet, url of just these documents (no texts, no counts): for labels."""
        ids = sorted({int(i) for i in document_ids})
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        return list(self.db.query(f"SELECT id, title, outlet, url FROM documents WHERE id IN ({marks})", ids))

    def coded_passages(self, tag_ids, *, limit: int = 20000) -> list[tuple]:
        """Rows for core.retrieval.passage_from_row: the anchored annotations carrying any of these tags."""
        return read_coded_passages(self.db.conn, tag_ids, limit=limit)

    # -- claims --------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        return [claim_from_row(r) for r in self.db.query("SELECT * FROM claims ORDER BY label")]

    def claims_of_documents(self, document_ids) -> list[Claim]:
        """The claims that annotations of these documents belong to, by label."""
        ids = sorted({int(i) for i in document_ids})
        if not ids:
            return []
        return [claim_from_row(r) for r in self.db.query(
            f"""SELECT * FROM claims WHERE id IN (SELECT claim_id FROM annotations
                WHERE document_id IN ({_marks(ids)}) AND claim_id IS NOT NULL) ORDER BY label""", ids)]

    def claim(self, claim_id: int) -> Claim:
        rows = list(self.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
        if not rows:
            raise NotFoundError(f"no claim with id {claim_id}")
        return claim_from_row(rows[0])

    def claim_by_label(self, label: str) -> Claim | None:
        rows = list(self.db.query("SELECT * FROM claims WHERE label = ?", [label]))
        return claim_from_row(rows[0]) if rows else None

    def dismissed_suggestion_keys(self) -> set[str]:
        return {r["key"] for r in self.db.query("SELECT key FROM dismissed_suggestions")}

    # -- search --------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 200) -> list[dict[str, Any]]:
        """Full-text search over document titles, texts and notes and annotation quotes and notes."""
        from rednote_desk.store.search import run_search

        return run_search(self.db.conn, query, limit=limit)

    # -- export --------------------------------------------------------------------------------
    def export_lookups(self) -> tuple[dict[Any, tuple], dict[Any, Any], dict[int, str]]:
        """What the annotation export looks up by id: documents (title, outlet, author, published, url),
        claim labels and tag paths. Few rows: read once, instead of being joined into every annotation."""
        documents = {row[0]: row[1:] for row in self.db.execute(
            "SELECT id, title, outlet, author, published, url FROM documents")}
        claims = {row[0]: row[1] for row in self.db.execute("SELECT id, label FROM claims")}
        return documents, claims, self.tag_paths()

    def iter_export_batches(self, *, batch: int = 2000) -> Generator[tuple[list[tuple], dict], None, None]:
        """Every annotation, by id, in batches of at most ``batch``: (rows as tuples in the order of
        core.export.ANNOTATION_ROW, {annotation id: its tag id, or its tag ids joined by commas}). Memory
        holds one batch.

        Two statements read side by side in one snapshot: the annotations, and the annotation_tags key in the
        same order (two numbers a row, however many tags an annotation has). Both are closed when the
        generator is closed or dropped."""
        rows_cursor = self.db.execute(
            """SELECT id, document_id, start_offset, end_offset, quote, prefix, suffix, claim_id, note, coder,
                      created_at, updated_at
               FROM annotations ORDER BY id""")
        tags_cursor = self.db.execute(  # the bound leaves out what is not a number (a damaged file)
            "SELECT annotation_id, tag_id FROM annotation_tags WHERE annotation_id <= 9223372036854775807"
            " ORDER BY annotation_id")
        ahead: list[tuple] = []  # tag rows read past the current batch
        try:
            while rows := rows_cursor.fetchmany(batch):
                last = rows[-1][0]
                tag_rows = ahead
                while not tag_rows or tag_rows[-1][0] <= last:
                    more = tags_cursor.fetchmany(batch)
                    if not more:
                        break
                    tag_rows = tag_rows + more if tag_rows else more
                cut = bisect_right(tag_rows, last, key=_first)
                tag_rows, ahead = tag_rows[:cut], tag_rows[cut:]
                tags = dict(tag_rows)
                yield rows, tags if len(tags) == len(tag_rows) else _tag_lists(tag_rows)
        finally:
            for cursor in (rows_cursor, tags_cursor):
                with contextlib.suppress(sqlite3.ProgrammingError):  # the connection was closed first
                    cursor.close()

    def iter_export_rows(self, *, batch: int = 2000) -> Iterator[tuple]:
        """The same annotations one tuple each, with their document's fields, tags and claim label in the
        order of core.export.CSV_COLUMNS (for core.export.write_csv; the export itself takes
        :meth:`iter_export_batches`, which is faster)."""
        from rednote_desk.core.export import tags_cell

        documents, claims, paths = self.export_lookups()
        no_document = (None,) * 5
        for rows, tags in self.iter_export_batches(batch=batch):
            for (annotation_id, document_id, start, end, quote, prefix, suffix, claim_id, note, coder, created,
                 updated) in rows:
                yield ((annotation_id, document_id) + documents.get(document_id, no_document)
                       + (start, end, quote, prefix, suffix, tags_cell(tags.get(annotation_id), paths), claim_id,
                          claims.get(claim_id), note, coder, created, updated))


def read_coded_passages(conn, tag_ids, *, limit: int = 20000) -> list[tuple]:
    """Only what the coded-passages view shows (no document texts: the context is the selectors' prefix and
    suffix), through the annotation_tags index; at most ``limit`` rows, by document and position."""
    ids = sorted({int(t) for t in tag_ids})
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    return conn.execute(
        f"""
        SELECT a.id, a.document_id, a.start_offset, a.end_offset, a.quote, a.prefix, a.suffix, a.note, a.coder,
               d.title, d.outlet, d.url,
               (SELECT group_concat(t.tag_id) FROM annotation_tags t WHERE t.annotation_id = a.id)
        FROM annotations a JOIN documents d ON d.id = a.document_id
        WHERE a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id IN ({marks}))
          AND a.status != 'orphaned'
        ORDER BY a.document_id, a.start_offset, a.id
        LIMIT ?
        """,
        [*ids, int(limit)],
    ).fetchall()


_first = itemgetter(0)


def _tag_lists(tag_rows: list[tuple]) -> dict:
    """{annotation id: its tag ids joined by commas} from (annotation id, tag id) rows."""
    lists: dict = {}
    for annotation_id, tag_id in tag_rows:
        lists[annotation_id] = f"{lists[annotation_id]},{tag_id}" if annotation_id in lists else tag_id
    return lists


def _annotation_from_row(row: dict[str, Any]) -> Annotation:
    tag_list = row.pop("tag_list", None)
    tag_ids = tuple(sorted(int(x) for x in tag_list.split(","))) if tag_list else ()
    return Annotation(tag_ids=tag_ids, **row)


def _marks(values) -> str:
    """"?,?,?": one placeholder per value."""
    return ",".join("?" for _ in values)


MAX_SEARCH_TERMS = 12


def _fts_query(text: str) -> str:
    """Turn what a user types into a safe, bounded FTS5 query: each word a quoted prefix term.

    Control characters (NUL included) are dropped, repeated words count once, at most ``MAX_SEARCH_TERMS`` words
    are used, and a one-character word is matched whole (a one-letter prefix matches nearly every token, and a
    few hundred of them made one search run for minutes)."""
    cleaned = "".join(" " if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else c for c in text or "")
    words = list(dict.fromkeys(w for w in cleaned.replace('"', " ").split() if w))[:MAX_SEARCH_TERMS]
    return " ".join(f'"{w}"' if len(w) == 1 else f'"{w}"*' for w in words)
