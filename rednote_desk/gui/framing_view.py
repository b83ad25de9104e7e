"""Coverage map, word choice and sources tabs of the compare view: passive panels (data in, intent out)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.gui.colors import INK
from rednote_desk.gui.plain import plain

_OMITTED = QBrush(QColor("#c8c8c8"), Qt.BrushStyle.BDiagPattern)
_HEADLINE = QColor("#fde2b8")  # pale tints: their cells take dark ink in any palette (AA on both tints)
_LEAD = QColor("#fff3d6")
_CELL_ROLE = Qt.ItemDataRole.UserRole


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(plain(tip or text))
    return item


def _omitted_item(tip: str) -> QTableWidgetItem:
    item = QTableWidgetItem("")
    item.setBackground(_OMITTED)
    item.setToolTip(plain(tip))
    return item


class CoveragePanel(QWidget):
    """Statements × outlets: wording and prominence per cell, omissions hatched, exclusives marked."""

    passage_requested = Signal(int, int, int)  # document id, start, end (code points)
    accept_requested = Signal(str)  # coverage row key

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = _table(["Statement"])
        self.table.cellClicked.connect(self.on_table_cell_clicked)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.accept_button = QPushButton("Accept row as claim")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.table.itemSelectionChanged.connect(
            lambda: self.accept_button.setEnabled(self._selected_key() is not None))
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._rows: list = []
        self._ids: list[int] = []

    def set_coverage(self, coverage, labels: dict[int, str]) -> None:
        self._rows = list(coverage.rows) if coverage else []
        self._ids = list(coverage.document_ids) if coverage else []
        self.table.clear()
        self.table.setColumnCount(1 + len(self._ids))
        self.table.setHorizontalHeaderLabels(["Outlets"] + [labels.get(d, str(d)) for d in self._ids])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            count = _item("exclusive" if row.exclusive else f"{row.outlets} of {len(self._ids)}", row.label)
            count.setData(_CELL_ROLE, row.key)
            self.table.setItem(r, 0, count)
            for c, doc_id in enumerate(self._ids, 1):
                cell = row.cell(doc_id)
                if cell is None:
                    self.table.setItem(r, c, _omitted_item(f"{labels.get(doc_id, doc_id)} does not state this"))
                    continue
                item = _item(f"[{cell.prominence}] {cell.quote}", f"{cell.prominence} · similarity {cell.score:.2f}")
                if cell.rank in (0, 1):
                    item.setBackground(_HEADLINE if cell.rank == 0 else _LEAD)
                    item.setForeground(QColor(INK))  # the palette's light text would vanish on the tint
                item.setData(_CELL_ROLE, (doc_id, cell.start, cell.end))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        shared = sum(not r.exclusive for r in self._rows)
        method = coverage.method if coverage else ""
        text = (f"{len(self._rows)} statements, {shared} in more than one outlet · matched by {method}"
                if coverage else "")
        self.note.setText(text + (f" · {coverage.note}" if coverage and coverage.note else ""))

    def _selected_key(self) -> str | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = self._rows[rows.pop()]
        return None if row.exclusive else row.key

    def _on_accept_clicked(self) -> None:
        key = self._selected_key()
        if key is not None:
            self.accept_requested.emit(key)

    def on_table_cell_clicked(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        data = item.data(_CELL_ROLE) if item is not None else None
        if isinstance(data, tuple):
            self.passage_requested.emit(*data)


class TermsPanel(QWidget):
    """Each actor or thing: the terms each outlet uses for it, with counts, and why they were grouped."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = _table(["Actor / thing"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table)

    def set_terms(self, groups, document_ids: list[int], labels: dict[int, str]) -> None:
        self.table.clear()
        self.table.setColumnCount(2 + len(document_ids))
        self.table.setHorizontalHeaderLabels(["Actor / thing"] + [labels.get(d, str(d)) for d in document_ids]
                                             + ["Why grouped"])
        self.table.setRowCount(len(groups))
        for r, group in enumerate(groups):
            self.table.setItem(r, 0, _item(group.label))
            for c, doc_id in enumerate(document_ids, 1):
                used = group.terms.get(doc_id)
                if not used:
                    self.table.setItem(r, c, _omitted_item("not mentioned"))
                    continue
                text = ", ".join(f"{t} ×{n}" for t, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0])))
                self.table.setItem(r, c, _item(text))
            self.table.setItem(r, 1 + len(document_ids), _item("; ".join(group.explanation)))
        self.table.resizeRowsToContents()


class SourcesPanel(QWidget):
    """Speakers and cited media × outlets; omissions hatched; click a cell to read the passage."""

    passage_requested = Signal(int, int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = _table(["Source"])
        self.table.cellClicked.connect(self.on_table_cell_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table)

    def set_sources(self, rows, document_ids: list[int], labels: dict[int, str]) -> None:
        self.table.clear()
        self.table.setColumnCount(1 + len(document_ids))
        self.table.setHorizontalHeaderLabels(["Source"] + [labels.get(d, str(d)) for d in document_ids])
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            who = row.name + (f" ({row.role})" if row.role else "") + (f" · {row.kind}" if row.kind != "person" else "")
            self.table.setItem(r, 0, _item(who, "also written: " + ", ".join(row.names)))
            for c, doc_id in enumerate(document_ids, 1):
                found = row.cells.get(doc_id)
                if not found:
                    self.table.setItem(r, c, _omitted_item("not quoted or cited"))
                    continue
                first = found[0]
                item = _item(f"{len(found)}× {first.kind}: {first.quote}", first.quote)
                item.setData(_CELL_ROLE, (doc_id, first.start, first.end))
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()

    def on_table_cell_clicked(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        data = item.data(_CELL_ROLE) if item is not None else None
        if isinstance(data, tuple):
            self.passage_requested.emit(*data)


__all__ = ["CoveragePanel", "SourcesPanel", "TermsPanel"]
