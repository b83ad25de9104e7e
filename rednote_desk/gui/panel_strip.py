"""The side panels folded to a strip of their names on the window's left edge.

When the Library, Codebook or Annotation panel is hidden (folded by the layout to give the texts room, by
View → Hide side panels, or closed with its ✕), a narrow strip shows each of the three by name, its text running
up the edge as in an IDE's tool-window bar. One click on a name brings that panel back (or folds it again); the
strip goes away when all three are shown. It costs 23 px, against a fifth of the window for the panels.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolBar,
    QToolButton,
)


class VerticalButton(QToolButton):
    """A tool button whose text runs bottom to top."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return super().sizeHint().transposed()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return super().minimumSizeHint().transposed()

    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        painter.rotate(-90)  # the button drawn lying on its side: its left edge at the bottom
        painter.translate(-self.height(), 0)
        option.rect = QRect(0, 0, self.height(), self.width())
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)


class PanelStrip(QToolBar):
    """One name per panel on the left edge, shown while any of the panels is hidden; a click shows or hides it."""

    def __init__(self, window: QMainWindow, docks: list[QDockWidget], shortcuts: dict[str, str] | None = None):
        super().__init__("Folded side panels", window)
        self.setObjectName("side_panel_strip")
        self.setMovable(False)
        self.setFloatable(False)
        self.setOrientation(Qt.Orientation.Vertical)
        self.toggleViewAction().setVisible(False)  # not a toolbar a person switches on or off
        self.setAccessibleName("Folded side panels")
        self.docks = docks
        self.buttons: dict[QDockWidget, VerticalButton] = {}
        for dock in docks:
            button = VerticalButton(self)
            button.setText(dock.windowTitle())
            button.setCheckable(True)
            button.setChecked(not dock.isHidden())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the same is in the View menu and its shortcuts
            key = (shortcuts or {}).get(dock.objectName())
            tip = f"Show or fold the {dock.windowTitle()} panel" + (f" ({key} goes to it)" if key else "")
            button.setToolTip(tip)
            button.setAccessibleName(f"{dock.windowTitle()} panel")
            button.setAccessibleDescription(tip)
            button.setFixedSize(button.sizeHint())  # the toolbar would make each button as wide as it is long
            button.clicked.connect(lambda checked, d=dock: self.on_button_clicked(d, checked))
            dock.toggleViewAction().toggled.connect(lambda _shown: self.refresh())
            self.addWidget(button)
            self.buttons[dock] = button
        window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self)
        self.refresh()

    def on_button_clicked(self, dock: QDockWidget, checked: bool) -> None:
        dock.setVisible(checked)
        if checked:
            dock.raise_()

    def refresh(self) -> None:
        """Each button pressed while its panel is shown; the strip only while a panel is hidden."""
        self.layout().setContentsMargins(1, 1, 1, 1)  # not the toolbar's 4 px each side (Qt resets them on a style change)
        for dock, button in self.buttons.items():
            button.setChecked(not dock.isHidden())
        self.setVisible(any(dock.isHidden() for dock in self.docks))
