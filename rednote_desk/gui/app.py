"""Start the desktop app: paint the window first, then open the project (its imports take a moment)."""
from __future__ import annotations

import sys
from pathlib import Path


def main(*, db_path: str | Path | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from rednote_desk.gui.main_window import MainWindow, settings_for_app
    from rednote_desk.paths import APP_NAME

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    settings = settings_for_app()
    if db_path is None:
        last = settings.value("last_project")
        if last and Path(str(last)).exists():
            db_path = str(last)  # the project open when the app was last closed
    # the project starts opening on a worker now (store imports, file check), while the window is built and
    # painted; open_startup_project below takes it over
    from rednote_desk.gui.project_opening import start_opening

    start_opening(db_path)
    window = MainWindow(None, settings=settings)
    window.show()
    status = {"code": 0}

    def open_project() -> None:
        if not window.open_startup_project(db_path):
            status["code"] = 1
            window.close()

    QTimer.singleShot(0, open_project)
    code = app.exec()
    if window.project is not None:  # a clean close: the next open may skip the whole-file check (store/clean_close)
        window.project.close()
    return status["code"] or code
