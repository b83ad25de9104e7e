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


def test_a_project_with_a_planted_trigger_offers_a_repaired_copy(qtbot, tmp_path, monkeypatch):
    import sqlite3

    path = tmp_path / "shared.sqlite"
    with services.open_project(path) as project:
        project.add_document(title="<h1>Shared</h1>", text="Some text here.", text_sha256="s1")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM documents; END")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.open_startup_project(str(path))
    assert asked and "wipe" in asked[0] and "repaired copy" in asked[0]
    assert w.project.path == tmp_path / "shared-repaired.sqlite"
    assert [d.title for d in w.project.documents()] == ["<h1>Shared</h1>"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    w.close()


def test_declining_the_repaired_copy_opens_nothing(qtbot, tmp_path, monkeypatch):
    import sqlite3

    path = tmp_path / "shared.sqlite"
    services.open_project(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW v AS SELECT 1")
    conn.commit()
    conn.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert not w.open_startup_project(str(path))
    assert not (tmp_path / "shared-repaired.sqlite").exists()
    w.close()


@pytest.mark.timeout(60, method="thread")  # a hang guard, not a speed target
def test_a_write_lock_held_elsewhere_is_said_within_seconds_not_swallowed(qtbot, tmp_path, monkeypatch):
    import sqlite3

    from rednote_desk.gui import project_safety
    from rednote_desk.gui.session import ProjectSession

    # "within seconds": the app's connection waits at most BUSY_TIMEOUT_MS for another program's lock (the
    # store's own default is 10 s), once; the test runs with a shorter wait of the same kind
    assert project_safety.BUSY_TIMEOUT_MS <= 5000
    monkeypatch.setattr(project_safety, "BUSY_TIMEOUT_MS", 250)
    path = tmp_path / "p.sqlite"
    services.open_project(path).close()
    project = project_safety.open_project_safely(None, services.open_project, path, services.default_project_path)
    assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] == 250
    session = ProjectSession(project)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))
    attempts = []

    def add_tag():
        attempts.append(1)
        return project.add_tag("Blocked")

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert session.run(add_tag) is None
        assert len(attempts) == 1  # told after one wait, not retried
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert told and "busy" in told[0]
    assert session.run(lambda: project.add_tag("Later")) is not None
    project.close()


def test_importing_a_fifo_in_the_app_reports_it_instead_of_hanging(qtbot, tmp_path, project):
    import os

    from PySide6.QtWidgets import QWidget

    from rednote_desk.gui.import_dialog import ImportController

    parent = QWidget()
    qtbot.addWidget(parent)
    controller = ImportController(project, parent)
    summaries = []
    controller.show_summary = lambda title, text: summaries.append(text)
    controller.exec_review = lambda dialog: True
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("Officials said 700,000 users joined.\n\nCritics disagreed.\n")
    with qtbot.waitSignal(controller.imported, timeout=20000):
        controller.import_files([tmp_path / "pipe.txt", tmp_path / "link.txt", tmp_path / "real.txt"])
    assert [d.source_name for d in project.documents()] == ["real.txt"]
    assert "not a regular file" in "\n".join(summaries)


def test_save_a_copy_for_sharing_leaves_out_deleted_text(window, monkeypatch, tmp_path):
    secret = "Zebulon Quartermain confidential"
    window.project.add_document(title="Gone", text=secret * 20, text_sha256="gone")
    window.project.delete_document(next(d.id for d in window.project.documents() if d.title == "Gone"))
    out = tmp_path / "shared.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.save_sharing_copy_dialog()
    assert out.exists() and secret.encode() not in out.read_bytes()
    plain_copy = tmp_path / "plain.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(plain_copy), ""))
    window.save_copy_dialog()
    assert secret.encode() in plain_copy.read_bytes()  # a plain copy keeps the undo history
    assert "Save a copy for s&haring…" in [a.text() for a in window.findChildren(type(window.undo_action))]
