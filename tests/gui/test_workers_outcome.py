"""A Task's outcome reaches every listener in the same turn of the event loop that makes it ``is_done``.

Views report ``is_busy()`` as "their task is not done yet"; if ``is_done`` could turn true while a listener's
call was still queued, a view would say it is idle while it still shows the previous result (the compare
view's matrix after an accept, seen by tests about one run in six). An event filter on the task looks between
the events it is delivered: whenever the task is already done, every listener must have been told.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool

from rednote_desk.gui.workers import Task, bind


class _BetweenEvents(QObject):
    """Notes (is_done, listeners told so far) before each call event the task is delivered."""

    def __init__(self, task: Task, heard: list):
        super().__init__()
        self.task, self.heard, self.seen = task, heard, []
        task.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MetaCall:
            self.seen.append((self.task.is_done, len(self.heard)))
        return False


def _deliver(task: Task, heard: list) -> list[tuple[bool, int]]:
    """Run the task to its end, deliver what it posted, and return what was seen between its events."""
    watch = _BetweenEvents(task, heard)
    task.start()
    assert QThreadPool.globalInstance().waitForDone(10_000), "the work did not end"
    QCoreApplication.sendPostedEvents(task, QEvent.Type.MetaCall)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
    task.removeEventFilter(watch)
    return watch.seen


def _boom(report, is_cancelled):
    raise ValueError("boom")


@pytest.mark.parametrize(("work", "signal", "expected"), [
    (lambda report, is_cancelled: 42, "finished", 42),
    (_boom, "failed", "ValueError: boom"),
])
def test_listeners_have_run_once_the_task_is_done(qtbot, work, signal, expected):
    owner = QObject()
    heard = []
    task = Task(work)
    bind(task, owner, **{signal: lambda value: heard.append(("bound", value))})
    getattr(task, signal).connect(lambda value: heard.append(("plain", value, task.is_done)))
    assert not task.is_done
    seen = _deliver(task, heard)
    assert task.is_done
    assert heard == [("bound", expected), ("plain", expected, True)]
    assert seen and all(told == 2 for done, told in seen if done)  # never done with a listener untold


def test_a_cancelled_task_tells_its_listeners_in_the_same_turn(qtbot):
    owner = QObject()
    heard = []

    def work(report, is_cancelled):
        task.cancel()  # cancelled while running: whatever it returns, the outcome is "cancelled"
        return "ignored"

    task = Task(work)
    bind(task, owner, cancelled=lambda: heard.append("cancelled"), finished=heard.append)
    seen = _deliver(task, heard)
    assert task.is_done and task.was_cancelled and task.result is None
    assert heard == ["cancelled"]
    assert seen and all(told == 1 for done, told in seen if done)


def test_a_detached_task_is_still_done_and_released(qtbot):
    from rednote_desk.gui.workers import running_tasks

    heard = []
    task = Task(lambda report, is_cancelled: 1)
    task.finished.connect(heard.append)
    task.start()
    task.detach()
    qtbot.waitUntil(lambda: task.is_done and task not in running_tasks(), timeout=10_000)
    assert heard == [] and task.was_cancelled
