"""Start the desktop app: paint the window with the project's first texts, then build the rest and open it.

What a person waits for at startup is the window and the articles. The window is built in two stages
(gui/staged_start): the reading area with the texts the project opens with (read through the store's light first
look, no sqlite-utils) is painted first; the panels, menus and shortcuts are built in the next turn of the event
loop; then the project is opened (checked, migrated) on a worker and takes the texts over. When there are no
texts to show first (a new project, the first launch), the opening starts at once instead.
"""
from __future__ import annotations

import sys
from pathlib import Path


def launch(*, db_path: str | Path | None = None, argv: list[str] | None = None):
    """Everything before the event loop runs: returns (app, window, status); ``status["code"]`` becomes 1 when
    the project could not be opened (the window then closes)."""
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
    window = MainWindow(None, settings=settings)

    def start() -> None:
        from rednote_desk.gui.project_opening import start_opening

        start_opening(db_path)

    # the project is opened (store imports, file check, migrations) on a worker that open_startup_project below
    # takes over: started once the texts are painted, or at once when there are none to show first (a worker
    # started earlier would hold the interpreter while the window is built and painted)
    if window.startup_preview(db_path):
        window.when_painted(start)
    else:
        start()
    window.show()
    status = {"code": 0}

    def open_project() -> None:
        if not window.open_startup_project(db_path):
            status["code"] = 1
            window.close()

    # after the first paint and the window's second stage, in a turn of its own (the stage may have been
    # built for a key press that is still being handled)
    window.when_built(lambda: QTimer.singleShot(0, open_project))
    return app, window, status


def main(*, db_path: str | Path | None = None, argv: list[str] | None = None) -> int:
    app, window, status = launch(db_path=db_path, argv=argv)
    code = app.exec()
    if window.project is not None:  # a clean close: the next open may skip the whole-file check (store/clean_close)
        window.project.close()
    return status["code"] or code
