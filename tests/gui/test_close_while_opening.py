"""Closing the window while its project opens (reviewer's finding A): the opening stops, nothing asked for
meanwhile runs after the close, no daily backup is started, and the project file is left closed (with the
clean-close record, as any close), both during the whole-file check and during the set-up in turns.

The check is made slow by a gate (test_open_while_checking), never by a timing."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt
from test_open_while_checking import TITLES, gate_the_check, make_project, when_listed

from rednote_desk import services
from rednote_desk.gui import project_opening
from rednote_desk.gui.main_window import MainWindow
from rednote_desk.store import clean_close

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w._build_rest()
    return w


@pytest.fixture
def spies(monkeypatch):
    """The projects the opening worker opened, and the daily backups started."""
    seen = {"opened": [], "backups": []}
    real_open = services.open_project

    def open_project(*args, **kwargs):
        project = real_open(*args, **kwargs)
        if kwargs.get("handover"):  # the opening worker's (not make_project's)
            seen["opened"].append(project)
        return project

    monkeypatch.setattr(services, "open_project", open_project)
    monkeypatch.setattr(project_opening, "back_up_in_background", lambda *a, **k: seen["backups"].append(a))
    return seen


def is_closed(project) -> bool:
    try:
        project.db.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed database"
        return True
    return False


def test_closing_during_the_check_stops_the_opening_and_runs_nothing_that_waited(
        window, qtbot, tmp_path, spies, monkeypatch, capfd):
    path, _ids = make_project(tmp_path / "big.sqlite")
    gate = gate_the_check(monkeypatch)
    ran = []

    def while_checking():
        window.once_open(lambda: ran.append("queued"), "Queued")()
        qtbot.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)  # search the project: queued too
        assert window._when_open and window.project is None
        window.close()
        gate.set()  # the check ends after the close

    when_listed(window, len(TITLES), while_checking)
    window.open_startup_project(path)
    assert ran == [] and not window._when_open and not window.search_dock.isVisible()
    assert spies["backups"] == []
    assert window.project is None and window.reading.columns == []
    assert all(is_closed(p) for p in spies["opened"])  # opened (or not) by the worker: closed either way
    if spies["opened"]:
        assert clean_close.left_as_recorded(path)  # a clean close, as the app's own
    assert "Traceback" not in capfd.readouterr().err


def test_closing_during_the_set_up_in_turns_leaves_the_project_closed_and_runs_nothing_more(
        window, qtbot, tmp_path, spies, monkeypatch, capfd):
    path, ids = make_project(tmp_path / "p.sqlite")
    gate = gate_the_check(monkeypatch)
    ran, steps = [], []

    def while_checking():
        window.once_open(lambda: ran.append("queued"), "Queued")()
        window.library.select_document(ids[2])
        qtbot.keyClick(window.library.table, Qt.Key.Key_Return)  # held until the check has passed
        gate.set()

    real_step = window._next_setup_step

    def first_step_closes():
        steps.append(window.project)
        if len(steps) == 1:
            window.close()  # between the turns: the columns are still coming back
        real_step()

    monkeypatch.setattr(window, "_next_setup_step", first_step_closes)
    when_listed(window, len(TITLES), while_checking)
    window.open_startup_project(path)
    assert steps and steps[0] is not None  # it was closed during the set-up, with the project set
    assert ran == [] and not window._when_open
    assert spies["backups"] == []
    assert window.reading.column_for(ids[2]) is None  # asked for in the library during the check: not opened
    assert len(spies["opened"]) == 1 and is_closed(spies["opened"][0])
    assert clean_close.left_as_recorded(path)
    assert "Traceback" not in capfd.readouterr().err
