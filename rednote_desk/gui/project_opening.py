"""Opening the startup project without freezing the window.

What takes time when a large project opens is the file's check (SQLite's quick check, about a second for
500 MB), pending migrations and the first launch's seeding: they run on a worker thread, the project is opened
there with ``handover=True`` and used only by the GUI thread afterwards. The daily backup (a copy of the whole
file, another second or two) is written after the project is on screen, by a worker with a connection of its
own. The window's event loop keeps running meanwhile (a local loop, as run_with_progress does), so the
call still returns the open project like a plain open would.

While the whole-file check runs, the library already lists the project's documents: they are read first
(about 0.1 s for 10,000), through Project.open_before_check (read-only, query-only, after the fast part of the
check: header and ``sqlite_master`` against our migrations), then the full open starts, and the documents'
annotation counts are read beside it. Meanwhile nothing can be edited
(:class:`WhileChecking`: there is no project to edit yet, the status bar says why, the library offers no Edit
or Delete, a document asked for there opens once the check has passed). Only a file that passed is opened for
writing; what the look read is then read again through the project itself (LibraryLoader), and a list equal
to the one shown changes nothing on screen.

A refusal or failure is not shown from here: the caller hands the error to project_safety, which says why
and offers a repaired copy where it can.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from rednote_desk.core.errors import UserError
from rednote_desk.gui.library import library_table
from rednote_desk.gui.preload import WINDOW_MODULES, import_all
from rednote_desk.gui.workers import Task, bind


def start_opening(db_path) -> Task:
    """Start opening the startup project now (app.main calls this before building the window, so the store's
    imports and the file check run while the window is built and painted). open_in_background picks it up.
    The project's list is read first, before the check (see the module docstring)."""
    def work(report, cancelled):
        if cancelled():  # the app is quitting (the look before it was stopped): nothing is opened
            return None
        # imported on this worker on purpose: meanwhile the GUI thread imports only GUI modules (no import
        # cycle spans both), and the store's imports (sqlite-utils, numpy: a few hundred ms) overlap the paint
        from rednote_desk import services

        report(0, 0, "Checking the project file…")
        project = task.opened = services.open_project(db_path, handover=True)
        import_all(WINDOW_MODULES)  # what showing the project needs (codebook, import dialog), not on the GUI thread
        return project

    task = Task(work)
    task.opened = None  # the project once open: closed by open_in_background when it is not handed over

    def look_first(_report, cancelled):
        # the list first, then the full open: run side by side on two cores, the whole-file check slowed the
        # list's read about twofold (and the open itself came no sooner)
        try:
            return _read_before_check(db_path, lambda reader: library_table(reader.document_headings()))
        finally:
            if cancelled():
                task.cancel()  # stopped with the look (Task.detach / workers.stop_all): it ends at once
            task.start()  # from this worker: not delayed by whatever the GUI thread is doing

    look = Task(look_first)
    _started[str(db_path)] = (task, look)
    look.start()
    return task


_started: dict[str, tuple[Task, Task]] = {}
# one statement of the look before the check may take this long (10,000 documents: about 0.1 s); a longer one
# is stopped and the project is listed once open (the full open waits for the look)
LOOK_TIME_LIMIT_S = 3.0


def ensure_opening(db_path) -> None:
    """Start opening the project unless start_opening did already (the window then builds the rest of itself
    while the workers run)."""
    if str(db_path) not in _started:
        start_opening(db_path)


def _read_before_check(db_path, read: Callable):
    """``read(reader)`` through Project.open_before_check, on a worker; None when the file cannot be looked at
    before its whole-file check (new, a -wal beside it, an upgrade pending): then it is listed once open."""
    from rednote_desk.gui.project_safety import BUSY_TIMEOUT_MS
    from rednote_desk.paths import default_project_path
    from rednote_desk.store.project import Project

    try:
        with Project.open_before_check(db_path if db_path is not None else default_project_path()) as reader:
            reader.limit_waits(query_seconds=LOOK_TIME_LIMIT_S, busy_ms=BUSY_TIMEOUT_MS)
            return read(reader)
    except (UserError, sqlite3.Error, OSError):
        return None  # the full open says what is wrong, if anything


def open_in_background(db_path, waiting: WhileChecking | None = None):
    """Open (check, migrate, seed) the startup project off the GUI thread (or take over the opening that
    start_opening began); returns the Project, opened for handover. ``waiting`` is shown the project's list
    as soon as it was read, before the check has finished. Raises what the opening raised (the caller says
    why, see project_safety), or UserError when it was cancelled."""
    ensure_opening(db_path)
    task, first_look = _started.pop(str(db_path))
    look: Task | None = first_look
    _waited_for.append((task, first_look))
    # the window's events go on meanwhile. (Not a QEventLoop quit by the task's signals: a task started
    # earlier may have emitted them already, before such a connection existed.)
    try:
        while not task.is_done:
            if look is not None and look.is_done:
                if look.result is not None and waiting is not None and not task.was_cancelled:
                    waiting.show_rows(look.result, db_path)
                look = None
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        _waited_for.remove((task, first_look))
    if look is not None:  # the project opened first: the look may still list it before the project's own read
        if waiting is not None and task.error is None and not task.was_cancelled:
            waiting.follow(look)
        else:
            look.detach()
    if task.error is not None or task.was_cancelled:
        if task.opened is not None:  # opened before the cancel (the window closed) or an error came: nothing
            task.opened.close()  # was written; closed cleanly, so the next open may skip the whole-file check
        if task.error is not None:
            raise task.error
        raise UserError("the opening was cancelled")
    return task.result


def cancel_opening() -> None:
    """The window closes while its project opens: stop every opening still running (the worker's open ends
    at once when it has not begun; one under way is closed by open_in_background when it is done)."""
    for tasks in list(_started.values()) + list(_waited_for):
        for task in tasks:
            task.cancel()


_waited_for: list[tuple[Task, ...]] = []  # the openings open_in_background waits for now (cancel_opening)


class WhileChecking:
    """The window while its project's file is still checked: the documents listed from a read-only look,
    their counts following, and nothing that could change the project: there is no project yet (an action that
    needs it is queued until it is open and the status bar says so, MainWindow.once_open; reading and moving
    through what is on screen works at once), the library offers no Edit or Delete, and a document asked for
    there opens once the check has passed. ``end()`` gives the window back."""

    MESSAGE = "Checking the project file… The documents are listed; editing starts when the check is done."

    def __init__(self, window):
        self.window = window
        self.listed = False
        self._counts: Task | None = None
        self._opened: bool | None = None  # not known yet
        window.library.hold_requests(True)
        window.library.open_held.connect(self._on_open_held)
        window.checking = self

    def queued_note(self, names: str) -> str:
        """The status bar's note for actions asked for meanwhile (it begins as MESSAGE: cleared with it)."""
        return f"{self.MESSAGE.split('…')[0]}… {names}: will run when the file check is done."

    def _on_open_held(self, _document_id: int) -> None:
        self.window.statusBar().showMessage("Checking the project file… The document opens when the check is done.")

    def follow(self, look: Task) -> None:
        """The project opened before ``look`` (its list, read before the check) was shown: show that list now
        (it came in the same moment), or when it comes, if that is before the project's own read
        (LibraryLoader), which then replaces it."""
        def arrived(rows) -> None:
            if rows is not None and self.window.library_loader.is_busy():
                self.window.library.show_rows(rows)

        if look.is_done:  # in a turn of its own, after the project is set (not added to that turn's stall)
            QTimer.singleShot(0, self.window.library, lambda: arrived(look.result))
        else:
            bind(look, self.window.library, finished=arrived)

    def show_rows(self, rows: list[list], db_path) -> None:
        library = self.window.library
        library.show_rows(rows)
        self.listed = True
        self.window.statusBar().showMessage(self.MESSAGE)
        self._counts = Task(lambda _report, _cancelled: _read_before_check(
            db_path, lambda reader: reader.annotations_per_document()))
        bind(self._counts, library, finished=self._show_counts)
        self._counts.start()

    def _show_counts(self, counts: dict[int, int] | None) -> None:
        # once the project is open, only while its own read (which replaces them) has not come in
        if counts is not None and (self._opened is None or self.window.library_loader.is_busy()):
            self.window.library.update_counts(counts, every=True)

    def end(self, *, opened: bool) -> None:
        """The check is over: the list stays for the open project (which reads it again, see
        LibraryPanel.show_rows) or is emptied when the file was not opened (a held request is dropped then)."""
        self._opened = opened
        self.window.checking = None
        if self._counts is not None and not opened:
            self._counts.detach()
        if self.window.statusBar().currentMessage().startswith(self.MESSAGE[:20]):
            self.window.statusBar().clearMessage()  # ours only (not the project's own, set meanwhile)
        if self.listed and not opened:
            self.window.library.show_rows([])
        self.window.library.open_held.disconnect(self._on_open_held)
        self.window.library.hold_requests(False, emit=opened)


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
