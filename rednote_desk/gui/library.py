"""The library of documents: a sortable, filterable table."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QMenu, QTableView, QVBoxLayout, QWidget

from rednote_desk.gui.plain import plain
from rednote_desk.core.labels import site_of

COLUMNS = ("Outlet", "Title", "Date", "Notes")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LibraryPanel(QWidget):
    open_requested = Signal(int, bool)  # document id, in a new column
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        # the title gets the room: the annotation count is a narrow "#" column (its name on hover)
        self.model.setHorizontalHeaderLabels(["Outlet", "Title", "Date", "#"])
        self.model.setHeaderData(3, Qt.Orientation.Horizontal, "Annotations", Qt.ItemDataRole.ToolTipRole)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
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
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_table_context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    def refresh(self, summaries: list[dict]) -> None:
        selected = self.selected_document_id()
        self.model.removeRows(0, self.model.rowCount())
        for doc in summaries:
            # never a file name: the outlet, else the web site (the title is in the next column)
            outlet = doc["outlet"] or site_of(doc.get("url")) or "—"
            values = [(outlet, outlet.casefold()), (doc["title"], doc["title"].casefold()),
                      (doc["published"] or "", doc["published"] or ""), (str(doc["annotations"]), doc["annotations"])]
            items = []
            for text, key in values:
                item = QStandardItem(" ".join(text.split()))
                item.setData(key, Qt.ItemDataRole.UserRole)
                item.setData(doc["id"], ID_ROLE)
                item.setToolTip(plain(f"{doc['title']}\n{doc['characters']:,} characters · {doc['source_name'] or ''}"))
                items.append(item)
            self.model.appendRow(items)
        if selected is not None:
            self.select_document(selected)

    def update_counts(self, counts: dict[int, int]) -> None:
        """Change the annotation counts of some documents in place (no full reload)."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 3)
            document_id = item.data(ID_ROLE)
            if document_id in counts:
                item.setText(str(counts[document_id]))
                item.setData(counts[document_id], Qt.ItemDataRole.UserRole)

    def selected_document_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == document_id:
                self.table.setCurrentIndex(index)
                return

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
