"""Merging a colleague's project into this one, and opening a foreign project file read-only to do so.

The rules (issue 12):

* **documents** are matched by their text's SHA-256. A document of the other project whose text is not here is
  added, unless a document here has the same title with a different text: that is reported and *not* merged
  (nor are its annotations), since it is probably another version of the same article;
* **codes** are matched by their ``Parent/Child`` path; missing ones are added with their colour, description
  and place in the tree;
* **annotations** are added with their coder, note, status and dates; one identical to an annotation already
  here (same document, offsets, coder and codes) is skipped, so merging the same file twice adds nothing;
* **claims** are merged by label when their annotations match: a claim whose label is new here is added; one
  whose label exists here joins that claim when the two share an annotated span (same document and offsets),
  otherwise it is added under a free label ("label (2)") and reported.

The whole merge is one operation: one transaction and one undo step.
"""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rednote_desk.core.errors import UserError
from rednote_desk.core.tags import tag_paths
from rednote_desk.store.bulk import insert_annotation_rows
from rednote_desk.store.undo import Result

REQUIRED_COLUMNS = {
    "documents": {"id", "title", "outlet", "author", "published", "url", "source_name", "source_format", "text",
                  "text_sha256", "imported_at", "note"},
    "tags": {"id", "name", "parent_id", "color", "description", "position"},
    "annotations": {"id", "document_id", "start_offset", "end_offset", "quote", "prefix", "suffix", "note",
                    "coder", "created_at", "updated_at", "status", "claim_id"},
    "annotation_tags": {"annotation_id", "tag_id"},
    "claims": {"id", "label", "note", "origin"},
}


@dataclass
class MergeSummary:
    documents_added: int = 0
    documents_matched: int = 0
    title_conflicts: list[tuple[str, int, int]] = field(default_factory=list)  # title, other id, our id
    codes_added: int = 0
    codes_matched: int = 0
    annotations_added: int = 0
    annotations_duplicate: int = 0
    annotations_not_merged: int = 0  # in a document that was not merged, or not fitting its text
    claims_added: int = 0
    claims_merged: int = 0
    claims_renamed: list[tuple[str, str]] = field(default_factory=list)  # their label, the label given here
    coders: list[str] = field(default_factory=list)  # coders of the annotations added

    def lines(self) -> list[str]:
        out = [
            (f"documents: {self.documents_added} added, {self.documents_matched} already here (same text), "
             f"{len(self.title_conflicts)} not merged (same title, different text)"),
            f"codes: {self.codes_added} added, {self.codes_matched} already here",
            (f"annotations: {self.annotations_added} added, {self.annotations_duplicate} already here, "
             f"{self.annotations_not_merged} not merged"),
            (f"claims: {self.claims_added} added, {self.claims_merged} merged by label, "
             f"{len(self.claims_renamed)} added under a new label"),
        ]
        if self.coders:
            out.append(f"coders of the added annotations: {', '.join(c or '(no name)' for c in self.coders)}")
        for title, theirs, ours in self.title_conflicts:
            out.append(f"not merged: their document {theirs} “{title}” has a different text from document {ours}")
        for their_label, our_label in self.claims_renamed:
            out.append(f"claim “{their_label}” differs from the one here: added as “{our_label}”")
        return out


# -- reading a foreign project file ------------------------------------------------------------------------
def open_foreign(path: str | Path):
    """Open another project file without changing it: read-only, checked, and (when written by an older version)
    upgraded in a temporary copy. Returns (project, cleanup); call ``cleanup()`` when done."""
    from rednote_desk.store.migrations import known_migration_names
    from rednote_desk.store.project import (
        Project,
        ProjectError,
        _check_sqlite_header,
        _connect_read_only,
    )

    path = Path(path).expanduser()
    if not path.exists():
        raise ProjectError(f"{path} does not exist")
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    _check_sqlite_header(path)
    try:
        conn = _connect_read_only(path)
        conn.row_factory = None
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise ProjectError(f"{path} is damaged ({check}); nothing was merged")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = ([r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'rednote_desk' ORDER BY id")]
            if "_sqlite_migrations" in tables else [])
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} is not a readable RedNote Desk project ({exc}); nothing was merged") from exc
    if not applied:
        conn.close()
        raise ProjectError(f"{path} is not a RedNote Desk project; nothing was merged")
    known = known_migration_names()
    if any(name not in known for name in applied):
        conn.close()
        raise ProjectError(f"{path} was written by a newer version of RedNote Desk; update to merge it")
    from rednote_desk.store.schema_check import schema_problems

    problems = schema_problems(conn, applied)  # their triggers or views must not run here
    if problems:
        conn.close()
        raise ProjectError(f"{path} has database objects that RedNote Desk did not make ({'; '.join(problems[:3])}); "
                           f"nothing was merged. Merge a repaired copy instead (rednote-desk --db {path} repair)")
    if [name for name in known if name not in applied]:  # older: upgrade a temporary copy, never their file
        folder = Path(tempfile.mkdtemp(prefix="rednote-merge-"))
        copy = folder / "other.sqlite"
        target = sqlite3.connect(str(copy))
        try:
            conn.backup(target)
        finally:
            target.close()
            conn.close()
        project = Project.open(copy)
        project.read_only = True

        def cleanup() -> None:
            project.close()
            shutil.rmtree(folder, ignore_errors=True)
    else:
        from sqlite_utils import Database

        project = Project(Database(conn), path, read_only=True)

        def cleanup() -> None:
            project.close()
    for table, columns in REQUIRED_COLUMNS.items():
        have = {r[1] for r in project.db.execute(f"PRAGMA table_info([{table}])").fetchall()}
        if not columns <= have:
            cleanup()
            raise ProjectError(f"{path} is not a complete RedNote Desk project (table {table} lacks "
                               f"{', '.join(sorted(columns - have))}); nothing was merged")
    return project, cleanup


# -- the merge -----------------------------------------------------------------------------------------------
def _rows(db, sql: str, params=()) -> list[tuple]:
    return db.execute(sql, list(params)).fetchall()


def merge_project(target: Any, source: Any, *, label: str = "Merge project") -> Result[MergeSummary]:
    """Merge ``source`` (another Project, read-only is fine) into ``target`` as one undo step."""
    if target.path is not None and source.path is not None and Path(target.path).resolve() == Path(source.path).resolve():
        raise UserError("this is the open project itself; choose a colleague's project file")
    sdb, tdb = source.db, target.db
    summary = MergeSummary()

    # what the source holds, read up front (plain tuples)
    s_docs = _rows(sdb, "SELECT id, title, outlet, author, published, url, source_name, source_format, text, "
                        "text_sha256, imported_at, note FROM documents ORDER BY id")
    s_tags = source.tags()
    s_paths = tag_paths(s_tags)
    s_anns = _rows(sdb, "SELECT id, document_id, start_offset, end_offset, quote, prefix, suffix, note, coder, "
                        "created_at, updated_at, status, claim_id FROM annotations ORDER BY id")
    s_ann_tags: dict[int, list[int]] = {}
    for annotation_id, tag_id in _rows(sdb, "SELECT annotation_id, tag_id FROM annotation_tags"):
        s_ann_tags.setdefault(annotation_id, []).append(tag_id)
    s_claims = _rows(sdb, "SELECT id, label, note, origin FROM claims ORDER BY id")
    s_dismissed = _rows(sdb, "SELECT key, dismissed_at FROM dismissed_suggestions") if "dismissed_suggestions" in {
        r[0] for r in _rows(sdb, "SELECT name FROM sqlite_master WHERE type = 'table'")} else []

    with target._operation(f"{label}") as rec:
        # documents
        by_hash = {h: i for i, h in _rows(tdb, "SELECT id, text_sha256 FROM documents")}
        by_title: dict[str, int] = {}
        for i, title in _rows(tdb, "SELECT id, title FROM documents ORDER BY id"):
            by_title.setdefault(title, i)
        texts: dict[int, str] = {}
        doc_map: dict[int, int] = {}
        for (sid, title, outlet, author, published, url, source_name, source_format, text, sha, imported,
             note) in s_docs:
            if sha in by_hash:
                doc_map[sid] = by_hash[sha]
                summary.documents_matched += 1
            elif title in by_title:
                summary.title_conflicts.append((title, sid, by_title[title]))
                continue
            else:
                cursor = tdb.execute(
                    """INSERT INTO documents (title, outlet, author, published, url, source_name, source_format,
                       text, text_sha256, imported_at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                    [title, outlet, author, published, url, source_name, source_format, text, sha, imported, note])
                doc_map[sid] = cursor.lastrowid
                by_hash[sha] = cursor.lastrowid
                rec.inserted("documents", id=cursor.lastrowid)
                summary.documents_added += 1
            texts[doc_map[sid]] = text

        # codes, parents first (tags() is in tree order)
        t_by_path = {p: i for i, p in tag_paths(target.tags()).items()}
        tag_map: dict[int, int] = {}
        for tag in s_tags:
            path = s_paths[tag.id]
            if path in t_by_path:
                tag_map[tag.id] = t_by_path[path]
                summary.codes_matched += 1
                continue
            parent = tag_map.get(tag.parent_id) if tag.parent_id is not None else None
            cursor = tdb.execute(
                "INSERT INTO tags (name, parent_id, color, description, position) VALUES (?, ?, ?, ?, ?)",
                [tag.name, parent, tag.color, tag.description, tag.position])
            tag_map[tag.id] = t_by_path[path] = cursor.lastrowid
            rec.inserted("tags", id=cursor.lastrowid)
            summary.codes_added += 1

        # claims: which of theirs match ours by label and a shared span
        t_claim_by_label = {label_: i for i, label_ in _rows(tdb, "SELECT id, label FROM claims")}
        t_claim_spans: dict[int, set[tuple[int, int, int]]] = {}
        for claim_id, doc, start, end in _rows(
                tdb, "SELECT claim_id, document_id, start_offset, end_offset FROM annotations WHERE claim_id IS NOT NULL"):
            t_claim_spans.setdefault(claim_id, set()).add((doc, start, end))
        s_claim_spans: dict[int, set[tuple[int, int, int]]] = {}
        for (_aid, sdoc, start, end, *_rest, claim_id) in s_anns:
            if claim_id is not None and sdoc in doc_map:
                s_claim_spans.setdefault(claim_id, set()).add((doc_map[sdoc], start, end))
        claim_map: dict[int, int] = {}
        for sid, claim_label, note, origin in s_claims:
            ours = t_claim_by_label.get(claim_label)
            if ours is not None and s_claim_spans.get(sid, set()) & t_claim_spans.get(ours, set()):
                claim_map[sid] = ours
                summary.claims_merged += 1
                continue
            if not s_claim_spans.get(sid):
                continue  # none of its annotations comes along
            new_label = claim_label
            if ours is not None:
                n = 2
                while f"{claim_label} ({n})" in t_claim_by_label:
                    n += 1
                new_label = f"{claim_label} ({n})"
                summary.claims_renamed.append((claim_label, new_label))
            cursor = tdb.execute("INSERT INTO claims (label, note, origin) VALUES (?, ?, ?)",
                                 [new_label, note, origin])
            claim_map[sid] = t_claim_by_label[new_label] = cursor.lastrowid
            rec.inserted("claims", id=cursor.lastrowid)
            summary.claims_added += 1

        # annotations
        existing: set[tuple] = set()
        t_tags: dict[int, list[int]] = {}
        for annotation_id, tag_id in _rows(
                tdb, "SELECT annotation_id, tag_id FROM annotation_tags WHERE annotation_id IN "
                     f"(SELECT id FROM annotations WHERE document_id IN ({','.join('?' * len(texts))}))",
                list(texts)) if texts else []:
            t_tags.setdefault(annotation_id, []).append(tag_id)
        if texts:
            for annotation_id, doc, start, end, coder in _rows(
                    tdb, "SELECT id, document_id, start_offset, end_offset, coder FROM annotations WHERE document_id "
                         f"IN ({','.join('?' * len(texts))})", list(texts)):
                existing.add((doc, start, end, coder, tuple(sorted(t_tags.get(annotation_id, ())))))
        next_id = tdb.execute("SELECT coalesce(max(id), 0) + 1 FROM annotations").fetchone()[0]
        new_rows: list[tuple] = []
        new_tags: list[tuple[int, int]] = []
        coders: set[str] = set()
        for (sid, sdoc, start, end, quote, prefix, suffix, note, coder, created, updated, status,
             claim_id) in s_anns:
            doc = doc_map.get(sdoc)
            if doc is None or not (0 <= start <= end <= len(texts[doc])):
                summary.annotations_not_merged += 1
                continue
            tags = tuple(sorted({tag_map[t] for t in s_ann_tags.get(sid, ()) if t in tag_map}))
            key = (doc, start, end, coder, tags)
            if key in existing:
                summary.annotations_duplicate += 1
                continue
            existing.add(key)
            new_rows.append((next_id, doc, start, end, quote, prefix, suffix, note, coder, created, updated, status,
                             claim_map.get(claim_id)))
            new_tags.extend((next_id, t) for t in tags)
            coders.add(coder)
            next_id += 1
        insert_annotation_rows(tdb, rec, new_rows, new_tags)
        summary.annotations_added = len(new_rows)
        summary.coders = sorted(coders)

        for key, when in s_dismissed:
            cursor = tdb.execute("INSERT OR IGNORE INTO dismissed_suggestions (key, dismissed_at) VALUES (?, ?)",
                                 [key, when])
            if cursor.rowcount:
                rec.inserted("dismissed_suggestions", key=key)
        rec.result = summary
    return Result(summary, rec.changes)
