"""The Library's columns at any panel width: the title gets the room.

The outlet takes at most a third of the table, the annotation count ("#") only what its digits need, and the
date is hidden while the table is too narrow for a readable title beside it (it comes back when the panel is
widened; sorting by date is still in the header's menu of a wider panel)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

OUTLET, TITLE, DATE, COUNT = range(4)
MIN_TITLE = 110  # below this many pixels for the title, the date column makes way
OUTLET_SHARE = 0.34
MAX_OUTLET = 130


class LibraryColumns(QObject):
    """Fits the Library table's columns to its width whenever the table is resized."""

    def __init__(self, table: QTableView):
        super().__init__(table.viewport())  # goes with the viewport, whose events it hears
        self.table = table
        self._viewport = table.viewport()
        header = table.horizontalHeader()
        header.setSectionResizeMode(OUTLET, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self._viewport.installEventFilter(self)  # the viewport: its size is final when it hears of it
        self.fit()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if obj is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        width = table.viewport().width()
        outlet = max(header.minimumSectionSize(), min(MAX_OUTLET, int(width * OUTLET_SHARE)))
        if header.sectionSize(OUTLET) != outlet:
            header.resizeSection(OUTLET, outlet)
        date = max(header.sectionSizeHint(DATE), table.sizeHintForColumn(DATE))
        count = header.sectionSize(COUNT)
        narrow = width - outlet - count - date < MIN_TITLE
        if header.isSectionHidden(DATE) != narrow:
            header.setSectionHidden(DATE, narrow)

    def title_width(self) -> int:
        return self.table.horizontalHeader().sectionSize(TITLE)
