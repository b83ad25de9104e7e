"""Opening the startup project without freezing the window.

What takes time when a large project opens is the file's check (SQLite's quick check, about a second for
500 MB), pending migrations and the first launch's seeding: they run on a worker thread, the project is opened
there with ``handover=True`` and used only by the GUI thread afterwards. The daily backup (a copy of the whole
file, another second or two) is written after the project is on screen, by a worker with a connection of its
own. The window's event loop keeps running meanwhile (a local loop, as run_with_progress does), so the
call still returns the open project like a plain open would.

A refusal or failure is not shown from here: the caller opens the usual way again (project_safety), which
says why and offers a repaired copy where it can.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop

from rednote_desk.core.errors import UserError
from rednote_desk.gui.preload import WINDOW_MODULES, import_all
from rednote_desk.gui.workers import Task, bind


def start_opening(db_path) -> Task:
    """Start opening the startup project now (app.main calls this before building the window, so the store's
    imports and the file check run while the window is built and painted). open_in_background picks it up."""
    def work(report, _cancelled):
        # imported on this worker on purpose: meanwhile the GUI thread imports only GUI modules (no import
        # cycle spans both), and the store's imports (sqlite-utils, numpy: a few hundred ms) overlap the paint
        from rednote_desk import services

        report(0, 0, "Checking the project file…")
        project = services.open_project(db_path, handover=True)
        import_all(WINDOW_MODULES)  # what showing the project needs (codebook, import dialog), not on the GUI thread
        return project

    task = Task(work)
    _started[str(db_path)] = task
    task.start()
    return task


_started: dict[str, Task] = {}


def open_in_background(db_path):
    """Open (check, migrate, seed) the startup project off the GUI thread (or take over the opening that
    start_opening began); returns the Project, opened for handover. Returns None when that failed: the caller
    opens the usual way, which reports the reason."""
    task = _started.pop(str(db_path), None) or start_opening(db_path)
    _started.pop(str(db_path), None)
    # the window's events go on meanwhile. (Not a QEventLoop quit by the task's signals: a task started
    # earlier may have emitted them already, before such a connection existed.)
    while not task.is_done:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return task.result if task.error is None and not task.was_cancelled else None


def back_up_in_background(owner, path, tell: Callable[[str], None]) -> Task | None:
    """Write the daily backup (a copy of the whole file) on a worker, through a connection of its own, once the
    project is on screen; ``tell(message)`` hears why it could not be written."""
    if path is None:
        return None

    def work(_report, _cancelled):
        from rednote_desk.services.projects import ensure_recent_backup_of

        try:
            return ensure_recent_backup_of(path)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(f"Could not write the daily backup: {exc}") from exc

    task = Task(work)
    bind(task, owner, failed=tell)
    task.start()
    return task
