"""A main window on the seeded sample project, at a given size (shared by the workspace tests)."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow


def open_window(qtbot, tmp_path, width: int, height: int) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services.open_project(None), settings=settings)
    qtbot.addWidget(w)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.wait(30)  # the first-launch dock proportions are applied after the first paint
    return w


def close_window(w: MainWindow) -> None:
    project = w.project
    w.close()
    project.close()
