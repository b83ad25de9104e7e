"""Project-changing work off the GUI thread (a REFI-QDA import, a merge), behind a progress dialog with Cancel.

A sqlite connection belongs to the thread that made it, so the worker opens the project file again on a
connection of its own, runs the operation there (one undo step, written to the file's undo log like any other)
and commits; the GUI's connection then sees the result, and the session announces the changes so every view
hears them. Cancel raises inside the operation group: it is rolled back and nothing is stored. A project that
lives only in memory has no file to open twice; it runs on the GUI thread (it is small: tests, a scratch pad).
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from rednote_desk.core.errors import UserError
from rednote_desk.gui.session import HANDLED_ERRORS, show_error
from rednote_desk.gui.workers import run_with_progress
from rednote_desk.store.project import Project

# work(project, report, is_cancelled) -> result (with ``changes``); runs on the worker thread
ProjectWork = Callable[[Project, Callable[[int, int, str], None], Callable[[], bool]], Any]


def run_project_work(parent: QWidget, session, title: str, work: ProjectWork) -> Any:
    """Run ``work`` on a worker thread against its own connection to the session's project file.

    Returns the work's result, or None when it was cancelled (nothing stored) or failed (the reason shown)."""
    project = session.project
    if project.path is None:
        return session.run(lambda: work(project, lambda *_a: None, lambda: False), parent=parent)
    path, coder = project.path, project.coder

    def in_worker(report, is_cancelled):
        with Project.open(path, create=False) as own:
            own.coder = coder
            with own.operation_group(title) as group:
                result = work(own, report, is_cancelled)
                if is_cancelled():  # last moment: leaving the group by an exception rolls it all back
                    raise UserError(f"{title} cancelled; nothing was stored")
            return result, group.changes  # the group's changes are complete only once it has ended

    # Python's cyclic garbage collector runs in whichever thread happens to allocate: left on, it may destroy
    # unreachable Qt objects (a closed dialog, a previous window) on the worker thread, which crashes Qt later.
    # Collect here on the GUI thread, pause automatic collection while the worker runs, and resume after.
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        outcome = run_with_progress(parent, title, in_worker)
    except HANDLED_ERRORS as exc:
        show_error(parent, exc, title=title)
        return None
    finally:
        if was_enabled:
            gc.enable()
    if outcome is None:
        QMessageBox.information(parent, title, f"{title} cancelled: nothing was stored.")
        return None
    result, changes = outcome
    if hasattr(result, "__dataclass_fields__") and hasattr(result, "changes"):
        result.changes = changes  # a summary made inside the group holds the group's changes from now on
    session.announce(changes)
    return result
