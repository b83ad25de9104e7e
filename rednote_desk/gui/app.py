"""Start the desktop app."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def main(*, db_path: str | Path | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import services
    from ..core.errors import UserError
    from .main_window import MainWindow, settings_for_app

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(services.APP_NAME)
    app.setOrganizationName("RedNote Desk")
    settings = settings_for_app()
    if db_path is None:
        last = settings.value("last_project")
        if last and Path(str(last)).exists():
            db_path = str(last)  # the project open when the app was last closed
    try:
        project = services.open_project(db_path)
    except (UserError, sqlite3.DatabaseError) as exc:
        QMessageBox.critical(None, services.APP_NAME,
                             f"The project could not be opened; the file was left untouched.\n\n{exc}")
        return 1
    try:
        services.ensure_recent_backup(project)
    except (OSError, sqlite3.Error) as exc:
        print(f"rednote-desk: note: could not write the daily backup: {exc}", file=sys.stderr)
    window = MainWindow(project, settings=settings)
    window.show()
    return app.exec()
