"""Whole-project reads the window needs (the library's rows, the orphans to review): at once for a project of a
few hundred documents, in the background for a large one.

In the background the read runs on a worker thread through a read-only connection of its own
(Project.open_reader); a newer read of the same kind replaces an older one still running (its result is
dropped), and nothing is delivered to a view that was closed meanwhile (workers.bind).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from rednote_desk.gui.library import library_table
from rednote_desk.gui.workers import Task, bind

BACKGROUND_FROM = 1_000  # documents: below this such a read takes a few milliseconds on the GUI thread
FILTER_HINT = "Filter documents…"


class ProjectRead:
    """One kind of read: ``read(project)`` gives what ``show(result)`` puts on screen."""

    def __init__(self, owner: QObject, read: Callable[[Any], Any], show: Callable[[Any], None],
                 failed: Callable[[str], None] | None = None):
        self.owner, self.read, self.show, self.failed = owner, read, show, failed
        self._task: Task | None = None

    @staticmethod
    def in_background(project, count: int | None = None) -> bool:
        """Whether ``run`` reads this project on a worker (a project file of BACKGROUND_FROM documents or more;
        ``count``: its documents, if counted already)."""
        return project.path is not None and (project.document_count() if count is None else count) >= BACKGROUND_FROM

    def run(self, project, *, started: Callable[[int], None] | None = None) -> Task | None:
        """Read now (small or in-memory project) or start the background Task and return it."""
        self.stop()
        count = project.document_count()
        if not self.in_background(project, count):
            self.show(self.read(project))
            return None
        from rednote_desk.store.project import Project

        path, read = project.path, self.read

        def work(_report, _cancelled):
            with Project.open_reader(path) as reader:
                return read(reader)

        task = Task(work)
        slots = {"finished": self.show}
        if self.failed is not None:
            slots["failed"] = self.failed
        bind(task, self.owner, **slots)
        self._task = task
        if started is not None:
            started(count)
        task.start()
        return task

    def is_busy(self) -> bool:
        return self._task is not None and not self._task.is_done

    def stop(self) -> None:
        if self._task is not None:
            self._task.detach()
            self._task = None


class LibraryLoader(ProjectRead):
    """Fills ``library`` (a LibraryPanel) with the project's documents; the filter field says what loads."""

    def __init__(self, library):
        self.library = library
        # the model's rows are made where the read runs (a worker, for a large project)
        super().__init__(library, lambda project: library_table(project.library_rows()), self._show, self._failed)

    def fill(self, project) -> Task | None:
        return self.run(project, started=lambda count: self.library.filter.setPlaceholderText(
            f"Loading {count:,} documents…"))

    def _show(self, rows) -> None:
        self.library.filter.setPlaceholderText(FILTER_HINT)
        self.library.show_rows(rows)

    def _failed(self, message: str) -> None:
        self.library.filter.setPlaceholderText(f"The library could not be read: {message}")
