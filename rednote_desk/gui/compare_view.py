"""The compare view: claims × outlets matrix, suggested claims and frame profile for a chosen set of documents.

The chosen documents' rows are read on a worker thread (a read-only connection of its own) and the comparison
itself (pure core) runs there too (gui.workers.Task). Accepting or dismissing a suggestion runs through the
project session; the view hears every change on ``session.changed``, marks itself stale, and recomputes once,
when it is visible. The documents it compares are its own choice: no change or undo resets them.
"""
from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from rednote_desk.core.compare.comparison import Comparison, ComparisonInput, compute_comparison
from rednote_desk.core.compare.frame_profile import frame_profile, tag_paths
from rednote_desk.core.compare.matrix import ClaimRow
from rednote_desk.gui.claim_matrix import (
    CLAIM_COLUMN,
    DISAGREE_COLOR,
    FILTERS,
    FIRST_DOCUMENT_COLUMN,
    ROW_ROLE,
    VOICES_COLUMN,
    ClaimMatrixModel,
    MatrixDelegate,
    MatrixFilter,
)
from rednote_desk.gui.colors import dim_text_color
from rednote_desk.gui.copies_panel import CopiesPanel
from rednote_desk.gui.frame_profile import FrameProfilePanel
from rednote_desk.gui.framing_view import CoveragePanel, SourcesPanel, TermsPanel
from rednote_desk.gui.plain import plain
from rednote_desk.gui.project_reads import ProjectRead
from rednote_desk.gui.session import COMPARISON_TABLES, HANDLED_ERRORS, session_for, show_error
from rednote_desk.gui.suggestion_panel import AcceptSuggestionDialog, SuggestionPanel
from rednote_desk.gui.workers import Task, bind
from rednote_desk.services.comparison import read_comparison_input, write_matrix_csv
from rednote_desk.store.project import Project

log = logging.getLogger(__name__)

CLAIM_WIDTH = 270
VOICES_WIDTH = 62
MIN_DOCUMENT_WIDTH = 190
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMPARE_ALL_LIMIT = 20  # above this many documents, nothing chosen means "choose", not "compare them all"


def _comparison_work(path, ids, frame_roots, data: ComparisonInput | None):
    """The task of one refresh: read the chosen documents' rows on a read-only connection of the worker's own
    (unless ``data`` was read already), then compare. Returns (input, comparison)."""

    def work(report, cancelled) -> tuple[ComparisonInput, Comparison]:
        found = data
        if found is None:
            report(0, 0, "Reading the documents…")
            with Project.open_reader(path) as reader:
                found = read_comparison_input(reader, ids, frame_roots=frame_roots)
        return found, compute_comparison(found, report=report, is_cancelled=cancelled, alignments=False)

    return work


class CompareView(QWidget):
    """Compare documents: what each outlet states, leaves out and leans on."""

    passage_requested = Signal(int, int, int)  # document id, start, end (code points)
    comparison_updated = Signal(object)  # the new Comparison, once computed

    def __init__(self, project, parent=None):
        """``project``: the ProjectSession to work through (a bare Project gets a session of its own)."""
        super().__init__(parent)
        self.session = session_for(project, self)
        self.project = self.session.project
        self._stale = True  # computed when first shown
        self.comparison: Comparison | None = None
        self._input: ComparisonInput | None = None
        self._selected: set[int] | None = None  # None: all documents
        self._documents_listed = False  # the document list is filled again only after documents changed
        self._frame_roots: tuple[int, ...] | None = None
        self._task: Task | None = None
        self._generation = 0
        self._tag_colors: dict[str, str] = {}

        self._build_toolbar()
        self.model = ClaimMatrixModel(self)
        self.proxy = MatrixFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.delegate = MatrixDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSortingEnabled(True)
        self.table.setMouseTracking(True)
        self.table.setWordWrap(True)
        self.table.setShowGrid(True)
        self.table.setStyleSheet("QTableView { gridline-color: #e2e2e2; }")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the matrix's own order
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._row_timer.start())
        self.table.clicked.connect(self.on_table_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_table_context_menu)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_row_details())
        self._row_timer = QTimer(self)
        self._row_timer.setSingleShot(True)
        self._row_timer.setInterval(60)
        self._row_timer.timeout.connect(self._resize_rows)

        self.row_details = QLabel()
        self.row_details.setWordWrap(True)
        self.row_details.setTextFormat(Qt.TextFormat.RichText)
        self.row_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row_accept = QPushButton("Accept")
        self.row_edit = QPushButton("Edit…")
        self.row_dismiss = QPushButton("Dismiss")
        self.row_accept.clicked.connect(lambda: self._on_row_action("accept"))
        self.row_edit.clicked.connect(lambda: self._on_row_action("edit"))
        self.row_dismiss.clicked.connect(lambda: self._on_row_action("dismiss"))
        details = QHBoxLayout()
        details.addWidget(self.row_details, 1)
        for button in (self.row_accept, self.row_edit, self.row_dismiss):
            details.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        matrix_page = QWidget()
        matrix_layout = QVBoxLayout(matrix_page)
        matrix_layout.setContentsMargins(0, 4, 0, 0)
        matrix_layout.addWidget(self.table, 1)
        matrix_layout.addLayout(details)

        self.suggestions = SuggestionPanel()
        self.suggestions.accept_requested.connect(self.on_suggestions_accept_requested)
        self.suggestions.edit_requested.connect(self.on_suggestions_edit_requested)
        self.suggestions.dismiss_requested.connect(self.on_suggestions_dismiss_requested)
        self.suggestions.passage_requested.connect(self.passage_requested)
        self.profile = FrameProfilePanel()
        self.profile.level_chosen.connect(self.on_profile_level_chosen)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(matrix_page, "Claims matrix")
        self.tabs.addTab(self.suggestions, "Suggestions")
        self.tabs.addTab(self.profile, "Frame profile")
        self.coverage = CoveragePanel()
        self.coverage.passage_requested.connect(self.passage_requested)
        self.coverage.accept_requested.connect(self.accept_coverage_row)
        self.terms = TermsPanel()
        self.sources = SourcesPanel()
        self.sources.passage_requested.connect(self.passage_requested)
        self.tabs.addTab(self.coverage, "Coverage")
        self.tabs.addTab(self.terms, "Terms")
        self.tabs.addTab(self.sources, "Sources")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.toolbar)
        self.copies_panel = CopiesPanel()
        self.copies_panel.passage_requested.connect(self.passage_requested)
        layout.addWidget(self.copies_panel)
        layout.addWidget(self.tabs, 1)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(250)
        self._refresh_timer.timeout.connect(self.refresh)
        self._show_row_details()
        self.session.changed.connect(self.on_session_changed)

    # -- building ------------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        # every document's heading, for the Documents popup; None: not read (a large project reads them on a
        # worker when the popup first opens: 10,000 take 40-110 ms, and comparing the chosen ones needs none)
        self._headings: list[dict] | None = []
        self._total = 0  # documents in the project
        self._list_pending = False  # headings read, list items not made yet (see document_list)
        self._headings_read = ProjectRead(self, lambda project: project.document_headings(), self._on_headings_read,
                                          self._on_headings_failed)
        self._document_list = QListWidget()
        self._document_list.setMinimumWidth(340)
        self._document_list.itemChanged.connect(self.on_document_list_item_changed)
        all_button, none_button = QPushButton("All"), QPushButton("None")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        popup = QWidget()
        popup_layout = QVBoxLayout(popup)
        popup_layout.setContentsMargins(6, 6, 6, 6)
        self._list_label = QLabel("Documents to compare:")
        popup_layout.addWidget(self._list_label)
        popup_layout.addWidget(self._document_list)
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        popup_layout.addLayout(row)
        menu = QMenu(self)
        menu.aboutToShow.connect(lambda: self.document_list)  # the items are made when first needed
        action = QWidgetAction(menu)
        action.setDefaultWidget(popup)
        menu.addAction(action)
        self.documents_button = QToolButton()
        self.documents_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.documents_button.setMenu(menu)
        self.documents_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.filter_combo = QComboBox()
        self.filter_combo.setMinimumContentsLength(10)  # the toolbar fits beside the side panels at 1,024 px
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for key, text in FILTERS:
            self.filter_combo.addItem(text, key)
        self.filter_combo.currentIndexChanged.connect(self._apply_filters)
        self.tag_combo = QComboBox()
        self.tag_combo.setMinimumContentsLength(10)  # the toolbar fits beside the side panels at 1,024 px
        self.tag_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_combo.addItem("Any tag", None)
        self.tag_combo.currentIndexChanged.connect(self._apply_filters)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Filter claims and wording…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_filters)
        self.status = QLabel()
        self.status.setStyleSheet(f"color:{dim_text_color(self.palette())}")  # AA, light or dark palette
        self.status.setWordWrap(True)  # two short lines rather than a toolbar wider than the tab
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(60)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Export the claims matrix as CSV")
        self.export_button.clicked.connect(self.export_csv_dialog)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.documents_button)
        self.toolbar.addWidget(self.filter_combo)
        self.toolbar.addWidget(self.tag_combo)
        self.toolbar.addWidget(self.search_edit, 1)
        self.toolbar.addWidget(self.status)
        self.toolbar.addWidget(self.busy)
        self.toolbar.addWidget(self.refresh_button)
        self.toolbar.addWidget(self.export_button)

    # -- documents -----------------------------------------------------------------------------------------
    def set_documents(self, ids) -> None:
        """Compare these documents (empty or None: all of them); computed now if shown, else when shown."""
        self._selected = set(ids) if ids else None
        self._fill_document_list()
        self.mark_stale()

    # -- staying current -----------------------------------------------------------------------------------
    def on_session_changed(self, changes, _initiator) -> None:
        if "documents" in changes.tables:
            self._documents_listed = False  # imported, deleted or renamed: list them again on the next refresh
        if changes.tables & COMPARISON_TABLES:
            self.mark_stale()

    def mark_stale(self) -> None:
        """The project changed: recompute once, now if the view is visible, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def is_stale(self) -> bool:
        return self._stale

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def stop(self) -> None:
        """Cancel the running comparison and disconnect it (the view is closing)."""
        if self._task is not None:
            self._task.detach()
            self._task = None
        self._headings_read.stop()
        self.busy.hide()

    def document_ids(self) -> list[int]:
        """The documents currently chosen, in project order (the order of their ids)."""
        if self._headings is None:  # not listed (a large project): the choice itself
            return sorted(self._selected) if self._selected is not None else self.project.existing_document_ids()
        if self._list_pending:
            return [s["id"] for s in self._headings if self._selected is None or s["id"] in self._selected]
        return [self._document_list.item(r).data(DOC_ID_ROLE) for r in range(self._document_list.count())
                if self._document_list.item(r).checkState() == Qt.CheckState.Checked]

    @property
    def document_list(self) -> QListWidget:
        """The checkable list of the project's documents. Its items (10,000 of them take ~110 ms on the GUI
        thread) are made only when the list is first needed (the Documents popup opens), not with the view; a
        large project's headings are read then, on a worker, and the items made when they arrive."""
        if self._headings is None and not self._headings_read.is_busy():
            self._read_headings()
        if self._list_pending:
            self._list_pending = False
            self._make_list_items()
        return self._document_list

    def _fill_document_list(self) -> None:
        """Count the documents; a small project's headings are read at once, a large one's when the popup opens."""
        self._documents_listed = True
        self._headings_read.stop()
        self._total = self.project.document_count()
        if self._selected is None and self._total > COMPARE_ALL_LIMIT:
            self._selected = set()  # a large project: the user chooses (all of them would take minutes)
        if self._headings_read.in_background(self.project, self._total):
            if self._selected:  # documents were deleted meanwhile: they are no longer chosen
                self._selected = set(self.project.existing_document_ids(sorted(self._selected)))
            self._headings, self._list_pending = None, False
            self._document_list.clear()
            if self.documents_button.menu().isVisible():
                self._read_headings()
        else:
            self._read_headings()
        self._update_documents_button()

    def _read_headings(self) -> None:
        """Now (small project) or on a worker; the list's items are made once they are there."""
        if self._headings_read.run(self.project) is not None:
            self._list_label.setText(f"Reading the list of {self._total:,} documents…")

    def _on_headings_read(self, headings: list[dict]) -> None:
        self._headings, self._total = headings, len(headings)
        self._list_label.setText("Documents to compare:")
        self._list_pending = True
        if self.documents_button.menu().isVisible():  # the popup is open, waiting for them
            self._list_pending = False
            self._make_list_items()
        self._update_documents_button()

    def _on_headings_failed(self, message: str) -> None:
        self._list_label.setText(plain(f"The list of documents could not be read: {message}"))

    def _make_list_items(self) -> None:
        labels = {}
        if self.comparison is not None:
            labels = self.comparison.labels
        self._document_list.blockSignals(True)
        self._document_list.clear()
        for s in self._headings:
            title = " ".join((s["title"] or "").split())
            outlet = s["outlet"] or labels.get(s["id"]) or ""
            text = f"{outlet} — {title}" if outlet and outlet != title else title
            item = QListWidgetItem(text)
            item.setToolTip(plain(f"Document {s['id']}: {title}"))
            item.setData(DOC_ID_ROLE, s["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = self._selected is None or s["id"] in self._selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self._document_list.addItem(item)
        self._document_list.blockSignals(False)

    def _update_documents_button(self) -> None:
        chosen = len(self.document_ids())
        self.documents_button.setText(f"Documents: {chosen} of {self._total} ▾")

    def _check_all(self, checked: bool) -> None:
        if self._headings is None:  # the list is still being read: nothing to tick yet
            return
        self.document_list.blockSignals(True)
        for r in range(self.document_list.count()):
            self.document_list.item(r).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.document_list.blockSignals(False)
        self.on_document_list_item_changed(None)

    def on_document_list_item_changed(self, _item) -> None:
        ids = self.document_ids()
        self._selected = None if len(ids) == self.document_list.count() else set(ids)
        self._update_documents_button()
        self._refresh_timer.start()

    # -- computing -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the project and recompute the comparison on a worker thread."""
        self._refresh_timer.stop()
        self._stale = False
        if not self._documents_listed:
            self._fill_document_list()
        ids = self.document_ids()
        self._generation += 1
        generation = self._generation
        if self._task is not None and not self._task.is_done:
            self._task.detach()
        if not ids:
            self._input = None
            self._show(None)
            self.status.setText("Choose at least one document to compare.")
            return
        data = None
        if self.project.path is None:  # in memory (tests, scratch): small, and its connection lives here
            try:
                data = read_comparison_input(self.project, ids, frame_roots=self._frame_roots)
            except HANDLED_ERRORS as exc:
                show_error(self, exc, title="Compare")
                return
        self.status.setText(f"Comparing {len(ids)} documents…")
        self.busy.show()
        task = Task(_comparison_work(self.project.path, ids, self._frame_roots, data))
        bind(task, self, finished=lambda result, g=generation: self._on_task_finished(g, result),
             failed=lambda message, g=generation: self._on_task_failed(g, message),
             cancelled=lambda g=generation: self._on_task_cancelled(g))
        self._task = task
        task.start()

    def is_busy(self) -> bool:
        return self._task is not None and not self._task.is_done

    def _on_task_finished(self, generation: int, result: tuple[ComparisonInput, Comparison]) -> None:
        if generation != self._generation:
            return
        data, comparison = result
        self._input = data
        paths = tag_paths(data.tags)
        self._tag_colors = {paths[t.id]: t.color for t in data.tags}
        self.busy.hide()
        self._show(comparison)

    def _on_task_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.busy.hide()
        self.status.setText("The comparison failed.")
        QMessageBox.warning(self, "Compare", plain(message))

    def _on_task_cancelled(self, generation: int) -> None:
        if generation == self._generation:
            self.busy.hide()

    # -- showing -------------------------------------------------------------------------------------------
    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.model.set_comparison(comparison, self._tag_colors)
        self._fill_tag_combo()
        self._fit_columns()
        self._resize_rows()
        self.copies_panel.set_findings(comparison.copies if comparison else (),
                                       comparison.documents if comparison else (),
                                       comparison.labels if comparison else {})
        if comparison is None:
            self.suggestions.set_suggestions([], {})
            self.profile.set_profile(None, {})
            self._show_framing(None)
            self.tabs.setTabText(1, "Suggestions")
            self._show_row_details()
            return
        self.suggestions.set_suggestions(list(comparison.suggestions), comparison.labels)
        self.tabs.setTabText(1, f"Suggestions ({len(comparison.suggestions)})")
        if self._input is not None:
            self.profile.set_levels(list(self._input.tags), self._frame_roots)
        self.profile.set_profile(comparison.frame_profile, comparison.labels)
        self._show_framing(comparison)
        rows = comparison.rows
        disagreements = sum(r.disagreement for r in rows)
        copies = len(comparison.copies)
        self.status.setText(
            f"{len(rows)} claims · {disagreements} disagreement{'s' * (disagreements != 1)}"
            + (f" · {copies} cop{'ies' if copies != 1 else 'y'}" if copies else ""))
        self._show_row_details()
        self.comparison_updated.emit(comparison)

    def _fill_tag_combo(self) -> None:
        current = self.tag_combo.currentData()
        used = sorted({t for r in self.model.rows for t in r.tags})
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem("Any tag", None)
        for path in used:
            self.tag_combo.addItem(path, path)
        index = self.tag_combo.findData(current) if current else 0
        self.tag_combo.setCurrentIndex(max(0, index))
        self.tag_combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self, *_args) -> None:
        self.proxy.set_filter(mode=self.filter_combo.currentData(), tag_path=self.tag_combo.currentData(),
                              text=self.search_edit.text())
        self._row_timer.start()

    def _fit_columns(self) -> None:
        columns = self.model.columnCount()
        if columns <= FIRST_DOCUMENT_COLUMN:
            return
        documents = columns - FIRST_DOCUMENT_COLUMN
        available = self.table.viewport().width() - CLAIM_WIDTH - VOICES_WIDTH - 4
        width = max(MIN_DOCUMENT_WIDTH, available // documents)
        self.table.setColumnWidth(CLAIM_COLUMN, CLAIM_WIDTH)
        self.table.setColumnWidth(VOICES_COLUMN, VOICES_WIDTH)
        for c in range(FIRST_DOCUMENT_COLUMN, columns):
            self.table.setColumnWidth(c, width)

    def _resize_rows(self) -> None:
        self.delegate.column_widths = {c: self.table.columnWidth(c) for c in range(self.model.columnCount())}
        self.table.resizeRowsToContents()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.model.columnCount():
            self._fit_columns()
            self._row_timer.start()

    def _current_row(self) -> ClaimRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _show_row_details(self) -> None:
        row = self._current_row()
        suggested = row is not None and row.origin == "suggested"
        for button in (self.row_accept, self.row_edit, self.row_dismiss):
            button.setVisible(suggested)
        if row is None:
            self.row_details.setText("<span style='color:#666'>Click a cell to show the passage in the reading "
                                     "view. Hatched cells are omissions: the outlet does not mention the claim."
                                     "</span>")
            return
        parts = [f"<b>{escape(row.label)}</b> <span style='color:#666'>({row.origin})</span>"]
        if row.disagreement:
            parts.append(f"<span style='color:{DISAGREE_COLOR}'>cannot all be true: "
                         f"{escape(row.values_side_by_side())}</span>")
        if row.reason:
            parts.append(f"<span style='color:#555'>why grouped: {escape(row.reason)}</span>")
        self.row_details.setText("<br>".join(parts))

    # -- interaction ---------------------------------------------------------------------------------------
    def on_table_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self._show_row_details()
        source = self.proxy.mapToSource(index)
        cell = self.model.cell(source)
        if cell is not None:
            self.passage_requested.emit(cell.document_id, cell.start, cell.end)

    def on_table_context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        row: ClaimRow | None = index.data(ROW_ROLE) if index.isValid() else None
        if row is None or row.key is None:
            return
        menu = QMenu(self)
        menu.addAction("Accept", lambda: self.accept_suggestion(row.key))
        menu.addAction("Edit…", lambda: self.on_suggestions_edit_requested(row.key))
        menu.addAction("Dismiss", lambda: self.dismiss_suggestion(row.key))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _on_row_action(self, action: str) -> None:
        row = self._current_row()
        if row is None or row.key is None:
            return
        {"accept": self.accept_suggestion, "edit": self.on_suggestions_edit_requested,
         "dismiss": self.dismiss_suggestion}[action](row.key)

    def on_suggestions_accept_requested(self, key: str) -> None:
        self.accept_suggestion(key)

    def on_suggestions_edit_requested(self, key: str) -> None:
        suggestion = self.comparison.suggestion(key) if self.comparison else None
        if suggestion is None:
            return
        dialog = AcceptSuggestionDialog(suggestion, self.comparison.labels, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.accept_suggestion(key, label=dialog.chosen_label(), mention_indexes=dialog.chosen_indexes())

    def on_suggestions_dismiss_requested(self, key: str) -> None:
        self.dismiss_suggestion(key)

    def on_profile_level_chosen(self, roots) -> None:
        self._frame_roots = roots
        if self._input is None or self.comparison is None:
            return
        docs = [(d.id, len(d.text)) for d in self._input.documents]
        profile = frame_profile(docs, self._input.annotations, self._input.tags, roots=roots)
        self.profile.set_profile(profile, self.comparison.labels)

    def accept_suggestion(self, key: str, *, label: str | None = None, mention_indexes=None) -> bool:
        """Accept a suggestion as a confirmed claim (one undo step); False if it failed or is gone."""
        suggestion = self.comparison.suggestion(key) if self.comparison else None
        if suggestion is None:
            return False
        done = self.session.run(
            lambda: self.project.accept_suggestion(suggestion, label=label, mention_indexes=mention_indexes),
            initiator=self)
        return done is not None

    def _show_framing(self, comparison: Comparison | None) -> None:
        framing = comparison.framing if comparison else None
        ids = [d.id for d in comparison.documents] if comparison else []
        labels = comparison.labels if comparison else {}
        self.coverage.set_coverage(framing.coverage if framing else None, labels)
        self.terms.set_terms(framing.terms if framing else (), ids, labels)
        self.sources.set_sources(framing.sources if framing else (), ids, labels)

    def accept_coverage_row(self, key: str) -> bool:
        """Accept a coverage-map row as a claim: its statements annotated and linked, one undo step."""
        framing = self.comparison.framing if self.comparison else None
        row = framing.coverage.row(key) if framing else None
        if row is None:
            return False
        suggestion = row.as_suggestion()
        return self.session.run(lambda: self.project.accept_suggestion(suggestion), initiator=self) is not None

    def dismiss_suggestion(self, key: str) -> bool:
        """Dismiss a suggestion for good (undoable); False if it failed."""
        return self.session.run(lambda: self.project.dismiss_suggestion(key), initiator=self) is not None

    def export_csv_dialog(self) -> None:
        if self.comparison is None:
            QMessageBox.information(self, "Export matrix", "There is nothing to export yet.")
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export claims matrix", str(Path.home() / "claims-matrix.csv"),
            "CSV for spreadsheets (Excel) (*.csv);;CSV, exact values (pandas, scripts) (*.csv)")
        if not path:
            return
        excel = "Excel" in chosen
        try:
            count = write_matrix_csv(self.comparison, path, raw=not excel, excel=excel, protect=[self.project.path])
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title="Export claims matrix")
            return
        self.status.setText(f"Wrote {count} rows to {Path(path).name}")
