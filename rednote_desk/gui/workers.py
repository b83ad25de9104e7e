"""Long work off the GUI thread, with progress and cancel.

A :class:`Task` runs ``fn(report, is_cancelled)`` on a ``QThreadPool`` thread and reports back through queued
signals. ``fn`` must be pure work: it must not touch the Project (sqlite connections belong to the thread that
made them) or any widget. Store results on the GUI thread afterwards.

:func:`run_with_progress` is the blocking convenience for dialogs and menu actions: it shows a modal progress
dialog, keeps the GUI responsive with a local event loop, and returns ``fn``'s result.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from rednote_desk.core.errors import UserError

log = logging.getLogger(__name__)

Report = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]
WorkFn = Callable[[Report, IsCancelled], Any]

SHOW_AFTER_MS = 300
_REPORT_INTERVAL_S = 0.03  # at most ~30 progress signals a second reach the GUI thread

_running: set[Task] = set()  # keeps tasks alive until their last signal has been delivered


class Task(QObject):
    """Runs ``fn(report, is_cancelled)`` on a worker thread.

    Exactly one of ``finished(result)``, ``failed(message)`` or ``cancelled()`` is emitted, on the thread the
    task was created on. ``report(done, total, text)`` may be called from ``fn`` as often as it likes; progress
    signals are throttled. ``result``, ``error`` and ``was_cancelled`` hold the outcome once ``is_done``.

    The worker hands its outcome over as ONE queued call (``_outcome``); on the owner's thread ``is_done`` is set
    and the public signal is emitted there, so every listener has run before the event loop turns again. (With
    each listener reached by its own queued event, ``is_done`` could be seen true while a listener's event was
    still to come: a view's ``is_busy()`` said idle while it still showed the previous result.)
    """

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _outcome = Signal(str, object)  # ("finished", result) | ("failed", message) | ("cancelled", None)

    def __init__(self, fn: WorkFn, parent: QObject | None = None):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_done = False
        self._started = False
        # queued even if emitted on this thread: the outcome always arrives through the owner's event loop
        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def was_cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask ``fn`` to stop; it sees ``is_cancelled()`` become true. Thread-safe."""
        self._cancel.set()

    def detach(self) -> None:
        """Cancel, and disconnect every listener: the view that started the task is closing or moving on.

        Only the task's own bookkeeping (``_outcome``) stays connected, so it is released once the work has
        stopped.
        """
        self._cancel.set()
        with warnings.catch_warnings():  # PySide warns when a signal had no listener
            warnings.simplefilter("ignore", RuntimeWarning)
            for signal in (self.progressed, self.finished, self.failed, self.cancelled):
                try:
                    signal.disconnect()
                except (RuntimeError, TypeError, SystemError):  # nothing connected
                    pass

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("a Task runs once")
        self._started = True
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(self._run)

    # --- worker thread -------------------------------------------------------------------------------------
    def _report(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        last_step = total > 0 and done >= total
        if now - self._last_report < _REPORT_INTERVAL_S and not last_step:
            return
        self._last_report = now
        if not self._cancel.is_set():
            try:
                self.progressed.emit(int(done), int(total), str(text))
            except RuntimeError:  # "Signal source has been deleted": the owner's side was torn down meanwhile
                pass

    def _run(self) -> None:
        try:
            result = self._fn(self._report, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - everything must reach the GUI thread
            if self._cancel.is_set():
                self._hand_over("cancelled")
                return
            if not isinstance(exc, UserError):
                log.error("background task failed", exc_info=exc)
            self.error = exc
            self._hand_over("failed", _message(exc))
            return
        self._hand_over("finished", result)

    def _hand_over(self, kind: str, payload: Any = None) -> None:
        """Send the outcome to the owner's thread as one queued call, unless the task is gone (the app may have
        quit while the work ran; nobody listens then). Cancelled work reports ``cancelled`` whatever it
        returned."""
        if self._cancel.is_set():
            kind, payload = "cancelled", None
        try:
            self._outcome.emit(kind, payload)
        except RuntimeError:  # "Signal source has been deleted": the owner's side was torn down meanwhile
            pass

    # --- owner's thread ------------------------------------------------------------------------------------
    @Slot(str, object)
    def _deliver(self, kind: str, payload: Any) -> None:
        """The outcome, on the owner's thread: mark the task done, then tell every listener in this same call
        (the emission is direct here), so nobody sees ``is_done`` before the listeners have run."""
        if kind == "finished":
            self.result = payload
        self.is_done = True
        try:
            if kind == "finished":
                self.finished.emit(payload)
            elif kind == "failed":
                self.failed.emit(payload)
            else:
                self.cancelled.emit()
        finally:
            # released on the next turn of the event loop: dropping the last reference inside this slot would
            # delete the task while it is still emitting
            QTimer.singleShot(0, self._release)

    @Slot()
    def _release(self) -> None:
        _running.discard(self)


def bind(task: Task, owner: QObject, **slots: Callable[..., Any]) -> None:
    """Connect ``task``'s signals (``finished=``, ``failed=``, ``progressed=``, ``cancelled=``) to ``owner``'s
    callbacks, so that none of them ever runs on a deleted owner: when ``owner`` is destroyed (its view closed),
    the task is cancelled and what it still sends is dropped."""
    owner.destroyed.connect(task.cancel)
    for name, slot in slots.items():
        getattr(task, name).connect(_guarded(task, owner, slot))


def _guarded(task: Task, owner: QObject, slot: Callable[..., Any]) -> Callable[..., None]:
    def call(*args: Any) -> None:
        if not shiboken6.isValid(owner):
            task.cancel()
            return
        slot(*args)

    return call


def running_tasks() -> list[Task]:
    """Tasks started and not yet done (their last signal not yet delivered), whose Qt side still exists."""
    return [task for task in _running if shiboken6.isValid(task)]


def stop_all(wait_ms: int = 3000) -> bool:
    """Cancel and detach every running task, then wait up to ``wait_ms`` for the worker threads to stop.

    Called when the application quits, so no work is left running while Python shuts down. True when every
    worker stopped in time.
    """
    for task in list(_running):
        if not shiboken6.isValid(task):  # its owner was deleted before the last signal arrived
            task.cancel()  # plain Python: still reaches the worker through the shared event
            _running.discard(task)
            continue
        task.detach()
    return QThreadPool.globalInstance().waitForDone(wait_ms)


def _message(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, (sqlite3.Error, OSError)):  # a locked, read-only or full project: the session's words
        from rednote_desk.gui.session import error_message

        return error_message(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _ProgressDialog(QProgressDialog):
    """A progress dialog that stays up after Cancel (until the work really stops) and never pumps events."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        # Showing is ours (a timer below): with Qt's own logic, setValue() would call processEvents().
        self.setMinimumDuration(2**30)
        self.canceled.disconnect(self.cancel)  # the default hides the dialog at once
        self.canceled.connect(self._on_canceled)
        self.cancel_requested = False

    def _on_canceled(self) -> None:
        if self.cancel_requested:
            return
        self.cancel_requested = True
        self.setLabelText("Cancelling…")
        button = self.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)

    def reject(self) -> None:  # Escape
        self.canceled.emit()

    def closeEvent(self, event) -> None:  # the title bar's close button
        event.ignore()
        self.canceled.emit()

    def show_progress(self, done: int, total: int, text: str) -> None:
        if self.cancel_requested:
            return
        if total > 0:
            if self.maximum() != total:
                self.setRange(0, total)
            self.setValue(max(0, min(done, total)))
        if text:
            self.setLabelText(text)


def start_with_progress(parent: QWidget | None, title: str, fn: WorkFn, *, total: int | None = None,
                        done: Callable[[], None] | None = None) -> Task:
    """Start ``fn(report, is_cancelled)`` off the GUI thread and return its Task at once (the GUI goes on).

    A window-modal progress dialog with Cancel appears if the work takes longer than SHOW_AFTER_MS; it stays
    up after Cancel until the work has really stopped, then closes. ``done()`` is called once the task has
    its outcome (after the dialog closed); connect to the task's own signals for the outcome itself."""
    task = Task(fn)
    dialog = _ProgressDialog(parent, title)
    if total:
        dialog.setRange(0, total)
        dialog.setValue(0)
    task.progressed.connect(dialog.show_progress)
    dialog.canceled.connect(task.cancel)
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(dialog.show)

    def close(*_args) -> None:
        show_timer.stop()
        dialog.hide()
        dialog.deleteLater()
        if done is not None:
            done()

    for signal in (task.finished, task.failed, task.cancelled):
        signal.connect(close)
    task.progress_dialog = dialog  # for tests and callers that want to watch it
    show_timer.start(SHOW_AFTER_MS)
    task.start()
    return task


def run_with_progress(parent: QWidget | None, title: str, fn: WorkFn, *, total: int | None = None) -> Any:
    """Run ``fn(report, is_cancelled)`` off the GUI thread behind a modal progress dialog.

    Returns ``fn``'s result, or None if the user cancelled. An exception in ``fn`` is raised here, on the GUI
    thread: a UserError as it is, anything else as a UserError with a readable message.
    """
    loop = QEventLoop()
    task = start_with_progress(parent, title, fn, total=total, done=loop.quit)
    if not task.is_done:
        loop.exec()
    if task.was_cancelled:
        return None
    if task.error is not None:
        if isinstance(task.error, UserError):
            raise task.error
        raise UserError(f"{title} failed: {_message(task.error)}") from task.error
    return task.result
