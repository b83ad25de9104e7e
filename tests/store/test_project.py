"""Opening, migrating, refusing and backing up project files."""
from __future__ import annotations

import sqlite3

import pytest

from rednote_desk.core.errors import DatabaseVersionError, UserError
from rednote_desk.store.migrations import known_migration_names
from rednote_desk.store.project import Project
from rednote_desk.store.schema_snapshot import SNAPSHOT, current_schema


def test_new_project_has_wal_foreign_keys_and_all_migrations(db_path):
    with Project.open(db_path) as p:
        assert p.db.journal_mode == "wal"
        assert p.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert p.applied_migrations() == known_migration_names()
        assert {"documents", "tags", "annotations", "annotation_tags", "claims"} <= set(p.db.table_names())


def test_migrations_run_twice_cleanly(db_path):
    Project.open(db_path).close()
    with Project.open(db_path) as p:
        assert p.applied_migrations() == known_migration_names()
        count = p.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert count == len(known_migration_names())
    assert not (db_path.parent / (db_path.name + ".backups")).exists(), "no upgrade, so no backup"


def test_newer_database_is_refused_and_left_untouched(db_path):
    Project.open(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('rednote_desk', 'm999_from_the_future', '2030-01-01')")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseVersionError, match="newer version"):
        Project.open(db_path)
    assert db_path.read_bytes() == before


def test_backup_taken_before_an_upgrade(db_path, monkeypatch):
    from rednote_desk.store import migrations as mig

    # open with only the first step known, then "upgrade" with an extra step
    Project.open(db_path).close()
    extra = mig.Migrations(mig.MIGRATION_SET)
    for m in mig.migrations._migrations:
        extra._migrations.append(m)

    @extra(name="m900_test_step")
    def _step(db):
        db.execute("CREATE TABLE extra_table (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(mig, "migrations", extra)
    monkeypatch.setattr("rednote_desk.store.project.migrations", extra)
    with Project.open(db_path) as p:
        assert "extra_table" in p.db.table_names()
        backups = p.list_backups()
    assert len(backups) == 1 and "before-m900_test_step" in backups[0].name
    con = sqlite3.connect(backups[0])
    assert "extra_table" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()


def test_corrupt_file_is_reported_and_not_overwritten(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database at all" * 10)
    before = bad.read_bytes()
    with pytest.raises(UserError, match="not a RedNote Desk project"):
        Project.open(bad)
    assert bad.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="not a RedNote Desk project"):
        Project.open(other)


def test_read_only_project_opens_for_reading_and_refuses_changes(db_path, monkeypatch):
    with Project.open(db_path) as p:
        p.add_document(title="T", text="some text", text_sha256="h")
    # root can write anything, so simulate a file the user may not write
    monkeypatch.setattr("rednote_desk.store.project._writable", lambda path: False)
    before = db_path.read_bytes()
    with Project.open(db_path) as p:
        assert p.read_only
        assert p.documents()[0].title == "T"
        with pytest.raises(UserError, match="read-only"):
            p.add_tag("x")
    assert db_path.read_bytes() == before


def test_schema_snapshot_is_fresh():
    assert SNAPSHOT.read_text(encoding="utf-8") == current_schema(), (
        "db/schema.sql is stale: run python -m rednote_desk.store.schema_snapshot"
    )


def test_save_a_copy(project, tmp_path, db_path):
    with Project.open(db_path) as p:
        p.add_document(title="T", text="text", text_sha256="h")
        copy = p.backup(tmp_path / "copy.sqlite")
    with Project.open(copy) as c:
        assert [d.title for d in c.documents()] == ["T"]
