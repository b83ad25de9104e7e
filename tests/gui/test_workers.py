"""run_with_progress and Task: results, errors as UserError, cancellation, work off the GUI thread."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from rednote_desk.core.errors import IngestError, UserError
from rednote_desk.gui.workers import Task, run_with_progress


@pytest.fixture
def window(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_returns_result_computed_off_the_gui_thread(window):
    seen = {}

    def work(report, is_cancelled):
        seen["thread"] = threading.get_ident()
        for i in range(3):
            report(i, 3, f"step {i}")
        return sum(range(10))

    assert run_with_progress(window, "Adding", work, total=3) == 45
    assert seen["thread"] != threading.get_ident()
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))


def test_other_errors_become_user_errors_with_a_readable_message(window):
    def work(report, is_cancelled):
        raise ValueError("bad byte at 12")

    with pytest.raises(UserError, match="Parsing failed: ValueError: bad byte at 12") as info:
        run_with_progress(window, "Parsing", work)
    assert isinstance(info.value.__cause__, ValueError)


def test_user_errors_pass_through_unchanged(window):
    error = IngestError("x.bin is not a text file")

    def work(report, is_cancelled):
        raise error

    with pytest.raises(IngestError) as info:
        run_with_progress(window, "Parsing", work)
    assert info.value is error


@pytest.mark.timeout(60, method="thread")  # a hang guard, not a speed target: uncancelled, the work runs 50 s+
def test_cancel_button_stops_the_loop_and_returns_none(window, qtbot):
    progress = {"last": -1, "stopped": False, "at_cancel": None}

    def work(report, is_cancelled):
        for i in range(10_000):
            if is_cancelled():
                progress["stopped"] = True
                return "partial"
            progress["last"] = i
            report(i, 10_000, f"item {i}")
            time.sleep(0.005)
        return "all"

    def press_cancel():
        dialog = window.findChild(QProgressDialog)
        assert dialog.isVisible()  # shown after ~300 ms
        assert dialog.labelText().startswith("item ")
        dialog.canceled.emit()
        progress["at_cancel"] = progress["last"]  # read after the request: the worker may finish one more item

    QTimer.singleShot(500, press_cancel)
    assert run_with_progress(window, "Counting", work) is None
    assert progress["stopped"] is True
    assert progress["at_cancel"] is not None
    assert progress["last"] <= progress["at_cancel"] + 1  # the work stopped at its next check, not later


def test_quick_work_never_shows_the_dialog(window, qtbot):
    shown = []

    def work(report, is_cancelled):
        dialog = window.findChild(QProgressDialog)
        shown.append(dialog is not None and dialog.isVisible())
        return "ok"

    assert run_with_progress(window, "Quick", work) == "ok"
    assert shown == [False]


def test_task_emits_progress_then_finished(qtbot):
    def work(report, is_cancelled):
        report(1, 2, "half")
        report(2, 2, "all")
        return [1, 2]

    task = Task(work)
    with qtbot.waitSignal(task.progressed) as progressed, qtbot.waitSignal(task.finished, timeout=3000) as done:
        task.start()
    assert done.args == [[1, 2]]
    assert progressed.args[2] in {"half", "all"}
    assert task.is_done and task.result == [1, 2] and task.error is None


def test_task_cancelled_emits_cancelled_not_finished(qtbot):
    gate = threading.Event()

    def work(report, is_cancelled):
        gate.wait(2)
        return "late" if not is_cancelled() else None

    task = Task(work)
    finished = []
    task.finished.connect(finished.append)
    with qtbot.waitSignal(task.cancelled, timeout=3000):
        task.start()
        task.cancel()
        gate.set()
    assert finished == [] and task.was_cancelled


def test_task_failure_keeps_the_exception(qtbot):
    def work(report, is_cancelled):
        raise KeyError("k")

    task = Task(work)
    with qtbot.waitSignal(task.failed, timeout=3000) as failed:
        task.start()
    assert failed.args == ["KeyError: 'k'"]
    assert isinstance(task.error, KeyError)


def test_bound_callbacks_never_run_on_a_deleted_owner_and_the_task_is_cancelled(qtbot):
    from PySide6.QtCore import QObject

    from rednote_desk.gui.workers import bind

    release = threading.Event()
    owner = QObject()
    heard = []

    def work(report, is_cancelled):
        release.wait(5)
        return 1

    task = Task(work)
    bind(task, owner, finished=heard.append)
    task.start()
    owner.deleteLater()
    qtbot.waitUntil(lambda: task.was_cancelled, timeout=2000)  # the owner's destruction cancels the work
    release.set()
    qtbot.waitUntil(lambda: task.is_done, timeout=5000)
    assert heard == []


def test_a_database_failure_in_the_background_is_told_in_the_users_words(qtbot):
    import sqlite3

    def locked(report, cancelled):
        raise sqlite3.OperationalError("database is locked")

    task = Task(locked)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert "another program" in failed.args[0] and "Nothing was changed" in failed.args[0]
