"""Opening a project file in the app: errors said in a message, a repaired copy offered for a file whose schema
was changed elsewhere, and a time limit on every query so a hostile file cannot freeze the window."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from rednote_desk.core.errors import UserError
from rednote_desk.gui.plain import plain
from rednote_desk.store.schema_check import SchemaError

QUERY_TIME_LIMIT_S = 30.0  # one statement longer than this is stopped (the window would look frozen)
BUSY_TIMEOUT_MS = 3000  # how long a change waits for another program's write lock before saying so
TITLE = "RedNote Desk"


def ask_repair(parent: QWidget | None, text: str) -> bool:
    """Ask whether to open a repaired copy (the message holds file and object names: shown literally)."""
    answer = QMessageBox.question(parent, TITLE, plain(text), QMessageBox.StandardButton.Yes
                                  | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def tell_not_opened(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.critical(parent, TITLE, plain(f"The project could not be opened; the file was left untouched.\n\n{exc}"))


def open_project_safely(parent: QWidget | None, open_file: Callable, path: str | Path | None,
                        default_path: Callable[[], Path], *, failed: BaseException | None = None):
    """``open_file(path)`` with the errors shown; a refused schema offers a repaired copy beside the file.
    ``failed``: opening it already failed so (on a worker): that is said, without opening it again (a large
    file's check would run a second time, here on the GUI thread). Returns the open project (with the query
    time limit), or None."""
    from rednote_desk.services.repair import repair_project

    try:
        if isinstance(failed, (UserError, sqlite3.Error, OSError)):
            raise failed
        project = open_file(path)
    except SchemaError as exc:
        source = Path(path) if path is not None else default_path()
        question = (f"{exc}\n\nOpen a repaired copy instead? A new file is written beside it with the documents, "
                    "codebook, annotations and claims only; the original stays as it is.")
        if not ask_repair(parent, question):
            return None
        try:
            outcome = repair_project(source)
            project = open_file(outcome.path)
        except (UserError, sqlite3.Error, OSError) as second:
            tell_not_opened(parent, second)
            return None
    except (UserError, sqlite3.Error, OSError) as exc:
        tell_not_opened(parent, exc)
        return None
    return guard(project)


def guard(project):
    """The app's limits on an open project's connection: a time limit per query, a short busy wait."""
    project.limit_waits(query_seconds=QUERY_TIME_LIMIT_S, busy_ms=BUSY_TIMEOUT_MS)
    return project
