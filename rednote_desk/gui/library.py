"""The library of documents: a sortable, filterable table.

The rows live in a plain table model (one list per document, cells made when Qt asks for them): filling it
with 10,000 documents is one model reset, not 40,000 items. The rows can be made off the GUI thread
(:func:`library_table`), the model filters them itself (one list comprehension, not a Python call per row from
a filter proxy), and a refill with the rows already shown changes nothing on screen.
"""
from __future__ import annotations

import heapq

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from rednote_desk.core.labels import site_of
from rednote_desk.gui.plain import plain

COLUMNS = ("Outlet", "Title", "Date", "Notes")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_HEADERS = ("Outlet", "Title", "Date", "#")  # the title gets the room: the count is a narrow "#" column
_COUNT = 3


def library_table(summaries: list[dict]) -> list[list]:
    """The model's rows for these documents (dicts as in LibraryPanel.refresh): plain Python, so a worker
    thread can make them. ``annotations`` None (or missing) means not counted yet: the cell stays empty."""
    rows = []
    for doc in summaries:
        # never a file name: the outlet, else the web site (the title is in the next column)
        outlet = " ".join((doc["outlet"] or site_of(doc.get("url")) or "—").split())
        title = doc["title"] or ""
        characters = doc.get("characters")
        about = f"{characters:,} characters · " if characters is not None else ""
        rows.append([doc["id"], outlet, " ".join(title.split()), doc["published"] or "",
                     doc.get("annotations"), f"{title}\n{about}{doc.get('source_name') or ''}"])
    return rows


def _count_key(row: list) -> int:
    return -1 if row[4] is None else row[4]


class LibraryModel(QAbstractTableModel):
    """One row per document: [id, outlet, title, date, annotations, tooltip source], filtered by the model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._all: list[list] = []  # every document, in the chosen order
        self._rows: list[list] = []  # the shown ones (those the filter lets through)
        self._row_of: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._needle = ""

    def set_documents(self, summaries: list[dict]) -> None:
        self.set_rows(library_table(summaries))

    def set_rows(self, rows: list[list]) -> None:
        """Show these rows (made by library_table); rows not yet counted keep a count shown before."""
        known = {row[0]: row for row in self._all}
        same = len(known) == len(rows)
        for row in rows:
            before = known.get(row[0])
            if row[4] is None and before is not None:
                row[4] = before[4]
            same = same and before is not None and before[:6] == row
        if same:  # the same list again (e.g. read once more once the project is open): nothing to redo
            return
        self.beginResetModel()
        self._all = rows
        self._sort_rows()  # in the order the user chose
        self._shown()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only the rows any of whose shown cells contains ``text`` (case-insensitive)."""
        needle = text.casefold()
        if needle == self._needle:
            return
        self.beginResetModel()
        self._needle = needle
        self._shown()
        self.endResetModel()

    def update_counts(self, counts: dict[int, int], *, every: bool = False) -> None:
        """New annotation counts of some documents; ``every``: of all of them (a document missing from
        ``counts`` has none)."""
        if every:
            for row in self._all:
                count = counts.get(row[0], 0)
                if row[4] != count:
                    row[4] = count
                    del row[6:]  # the filter text holds the count
            if self._sort[0] == _COUNT:
                self.sort(*self._sort)
            elif self._rows:
                self.dataChanged.emit(self.index(0, _COUNT), self.index(len(self._rows) - 1, _COUNT))
            return
        for document_id, count in counts.items():
            n = self._row_of.get(document_id)
            if n is not None and self._rows[n][4] != count:
                self._rows[n][4] = count
                del self._rows[n][6:]  # the filter text holds the count
                index = self.index(n, _COUNT)
                self.dataChanged.emit(index, index)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102 - Qt override
        """Sort the rows themselves (one Python sort; a proxy would call data() for every comparison)."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()  # the view's current row and selection follow their documents
        where = [(self._rows[i.row()][0], i.column()) for i in kept]
        self._sort_rows()
        self._shown()
        self.changePersistentIndexList(kept, [self.index(self._row_of[d], c) for d, c in where])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        if 0 <= column < len(COLUMNS):
            key = _count_key if column == _COUNT else (lambda row, c=column + 1: row[c].casefold())
            self._all.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def _shown(self) -> None:
        needle = self._needle
        self._rows = [row for row in self._all if needle in _row_text(row)] if needle else list(self._all)
        self._row_of = {row[0]: n for n, row in enumerate(self._rows)}

    def widest_rows(self, column: int, k: int = 3) -> list[int]:
        """At most ``k`` shown rows whose cell in this column has the most characters (the count: the largest
        numbers), the ones to measure for the column's width instead of every row (a font's digits are as wide as
        each other). About 1 ms for 10,000 rows."""
        rows = self._rows
        if column == _COUNT:
            return heapq.nlargest(k, range(len(rows)), key=lambda n: _count_key(rows[n]))
        return heapq.nlargest(k, range(len(rows)), key=lambda n, c=column + 1: len(rows[n][c]))

    def index_of(self, document_id: int) -> QModelIndex:
        n = self._row_of.get(document_id)
        return self.index(n, 0) if n is not None else QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == _COUNT:
                return "" if row[4] is None else str(row[4])  # not counted yet
            return row[column + 1]
        if role == Qt.ItemDataRole.UserRole:  # the sort key
            return _count_key(row) if column == _COUNT else row[column + 1].casefold()
        if role == ID_ROLE:
            return row[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain(row[5])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == _COUNT:
                return "Annotations"
        return super().headerData(section, orientation, role)


def _row_text(row: list) -> str:
    """The row's shown cells, case-folded, for filtering (kept with the row until its count changes)."""
    if len(row) == 6:
        row.append(f"{row[1]}\t{row[2]}\t{row[3]}\t{'' if row[4] is None else row[4]}".casefold())
    return row[6]


class _SortByModel(QSortFilterProxyModel):
    """Hands sorting to the library model, which sorts its rows in one go (and filters them itself: a Python
    filterAcceptsRow here would be called for every row of every reset, about 50 ms for 10,000)."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102 - Qt override
        self.sourceModel().sort(column, order)


class LibraryPanel(QWidget):
    open_requested = Signal(int, bool)  # document id, in a new column
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    open_held = Signal(int)  # a document asked for while requests are held (see hold_requests)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._held = False
        self._pending: tuple[int, bool] | None = None
        self.model = LibraryModel(self)
        self.proxy = _SortByModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.on_filter_text_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 100)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # fit the date and count to 200 rows, not to 1,000 of them
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_table_context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    def refresh(self, summaries: list[dict]) -> None:
        """Show these documents (dicts with id, title, outlet, url, published, source_name, annotations and
        optionally characters); the selection stays on the same document."""
        self.show_rows(library_table(summaries))

    def show_rows(self, rows: list[list]) -> None:
        """Show rows made by library_table (perhaps on a worker); the selection stays on the same document."""
        selected = self.selected_document_id()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_document(selected)

    def on_filter_text_changed(self, text: str) -> None:
        selected = self.selected_document_id()
        self.model.set_filter(text)
        if selected is not None:
            self.select_document(selected)

    def hold_requests(self, hold: bool, *, emit: bool = True) -> None:
        """While held (the project's file is still being checked), a document asked for is remembered, not
        asked for (``open_held`` tells), and Edit/Delete are not offered. On release the last one asked for is
        asked for now, unless ``emit`` is false (the project was not opened)."""
        self._held = hold
        pending, self._pending = self._pending, None
        if not hold and emit and pending is not None:
            self.open_requested.emit(*pending)

    def _request_open(self, document_id: int, new_column: bool) -> None:
        if self._held:
            self._pending = (document_id, new_column)
            self.open_held.emit(document_id)
        else:
            self.open_requested.emit(document_id, new_column)

    def update_counts(self, counts: dict[int, int], *, every: bool = False) -> None:
        """Change the annotation counts of some documents in place (no full reload); ``every``: ``counts``
        holds every document that has annotations (the others have none)."""
        self.model.update_counts(counts, every=every)

    def selected_document_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(document_id))
        if index.isValid():  # not when unknown or filtered out
            self.table.setCurrentIndex(index)

    def on_table_double_clicked(self, index) -> None:
        from PySide6.QtWidgets import QApplication

        new_column = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._request_open(index.data(ID_ROLE), new_column)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        document_id = self.selected_document_id()
        if document_id is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            new_column = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self._request_open(document_id, new_column)
            return
        super().keyPressEvent(event)

    def on_table_context_menu(self, pos) -> None:
        document_id = self.selected_document_id()
        if document_id is None:
            return
        menu = QMenu(self)
        for text, slot, changes in (
            ("Open", lambda: self._request_open(document_id, False), False),
            ("Open in new column", lambda: self._request_open(document_id, True), False),
            ("Edit details…", lambda: self.edit_requested.emit(document_id), True),
            ("Delete document…", lambda: self.delete_requested.emit(document_id), True),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            action.setEnabled(not (changes and self._held))  # no change while the file is still checked
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
