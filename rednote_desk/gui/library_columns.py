"""The Library's columns at any panel width: the title gets the room.

The outlet takes at most a third of the table, the annotation count ("#") only what its digits need, and the
date is hidden while the table is too narrow for a readable title beside it (it comes back when the panel is
widened; sorting by date is still in the header's menu of a wider panel).

The date and count columns are as wide as their widest cells, measured once per change of the rows (a refill,
a filter, new counts) on the few rows the model says are widest, not on hundreds of rows at every resize or
show of the panel: Qt's resize to contents and a sample for the date asked the model about every cell of 200
rows each time (12-21 ms on the GUI thread when the panel of 10,000 documents came back; now under 1 ms)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

OUTLET, TITLE, DATE, COUNT = range(4)
MIN_TITLE = 110  # below this many pixels for the title, the date column makes way
OUTLET_SHARE = 0.34
MAX_OUTLET = 130
MEASURED = (DATE, COUNT)  # as wide as their widest cell


class LibraryColumns(QObject):
    """Fits the Library table's columns to its width whenever the table is resized."""

    def __init__(self, table: QTableView):
        super().__init__(table.viewport())  # goes with the viewport, whose events it hears
        self.table = table
        self._viewport = table.viewport()
        header = table.horizontalHeader()
        header.setSectionResizeMode(OUTLET, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in MEASURED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._contents: dict[int, int] = {}  # each measured column's width; empty: to measure (rows changed)
        self._remeasure = QTimer(self)  # once per turn however many signals a change sends
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(0)
        self._remeasure.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.rows_changed)
        model.dataChanged.connect(self.on_data_changed)
        self._viewport.installEventFilter(self)  # the viewport: its size is final when it hears of it
        self.fit()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if obj is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def rows_changed(self, *_args) -> None:
        """Measure again, once, when it can be seen (a folded Library measures when it comes back)."""
        self._contents.clear()
        if self.table.isVisible():
            self._remeasure.start()

    def on_data_changed(self, top_left, bottom_right, _roles=()) -> None:
        if top_left.column() <= max(MEASURED) and bottom_right.column() >= min(MEASURED):
            self.rows_changed()

    def fit(self) -> None:
        table, header = self.table, self.table.horizontalHeader()
        if not self._contents:
            self._contents = {column: self.content_width(column) for column in MEASURED}
        width = table.viewport().width()
        outlet = max(header.minimumSectionSize(), min(MAX_OUTLET, int(width * OUTLET_SHARE)))
        if header.sectionSize(OUTLET) != outlet:
            header.resizeSection(OUTLET, outlet)
        count = self._contents[COUNT]
        if header.sectionSize(COUNT) != count:
            header.resizeSection(COUNT, count)
        date = self._contents[DATE]
        narrow = width - outlet - count - date < MIN_TITLE
        if not narrow and header.sectionSize(DATE) != date:
            header.resizeSection(DATE, date)
        if header.isSectionHidden(DATE) != narrow:
            header.setSectionHidden(DATE, narrow)

    def content_width(self, column: int) -> int:
        """The column's width for its widest cell and its header, as Qt's resize to contents makes it, measured
        on the rows the model says are widest (widest_rows), else on Qt's sample of rows."""
        table, header = self.table, self.table.horizontalHeader()
        proxy = table.model()
        source = getattr(proxy, "sourceModel", lambda: None)()
        if source is None or not hasattr(source, "widest_rows"):
            return max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
        cells = (proxy.mapFromSource(source.index(row, column)) for row in source.widest_rows(column))
        widest = max((table.sizeHintForIndex(cell).width() for cell in cells if cell.isValid()), default=0)
        grid = 1 if table.showGrid() and widest else 0  # QTableView's sizeHintForColumn counts the grid line
        return max(header.sectionSizeHint(column), widest + grid)

    def title_width(self) -> int:
        return self.table.horizontalHeader().sectionSize(TITLE)
