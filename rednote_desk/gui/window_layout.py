"""The main window's panels at any size: a first layout fitted to the screen, a check that refuses to save or
restore a broken one, and one action that collapses the side panels so the texts get the whole width.

Laptop screens (under 1,400 px) stack Library, Codebook and Annotation in one narrow column on the left, so two
columns of text stay readable at 1,024 × 700; wide screens keep the Annotation panel on the right.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QVBoxLayout, QWidget

WIDE = 1400  # from this window width the Annotation panel gets its own column on the right
MIN_PANEL_WIDTH = 150  # a docked panel narrower than this is a broken layout
MIN_PANEL_HEIGHT = 60
MIN_CENTRAL_SHARE = 0.45  # the texts keep at least this share of the window's width


def side_docks(window: QMainWindow) -> list[QDockWidget]:
    return [d for d in window.findChildren(QDockWidget) if d.parent() is window]


def first_layout(window: QMainWindow) -> None:
    """Proportions for a first launch (or after a broken saved layout) fitted to the window's width."""
    library, codebook, inspector = window.library_dock, window.codebook_dock, window.inspector_dock
    width, height = window.width(), window.height()
    for dock in (library, codebook, inspector):
        dock.setFloating(False)
        dock.show()
    if width < WIDE:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, inspector)
        window.splitDockWidget(codebook, inspector, Qt.Orientation.Vertical)
        left = max(MIN_PANEL_WIDTH + 40, min(280, width // 5))
        window.resizeDocks([library], [left], Qt.Orientation.Horizontal)
        window.resizeDocks([library, codebook, inspector],
                           [int(height * 0.3), int(height * 0.3), int(height * 0.4)], Qt.Orientation.Vertical)
    else:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, inspector)
        window.resizeDocks([library, inspector], [300, 300], Qt.Orientation.Horizontal)
        window.resizeDocks([library, codebook], [250, 600], Qt.Orientation.Vertical)


def layout_is_sane(window: QMainWindow) -> bool:
    """False when a docked panel was squeezed to a sliver or the texts lost most of the width."""
    central = window.centralWidget()
    if central is None or central.width() < window.width() * MIN_CENTRAL_SHARE:
        return False
    for dock in side_docks(window):
        if dock.isVisible() and not dock.isFloating() and (
                dock.width() < MIN_PANEL_WIDTH or dock.height() < MIN_PANEL_HEIGHT):
            return False
    return True


def scrolling_page() -> tuple[QWidget, QWidget]:
    """A tab page whose content scrolls when the window is narrower than it wants, instead of raising the
    window's minimum width and squeezing the side panels. Returns (page, the widget to put the content in)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    inner = QWidget()
    QVBoxLayout(inner).setContentsMargins(0, 0, 0, 0)
    area.setWidget(inner)
    layout.addWidget(area)
    return page, inner


class SidePanels:
    """View → Hide side panels (Ctrl+Shift+H): collapse every docked panel, and bring back the same ones."""

    def __init__(self, window: QMainWindow, menu):
        self.window = window
        self._hidden: list[QDockWidget] = []
        self.action = QAction("&Hide side panels", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.setStatusTip("Give the texts the whole width (again to bring the panels back)")
        self.action.toggled.connect(self.set_hidden)
        menu.addAction(self.action)
        window.addAction(self.action)

    def set_hidden(self, hidden: bool) -> None:
        if hidden:
            self._hidden = [d for d in side_docks(self.window) if d.isVisible()]
            for dock in self._hidden:
                dock.hide()
        else:
            for dock in self._hidden:
                dock.show()
            self._hidden = []
        if self.action.isChecked() != hidden:
            self.action.setChecked(hidden)
