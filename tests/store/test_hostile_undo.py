"""A planted undo-log entry is refused with a message; the file is left as it was (issue 13, item 3)."""
from __future__ import annotations

import json

import pytest
from fingerprints import digest

from rednote_desk.core.errors import UserError
from rednote_desk.store.project import Project


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        for n in range(3):
            project.add_document(title=f"Doc {n}", text=f"Text number {n}.", text_sha256=f"sha{n}")
    return path


def plant(path, changes, *, label="Planted") -> None:
    with Project.open(path) as project:
        project.db.execute("INSERT INTO undo_log (id, label, created_at, changes, undone) VALUES "
                           "((SELECT max(id) + 1000 FROM undo_log), ?, '2025-01-01', ?, 0)",
                           [label, json.dumps(changes)])


BAD_ENTRIES = {
    "key is SQL": [{"t": "documents", "k": {"id] IS NOT NULL OR [id": 1}, "b": None, "a": None}],
    "key is SQL, quoted": [{"t": "documents", "k": {'id" IS NOT NULL OR "id': 1}, "b": None, "a": None}],
    "unknown table": [{"t": "sqlite_master", "k": {"id": 1}, "b": None, "a": None}],
    "table is SQL": [{"t": "documents] WHERE 1 --", "k": {"id": 1}, "b": None, "a": None}],
    "extra key column": [{"t": "documents", "k": {"id": 1, "title": "Doc 0"}, "b": None, "a": None}],
    "id not a number": [{"t": "documents", "k": {"id": "1 OR 1=1"}, "b": None, "a": None}],
    "id out of range": [{"t": "documents", "k": {"id": 10**30}, "b": None, "a": None}],
    "id is true": [{"t": "documents", "k": {"id": True}, "b": None, "a": None}],
    "unknown column": [{"t": "documents", "k": {"id": 1}, "a": None,
                        "b": {"id": 1, "title": "x", "text) VALUES (1,1,1); DROP TABLE tags; --": 1}}],
    "row disagrees with key": [{"t": "documents", "k": {"id": 1}, "a": None, "b": {"id": 2, "title": "x"}}],
    "nested value": [{"t": "documents", "k": {"id": 1}, "a": None, "b": {"id": 1, "title": ["x"]}}],
    "not a list": {"t": "documents"},
    "wrong form": [{"t": "documents", "k": {"id": 1}}],
}


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_a_planted_entry_is_refused_and_nothing_changes(db, case):
    plant(db, BAD_ENTRIES[case])
    before = digest(db)
    with Project.open(db) as project:
        with pytest.raises(UserError, match="not written by RedNote Desk"):  # (store.undo_check.UndoLogError;
            # the base class, so this also runs against the code before the check)
            project.undo()
        assert [d.title for d in project.documents()] == ["Doc 0", "Doc 1", "Doc 2"]
        assert "tags" in project.db.table_names()
    assert digest(db) == before


def test_the_original_attack_deletes_nothing(db):
    """A key ``id] IS NOT NULL OR [id`` with the largest id made undo delete every document."""
    with Project.open(db) as project:
        largest = project.db.execute("SELECT max(id) FROM documents").fetchone()[0]
    plant(db, [{"t": "documents", "k": {"id] IS NOT NULL OR [id": largest}, "b": None, "a": None}])
    with Project.open(db) as project:
        with pytest.raises(UserError):
            project.undo()
        assert len(project.documents()) == 3


def test_a_redo_entry_is_checked_too(db):
    with Project.open(db) as project:
        project.db.execute("UPDATE undo_log SET undone = 1")
        project.db.execute("UPDATE undo_log SET changes = ? WHERE id = (SELECT min(id) FROM undo_log)",
                           [json.dumps([{"t": "documents", "k": {"id] > 0 OR [id": 1}, "b": None, "a": None}])])
        with pytest.raises(UserError, match="not written by RedNote Desk"):
            project.redo()
        assert len(project.documents()) == 3


def test_our_own_entries_still_undo_and_redo(db):
    with Project.open(db) as project:
        project.update_document(2, title="Renamed")
        project.delete_document(3)
        assert project.undo() is not None
        assert project.undo() is not None
        assert [d.title for d in project.documents()] == ["Doc 0", "Doc 1", "Doc 2"]
        assert project.redo() is not None
        assert project.document(2).title == "Renamed"
