"""The main window built in two stages at startup, so the first paint shows the articles as early as possible.

Stage 1 (MainWindow.__init__ without a project) is what a person looks at first: the reading area with the
project's first texts (MainWindow.startup_preview) and the panels' empty frames. Stage 2 (MainWindow._build_rest:
the panels' contents, menus, shortcuts, their modules' imports) follows in the event loop's next turn after the
window's first paint, and the project is opened after that. A person's input that arrives before stage 2 (a key,
a click, a drop) builds it at once, before the input is handled, so no shortcut pressed then is dropped.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

_INPUT = frozenset({
    QEvent.Type.ShortcutOverride,  # sent before the shortcut map is asked: built now, the shortcut is found
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.ContextMenu,
    QEvent.Type.DragEnter,
    QEvent.Type.Drop,
})


class BuildOnInput(QObject):
    """Watches the application while ``window``'s stage 2 is not built: after the window's first paint it asks
    for the build in the next turn of the event loop; any input before then builds it at once. ``painted``:
    what is to run once the first paint is done (before the build; or when the build came first, right after
    it)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.painted: list[Callable[[], object]] = []
        self._scheduled = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._run_painted_later()

    def _run_painted_later(self) -> None:
        waiting, self.painted = self.painted, []
        for callback in waiting:
            QTimer.singleShot(0, callback)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        kind = event.type()
        if kind in _INPUT:
            self.window._build_rest()  # before the input reaches its widget or the shortcut map
        elif kind == QEvent.Type.Paint and obj is self.window and not self._scheduled:
            self._scheduled = True  # the whole window is painted in this pass; the rest comes right after it
            self._run_painted_later()
            QTimer.singleShot(0, self.window._build_rest)
        return False
