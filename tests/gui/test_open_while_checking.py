"""Opening a project: its documents are listed while the whole-file check still runs, nothing can change it until
the check has passed, and a file that fails it is never opened for writing (issue 10, a large project; issue 13).

The check is made slow by a gate (the real check runs once the test opens it), never by a timing."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from fingerprints import digest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMenu, QMessageBox

from rednote_desk import services
from rednote_desk.gui import library as library_module
from rednote_desk.gui.main_window import MainWindow
from rednote_desk.store import schema_check

TITLES = ("Harbor strike ends", "Port deal signed", "Dockers return")


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


def make_project(path):
    with services.open_project(path) as project:
        ids = [project.add_document(title=t, text=f"{t}. " * 30, text_sha256=t).value.id for t in TITLES]
        tag = project.add_tag("Frame").value
        project.add_annotation(document_id=ids[1], start=0, end=5, tag_ids=[tag.id])
    return path, ids


def damage_an_index(path) -> None:
    """An index page that claims 50 cells it does not hold: the schema is ours, the documents can be listed,
    SQLite's quick check fails."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'annotations_document'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start] = 0x0A
    data[start + 3:start + 5] = (50).to_bytes(2, "big")
    path.write_bytes(bytes(data))


def gate_the_check(monkeypatch):
    """The whole-file check waits until the returned event is set (the fast look does not use it)."""
    gate, real = threading.Event(), schema_check.inspect_file

    def slow_check(conn, path, *, whole_file=True):
        assert gate.wait(5), "the test never let the check finish"
        return real(conn, path, whole_file=whole_file)

    monkeypatch.setattr(schema_check, "inspect_file", slow_check)
    return gate


def when_listed(window, count, then, *, counts: bool = True):
    """Call ``then()`` (from the window's event loop, which open_startup_project keeps running) once the library
    lists ``count`` documents and (``counts``) their annotation counts."""
    def poll():
        model = window.library.model if hasattr(window, "library") else None
        if model is not None and model.rowCount() == count and (not counts or model.index(0, 3).data() != ""):
            then()
        else:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


def read_write_opens(monkeypatch, path):
    """Every sqlite3.connect that could write to ``path`` (not a read-only URI), from any thread."""
    opened, real = [], sqlite3.connect

    def spy(database, *args, **kwargs):
        name = str(database)
        if name == str(path) or (name.startswith("file:") and "mode=ro" not in name and path.name in name):
            opened.append(name)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", spy)
    return opened


def test_the_library_lists_the_documents_before_the_check_ends_and_nothing_changes_until_it_passes(
        window, qtbot, tmp_path, monkeypatch):
    path, ids = make_project(tmp_path / "big.sqlite")
    before = digest(path)
    gate = gate_the_check(monkeypatch)
    opens = read_write_opens(monkeypatch, path)
    seen = {}

    def while_checking():
        library = window.library
        seen["titles"] = sorted(library.model.index(r, 1).data() for r in range(library.model.rowCount()))
        seen["counts"] = sorted(library.model.index(r, 3).data() for r in range(library.model.rowCount()))
        seen["project"] = window.project
        seen["status"] = window.statusBar().currentMessage()
        seen["read_write_opens"] = list(opens)
        seen["file_as_before"] = digest(path) == before
        # the context menu offers no change (Edit, Delete) while the file is checked; Open is kept for later
        library.select_document(ids[0])
        menus = []

        class SeenMenu(QMenu):
            def exec(self, *_args):
                menus.append({action.text(): action.isEnabled() for action in self.actions()})

        monkeypatch.setattr(library_module, "QMenu", SeenMenu)
        library.on_table_context_menu(library.table.visualRect(library.table.currentIndex()).center())
        seen["menu"] = menus[0]
        qtbot.keyClick(library.table, Qt.Key.Key_Return)  # asked for now, opened once the check has passed
        seen["columns_meanwhile"] = [c.document.id for c in window.reading.columns]
        seen["status_after_request"] = window.statusBar().currentMessage()
        gate.set()

    when_listed(window, len(TITLES), while_checking)
    assert window.open_startup_project(path)
    assert seen["titles"] == sorted(TITLES) and seen["counts"] == ["0", "0", "1"]
    assert seen["project"] is None and seen["read_write_opens"] == [] and seen["file_as_before"]
    assert "Checking" in seen["status"] and "editing starts when the check is done" in seen["status"]
    assert seen["menu"]["Edit details…"] is False and seen["menu"]["Delete document…"] is False
    assert seen["menu"]["Open"] is True
    assert ids[0] not in seen["columns_meanwhile"] and "opens when the check is done" in seen["status_after_request"]
    # the check passed: opened for writing, editing available, the held request fulfilled, nothing lost
    assert opens and not window.project.read_only
    assert window.reading.column_for(ids[0]) is not None
    assert window.library.model.rowCount() == len(TITLES)
    assert "Checking" not in window.statusBar().currentMessage()
    window.close()


def test_a_file_that_fails_the_check_is_never_opened_for_writing_and_the_user_is_told(
        window, qtbot, tmp_path, monkeypatch):
    path, _ids = make_project(tmp_path / "damaged.sqlite")
    damage_an_index(path)
    before = digest(path)
    gate = gate_the_check(monkeypatch)
    opens = read_write_opens(monkeypatch, path)
    shown, listed = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))

    def while_checking():
        listed.append(window.library.model.rowCount())
        gate.set()

    # listed (the counts cannot be read from the damaged index: they stay empty)
    when_listed(window, len(TITLES), while_checking, counts=False)
    assert not window.open_startup_project(path)
    assert listed == [len(TITLES)]  # it was listed while the check ran
    assert shown and "failed SQLite's check" in shown[0] and "left untouched" in shown[0]
    assert ".backups" in shown[0]  # what to do next
    assert opens == [] and window.project is None and digest(path) == before
    assert window.library.model.rowCount() == 0  # what was listed from it is gone with it
    assert "Checking" not in window.statusBar().currentMessage()


def test_stopping_the_opening_during_the_look_opens_nothing(qtbot, tmp_path, monkeypatch):
    """The app quits (workers.stop_all cancels every task) while the list is read: the full open that follows the
    look ends at once, without opening the file for writing."""
    from rednote_desk.gui import project_opening
    from rednote_desk.store.project import Project

    path, _ids = make_project(tmp_path / "p.sqlite")
    gate, real = threading.Event(), Project.open_before_check.__func__

    def slow_look(cls, where):
        assert gate.wait(20)
        return real(cls, where)

    monkeypatch.setattr(Project, "open_before_check", classmethod(slow_look))
    opens = read_write_opens(monkeypatch, path)
    task = project_opening.start_opening(path)
    _task, look = project_opening._started.pop(str(path))
    look.cancel()
    gate.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=10000)
    assert task.was_cancelled and task.result is None and opens == []
