"""File → Open project checks and opens the file on a worker (a large file's whole-file check takes a second or
more): the window stays live, a refused file is said and a repaired copy offered, Cancel opens nothing."""
from __future__ import annotations

import hashlib
import sqlite3
import threading

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow
from rednote_desk.store import clean_close
from rednote_desk.store.project import Project


def _window(qtbot, tmp_path):
    w = MainWindow(services.open_project(tmp_path / "first.sqlite"),
                   settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


def _choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_open_project_checks_the_file_on_a_worker(qtbot, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    with services.open_project(other) as project:
        project.add_document(title="Elsewhere", text="A text in the other project.", text_sha256="o1")
    w = _window(qtbot, tmp_path)
    threads = []
    real_open = Project.open.__func__

    def spying_open(cls, path, **kwargs):
        threads.append(threading.current_thread())
        return real_open(cls, path, **kwargs)

    monkeypatch.setattr(Project, "open", classmethod(spying_open))
    _choose(monkeypatch, other)
    w.open_project_dialog()
    assert w.project.path == other
    assert [d.title for d in w.project.documents()] == ["Elsewhere"]
    assert threads and all(t is not threading.main_thread() for t in threads)
    w.close()


def test_a_refused_file_is_said_and_a_repaired_copy_offered(qtbot, tmp_path, monkeypatch):
    shared = tmp_path / "shared.sqlite"
    services.open_project(shared).close()
    conn = sqlite3.connect(shared)
    with conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM documents; END")
    conn.close()
    before = hashlib.sha256(shared.read_bytes()).hexdigest()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.No)
    _choose(monkeypatch, shared)
    w = _window(qtbot, tmp_path)
    first = w.project
    w.open_project_dialog()
    assert asked and "wipe" in asked[0]
    assert w.project is first  # declined: the open project stays
    assert hashlib.sha256(shared.read_bytes()).hexdigest() == before
    w.close()


def test_cancel_opens_nothing_and_closes_what_the_worker_opened(qtbot, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    services.open_project(other).close()
    from rednote_desk.gui import workers

    started = []
    real_start = workers.start_with_progress

    def cancelled_at_once(*args, **kwargs):
        task = real_start(*args, **kwargs)
        task.cancel()  # as the Cancel button does
        started.append(task)
        return task

    monkeypatch.setattr(workers, "start_with_progress", cancelled_at_once)
    _choose(monkeypatch, other)
    w = _window(qtbot, tmp_path)
    first = w.project
    w.open_project_dialog()
    assert started and started[0].was_cancelled
    assert w.project is first
    assert clean_close.left_as_recorded(other)  # opened meanwhile or not, it was closed as the app closes files
    w.close()
