"""Fixtures shared by the GUI tests."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QStyleFactory
from workspace_helpers import dark_palette

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    """The app's settings in the test's own folder (a module may override this to set values first)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, db_path, settings):
    """The main window on the seeded default project, shown (modules with other needs define their own)."""
    w = MainWindow(services.open_project(None), settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture(params=["light", "dark"])
def palette(request):
    """The application under Fusion with its light palette, then with a dark one."""
    app = QApplication.instance()
    old_style, old_palette = app.style().name(), app.palette()
    app.setStyle(QStyleFactory.create("Fusion"))
    fusion = app.style().standardPalette()
    app.setPalette(dark_palette() if request.param == "dark" else fusion)
    yield app.palette()
    app.setPalette(old_palette)
    app.setStyle(QStyleFactory.create(old_style))
