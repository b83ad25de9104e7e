"""Start the desktop app."""
from __future__ import annotations

import sys
from pathlib import Path


def main(*, db_path: str | Path | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .. import services
    from ..core.errors import UserError
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(services.APP_NAME)
    app.setOrganizationName("RedNote Desk")
    try:
        project = services.open_project(db_path)
    except UserError as exc:
        QMessageBox.critical(None, services.APP_NAME, f"The project could not be opened.\n\n{exc}")
        return 1
    window = MainWindow(project)
    window.show()
    return app.exec()
