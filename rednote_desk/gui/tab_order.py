"""Tab goes through the main window in reading order: the panels on the left (Library, Codebook, and the
Annotation panel when it stacks there), then the main tabs and the open columns from left to right (each
column's header buttons before its text), then the panels on the right and below, then the status bar.

Qt's own order is the order in which the widgets were made (columns opened later, the coder button in the
status bar between Library and Codebook), so the chain is set again whenever columns open or close, a panel
moves, appears or a tab changes. From the last control Tab comes back to the Library (and Shift+Tab from the
first goes to the last).
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QTabWidget, QWidget

AREA_RANK = {Qt.DockWidgetArea.LeftDockWidgetArea: 0, Qt.DockWidgetArea.TopDockWidgetArea: 1,
             Qt.DockWidgetArea.RightDockWidgetArea: 3, Qt.DockWidgetArea.BottomDockWidgetArea: 4}
CENTRAL_RANK = 2


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def _by_position(widgets: list[QWidget], origin: QWidget) -> list[QWidget]:
    def key(w: QWidget) -> tuple[int, int]:
        p = w.mapTo(origin, QPoint(0, 0))
        return (p.y() // 8, p.x())  # rows of 8 px: controls on one line read left to right
    return sorted(widgets, key=key)


def _focusable_in(root: QWidget, skip: set[int]) -> list[QWidget]:
    """Tab-focusable controls in ``root``'s window (not a drop-down's popup list, not a tab bar's arrows)."""
    window = root.window()
    return [w for w in root.findChildren(QWidget) if takes_tab(w) and id(w) not in skip
            and not isinstance(w, QDockWidget) and w.window() is window
            and not isinstance(w.parentWidget(), QTabBar)]


def reading_order(window: QMainWindow) -> list[QWidget]:
    """The window's Tab-focusable controls in reading order (hidden ones too: Qt skips them)."""
    docks = [d for d in window.findChildren(QDockWidget)  # a hidden panel joins when it is shown
             if d.parent() is window and not d.isFloating() and d.isVisible()]
    groups: list[tuple[tuple, list[QWidget]]] = []
    for dock in docks:
        rank = AREA_RANK.get(window.dockWidgetArea(dock), 5)
        position = dock.mapTo(window, QPoint(0, 0))
        groups.append(((rank, position.x() // 40, position.y()), _by_position(_focusable_in(dock, set()), dock)))
    central = window.centralWidget()
    ordered: list[QWidget] = []
    if central is not None:
        tabs = central
        reading = getattr(window, "reading", None)
        bar = tabs.tabBar() if hasattr(tabs, "tabBar") else None
        if bar is not None and takes_tab(bar):
            ordered.append(bar)
        columns = list(getattr(reading, "columns", []))
        for column in columns:  # left to right as shown, each column's header before its text
            ordered += _by_position(_focusable_in(column, set()), column)
        taken = {id(w) for w in ordered}
        ordered += _by_position(_focusable_in(central, taken), central)  # find bar, other tabs' pages
    groups.append(((CENTRAL_RANK, 0, 0), ordered))
    status = window.statusBar() if window.statusBar() is not None else None
    groups.append(((9, 0, 0), _focusable_in(status, set()) if status is not None else []))
    chain: list[QWidget] = []
    for _key, widgets in sorted(groups, key=lambda g: g[0]):
        chain += widgets
    return chain


class TabOrder(QObject):
    """Keeps the window's Tab chain in reading order."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once per burst of changes, after the layout has settled
        self._timer.timeout.connect(self.apply)
        reading = getattr(window, "reading", None)
        if reading is not None and hasattr(reading, "columns_changed"):
            reading.columns_changed.connect(self.schedule)
        tabs = window.centralWidget()
        if hasattr(tabs, "currentChanged"):
            tabs.currentChanged.connect(self.schedule)
        self._watched: set[int] = set()
        self._filtered: set[int] = set()
        self._chain: list[QWidget] = []
        self._watch_docks()
        self.schedule()

    def _watch_docks(self) -> None:
        """Hear when a panel moves, floats or appears (panels such as Coded passages are made later)."""
        for dock in self.window.findChildren(QDockWidget):
            if id(dock) not in self._watched:
                self._watched.add(id(dock))
                dock.dockLocationChanged.connect(self.schedule)
                dock.topLevelChanged.connect(self.schedule)
                dock.visibilityChanged.connect(self.schedule)

    def schedule(self, *_args) -> None:
        self._timer.start()

    def apply(self) -> None:
        if not shiboken6.isValid(self.window):
            return
        self._watch_docks()
        for tabs in self.window.findChildren(QTabWidget):
            # Tab reaches a tab widget where it sits in Qt's chain (made first: before the Library) and jumps to
            # its tab bar; the tab bar has its own place in the chain, so the container itself takes no Tab
            if tabs.focusPolicy() != Qt.FocusPolicy.NoFocus:
                bar_policy = tabs.tabBar().focusPolicy()
                tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Qt hands this on to the tab bar: give it back
                tabs.tabBar().setFocusPolicy(bar_policy)
        chain = reading_order(self.window)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._chain = chain
        for widget in chain:
            if id(widget) not in self._filtered:
                self._filtered.add(id(widget))
                widget.installEventFilter(self)

    def _reachable(self) -> list[QWidget]:
        return [w for w in self._chain if shiboken6.isValid(w) and w.isVisible() and w.isEnabled()]

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        # Qt wraps from the last control to the first one after the window in its own chain, which for a
        # window whose tabs were made before the panels is the main tab bar: wrap to the Library ourselves
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            backward = event.key() == Qt.Key.Key_Backtab
            if forward or backward:
                reachable = self._reachable()
                if reachable and obj is (reachable[-1] if forward else reachable[0]):
                    (reachable[0] if forward else reachable[-1]).setFocus(
                        Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
                    return True
        return False
