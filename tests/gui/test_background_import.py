"""REFI-QDA import and merge from the GUI run off the GUI thread: the window keeps ticking while they work, and
Cancel leaves the project exactly as it was."""
from __future__ import annotations

import hashlib
import threading
import time

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from rednote_desk.gui import workers
from rednote_desk.gui.coders import SETTING
from rednote_desk.gui.main_window import MainWindow
from rednote_desk.services import refi as refi_service
from rednote_desk.store.project import Project


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING, "ann")
    project = Project.open(tmp_path / "empty.sqlite")  # a .qdpx goes into an empty project
    w = MainWindow(project, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def qdpx(tmp_path):
    """A .qdpx of 10 documents and 1,000 annotations by two coders."""
    source = Project.open(tmp_path / "source.sqlite")
    tag = source.add_tag("Conflict", color="#aa0011").value.id
    for d in range(10):
        text = f"Document {d}. " + "The minister said 700,000 people left. " * 40
        doc = source.add_document(title=f"Doc {d}", text=text,
                                  text_sha256=hashlib.sha256(text.encode()).hexdigest()).value.id
        with source.operation_group("fill"):
            for i in range(100):
                source.add_annotation(document_id=doc, start=i * 10, end=i * 10 + 25, tag_ids=[tag],
                                      coder=("ann", "bob")[i % 2])
    out = tmp_path / "p.qdpx"
    refi_service.export_qdpx(source, out)
    source.close()
    return out


def _counts(project) -> tuple[int, int, int]:
    return (len(project.documents()), len(project.annotations()), len(project.tags()))


def test_refi_import_runs_off_the_gui_thread(window, qdpx, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    threads, ticks = [], []
    original = refi_service.import_refi_file

    def slow_import(project, path, **kwargs):
        threads.append(threading.get_ident())
        deadline = time.monotonic() + 5
        while len(ticks) < 3 and time.monotonic() < deadline:  # the GUI must tick while we work
            time.sleep(0.01)
        return original(project, path, **kwargs)

    monkeypatch.setattr(refi_service, "import_refi_file", slow_import)
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(5)
    summary = window.coders.refi.import_file(path=str(qdpx))
    timer.stop()
    assert threads and threads[0] != threading.get_ident()  # not the GUI thread
    assert len(ticks) >= 3
    assert summary.documents == 10 and summary.annotations == 1000
    assert _counts(window.project) == (10, 1000, 1)  # the GUI's own connection sees what the worker stored
    assert {a.coder for a in window.project.annotations()} == {"ann", "bob"}
    assert window.library.model.rowCount() == 10  # the views heard it
    assert "documents: 10" in shown[0]
    window.undo()  # one undo step, written by the worker's connection
    assert _counts(window.project) == (0, 0, 0)


def test_cancelled_refi_import_stores_nothing(window, qdpx, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    original = refi_service.import_refi_file
    stored = []

    def import_then_wait(project, path, **kwargs):
        summary = original(project, path, **kwargs)  # everything written inside the open group …
        stored.append(len(project.annotations()))
        deadline = time.monotonic() + 5
        while not kwargs["is_cancelled"]() and time.monotonic() < deadline:  # … until the user cancels
            time.sleep(0.01)
        return summary

    monkeypatch.setattr(refi_service, "import_refi_file", import_then_wait)
    # once everything is written, the user presses Cancel (what the progress dialog's button does)
    timer = QTimer()
    timer.timeout.connect(lambda: [task.cancel() for task in workers.running_tasks()] if stored else None)
    timer.start(5)
    before = _counts(window.project)
    assert window.coders.refi.import_file(path=str(qdpx)) is None
    timer.stop()
    assert stored == [1000]  # it had been written, then rolled back
    assert _counts(window.project) == before == (0, 0, 0)
    assert window.project.undo_label() is None
    assert "nothing was stored" in shown[-1]


def test_cancelled_merge_stores_nothing(window, tmp_path, monkeypatch):
    from rednote_desk.gui.merge_project import merge_project_dialog

    other = tmp_path / "colleague.sqlite"
    with Project.open(other) as p:
        text = "A colleague's own article. It has two sentences."
        doc = p.add_document(title="Colleague", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
        p.add_annotation(document_id=doc.value.id, start=0, end=11, coder="bob")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    from rednote_desk.services import merge as merge_service

    original = merge_service.merge_file

    def merge_then_wait(project, path):
        result = original(project, path)
        deadline = time.monotonic() + 5
        while workers.running_tasks() and not all(t.was_cancelled for t in workers.running_tasks()) \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        return result

    monkeypatch.setattr(merge_service, "merge_file", merge_then_wait)
    QTimer.singleShot(50, lambda: [task.cancel() for task in workers.running_tasks()])
    assert merge_project_dialog(window, window.session, path=str(other)) is None
    assert _counts(window.project) == (0, 0, 0)
    assert "nothing was stored" in shown[-1]


def test_stop_all_survives_a_task_whose_owner_was_deleted(qtbot):
    """A task parented to a view that was deleted before its last signal arrived stays in the running set; closing
    the next window (stop_all) must not raise on it (an exception in closeEvent crashed the interpreter)."""
    import shiboken6
    from PySide6.QtCore import QObject

    owner = QObject()
    started = threading.Event()

    def wait_for_cancel(_report, is_cancelled):
        started.set()
        deadline = time.monotonic() + 5
        while not is_cancelled() and time.monotonic() < deadline:
            time.sleep(0.005)

    task = workers.Task(wait_for_cancel, parent=owner)
    task.start()
    assert started.wait(5)
    shiboken6.delete(owner)  # the view goes, and the task's Qt side with it
    assert not shiboken6.isValid(task)
    assert task not in workers.running_tasks()
    assert workers.stop_all(3000) is True  # no RuntimeError, and the worker saw the cancel and stopped
    assert task.was_cancelled
