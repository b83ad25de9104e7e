"""Coded passages → Export CSV runs in the background: the button's path writes every listed row off the GUI
thread, a long export shows progress and can be cancelled (no partial file, an older file untouched), and a
refused destination is said at once."""
from __future__ import annotations

import csv
import threading

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from workspace_helpers import close_window, open_window

from rednote_desk.core.retrieval import PASSAGE_COLUMNS, CodedPassage

PASSAGES = 6_000


def _passages(document_id: int, tag_id: int) -> list[CodedPassage]:
    return [CodedPassage(n, document_id, n, n + 7, f"quote {n}", "before ", " after", f"=note {n}", "ana",
                         "A title", "Harbor Gazette", (tag_id,)) for n in range(1, PASSAGES + 1)]


def _panel_with_passages(w):
    panel = w.passages
    panel.refresh_codes()
    tag = w.project.tags()[0]
    panel._set_passages(_passages(w.reading.columns[0].document.id, tag.id))
    assert panel.model.rowCount() == PASSAGES
    return panel, tag


def _messages(w) -> list[str]:
    messages: list[str] = []
    w.statusBar().messageChanged.connect(messages.append)
    return messages


def test_the_export_button_writes_every_listed_passage_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1280, 800)
    panel, tag = _panel_with_passages(w)
    target = tmp_path / "passages.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    threads = []
    real = CodedPassage.row

    def row(self, paths):
        if self.annotation_id == 1:
            threads.append(threading.current_thread() is threading.main_thread())
        return real(self, paths)

    monkeypatch.setattr(CodedPassage, "row", row)
    messages = _messages(w)
    w.passages_dock.show()
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("written to" in m for m in messages), timeout=10000)
    assert threads == [False]
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(PASSAGE_COLUMNS) and len(rows) == PASSAGES + 1
    assert rows[1][7] == "quote 1" and rows[1][10] == "'=note 1"  # formulas neutralised
    assert f"6,000 passages written to {target}" in messages
    qtbot.waitUntil(lambda: panel.export_button.isEnabled(), timeout=2000)
    close_window(w)


def test_cancel_leaves_an_older_file_untouched_and_no_temporary(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1280, 800)
    panel, _tag = _panel_with_passages(w)
    target = tmp_path / "passages.csv"
    target.write_text("an older export\n", encoding="utf-8")
    release = threading.Event()
    real = CodedPassage.row

    def slow_row(self, paths):
        if self.annotation_id == 4_500:  # past the first progress reports: wait for the user's Cancel
            release.wait(10)
        return real(self, paths)

    monkeypatch.setattr(CodedPassage, "row", slow_row)
    messages = _messages(w)
    task = panel.export_in_background(target)
    dialog = task.progress_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() >= 2000, timeout=5000)
    assert dialog.maximum() == PASSAGES and "of 6,000 passages" in dialog.labelText()
    assert not panel.export_button.isEnabled()  # one export at a time
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=10000)
    assert task.was_cancelled
    assert target.read_text(encoding="utf-8") == "an older export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("passages") or p.suffix == ".tmp") \
        == ["passages.csv"]
    assert f"Export cancelled; {target} was not written" in messages
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=2000)
    close_window(w)


def test_a_folder_as_destination_is_refused_before_any_work(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1280, 800)
    panel, _tag = _panel_with_passages(w)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    assert panel.export_in_background(tmp_path) is None
    assert shown and panel.export_button.isEnabled()
    close_window(w)
