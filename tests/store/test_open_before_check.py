"""Project.open_before_check: the project's list read while its whole-file check still runs (issue 10, opening
a large project). Only after the fast part of the check, read-only and query-only; a file the fast part cannot
vouch for is refused, so its rows are read only after Project.open's full check."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from fingerprints import digest
from test_hostile_schema import HOSTILE, make_project, tamper

from rednote_desk.store.project import Project, ProjectError
from rednote_desk.store.schema_check import SchemaError


def test_lists_the_documents_and_writes_nothing(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    before = digest(path)
    with Project.open_before_check(path) as reader:
        assert [h["title"] for h in reader.document_headings()] == ["Doc A", "Doc B", "Doc C"]
        first = reader.document_headings()[0]["id"]
        assert reader.annotations_per_document() == {first: 1}
        with pytest.raises(sqlite3.OperationalError):
            reader.db.execute("DELETE FROM documents")
    assert digest(path) == before


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_changed_schema_is_refused_before_any_read(tmp_path, kind):
    path = make_project(tmp_path / "p.sqlite")
    tamper(path, *HOSTILE[kind])
    before = digest(path)
    with pytest.raises(SchemaError):
        Project.open_before_check(path)
    assert digest(path) == before


def test_a_wal_beside_the_file_waits_for_the_full_check(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    keep = sqlite3.connect(path)  # a writer that has not checkpointed: its changes are in the -wal only
    keep.execute("PRAGMA journal_mode = WAL")
    keep.execute("PRAGMA wal_autocheckpoint = 0")
    keep.execute("UPDATE documents SET title = 'changed'")
    keep.commit()
    shutil.copyfile(f"{path}-wal", tmp_path / "copy-wal")
    keep.close()
    shutil.copyfile(tmp_path / "copy-wal", f"{path}-wal")
    with pytest.raises(ProjectError, match="-wal"):
        Project.open_before_check(path)


def test_not_a_project_or_an_older_one_is_refused(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ProjectError):
        Project.open_before_check(empty)
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError):
        Project.open_before_check(text)
    old = make_project(tmp_path / "old.sqlite")
    tamper(old, "DELETE FROM _sqlite_migrations WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)")
    with pytest.raises((ProjectError, SchemaError)):  # a step pending: listed only after the full open
        Project.open_before_check(old)


def test_the_look_creates_nothing_beside_the_file(tmp_path):
    """No -wal or -shm is made (one would make the next open run the whole-file check, store/clean_close)."""
    path = make_project(tmp_path / "p.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.sqlite"]
    with Project.open_before_check(path) as reader:
        reader.document_headings()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.sqlite"]


def test_a_journal_beside_the_file_waits_for_the_full_check(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    (tmp_path / "p.sqlite-journal").write_bytes(b"\0" * 512)  # a rollback journal: recovery needs a writer
    with pytest.raises(ProjectError, match="-journal"):
        Project.open_before_check(path)
