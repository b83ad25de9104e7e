"""The one way the GUI changes a project: ``ProjectSession.run`` and the ``changed`` signal every panel hears.

Modelled on Anki's ``CollectionOp`` + ``operation_did_execute``: a view never calls a store operation itself and
never refreshes another view. It asks the session to run the operation; the session runs it, shows a refusal or
a database failure as a message saying what to do next (nothing ever raises out of a Qt slot), and announces what
changed with ``changed(changes, initiator)``. Each panel listens and refreshes only what concerns it; the
``initiator`` lets the view that made the change skip work it has already done (an editor keeps its cursor).

Undo and redo go through the same door, so their refreshes are exactly those of the operation they reverse.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from rednote_desk.core.errors import UserError
from rednote_desk.gui.plain import plain
from rednote_desk.store.undo import Changes

if TYPE_CHECKING:
    from rednote_desk.store.project import Project

APP_TITLE = "RedNote Desk"


def error_message(exc: BaseException) -> str:
    """What went wrong, in the user's words, and what to do next."""
    if isinstance(exc, UserError):
        return str(exc)
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, sqlite3.Error):
        if "readonly" in lowered or "read-only" in lowered:
            return ("The project file is read-only, so this change was not saved.\n"
                    "Use File > Save a copy of the project… to keep working on a copy you can write to.")
        if "locked" in lowered or "busy" in lowered:
            return ("The project file is busy: another program (or another RedNote Desk window) is writing "
                    "to it. Nothing was changed.\nWait a moment and try again, or close the other program.")
        if "full" in lowered:
            return ("The disk is full, so this change was not saved; the project is unchanged.\n"
                    "Free some space and try again.")
        if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
            return ("The project file is damaged, so this change was not saved.\n"
                    "Close the project and restore it from a backup (the backups folder beside your data), "
                    "or save a copy and check it.")
        return f"The project database refused this change ({text}). Nothing was changed.\nPlease try again."
    if isinstance(exc, OSError):
        reason = exc.strerror or text
        where = f" ({exc.filename})" if exc.filename else ""
        return f"The file could not be read or written{where}: {reason}.\nCheck the location and try again."
    return f"Unexpected error: {text}"


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = APP_TITLE) -> None:
    """Show a refusal or a failure as a warning box (never raises)."""
    QMessageBox.warning(parent, title, plain(error_message(exc)))


# what the session catches: refusals, database failures and file-system failures; anything else is a bug
HANDLED_ERRORS: tuple[type[BaseException], ...] = (UserError, sqlite3.Error, OSError)


def changes_of(result: Any) -> Changes | None:
    """The Changes an operation reported: the result itself, its ``changes`` (a store ``Result``), or none."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    if isinstance(changes, Changes):
        return changes
    if isinstance(result, tuple):
        for item in result:
            found = changes_of(item)
            if found is not None:
                return found
    return None


class ProjectSession(QObject):
    """The open project, as the GUI sees it: run operations, undo, redo, and say what changed."""

    changed = Signal(object, object)  # (Changes, initiator or None)
    message = Signal(str)  # a short status line after an operation ("Undone: Add tag")

    def __init__(self, project: Project, parent_widget: QObject | None = None):
        super().__init__(parent_widget)
        self.project = project
        self.parent_widget = parent_widget

    def _dialog_parent(self) -> QWidget | None:
        return self.parent_widget if isinstance(self.parent_widget, QWidget) else None

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.project, "read_only", False))

    def run(self, operation: Callable[[], Any], *, initiator: object = None, success_message: str | None = None,
            parent: QWidget | None = None, on_error: Callable[[str], None] | None = None) -> Any:
        """Run a store operation; on a refusal or failure show why and return None; else announce its changes.

        Returns the operation's result (the created object, counts, or its Changes). ``on_error`` replaces the
        message box (a panel showing errors inline, or a test).
        """
        try:
            result = operation()
        except HANDLED_ERRORS as exc:
            if on_error is not None:
                on_error(error_message(exc))
            else:
                show_error(parent or self._dialog_parent(), exc)
            return None
        self._announce(changes_of(result), initiator)
        if success_message:
            self.message.emit(success_message)
        return result

    def group(self, label: str = ""):
        """Make the operations run inside the block one undo step (the store's operation group)."""
        return self.project.operation_group(label)

    def undo(self, *, initiator: object = None) -> Changes | None:
        return self._step(self.project.undo, "Undone", "Nothing to undo.", initiator)

    def redo(self, *, initiator: object = None) -> Changes | None:
        return self._step(self.project.redo, "Redone", "Nothing to redo.", initiator)

    def _step(self, step: Callable[[], Changes | None], verb: str, nothing: str, initiator: object):
        if self.read_only:
            show_error(self._dialog_parent(), UserError(
                "this project file is read-only; changes cannot be undone or redone "
                "(use File > Save a copy of the project… to work on a copy)"))
            return None
        try:
            changes = step()
        except HANDLED_ERRORS as exc:
            show_error(self._dialog_parent(), exc)
            return None
        if changes is None:
            self.message.emit(nothing)
            return None
        self._announce(changes, initiator)
        self.message.emit(f"{verb}: {changes.label}")
        return changes

    def can_undo(self) -> bool:
        return not self.read_only and self._label(self.project.undo_label) is not None

    def can_redo(self) -> bool:
        return not self.read_only and self._label(self.project.redo_label) is not None

    def undo_label(self) -> str | None:
        return None if self.read_only else self._label(self.project.undo_label)

    def redo_label(self) -> str | None:
        return None if self.read_only else self._label(self.project.redo_label)

    @staticmethod
    def _label(read: Callable[[], str | None]) -> str | None:
        try:
            return read()
        except sqlite3.Error:  # a damaged or vanished log: nothing can be undone
            return None

    def announce(self, changes: Changes | None, initiator: object = None) -> None:
        """Tell every view about changes made by work that ran its own store batch (an import behind a progress
        dialog); everything else goes through :meth:`run`."""
        self._announce(changes, initiator)

    def _announce(self, changes: Changes | None, initiator: object) -> None:
        self.changed.emit(changes if changes is not None else Changes(), initiator)


def value_of(result: Any) -> Any:
    """What an operation made (``Result.value``), or the result itself for an operation that returns it bare."""
    if isinstance(result, tuple) and hasattr(result, "value") and hasattr(result, "changes"):
        return result.value
    return result


def session_for(project_or_session: Any, parent: QObject | None = None) -> ProjectSession:
    """The session a panel works through: the one it was given, or a new one around a bare Project (tests and
    panels used on their own)."""
    if isinstance(project_or_session, ProjectSession):
        return project_or_session
    return ProjectSession(project_or_session, parent)


# the tables whose changes alter a comparison (claims matrix, suggestions, frame profile, copies)
COMPARISON_TABLES = frozenset({"documents", "annotations", "annotation_tags", "tags", "claims",
                               "dismissed_suggestions"})
