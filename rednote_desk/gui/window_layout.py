"""The main window's panels at any size: a first layout fitted to the screen, a check that refuses to save or
restore a broken one, and one action that collapses the side panels so the texts get the whole width.

Laptop screens (under 1,400 px) stack Library, Codebook and Annotation in one narrow column on the left, so two
columns of text stay readable at 1,024 × 700; wide screens keep the Annotation panel on the right. The same
happens when a person resizes the window across that width (WidthAdapter): the Annotation panel moves to where
the first layout would have put it, unless the person has placed it somewhere else, and a narrow window's left
column is kept to a fifth of its width. A hidden panel stays one click away on a strip of its name on the left
edge (panel_strip.py); text_room.py folds the panels there when the reading columns need the room.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QVBoxLayout, QWidget

from rednote_desk.gui.library_columns import LibraryColumns

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
        narrow_layout(window)
        window.resizeDocks([library, codebook, inspector],  # also when it was on the left already
                           [int(height * 0.3), int(height * 0.3), int(height * 0.4)], Qt.Orientation.Vertical)
    else:
        wide_layout(window)
        window.resizeDocks([library, codebook], [250, 600], Qt.Orientation.Vertical)


def left_width(window_width: int) -> int:
    """The left column's width in a narrow window: a fifth of it (two columns of 45 characters beside it at
    1,024 px), never a sliver."""
    return max(MIN_PANEL_WIDTH + 40, min(280, window_width // 5))


def narrow_layout(window: QMainWindow) -> None:
    """The Annotation panel under the Codebook, and the left column a fifth of the window."""
    inspector = window.inspector_dock
    if window.dockWidgetArea(inspector) != Qt.DockWidgetArea.LeftDockWidgetArea:
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, inspector)
        window.splitDockWidget(window.codebook_dock, inspector, Qt.Orientation.Vertical)
        height = window.height()
        window.resizeDocks([window.library_dock, window.codebook_dock, inspector],
                           [int(height * 0.3), int(height * 0.3), int(height * 0.4)], Qt.Orientation.Vertical)
    window.resizeDocks([window.library_dock], [left_width(window.width())], Qt.Orientation.Horizontal)


def wide_layout(window: QMainWindow) -> None:
    """The Annotation panel in its own column on the right."""
    inspector = window.inspector_dock
    if window.dockWidgetArea(inspector) != Qt.DockWidgetArea.RightDockWidgetArea:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, inspector)
    window.resizeDocks([window.library_dock, inspector], [300, 300], Qt.Orientation.Horizontal)


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


class PanelScroll(QScrollArea):
    """A vertical scroll area that gives its content the whole viewport when it fits and its minimum height (for
    the viewport's width) when it does not: the content shrinks first (a note field to a few lines) and only then
    scrolls. (QScrollArea's own resizing uses the preferred height of word-wrapped content, which scrolls a
    panel whose every control would fit.)"""

    def __init__(self, content: QWidget):
        super().__init__()
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside, not to the area
        self.setWidgetResizable(False)
        self._content = content
        self._refit = QTimer(self)  # goes with the area: never fires on a deleted one
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)
        self.setWidget(content)  # QScrollArea watches its widget through eventFilter too

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if obj is self._content and event.type() == QEvent.Type.LayoutRequest:
            self._refit.start()  # the content changed (another annotation shown)
        return super().eventFilter(obj, event)

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        content = self.widget()
        if content is None or not shiboken6.isValid(content):
            return
        width = self.viewport().width()
        layout = content.layout()
        needed = (layout.totalMinimumHeightForWidth(width) if layout is not None and layout.hasHeightForWidth()
                  else content.minimumSizeHint().height())
        content.resize(width, max(self.viewport().height(), needed))


def scroll_inside(dock: QDockWidget) -> QScrollArea:
    """Put a panel's content in a vertical scroll area (never a horizontal one: the content keeps the dock's
    width), so a low dock clips nothing: the rest is a scroll away."""
    area = PanelScroll(dock.widget())
    dock.setWidget(area)
    return area


class SidePanels:
    """View → Hide side panels (Ctrl+Shift+H): collapse every docked panel, and bring back the same ones. Hidden
    panels are one click away on a strip of their names (PanelStrip); the layout folds them there by itself when
    the reading columns need the room (TextRoom), and brings those back when there is room again."""

    def __init__(self, window: QMainWindow, menu):
        from rednote_desk.gui.keyboard import PANEL_SHORTCUTS
        from rednote_desk.gui.panel_strip import PanelStrip
        from rednote_desk.gui.text_room import TextRoom

        self.window = window
        self._hidden: list[QDockWidget] = []
        self._applied = False
        self.by_layout = False  # the hidden panels were folded by the layout for the texts, not by the person
        self._changing = False
        self.user_unfolded = None  # called when the person brings back a panel the layout folded
        self.panels = [window.library_dock, window.codebook_dock, window.inspector_dock]
        keys = {getattr(window, dock).objectName(): key for _text, key, dock, _target in PANEL_SHORTCUTS}
        self.strip = PanelStrip(window, self.panels, keys)
        for dock in side_docks(window):
            dock.toggleViewAction().toggled.connect(lambda shown, d=dock: self.on_dock_toggled(d, shown))
        self.text_room = TextRoom(window, self)
        self.width_adapter = WidthAdapter(window, self.text_room.occasion)  # the panels follow the window's width
        scroll_inside(window.inspector_dock)  # stacked under the Codebook on a low screen, its buttons stay reachable
        self.library_columns = LibraryColumns(window.library.table)  # the title gets the room
        self.action = QAction("&Hide side panels", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.action.setStatusTip("Give the texts the whole width (again to bring the panels back)")
        self.action.toggled.connect(self.set_hidden)
        menu.addAction(self.action)
        window.addAction(self.action)

    def set_hidden(self, hidden: bool) -> None:
        if self.action.isChecked() != hidden:  # called directly: the action's toggled signal comes back here
            self.action.setChecked(hidden)
            return
        if hidden and self._applied and self.by_layout:  # folded for the texts: the person now hides the rest too
            self.by_layout = False
            rest = [d for d in side_docks(self.window) if d.isVisible()]
            self._hidden += rest
            for dock in rest:
                dock.hide()
            return
        if hidden == self._applied:  # already so: keep the list of panels to bring back
            return
        if not hidden and self.by_layout and not self._changing and self.user_unfolded is not None:
            self.user_unfolded()
        self._applied = hidden
        self.by_layout = False
        self._changing = True
        try:
            if hidden:
                self._hidden = [d for d in side_docks(self.window) if d.isVisible()]
                for dock in self._hidden:
                    dock.hide()
            else:
                for dock in self._hidden:
                    dock.show()
                self._hidden = []
        finally:
            self._changing = False

    def fold(self, docks: list[QDockWidget]) -> bool:
        """Hide these panels for the texts (as Hide side panels would, so Ctrl+Shift+H brings them back); they
        come back by themselves through unfold_for_texts. Nothing happens while the person has hidden panels:
        False then (True when they were folded)."""
        if self._applied and not self.by_layout:
            return False
        self._changing = True
        try:
            for dock in docks:
                dock.hide()
        finally:
            self._changing = False
        self._hidden += [d for d in docks if d not in self._hidden]
        self._applied = self.by_layout = True
        self._check(True)
        return True

    def folded_for_texts(self) -> list[QDockWidget]:
        return list(self._hidden) if self._applied and self.by_layout else []

    def unfold_for_texts(self, docks: list[QDockWidget]) -> None:
        """Bring back these panels folded for the texts (the others stay folded)."""
        if not (self._applied and self.by_layout):
            return
        self._changing = True
        try:
            for dock in docks:
                if dock in self._hidden:
                    self._hidden.remove(dock)
                    dock.show()
        finally:
            self._changing = False
        if not self._hidden:
            self._applied = self.by_layout = False
            self._check(False)

    def on_dock_toggled(self, dock: QDockWidget, shown: bool) -> None:
        """A hidden panel shown by the person (strip, View menu, shortcut) is no longer one to bring back."""
        if not shown or self._changing or dock not in self._hidden:
            return
        self._hidden.remove(dock)
        if self.by_layout and self.user_unfolded is not None:
            self.user_unfolded()
        if not self._hidden:
            self._applied = self.by_layout = False
            self._check(False)

    def _check(self, checked: bool) -> None:
        self.action.blockSignals(True)
        self.action.setChecked(checked)
        self.action.blockSignals(False)


class WidthAdapter(QObject):
    """Keeps the layout usable while the window is resized: crossing WIDE moves the Annotation panel between the
    right-hand column and the left column (under the Codebook), as the first layout would place it at that width;
    a narrow window's left column never keeps more than a fifth of the width. A panel the person has moved
    elsewhere (another dock area, floating, hidden) is left where it is."""

    def __init__(self, window: QMainWindow, then=None):
        super().__init__(window)
        self.window = window
        self._then = then  # called after each adaptation (the texts' room is checked again)
        self._wide: bool | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)  # once the resize holds still, not on every step of a drag
        self._timer.timeout.connect(self._adapt_then)
        window.installEventFilter(self)

    def _adapt_then(self) -> None:
        self.adapt()
        if self._then is not None:
            self._then()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if obj is self.window and event.type() == QEvent.Type.Resize and self.window.isVisible():
            self._timer.start()
        return False

    def adapt(self) -> None:
        window = self.window
        if not getattr(window, "_layout_checked", True):  # the first layout comes first
            return
        wide = window.width() >= WIDE
        inspector = window.inspector_dock
        if self._wide is None:  # the layout as first made or restored: where is the Annotation panel?
            self._wide = {Qt.DockWidgetArea.RightDockWidgetArea: True,
                          Qt.DockWidgetArea.LeftDockWidgetArea: False}.get(window.dockWidgetArea(inspector), wide)
        placed_by_us = not inspector.isFloating() and window.dockWidgetArea(inspector) == (
            Qt.DockWidgetArea.RightDockWidgetArea if self._wide else Qt.DockWidgetArea.LeftDockWidgetArea)
        if wide != self._wide:
            self._wide = wide
            if placed_by_us:
                (wide_layout if wide else narrow_layout)(window)
                return
        if not wide:
            library = window.library_dock
            if library.isVisible() and not library.isFloating() and library.width() > left_width(window.width()):
                window.resizeDocks([library], [left_width(window.width())], Qt.Orientation.Horizontal)
