"""Fixtures shared by the GUI tests."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStyleFactory
from workspace_helpers import dark_palette


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
