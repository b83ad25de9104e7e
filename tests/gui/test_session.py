"""The project session: one door for operations, undo and redo; errors become messages, never exceptions."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from rednote_desk.core.errors import UserError
from rednote_desk.gui.session import ProjectSession, error_message
from rednote_desk.store.undo import Changes


@pytest.fixture
def shown(monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: messages.append(text))
    return messages


def test_run_announces_the_changes_with_the_initiator_once(qtbot, project, shown):
    session = ProjectSession(project)
    heard = []
    session.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    marker = object()
    session.run(lambda: project.update_tag(project.add_tag("A").value.id, name="B"), initiator=marker)
    [(changes, initiator)] = heard[-1:]
    assert isinstance(changes, Changes) and "tags" in changes.tables and initiator is marker
    assert shown == []


@pytest.mark.parametrize("exc, words", [
    (UserError("a tag named “A” already exists there"), "already exists"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "Save a copy"),
    (sqlite3.OperationalError("database is locked"), "try again"),
    (sqlite3.OperationalError("database or disk is full"), "Free some space"),
    (sqlite3.DatabaseError("database disk image is malformed"), "backup"),
])
def test_refusals_and_database_failures_become_a_message_not_an_exception(qtbot, project, shown, exc, words):
    session = ProjectSession(project)
    heard = []
    session.changed.connect(lambda *args: heard.append(args))

    def operation():
        raise exc

    assert session.run(operation) is None
    assert len(shown) == 1 and words in shown[0]
    assert heard == []
    assert words in error_message(exc)


def test_undo_and_redo_go_through_the_session(qtbot, project, shown):
    session = ProjectSession(project)
    heard, status = [], []
    session.changed.connect(lambda changes, initiator: heard.append(changes.label))
    session.message.connect(status.append)
    session.run(lambda: project.add_tag("Frames"))
    assert session.can_undo() and not session.can_redo()
    session.undo()
    assert project.tags() == [] and heard[-1] == "Add tag “Frames”" and status[-1].startswith("Undone")
    session.redo()
    assert [t.name for t in project.tags()] == ["Frames"]
    session.undo()
    session.undo()
    assert status[-1] == "Nothing to undo."


def test_undo_on_a_read_only_project_shows_a_message_and_is_not_offered(qtbot, project, shown):
    project.add_tag("Frames")
    project.read_only = True
    session = ProjectSession(project)
    assert not session.can_undo() and session.undo_label() is None
    assert session.undo() is None
    assert len(shown) == 1 and "read-only" in shown[0]
    assert [t.name for t in project.tags()] == ["Frames"]


def test_the_changes_of_an_operation_that_also_makes_something(qtbot, project, shown):
    from rednote_desk.gui.session import changes_of, value_of

    result = project.add_tag("Frames")
    assert changes_of(result) is result.changes and value_of(result).name == "Frames"
    assert changes_of(None) is None and value_of(5) == 5
