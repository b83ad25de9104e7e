"""File > Export annotations as CSV runs in the background: progress, Cancel, no partial file, GUI thread free."""
from __future__ import annotations

import csv
import threading

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from rednote_desk.gui.main_window import MainWindow
from rednote_desk.store.project import Project
from rednote_desk.store.undo import utc_now

ANNOTATIONS = 12_000


@pytest.fixture
def window(qtbot, tmp_path):
    project = Project.open(tmp_path / "p.rednote.sqlite")
    text = "The port strike left 700 workers idle on Monday, officials said. " * 40
    doc, _ = project.add_document(title="Strike", text=text, text_sha256="s1", outlet="Harbor Gazette")
    tag = project.add_tag("Conflict").value.id
    now = utc_now()
    conn = project.db.conn
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, note, coder, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ann', ?, ?)",
        [(i, doc.id, i % 500, i % 500 + 8, text[i % 500:i % 500 + 8], f"=note {i}", now, now)
         for i in range(1, ANNOTATIONS + 1)])
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                     [(i, tag) for i in range(1, ANNOTATIONS + 1)])
    conn.execute("COMMIT")
    w = MainWindow(project, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def _messages(window) -> list[str]:
    """Every status-bar message from now on (hovering may clear the bar itself)."""
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    return messages


def test_the_export_runs_off_the_gui_thread_and_writes_every_row(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "CSV for spreadsheets (Excel) (*.csv)"))
    statements: list[str] = []
    window.project.db.conn.set_trace_callback(statements.append)
    threads = []
    real = Project.iter_export_batches

    def batches(self, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(self, **kwargs)

    monkeypatch.setattr(Project, "iter_export_batches", batches)
    messages = _messages(window)
    window.export_csv_dialog()  # the menu action, with the file dialog answered
    window.project.db.conn.set_trace_callback(None)
    qtbot.waitUntil(lambda: any("Exported" in m for m in messages), timeout=10000)
    assert threads == [False]
    assert not [s for s in statements if "annotations" in s], statements  # nothing read here
    with open(target, encoding="utf-8-sig", newline="") as fh:
        data = list(csv.DictReader(fh))
    assert len(data) == ANNOTATIONS and data[0]["outlet"] == "Harbor Gazette"
    assert data[0]["note"] == "'=note 1"  # the spreadsheet choice neutralises formulas
    assert f"Exported 12,000 annotations to {target}" in messages


def test_cancel_shows_progress_and_leaves_no_partial_file(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("an older export\n", encoding="utf-8")
    release = threading.Event()
    real = Project.iter_export_batches

    def slow_batches(self, **kwargs):
        for n, batch in enumerate(real(self, batch=5_000)):
            if n == 1:  # past the first progress report: wait until the user has pressed Cancel
                release.wait(10)
            yield batch

    monkeypatch.setattr(Project, "iter_export_batches", slow_batches)
    messages = _messages(window)
    task = window.export_csv_to(target, excel=False)
    dialog = task.progress_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() >= 5000, timeout=5000)
    assert dialog.maximum() == ANNOTATIONS and "5,000 of 12,000" in dialog.labelText()
    assert window.isEnabled()  # the window is not frozen: only the dialog is modal to it
    cancel = dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.labelText() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=10000)
    assert task.was_cancelled
    assert target.read_text(encoding="utf-8") == "an older export\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out") or p.suffix == ".tmp") \
        == ["out.csv"]  # no temporary file left
    assert f"Export cancelled; {target} was not written" in messages
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=2000)


def test_an_export_onto_the_project_is_refused_before_any_work(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    assert window.export_csv_to(window.project.path) is None
    assert shown and "project" in shown[0]


def test_a_task_nobody_keeps_still_reaches_every_listener(qtbot):
    from rednote_desk.gui.workers import Task

    heard = []

    def start() -> None:  # the caller keeps no reference to the task, as a menu action does
        task = Task(lambda report, cancelled: 42)
        task.finished.connect(lambda result: heard.append(("first", result)))
        task.finished.connect(lambda result: heard.append(("second", result)))
        task.start()

    start()
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    assert heard == [("first", 42), ("second", 42)]
