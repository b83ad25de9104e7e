"""Opening the startup project without freezing the window.

What takes time when a large project opens is the file's check (SQLite's quick check, about a second for
500 MB), pending migrations, the first launch's seeding and the daily backup (a copy of the whole file). They
run on a worker thread: the project is opened there with ``handover=True`` and used only by the GUI thread
afterwards. The window's event loop keeps running meanwhile (a local loop, as run_with_progress does), so the
call still returns the open project like a plain open would.

A refusal or failure is not shown from here: the caller opens the usual way again (project_safety), which
says why and offers a repaired copy where it can.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop

from rednote_desk.gui.preload import WINDOW_MODULES, import_all
from rednote_desk.gui.workers import Task


@dataclass
class Opened:
    project: Any  # store.project.Project, opened for handover
    backup_problem: str | None  # why the daily backup could not be written, if it could not


def start_opening(db_path) -> Task:
    """Start opening the startup project now (app.main calls this before building the window, so the store's
    imports and the file check run while the window is built and painted). open_in_background picks it up."""
    def work(report, _cancelled) -> Opened:
        # imported on this worker on purpose: meanwhile the GUI thread imports only GUI modules (no import
        # cycle spans both), and the store's imports (sqlite-utils, numpy: a few hundred ms) overlap the paint
        from rednote_desk import services

        report(0, 0, "Checking the project file…")
        project = services.open_project(db_path, handover=True)
        problem = None
        try:
            report(0, 0, "Writing the daily backup…")
            services.ensure_recent_backup(project)
        except (OSError, sqlite3.Error) as exc:
            problem = str(exc)
        import_all(WINDOW_MODULES)  # what showing the project needs (codebook, import dialog), not on the GUI thread
        return Opened(project, problem)

    task = Task(work)
    _started[str(db_path)] = task
    task.start()
    return task


_started: dict[str, Task] = {}


def open_in_background(db_path) -> Opened | None:
    """Open (check, migrate, seed) the startup project and write the daily backup off the GUI thread (or take
    the opening start_opening began). Returns None when that failed: the caller opens the usual way, which
    reports the reason."""
    task = _started.pop(str(db_path), None) or start_opening(db_path)
    _started.pop(str(db_path), None)
    if not task.is_done:
        loop = QEventLoop()
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(loop.quit)
        if not task.is_done:  # it may have ended while the loop was being set up
            loop.exec()
    return task.result if task.error is None and not task.was_cancelled else None
