"""Named, versioned schema migrations. Never edit a shipped step: add a new one."""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "rednote_desk"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            outlet TEXT,
            author TEXT,
            published TEXT,
            url TEXT,
            source_name TEXT,
            source_format TEXT,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL UNIQUE,
            imported_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES tags(id) ON DELETE CASCADE,
            color TEXT NOT NULL DEFAULT '#999999',
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX tags_parent_name ON tags (coalesce(parent_id, 0), name);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL UNIQUE,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'confirmed'
        );
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            coder TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'anchored',
            claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
            CHECK (start_offset >= 0 AND end_offset >= start_offset)
        );
        CREATE INDEX annotations_document ON annotations (document_id, start_offset);
        CREATE INDEX annotations_claim ON annotations (claim_id);
        CREATE TABLE annotation_tags (
            annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (annotation_id, tag_id)
        );
        CREATE INDEX annotation_tags_tag ON annotation_tags (tag_id);
        CREATE TABLE dismissed_suggestions (
            key TEXT PRIMARY KEY,
            dismissed_at TEXT NOT NULL
        );
        CREATE TABLE undo_log (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            changes TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0
        );
        """
    )
    # Full-text search over documents and annotation notes/quotes, kept in sync by triggers.
    db.table("documents").enable_fts(["title", "text", "note"], create_triggers=True, tokenize="unicode61")
    db.table("annotations").enable_fts(["quote", "note"], create_triggers=True, tokenize="unicode61")


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]  # noqa: SLF001 - ordered registry of this set
