"""Every focusable control gets a name a screen reader can say.

Controls named where they are made keep their name. For the rest, a name is derived when the widget is first
polished (just before it is shown): a button's tooltip when its text is only a symbol (◀ ▶ ✕ ▲), a field's
placeholder, otherwise its tooltip or what it is and where it sits ("Codebook tree", "Text diff list").
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

from rednote_desk.gui.control_names import name_main_controls, name_view

KINDS = ((QTabBar, "tabs"), (QTabWidget, "tabs"), (QComboBox, "choice"), (QLineEdit, "field"),
         (QPlainTextEdit, "text"), (QTextEdit, "text"), (QAbstractItemView, "list"), (QLabel, "text"),
         (QAbstractScrollArea, "area"), (QAbstractButton, "button"))


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


def name_all(root: QWidget) -> None:
    for widget in [root, *root.findChildren(QWidget)]:
        name_widget(widget)


class AccessibleNames(QObject):
    """Names the window's controls as they are polished (the comparison views are built on first use)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        name_main_controls(window)  # hand-written names first (gui.control_names), generated ones for the rest
        name_all(window)  # what was polished while the window was being built
        QTimer.singleShot(0, self._name_main_controls)  # controls made after this (the coder in the status bar)
        self._pending = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Polish, QEvent.Type.Show) and isinstance(obj, QWidget):
            if not shiboken6.isValid(self.window):  # the window is being destroyed
                QApplication.instance().removeEventFilter(self)
                return False
            if self.window.isAncestorOf(obj):
                if event.type() == QEvent.Type.Polish:
                    name_view(obj)  # a comparison view, polished before its controls
                name_widget(obj)
            elif not self._pending and obj.parentWidget() is None and obj is not self.window:
                # built without a parent, placed in the window afterwards: name the window's controls once
                self._pending = True
                QTimer.singleShot(0, self._name_all)
        return False

    def _name_main_controls(self) -> None:
        if shiboken6.isValid(self.window):
            name_main_controls(self.window)

    def _name_all(self) -> None:
        self._pending = False
        if shiboken6.isValid(self.window):
            name_all(self.window)
