"""The library of documents: a sortable, filterable table.

The rows live in a plain table model (one tuple per document, cells made when Qt asks for them): filling it
with 10,000 documents is one model reset, not 40,000 items.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from rednote_desk.core.labels import site_of
from rednote_desk.gui.plain import plain

COLUMNS = ("Outlet", "Title", "Date", "Notes")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
_HEADERS = ("Outlet", "Title", "Date", "#")  # the title gets the room: the count is a narrow "#" column
_COUNT = 3


class LibraryModel(QAbstractTableModel):
    """One row per document: (id, outlet, title, date, annotations, tooltip source)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[list] = []
        self._row_of: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_documents(self, summaries: list[dict]) -> None:
        rows = []
        for doc in summaries:
            # never a file name: the outlet, else the web site (the title is in the next column)
            outlet = " ".join((doc["outlet"] or site_of(doc.get("url")) or "—").split())
            title = doc["title"] or ""
            characters = doc.get("characters")
            about = f"{characters:,} characters · " if characters is not None else ""
            rows.append([doc["id"], outlet, " ".join(title.split()), doc["published"] or "",
                         doc.get("annotations") or 0, f"{title}\n{about}{doc.get('source_name') or ''}"])
        self.beginResetModel()
        self._rows = rows
        self._sort_rows()  # in the order the user chose
        self.endResetModel()

    def update_counts(self, counts: dict[int, int]) -> None:
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
        self.changePersistentIndexList(kept, [self.index(self._row_of[d], c) for d, c in where])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        if 0 <= column < len(COLUMNS):
            key = (lambda row: row[4]) if column == _COUNT else (lambda row, c=column + 1: row[c].casefold())
            self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {row[0]: n for n, row in enumerate(self._rows)}

    def row_text(self, n: int) -> str:
        """The row's shown cells, case-folded, for filtering."""
        row = self._rows[n]
        if len(row) == 6:
            row.append(f"{row[1]}\t{row[2]}\t{row[3]}\t{row[4]}".casefold())
        return row[6]

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
            return str(row[4]) if column == _COUNT else row[column + 1]
        if role == Qt.ItemDataRole.UserRole:  # the sort key
            return row[4] if column == _COUNT else row[column + 1].casefold()
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


class _FilterOnly(QSortFilterProxyModel):
    """Filters; sorting is handed to the library model, which sorts its rows in one go."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: D102 - Qt override
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt override
        """Any shown cell contains the filter text (case-insensitive): one look at the row, not four data()."""
        needle = self.filterRegularExpression().pattern().casefold()
        return not needle or self.sourceModel().row_text(row).find(needle) >= 0


class LibraryPanel(QWidget):
    open_requested = Signal(int, bool)  # document id, in a new column
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = _FilterOnly(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self.proxy.setFilterRegularExpression(text))
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
        selected = self.selected_document_id()
        self.model.set_documents(summaries)
        if selected is not None:
            self.select_document(selected)

    def update_counts(self, counts: dict[int, int]) -> None:
        """Change the annotation counts of some documents in place (no full reload)."""
        self.model.update_counts(counts)

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
        self.open_requested.emit(index.data(ID_ROLE), new_column)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        document_id = self.selected_document_id()
        if document_id is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            new_column = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.open_requested.emit(document_id, new_column)
            return
        super().keyPressEvent(event)

    def on_table_context_menu(self, pos) -> None:
        document_id = self.selected_document_id()
        if document_id is None:
            return
        menu = QMenu(self)
        for text, slot in (
            ("Open", lambda: self.open_requested.emit(document_id, False)),
            ("Open in new column", lambda: self.open_requested.emit(document_id, True)),
            ("Edit details…", lambda: self.edit_requested.emit(document_id)),
            ("Delete document…", lambda: self.delete_requested.emit(document_id)),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
