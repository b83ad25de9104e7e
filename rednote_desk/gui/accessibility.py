"""Every focusable control gets a name a screen reader can say.

Controls named where they are made keep their name. For the rest, a name is derived when the window is built
(for a control made later: just after it is first painted, and at the latest when it gets the focus): a button's
tooltip when its text is only a symbol (◀ ▶ ✕ ▲), a field's placeholder, otherwise its tooltip or what it is and
where it sits ("Codebook tree", "Text diff list").
"""
from __future__ import annotations

import re
from itertools import pairwise

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from rednote_desk.gui.control_names import BY_CLASS as VIEWS
from rednote_desk.gui.control_names import name_main_controls, name_view

KINDS = ((QTabBar, "tabs"), (QTabWidget, "tabs"), (QComboBox, "choice"), (QLineEdit, "field"),
         (QPlainTextEdit, "text"), (QTextEdit, "text"), (QAbstractItemView, "list"), (QLabel, "text"),
         (QAbstractScrollArea, "area"), (QAbstractButton, "button"))
VIEW_NAMED = "rednote_view_named"  # a comparison view whose hand-written names are set


def readable(text: str | None) -> bool:
    return any(ch.isalnum() for ch in (text or ""))


def _plain(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text.replace("&&", "&")).replace("&", "").split())


def context_of(widget: QWidget) -> str:
    """Where a widget sits: its dock's title, else its tab's title, else its view's class name in words."""
    chain, parent = [widget], widget.parentWidget()
    while parent is not None:
        chain.append(parent)
        parent = parent.parentWidget()
    for w in chain:
        if isinstance(w, QDockWidget):
            return w.windowTitle()
    for child, parent in pairwise(chain):
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            index = tabs.indexOf(child)
            if index >= 0 and readable(tabs.tabText(index)):
                return _plain(tabs.tabText(index))
    for w in chain[1:]:
        name = type(w).__name__
        if not name.startswith("Q") and name != "MainWindow":
            return re.sub(r"(?<!^)(?=[A-Z])", " ", name).capitalize()
    return ""


def derived_name(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton) and readable(widget.text()):
        return _plain(widget.text())
    if readable(widget.toolTip()):
        return _plain(widget.toolTip()).split(" (")[0]
    if isinstance(widget, (QLineEdit, QPlainTextEdit)) and readable(widget.placeholderText()):
        return widget.placeholderText()
    if isinstance(widget, QLabel) and readable(widget.text()):
        return _plain(widget.text())[:80]
    kind = next((k for cls, k in KINDS if isinstance(widget, cls)), "control")
    return f"{context_of(widget) or 'Main window'} {kind}".strip()


def name_widget(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or readable(widget.accessibleName()):
        return
    if isinstance(widget, QAbstractButton) and readable(widget.text()) and not isinstance(widget, QTabBar):
        return  # a button with words is read by its text
    widget.setAccessibleName(derived_name(widget))


class AccessibleNames(QObject):
    """Names the window's controls: those there when it is built at once, the one that gets the focus at once
    (before Qt tells a screen reader), and those made later (the comparison views are built on first use, a
    column's buttons when it opens) in a sweep just after they are first painted.

    No Python call for every event of the application (an application-wide event filter heard about 4,500 of them
    for opening Compare on three documents): the filter hears only the window's own events. The window is told
    to paint whenever anything in it changed on screen (its UpdateRequest); when the application's widgets then
    differ in number from the last sweep, a sweep (about 1 ms for the window's 460 widgets) follows on a turn of
    its own. A widget made and shown while another of as many widgets goes also gets its name when it gets the
    focus, at the latest. A view built on first use asks for a sweep itself (schedule): it may be built while its
    tab is hidden already, and a hidden widget is not painted."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        name_main_controls(window)  # hand-written names first (gui.control_names), generated ones for the rest
        self._sweep = QTimer(self)  # goes with the window: never fires for a deleted one
        self._sweep.setSingleShot(True)
        self._sweep.setInterval(0)  # the next turn: not in the one that paints what changed
        self._sweep.timeout.connect(self.name_all)
        self._widgets = 0
        self.name_all()  # what was polished while the window was being built
        QTimer.singleShot(0, self._name_main_controls)  # controls made after this (the coder in the status bar)
        window.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self.on_focus_changed)

    def name_all(self) -> None:
        """Name every nameless focusable control of the window (a comparison view's hand-written names first)."""
        if not shiboken6.isValid(self.window):
            return
        self._widgets = len(QApplication.allWidgets())
        for widget in [self.window, *self.window.findChildren(QWidget)]:
            if type(widget).__name__ in VIEWS and not widget.property(VIEW_NAMED):
                name_view(widget)  # set before its controls are named (findChildren: parents first)
                widget.setProperty(VIEW_NAMED, True)
            name_widget(widget)

    def schedule(self) -> None:
        """Name what was just made on the next turn, painted or not (a view built while its tab is hidden)."""
        self._sweep.start()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if (obj is self.window and event.type() == QEvent.Type.UpdateRequest and not self._sweep.isActive()
                and len(QApplication.allWidgets()) != self._widgets):
            self._sweep.start()  # widgets were made (or went): name the new ones once this paint is done
        return False

    def on_focus_changed(self, _old, new) -> None:
        if not shiboken6.isValid(self.window):  # the window is being destroyed
            QApplication.instance().focusChanged.disconnect(self.on_focus_changed)
            return
        if new is not None and shiboken6.isValid(new) and (new is self.window or self.window.isAncestorOf(new)):
            name_widget(new)  # before a screen reader hears of the focus (Qt tells it after this signal)
            if len(QApplication.allWidgets()) != self._widgets and not self._sweep.isActive():
                self._sweep.start()

    def _name_main_controls(self) -> None:
        if shiboken6.isValid(self.window):
            name_main_controls(self.window)
