"""Shortcuts pressed while the project's file is still checked (issue 10): one rule (MainWindow.once_open) —
reading and moving through what is on screen acts at once; what needs the project is queued, the status bar says
it will run when the check is done, and it runs once the project is open; never silently lost.

The check is made slow by a gate (test_open_while_checking), never by a timing; the keys are real key presses on
the window, through Qt's shortcut map."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from test_open_while_checking import TITLES, damage_an_index, gate_the_check, make_project, when_listed

from rednote_desk.gui.main_window import MainWindow

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


def _show(qtbot, w):
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)  # shortcuts work in the active window
    w._build_rest()


def test_reading_shortcuts_act_during_the_check_and_changes_run_once_it_passed(window, qtbot, tmp_path,
                                                                              monkeypatch):
    path, _ids = make_project(tmp_path / "big.sqlite")
    assert window.startup_preview(path)  # the project's first two texts, before it is opened
    _show(qtbot, window)
    gate = gate_the_check(monkeypatch)
    seen = {}

    def while_checking():
        qtbot.keyClick(window, Qt.Key.Key_2, ALT)  # go to column 2: at once
        seen["active"] = window.reading.columns.index(window.reading.active)
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL)  # find in the open texts: at once
        seen["find_bar"] = window.find_bar.isVisible()
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)  # search the project: needs it, queued
        qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)  # coded passages: the project's codes, queued
        seen["search_meanwhile"] = window.search_dock.isVisible()
        seen["passages_meanwhile"] = window.passages_dock.isVisible()
        seen["status"] = window.statusBar().currentMessage()
        seen["project"] = window.project
        gate.set()

    when_listed(window, len(TITLES), while_checking)
    assert window.open_startup_project(path)
    assert seen["project"] is None  # all of it was pressed while the file was checked
    assert seen["active"] == 1 and seen["find_bar"]
    assert not seen["search_meanwhile"] and not seen["passages_meanwhile"]
    assert seen["status"].startswith("Checking the project file")
    assert "Search project, Coded passages: will run when the file check is done" in seen["status"]
    # the check passed: what waited has run, in order, and the note is gone with the check's message
    assert window.search_dock.isVisible() and window.passages_dock.isVisible()
    assert window.passages.code.count() > 1  # the open project's codes, not an empty list
    assert "Checking" not in window.statusBar().currentMessage()
    assert not window._when_open
    window.close()


def test_what_waited_for_a_file_that_fails_its_check_is_said_not_done(window, qtbot, tmp_path, monkeypatch):
    path, _ids = make_project(tmp_path / "damaged.sqlite")
    damage_an_index(path)
    _show(qtbot, window)
    gate = gate_the_check(monkeypatch)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: None)  # the refusal itself (its own test)

    def while_checking():
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
        gate.set()

    when_listed(window, len(TITLES), while_checking, counts=False)  # (the damaged index has no counts to read)
    assert not window.open_startup_project(path)
    assert window.project is None and not window._when_open and not window.search_dock.isVisible()
    assert window.statusBar().currentMessage() == "Not done, the project could not be opened: Search project."
