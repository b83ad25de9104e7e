"""The review step of an import: one row per parsed file, metadata to edit, boilerplate to trim or keep."""
from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.ingest.html_diagnose import is_short_text_warning
from rednote_desk.core.ingest.model import ImportedText
from rednote_desk.core.rules import date_problem  # the store's rule, checked live here (paste_dialog too)
from rednote_desk.gui.colors import alert_text_color, view_inks
from rednote_desk.gui.plain import plain

FIELDS = ("title", "outlet", "author", "published")
FILE_COLUMN, TITLE_COLUMN, OUTLET_COLUMN, AUTHOR_COLUMN, PUBLISHED_COLUMN, TRIM_COLUMN, WARNINGS_COLUMN = range(7)
FIELD_COLUMNS = {"title": TITLE_COLUMN, "outlet": OUTLET_COLUMN, "author": AUTHOR_COLUMN,
                 "published": PUBLISHED_COLUMN}
HEADERS = ("Import", "Title", "Outlet", "Author", "Published", "Trim boilerplate", "Warnings")
PREVIEW_LIMIT = 100_000  # code points shown in the preview panel


@dataclass(frozen=True)
class ReviewChoice:
    """One accepted row: the parsed text with the user's metadata applied, and whether to trim it."""

    imported: ImportedText
    overrides: dict
    trim: bool
    row: int

    @classmethod
    def with_fields(cls, imported: ImportedText, values: dict[str, str], *, trim: bool, row: int) -> ReviewChoice:
        """``imported`` with the user's field ``values`` applied (an empty one becomes None); the filled ones are
        the overrides."""
        applied = {name: value or None for name, value in values.items()}
        overrides = {name: value for name, value in applied.items() if value}
        return cls(dataclasses.replace(imported, **applied), overrides, trim, row)


def show_problem(label: QLabel, problem: str | None) -> bool:
    """Show ``problem`` in ``label``, or hide the label when there is none; whether there is one."""
    label.setText(problem or "")
    label.setVisible(bool(problem))
    return bool(problem)


def describe_boilerplate(imported: ImportedText) -> str:
    """'3 blocks, 412 characters', or 'none'."""
    spans = imported.boilerplate
    if not spans:
        return "none"
    chars = sum(span.end - span.start for span in spans)
    blocks = "1 block" if len(spans) == 1 else f"{len(spans)} blocks"
    return f"{blocks}, {chars:,} character{'s' if chars != 1 else ''}"


def preview_html(imported: ImportedText, *, limit: int = PREVIEW_LIMIT, struck: str = "#666666") -> str:
    """The text as HTML with boilerplate spans struck out and greyed (``struck``: a dim colour still AA on the
    page), cut at ``limit`` code points."""
    text = imported.text[:limit]
    parts: list[str] = []
    position = 0
    for span in sorted(imported.boilerplate, key=lambda s: s.start):
        start, end = max(span.start, position), min(span.end, len(text))
        if start >= end:
            continue
        parts.append(html.escape(text[position:start]))
        parts.append(
            f'<span style="color:{struck}; text-decoration:line-through;" title="{html.escape(span.reason)}">'
            f"{html.escape(text[start:end])}</span>"
        )
        position = end
    parts.append(html.escape(text[position:]))
    more = ""
    if len(imported.text) > limit:
        more = f"<p><i>(preview shows the first {limit:,} of {len(imported.text):,} characters)</i></p>"
    return f'<div style="white-space:pre-wrap;">{"".join(parts)}</div>{more}'


class ImportReviewDialog(QDialog):
    """Review parsed files before they are stored: include, edit metadata, choose trimming, see failures."""

    def __init__(
        self,
        items: Sequence[ImportedText],
        failures: Sequence[tuple[str, str]] = (),
        *,
        notes: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Review import")
        self._items = list(items)
        self._notes = list(notes) if notes is not None else [""] * len(self._items)
        self.table = QTableWidget(len(self._items), len(HEADERS))
        self.preview = QTextBrowser()
        self.preview_title = QLabel()
        self.preview_warning = QLabel()  # a page that gave too little text: says why and what to do
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote titles and file names
        self.failures_list = QListWidget()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.same_outlet_button = QPushButton("Same outlet for all selected…")
        self._filling = False
        self._build()
        self._fill()
        self.set_failures(failures)
        self.table.itemChanged.connect(self.on_table_item_changed)
        self.table.currentCellChanged.connect(self.on_table_current_cell_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.same_outlet_button.clicked.connect(self.on_same_outlet_button_clicked)
        if self._items:
            self.table.setCurrentCell(0, TITLE_COLUMN)
        self.import_button.setDefault(True)
        self.resize(1180, 720)

    # --- building --------------------------------------------------------------------------------------------
    def _build(self) -> None:
        table = self.table
        table.setHorizontalHeaderLabels(HEADERS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((FILE_COLUMN, 200), (TITLE_COLUMN, 320), (OUTLET_COLUMN, 130), (AUTHOR_COLUMN, 130),
                              (PUBLISHED_COLUMN, 95), (TRIM_COLUMN, 175)):
            table.setColumnWidth(column, width)
        self.preview.setOpenLinks(False)
        alert = alert_text_color(self.palette())  # AA on the window colour, light or dark
        self.warning_color = view_inks(self.table)[2]  # red for warnings in the table: AA on its base
        self._bad = QBrush(QColor(self.warning_color))
        self.message_label.setStyleSheet(f"color: {alert};")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_title)
        self.preview_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_warning.setWordWrap(True)
        self.preview_warning.setStyleSheet(f"color: {alert}; font-weight: bold;")
        self.preview_warning.hide()
        preview_layout.addWidget(self.preview_warning)
        preview_layout.addWidget(self.preview)
        splitter = QSplitter(Qt.Orientation.Vertical)  # the table needs the full width
        splitter.addWidget(table)
        splitter.addWidget(preview_box)
        splitter.setSizes([300, 260])

        hint = QLabel("Double-click or type to edit a cell. Published dates are YYYY-MM-DD. "
                      "Struck-out grey text in the preview is what “Trim boilerplate” removes.")
        hint.setWordWrap(True)
        tools = QHBoxLayout()
        tools.addWidget(hint, 1)
        tools.addWidget(self.same_outlet_button)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        self.failures_label = QLabel()
        layout.addWidget(self.failures_label)
        layout.addWidget(self.failures_list)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        self._filling = True
        for row, imported in enumerate(self._items):
            include = QTableWidgetItem(imported.source_name)
            include.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            include.setCheckState(Qt.CheckState.Checked)
            include.setToolTip(plain(imported.source_name))
            self.table.setItem(row, FILE_COLUMN, include)
            for name, column in FIELD_COLUMNS.items():
                item = QTableWidgetItem(getattr(imported, name) or "")
                if name == "published":
                    item.setToolTip("YYYY-MM-DD")
                self.table.setItem(row, column, item)
            trim = QTableWidgetItem(describe_boilerplate(imported))
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if imported.boilerplate:
                trim.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                trim.setCheckState(Qt.CheckState.Unchecked)
                trim.setToolTip(plain("; ".join(sorted({span.reason for span in imported.boilerplate}))))
            else:
                trim.setFlags(flags)
            self.table.setItem(row, TRIM_COLUMN, trim)
            warnings = [*imported.warnings, *([self._notes[row]] if self._notes[row] else [])]
            warning_item = QTableWidgetItem("; ".join(warnings))
            warning_item.setFlags(flags)
            warning_item.setToolTip(plain("\n".join(warnings)))
            if any(is_short_text_warning(w) for w in warnings):
                warning_item.setText("⚠ " + warning_item.text())
                warning_item.setForeground(self._bad)
            self.table.setItem(row, WARNINGS_COLUMN, warning_item)
        self._filling = False
        self._check_dates()

    def set_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        self.failures_list.clear()
        for name, message in failures:
            self.failures_list.addItem(f"{name} — {message}")
        count = len(failures)
        self.failures_label.setText(f"{count} file{'s' if count != 1 else ''} could not be read:")
        self.failures_label.setVisible(bool(count))
        self.failures_list.setVisible(bool(count))
        self.failures_list.setMaximumHeight(22 * min(count, 4) + 8)

    # --- reading and editing rows (also used by tests) -------------------------------------------------------
    def row_count(self) -> int:
        return self.table.rowCount()

    def value(self, row: int, field: str) -> str:
        return self.table.item(row, FIELD_COLUMNS[field]).text().strip()

    def set_value(self, row: int, field: str, text: str) -> None:
        self.table.item(row, FIELD_COLUMNS[field]).setText(text)

    def is_included(self, row: int) -> bool:
        return self.table.item(row, FILE_COLUMN).checkState() == Qt.CheckState.Checked

    def set_included(self, row: int, included: bool) -> None:
        state = Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        self.table.item(row, FILE_COLUMN).setCheckState(state)

    def trims(self, row: int) -> bool:
        return self.table.item(row, TRIM_COLUMN).checkState() == Qt.CheckState.Checked

    def set_trim(self, row: int, trim: bool) -> None:
        if self._items[row].boilerplate:
            self.table.item(row, TRIM_COLUMN).setCheckState(Qt.CheckState.Checked if trim else Qt.CheckState.Unchecked)

    def set_outlet_for_rows(self, rows: Sequence[int], outlet: str) -> None:
        for row in rows:
            self.set_value(row, "outlet", outlet)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def problem(self) -> str | None:
        """The first reason the import cannot go ahead, as a message naming the row, else None."""
        if not any(self.is_included(row) for row in range(self.row_count())):
            return "Nothing is selected to import: tick at least one file, or Cancel."
        for row in range(self.row_count()):
            if not self.is_included(row):
                continue
            value = self.value(row, "published")
            reason = date_problem(value)
            if reason:
                name = self._items[row].source_name
                return f"Row {row + 1} ({name}): the published date “{value}” is not valid ({reason})."
        return None

    def choices(self) -> list[ReviewChoice]:
        """The included rows with the user's metadata applied (empty fields become None)."""
        out = []
        for row, imported in enumerate(self._items):
            if not self.is_included(row):
                continue
            values = {name: self.value(row, name) for name in FIELDS}
            out.append(ReviewChoice.with_fields(imported, values, trim=self.trims(row), row=row))
        return out

    # --- slots ----------------------------------------------------------------------------------------------
    def accept(self) -> None:
        if not show_problem(self.message_label, self.problem()):
            super().accept()

    def on_table_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        if item.column() == PUBLISHED_COLUMN:
            self._check_dates()
        if item.column() in (FILE_COLUMN, PUBLISHED_COLUMN) and self.message_label.isVisible():
            show_problem(self.message_label, self.problem())
        if item.column() == TRIM_COLUMN and item.row() == self.table.currentRow():
            self._show_preview(item.row())

    def on_table_current_cell_changed(self, row: int, _column: int, previous_row: int, _previous_column: int) -> None:
        if row != previous_row:
            self._show_preview(row)

    def on_same_outlet_button_clicked(self) -> None:
        rows = self.selected_rows() or [row for row in range(self.row_count()) if self.is_included(row)]
        current = self.table.currentRow()
        start = self.value(current, "outlet") if current >= 0 else ""
        outlet, ok = QInputDialog.getText(self, "Same outlet", f"Outlet for {len(rows)} row(s):", text=start)
        if ok:
            self.set_outlet_for_rows(rows, outlet.strip())

    # --- helpers --------------------------------------------------------------------------------------------
    def _check_dates(self) -> None:
        self._filling = True
        for row in range(self.row_count()):
            item = self.table.item(row, PUBLISHED_COLUMN)
            reason = date_problem(item.text())
            item.setForeground(self._bad if reason else QBrush())
            item.setToolTip(plain(f"Not a date: {reason}") if reason else "YYYY-MM-DD")
        self._filling = False

    def _show_preview(self, row: int) -> None:
        if not 0 <= row < len(self._items):
            self.preview.clear()
            self.preview_title.clear()
            self.preview_warning.hide()
            return
        imported = self._items[row]
        state = "on" if self.trims(row) else "off"
        detail = f"boilerplate {describe_boilerplate(imported)}; trim is {state}" if imported.boilerplate \
            else "no boilerplate found"
        self.preview_title.setText(f"<b>{html.escape(imported.source_name)}</b> — {detail}")
        serious = [w for w in imported.warnings if is_short_text_warning(w)]
        self.preview_warning.setText("⚠ " + "\n".join(serious))
        self.preview_warning.setVisible(bool(serious))
        self.preview.setHtml(preview_html(imported, struck=view_inks(self.preview)[1]))
