"""The diff view: two documents compared passage by passage, side by side or inline.

The passage diff (core.compare.passages) is computed on a worker thread (gui.workers.Task); the view
then renders a window of passages through core.diff_html (pygments, the same code as the exported
report) into a QTextBrowser. Only about ``WINDOW_CHARS`` characters of text are laid out at a time,
so a 1 MB pair opens as fast as a short one; links at the window's ends, next / previous change and
folded runs of unchanged sentences move or widen the window.

The A and B lists share one model of every document (headings, no texts). A large project's list is read on a
worker (gui.project_reads, as the Compare view's Documents list) when one of them is first opened: until then
they hold the chosen pair, so opening the tab reads no 10,000 headings and makes no 20,000 items on the GUI
thread.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPolygonF,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QTextCursor,
    QTextTable,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.compare.matrix import document_labels
from rednote_desk.core.compare.passages import PassageDiff, passage_diff
from rednote_desk.core.html.diff import CURRENT, Page, Piece, render_page, window
from rednote_desk.core.labels import count_of
from rednote_desk.core.models import Document
from rednote_desk.gui.colors import dim_text_color, paper_palette
from rednote_desk.gui.plain import plain
from rednote_desk.gui.project_reads import ProjectRead
from rednote_desk.gui.session import HANDLED_ERRORS, session_for, show_error
from rednote_desk.gui.workers import Task, bind

log = logging.getLogger(__name__)

WINDOW_CHARS = 30_000  # text laid out at once (a QTextBrowser lays out ~250 KB of text a second)
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Choice = tuple[int, str, str]  # a document in the A and B lists: id, text, tooltip


def document_choices(documents: list[Document]) -> list[Choice]:
    """The A and B lists' entries for these documents, in this order: plain Python (a worker makes them for a
    large project)."""
    labels = document_labels(documents)
    choices = []
    for doc in documents:
        title = " ".join(doc.title.split())
        label = labels[doc.id]
        text = f"{label} — {title}" if doc.outlet and title and title != label else (title or label)
        choices.append((doc.id, f"{doc.id}: {text}", plain(f"Document {doc.id}: {title}")))
    return choices


def choice_items(choices: list[Choice]) -> list[QStandardItem]:
    """The lists' items for these entries (not yet in a model, so a worker can make them: 10,000 take ~50 ms)."""
    items = []
    for doc_id, text, tooltip in choices:
        item = QStandardItem(text)
        item.setData(doc_id, Qt.ItemDataRole.UserRole)  # the combos' currentData
        item.setToolTip(tooltip)
        items.append(item)
    return items


def every_document_item(project) -> list[QStandardItem]:
    """Every document's item, from the headings (no texts: 10,000 documents in well under 100 ms)."""
    return choice_items(document_choices([
        Document(id=s["id"], title=s["title"] or "", text="", outlet=s["outlet"], url=s["url"],
                 source_name=s["source_name"]) for s in project.document_headings()]))


class DocumentCombo(QComboBox):
    """The A or B list: says when its popup is about to open (a large project's list is read then)."""

    popup_wanted = Signal()

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.popup_wanted.emit()
        super().showPopup()


def meaning_legend(diff: PassageDiff) -> str:
    """How to read a diff whose sentences were paired by meaning (empty for a word-by-word diff)."""
    if not diff.meaning:
        return ""
    how = ("by meaning" if diff.meaning != "shared words and anchors"
           else "on shared words, numbers and names (the meaning model is not available)")
    return (f"These texts share little wording, so sentences are paired {how}. Blue (≈): the same statement "
            "in other words; red: only in A; green: only in B; “moved”: its partner is elsewhere in the other text.")


class DiffBrowser(QTextBrowser):
    """A QTextBrowser that reports double-clicks as document positions (its own, in UTF-16 units)."""

    double_clicked = Signal(object)  # QTextCursor at the click

    def __init__(self, parent=None):
        super().__init__(parent)
        self._marker: QTextCursor | None = None

    def set_marker(self, cursor: QTextCursor | None) -> None:
        """Draw the current-change marker in the left margin at this cursor's line (None: no marker)."""
        self._marker = cursor
        self.viewport().update()

    def marker(self) -> QTextCursor | None:
        return self._marker

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._marker is None:
            return
        rect = self.cursorRect(self._marker)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CURRENT))
        x, y, h = 8.0, float(rect.top()), float(max(rect.height(), 10))
        painter.drawPolygon(QPolygonF([QPointF(x, y + h * 0.2), QPointF(x + h * 0.55, y + h / 2),
                                       QPointF(x, y + h * 0.8)]))
        painter.end()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseDoubleClickEvent(event)
        self.double_clicked.emit(self.cursorForPosition(event.position().toPoint()))


class DiffView(QWidget):
    """Pairwise text diff of two documents with next / previous change and ignore options."""

    passage_requested = Signal(int, int, int)  # document id, start, end (code points)
    diff_shown = Signal()  # a computed diff is on screen

    def __init__(self, project, parent=None):
        """``project``: the ProjectSession to work through (a bare Project gets a session of its own)."""
        super().__init__(parent)
        self.session = session_for(project, self)
        self.project = self.session.project
        self._stale = False  # the pair's texts changed while the view was hidden
        self.diff: PassageDiff | None = None
        self.page: Page | None = None
        self._docs: dict[int, Document] = {}
        self._pair: tuple[int, int] | None = None
        self._task: Task | None = None
        self._generation = 0
        self._expanded: set[int] = set()
        self._stop = -1  # index into diff.stops of the current change
        self._marked: int | None = None  # the row whose gutter shows the marker
        self._listed = False  # the A and B lists hold every document (not only the pair: a large project)
        self._choices_read = ProjectRead(self, every_document_item, self._on_choices_read,
                                         self._on_choices_failed)

        self._build_toolbar()
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("padding: 2px 4px;")  # the palette's text colour: readable light or dark
        self.legend = QLabel()  # shown when sentences were paired by meaning
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"color: {dim_text_color(self.palette())}; padding: 0 4px 2px 4px;")
        self.legend.hide()
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.browser = DiffBrowser()
        paper_palette(self.browser)  # the diff page is drawn on paper, its tints chosen for it, in any theme
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)
        self.browser.double_clicked.connect(self.on_browser_double_clicked)
        self.browser.document().setDocumentMargin(8)
        self.browser.setToolTip("Double-click a passage to show it in the reading view")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.toolbar)
        layout.addLayout(self.options_bar)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.progress)
        # the change navigation sits beside the summary, not in the options row: both rows fit at 1,024 px
        summary_row.addWidget(self.position_label)
        summary_row.addWidget(self.prev_button)
        summary_row.addWidget(self.next_button)
        layout.addLayout(summary_row)
        layout.addWidget(self.legend)
        layout.addWidget(self.browser, 1)

        for keys, step in (("Alt+Down", 1), ("F7", 1), ("Alt+Up", -1), ("Shift+F7", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to_change(s))
        self.refresh_documents()
        self._update_navigation()
        self.session.changed.connect(self.on_session_changed)

    # -- building ------------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        self.combo_a = DocumentCombo()
        self.combo_b = DocumentCombo()
        self._choices_model = QStandardItemModel(self)  # one for both
        for combo in (self.combo_a, self.combo_b):
            combo.setModel(self._choices_model)
            combo.view().setUniformItemSizes(True)  # one line each: the popup does not measure 10,000 rows twice
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self.on_combo_current_index_changed)
            combo.popup_wanted.connect(self._list_wanted)
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip("Swap A and B")
        self.swap_button.clicked.connect(self.swap)
        self.side_button = QToolButton()
        self.side_button.setText("Side by side")
        self.inline_button = QToolButton()
        self.inline_button.setText("Inline")
        self.mode_group = QButtonGroup(self)
        for button in (self.side_button, self.inline_button):
            button.setCheckable(True)
            self.mode_group.addButton(button)
        self.side_button.setChecked(True)
        self.mode_group.buttonToggled.connect(lambda _b, on: on and self._render(keep_scroll=False))
        self.prev_button = QToolButton()
        self.prev_button.setText("▲ Previous")
        self.prev_button.setToolTip("Previous change (Alt+Up, Shift+F7)")
        self.prev_button.clicked.connect(lambda: self.go_to_change(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▼ Next")
        self.next_button.setToolTip("Next change (Alt+Down, F7)")
        self.next_button.clicked.connect(lambda: self.go_to_change(1))
        self.position_label = QLabel()
        self.position_label.setStyleSheet(f"color: {dim_text_color(self.palette())};")

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(QLabel("A:"))
        self.toolbar.addWidget(self.combo_a, 1)
        self.toolbar.addWidget(self.swap_button)
        self.toolbar.addWidget(QLabel("B:"))
        self.toolbar.addWidget(self.combo_b, 1)

        # "Ignore: case · punctuation · whitespace": the row fits beside the side panels at 1,024 px
        self.ignore_case = QCheckBox("case")
        self.ignore_punctuation = QCheckBox("punctuation")
        self.ignore_whitespace = QCheckBox("whitespace")
        for box in (self.ignore_case, self.ignore_punctuation, self.ignore_whitespace):
            box.setAccessibleName(f"Ignore {box.text()}")
            box.toggled.connect(lambda _on: self.recompute())
        self.fold_box = QCheckBox("Fold unchanged")
        self.fold_box.setToolTip("Show runs of unchanged sentences as one line (click it to unfold)")
        self.fold_box.setChecked(True)
        self.fold_box.toggled.connect(lambda _on: self._render(keep_scroll=False))
        self.options_bar = QHBoxLayout()
        self.options_bar.addWidget(self.side_button)
        self.options_bar.addWidget(self.inline_button)
        self.options_bar.addSpacing(12)
        self.options_bar.addWidget(QLabel("Ignore:"))
        for box in (self.ignore_case, self.ignore_punctuation, self.ignore_whitespace):
            self.options_bar.addWidget(box)
        self.options_bar.addSpacing(12)
        self.options_bar.addWidget(self.fold_box)
        self.options_bar.addStretch(1)

    # -- documents -----------------------------------------------------------------------------------------
    def refresh_documents(self) -> None:
        """Re-read the list of documents (after an import or a deletion); keeps the chosen pair if it exists. A
        large project's lists hold the chosen pair (or the first two documents) until one of them is opened."""
        self._choices_read.stop()
        self._listed = False
        if not self._choices_read.in_background(self.project):
            self._choices_read.run(self.project)  # at once
            return
        ids = self.project.existing_document_ids(self._pair) if self._pair else []
        if len(ids) < 2:
            ids = self.project.existing_document_ids(first=2)
        try:
            pair = [self.project.document(i) for i in ids]
        except HANDLED_ERRORS:
            pair = []
        self._show_choices(choice_items(document_choices(pair)))  # type: ignore[arg-type]
        if self.combo_a.view().isVisible() or self.combo_b.view().isVisible():
            self._list_wanted()

    def _list_wanted(self) -> None:
        """A list's popup opens: a large project's documents are read now, on a worker, and listed when there."""
        if not self._listed and not self._choices_read.is_busy():
            self._choices_read.run(self.project)

    def _on_choices_read(self, items: list[QStandardItem]) -> None:
        self._listed = True
        self._show_choices(items)
        for combo in (self.combo_a, self.combo_b):
            if combo.view().isVisible():  # it opened with the pair only: again, with every document
                combo.hidePopup()
                combo.showPopup()

    def _on_choices_failed(self, message: str) -> None:
        self._show_message(f"The list of documents could not be read: {message}")

    def _show_choices(self, items: list[QStandardItem]) -> None:
        for combo in (self.combo_a, self.combo_b):
            combo.blockSignals(True)
        self._choices_model.clear()
        if items:
            self._choices_model.invisibleRootItem().appendRows(items)  # one insertion, not 10,000
        for combo in (self.combo_a, self.combo_b):
            combo.blockSignals(False)
        if self._pair and all(self.combo_a.findData(i) >= 0 for i in self._pair):
            self._select(*self._pair)
        elif len(items) >= 2:
            self._select(*(self._choices_model.item(row).data(Qt.ItemDataRole.UserRole) for row in (0, 1)))
            self._pair = None
        if len(items) < 2:
            self._show_message("Import at least two documents to compare their texts.")

    def _select(self, a: int, b: int) -> None:
        for combo, doc_id in ((self.combo_a, a), (self.combo_b, b)):
            combo.blockSignals(True)
            index = combo.findData(doc_id)
            if index >= 0:
                combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def set_pair(self, doc_a_id: int, doc_b_id: int) -> None:
        """Compare these two documents (the work runs in the background)."""
        if self.combo_a.findData(doc_a_id) < 0 or self.combo_b.findData(doc_b_id) < 0:
            self._pair = (doc_a_id, doc_b_id)  # listed even if the lists hold only the pair (a large project)
            self.refresh_documents()
        self._select(doc_a_id, doc_b_id)
        self._pair = (doc_a_id, doc_b_id)
        self.recompute()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._pair is None and self.combo_a.count() >= 2:  # first shown: compare the two chosen documents
            self.on_combo_current_index_changed(0)
        elif self._stale:
            self.recompute()

    def on_session_changed(self, changes, _initiator) -> None:
        """Documents added, renamed, deleted or re-imported: update the lists; a changed text of the pair is
        compared again once, now if the view is visible, else when it is next shown."""
        if "documents" not in changes.tables:
            return
        self.refresh_documents()
        if self._pair is None or not set(self._pair) & changes.document_ids:
            return
        try:
            texts = {i: self.project.document(i).text for i in self._pair}
        except HANDLED_ERRORS:
            texts = {}
        if texts == {i: d.text for i, d in self._docs.items()}:
            return
        self._stale = True
        if self.isVisible():
            self.recompute()

    def stop(self) -> None:
        """Cancel the running diff and disconnect it (the view is closing)."""
        self._choices_read.stop()
        if self._task is not None:
            self._task.detach()
            self._task = None
        self.progress.hide()

    def document_pair(self) -> tuple[int, int] | None:
        return self._pair

    def swap(self) -> None:
        if self._pair:
            self.set_pair(self._pair[1], self._pair[0])

    def on_combo_current_index_changed(self, _index: int) -> None:
        a, b = self.combo_a.currentData(), self.combo_b.currentData()
        if a is not None and b is not None:
            self.set_pair(a, b)

    # -- computing -----------------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._task is not None and not self._task.is_done

    def recompute(self) -> None:
        """Compute the diff of the chosen pair with the current ignore options, on a worker thread."""
        if self._pair is None:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        if self.is_busy():
            self._task.detach()  # type: ignore[union-attr]
        try:
            doc_a, doc_b = (self.project.document(i) for i in self._pair)
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title="Compare texts")
            return
        self._docs = {doc_a.id: doc_a, doc_b.id: doc_b}  # type: ignore[dict-item]
        options = {"ignore_case": self.ignore_case.isChecked(),
                   "ignore_punctuation": self.ignore_punctuation.isChecked(),
                   "ignore_whitespace": self.ignore_whitespace.isChecked()}
        text_a, text_b = doc_a.text, doc_b.text
        task = Task(lambda report, cancelled: passage_diff(text_a, text_b, report=report, is_cancelled=cancelled,
                                                           **options))
        bind(task, self,
             progressed=lambda done, total, _text, g=generation: self._on_task_progressed(g, done, total),
             finished=lambda result, g=generation: self._on_task_finished(g, result),
             failed=lambda message, g=generation: self._on_task_failed(g, message))
        self._task = task
        self.summary.setText("Comparing…")
        self.progress.setRange(0, 0)
        self.progress.show()
        task.start()

    def _on_task_progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_task_finished(self, generation: int, diff: PassageDiff) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
        keep_stop = self.diff is not None and self.diff.a == diff.a and self.diff.b == diff.b
        self.diff = diff
        self._expanded = set()
        if not keep_stop:
            self._stop = -1
        self._stop = min(self._stop, len(diff.stops) - 1)
        self.summary.setText(diff.summary())
        self.legend.setText(meaning_legend(diff))
        self.legend.setVisible(bool(diff.meaning))
        self._render(keep_scroll=False)
        self.diff_shown.emit()

    def _on_task_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
        self.summary.setText("The comparison failed.")
        QMessageBox.warning(self, "Compare texts", plain(message))

    # -- showing -------------------------------------------------------------------------------------------
    def layout_mode(self) -> str:
        return "inline" if self.inline_button.isChecked() else "side_by_side"

    def set_layout_mode(self, mode: str) -> None:
        (self.inline_button if mode == "inline" else self.side_button).setChecked(True)

    def _folds(self) -> str:
        return "links" if self.fold_box.isChecked() else "none"

    def _headers(self) -> tuple[str, str]:
        if not self._pair:
            return "A", "B"
        labels = document_labels([self._docs[i] for i in dict.fromkeys(self._pair)])
        return tuple(f"A · {labels[self._pair[0]]}" if n == 0 else f"B · {labels[self._pair[1]]}"
                     for n in range(2))  # type: ignore[return-value]

    def current_row(self) -> int | None:
        """The diff row of the current change, if one is chosen."""
        if self.diff is None or not (0 <= self._stop < len(self.diff.stops)):
            return None
        return self.diff.stops[self._stop]

    def _render(self, *, keep_scroll: bool, around: int | None = None, anchor: str | None = None) -> None:
        if self.diff is None:
            return
        if around is None:
            around = self.page.lo if (self.page is not None and keep_scroll) else (self.current_row() or 0)
        lo, hi = window(self.diff, around=around, budget=WINDOW_CHARS, expanded=frozenset(self._expanded),
                        folds=self._folds())  # type: ignore[arg-type]
        if keep_scroll and self.page is not None:
            lo = min(lo, self.page.lo)
        self._show_page(lo, hi, keep_scroll=keep_scroll, anchor=anchor)

    def _show_page(self, lo: int, hi: int, *, keep_scroll: bool, anchor: str | None) -> None:
        assert self.diff is not None
        scroll = self.browser.verticalScrollBar().value()
        self.page = render_page(self.diff, layout=self.layout_mode(), lo=lo, hi=hi,  # type: ignore[arg-type]
                                folds=self._folds(), expanded=frozenset(self._expanded),  # type: ignore[arg-type]
                                headers=self._headers())
        self.browser.setHtml(self.page.html)
        self._mark(self.current_row())
        if keep_scroll:
            self.browser.verticalScrollBar().setValue(scroll)
        elif anchor:
            self._scroll_to(anchor)
        self._update_navigation()

    def _column_of(self, table_row: int, piece: Piece) -> int:
        assert self.page is not None
        return next(col for col in (1, 2) if piece in self.page.cells.get((table_row, col), ()))

    def _scroll_to(self, anchor: str) -> None:
        """Scroll so the anchor sits a little below the top, with some context above it."""
        self.browser.scrollToAnchor(anchor)
        bar = self.browser.verticalScrollBar()
        if 0 < bar.value() < bar.maximum():
            bar.setValue(max(0, bar.value() - self.browser.viewport().height() // 5))

    def _mark(self, row: int | None) -> None:
        """Point the gutter marker at the table row showing ``row`` (painted, so no new layout)."""
        self._marked = row
        cursor = None
        if row is not None and self.page is not None and row in self.page.table_rows:
            table = next((f for f in self.browser.document().rootFrame().childFrames()
                          if isinstance(f, QTextTable)), None)
            table_row = self.page.table_rows[row]
            pieces = [p for col in (1, 2) for p in self.page.cells.get((table_row, col), ()) if p.row == row]
            cell = table.cellAt(table_row, 1 if not pieces else self._column_of(table_row, pieces[0])) \
                if table is not None else None
            if cell is not None and cell.isValid():
                cursor = cell.firstCursorPosition()
                if pieces:
                    cursor.setPosition(cursor.position() + pieces[0].u16_start)
        self.browser.set_marker(cursor)

    def _show_message(self, text: str) -> None:
        self.diff = None
        self.page = None
        self.summary.setText("")
        self.browser.setHtml(f"<p style='color:#666'>{text}</p>")
        self._update_navigation()

    def _update_navigation(self) -> None:
        stops = self.diff.stops if self.diff is not None else []
        self.prev_button.setEnabled(bool(stops) and self._stop > 0)
        self.next_button.setEnabled(bool(stops) and self._stop < len(stops) - 1)
        if not stops:
            self.position_label.setText("")
        elif self._stop < 0:
            self.position_label.setText(count_of(len(stops), "change"))
        else:
            self.position_label.setText(f"Change {self._stop + 1:,} of {len(stops):,}")

    # -- navigation ----------------------------------------------------------------------------------------
    def go_to_change(self, step: int) -> bool:
        """Move to the next (``step`` = 1) or previous (-1) change; False at either end."""
        if self.diff is None or not self.diff.stops:
            return False
        return self.show_change(self._stop + step if self._stop >= 0 or step > 0 else 0)

    def show_change(self, index: int) -> bool:
        """Make change number ``index`` (0-based, in ``diff.stops``) the current one and scroll to it."""
        if self.diff is None or not 0 <= index < len(self.diff.stops):
            return False
        self._stop = index
        row = self.diff.stops[index]
        page = self.page
        if page is not None and page.lo <= row < page.hi and row in page.table_rows:
            self._mark(row)
            self._scroll_to(f"r{row}")
            self._update_navigation()
        else:
            self._render(keep_scroll=False, around=row, anchor=f"r{row}")
        return True

    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        target = url.toString()
        if self.diff is None or self.page is None:
            return
        if target.startswith("fold:"):
            self._expanded.add(int(target.split(":", 1)[1]))
            self._render(keep_scroll=True)
        elif target == "window:earlier":
            before = max(self.page.lo - 1, 0)
            self._render(keep_scroll=False, around=before, anchor=f"r{before}")
        elif target == "window:later":
            self._render(keep_scroll=False, around=self.page.hi, anchor=f"r{self.page.hi}")

    # -- double-click -> reading view ---------------------------------------------------------------------
    def piece_at(self, cursor: QTextCursor) -> tuple[Piece, int] | None:
        """The piece of document text under a cursor, and the code-point offset in its document."""
        if self.page is None or self.diff is None:
            return None
        table = cursor.currentTable()
        if table is None:
            return None
        cell = table.cellAt(cursor)
        if not cell.isValid():
            return None
        pieces = self.page.cells.get((cell.row(), cell.column()))
        if not pieces:
            return None
        offset = cursor.position() - cell.firstCursorPosition().position()
        piece = next((p for p in pieces if p.u16_start <= offset < p.u16_end), None)
        if piece is None:
            piece = next((p for p in reversed(pieces) if p.u16_start <= offset), pieces[0])
        text = self.diff.a if piece.side == "a" else self.diff.b
        units = max(0, min(offset, piece.u16_end) - piece.u16_start)
        pos = piece.doc_start
        while units > 0 and pos < len(text):
            units -= 2 if ord(text[pos]) > 0xFFFF else 1
            pos += 1
        return piece, pos

    def on_browser_double_clicked(self, cursor: QTextCursor) -> None:
        found = self.piece_at(cursor)
        if found is None or self._pair is None or self.diff is None:
            return
        piece, _pos = found
        row = self.diff.rows[piece.row]
        span = row.a if piece.side == "a" else row.b
        if span is None:
            return
        doc_id = self._pair[0] if piece.side == "a" else self._pair[1]
        self.passage_requested.emit(doc_id, span[0], span[1])
