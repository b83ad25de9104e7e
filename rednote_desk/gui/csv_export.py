"""File > Export annotations as CSV, in the background: a progress dialog with Cancel, the GUI stays live.

The rows are read on the worker thread through a read-only connection of its own (Project.open_reader) and
written through the one atomic writer (services.output): a cancelled or failed export leaves no partial file
and never touches an existing file at the destination. An in-memory project (tests, scratch) has no file to
read from elsewhere; it is small, so it is exported on the GUI thread.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from rednote_desk.core.errors import UserError
from rednote_desk.gui.session import HANDLED_ERRORS, show_error
from rednote_desk.gui.workers import Task, start_with_progress

TITLE = "Exporting annotations"


def export_csv_in_background(window: QWidget, project, path: str | Path, *, excel: bool,
                             show_message) -> Task | None:
    """Start the export of every annotation of ``project`` to ``path``; returns its Task (None when the
    export ran at once, in memory). ``show_message(text)`` reports the outcome in the status bar."""
    from rednote_desk import services
    from rednote_desk.services.output import check_destination
    from rednote_desk.store.project import Project

    path = str(path)
    try:
        check_destination(path, protect=[project.path])  # refused at once, before any work
        if project.path is None:
            count = services.export_csv_file(project, path, raw=not excel, excel=excel)
            show_message(f"Exported {count:,} annotations to {path}")
            return None
    except HANDLED_ERRORS as exc:
        show_error(window, exc, title="Export")
        return None
    source = project.path

    def work(report, is_cancelled) -> int:
        with Project.open_reader(source) as reader:
            return services.export_csv_file(reader, path, raw=not excel, excel=excel, progress=report,
                                            is_cancelled=is_cancelled, protect=[source])

    task = start_with_progress(window, TITLE, work)
    task.finished.connect(lambda count: show_message(f"Exported {count:,} annotations to {path}"))
    task.cancelled.connect(lambda: show_message(f"Export cancelled; {path} was not written"))
    task.failed.connect(lambda message: show_error(window, UserError(message), title="Export"))
    return task
