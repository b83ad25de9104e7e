"""A one-line label that elides its text to the width it gets (the full text is its tooltip).

Plain text only: titles and outlet names come from imported files and must never be read as HTML.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from rednote_desk.gui.plain import plain


class ElidedLabel(QWidget):
    def __init__(self, text: str = "", parent=None, *, bold: bool = False):
        super().__init__(parent)
        self._text = ""
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_text(text)

    def set_text(self, text: str, tooltip: str | None = None) -> None:
        self._text = " ".join((text or "").split())
        self.setToolTip(plain(tooltip if tooltip is not None else self._text))
        self.setAccessibleName(self._text)
        self.update()

    def text(self) -> str:
        return self._text

    def displayed_text(self) -> str:
        return self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, max(0, self.width()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = self.fontMetrics()
        return QSize(min(fm.horizontalAdvance(self._text), 400), fm.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, self.fontMetrics().height())

    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.palette().ColorRole.WindowText))  # readable in any palette
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.displayed_text())
        painter.end()
