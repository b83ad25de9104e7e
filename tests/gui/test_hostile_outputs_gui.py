"""File → Export onto the open project's own file is refused with a message; the project stays a project."""
from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    project = services.open_project(tmp_path / "p.sqlite")
    source = tmp_path / "a.txt"
    source.write_text("Officials said 700,000 users joined.\n\nCritics disagreed.\n", encoding="utf-8")
    services.import_paths(project, [source])
    w = MainWindow(project, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    yield w
    w.close()


@pytest.mark.parametrize("action,choice", [("export_csv_dialog", "CSV for spreadsheets (Excel) (*.csv)"),
                                           ("export_report_dialog", "HTML report (*.html)")])
def test_exporting_onto_the_open_project_is_refused(window, monkeypatch, action, choice):
    path = window.project.path
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), choice))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    getattr(window, action)()
    assert shown and "refusing" in shown[0] and "project" in shown[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert window.project.document_summaries()  # the open project still works
