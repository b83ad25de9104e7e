"""The app's search runs off the GUI thread and copes with hostile queries (issue 13, item 8)."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings
from spies import record_threads

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow
from rednote_desk.gui.workers import running_tasks


@pytest.fixture
def window(qtbot, tmp_path):
    # the reading view aligns open texts on a worker thread that imports numpy/scipy there; a module import on
    # a worker racing one on the GUI thread crashed PySide 6 here, so those modules are loaded first
    import scipy.optimize  # noqa: F401

    import rednote_desk.core.compare.align  # noqa: F401

    project = services.open_project(tmp_path / "p.sqlite")
    for n in range(5):
        project.add_document(title=f"Doc {n}", text=("a b c alpha beta gamma strike " * 300) + str(n),
                             text_sha256=str(n))
    w = MainWindow(project, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    yield w
    # let every worker (the search's, and the reading view's alignment) finish before the window goes
    qtbot.waitUntil(lambda: not running_tasks(), timeout=20000)
    w.close()


@pytest.mark.timeout(60, method="thread")  # a hang guard, not a speed target
@pytest.mark.parametrize("query", [" ".join(["a"] * 150), "strike\x00", "\x00", "alpha\x1b " * 50])
def test_typing_a_hostile_query_never_blocks_and_never_errors(window, qtbot, monkeypatch, query):
    from rednote_desk.store import search

    threads = record_threads(monkeypatch, search, "search_file")
    panel = window.search_panel
    panel.edit.setText(query)
    panel.run()
    assert panel.summary.text() == "searching…"  # run() returned before the hits: they come from a worker
    qtbot.waitUntil(lambda: panel.summary.text() not in ("searching…", ""), timeout=10000)
    assert threads and threading.get_ident() not in threads  # the search itself ran on a worker thread
    assert "failed" not in panel.summary.text()
    if query.strip("\x00"):
        assert panel.results.count() > 0


def test_only_the_latest_query_shows(window, qtbot):
    panel = window.search_panel
    for text in ("alpha", "gamma", "zzzz-nothing"):
        panel.edit.setText(text)
        panel.run()
    qtbot.waitUntil(lambda: panel.summary.text() == "no hits", timeout=10000)
    qtbot.wait(200)
    assert panel.results.count() == 0
