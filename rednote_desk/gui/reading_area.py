"""Side-by-side reading: document columns, link curves between adjacent columns, synchronised scrolling."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.labels import document_label, short_text, site_of
from rednote_desk.core.models import Annotation, Document
from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight, Mark
from rednote_desk.gui.colors import LINK_COLOR
from rednote_desk.gui.elided_label import ElidedLabel

MAX_COLUMNS = 4
ACTIVE_COLOR = "#d62728"  # the active column's border
ACTIVE_BORDER = 2  # its width in pixels, kept free in both states


class DocumentColumn(QFrame):
    """One document: a header (outlet, title, date, column buttons) over an AnnotatedTextView."""

    close_requested = Signal(object)
    move_requested = Signal(object, int)  # column, -1 left / +1 right
    activated = Signal(object)

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.document = document
        # the active marker is painted in a margin both states keep (a style sheet would restyle every widget
        # of the column, which makes opening and painting a column slower)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContentsMargins(ACTIVE_BORDER, ACTIVE_BORDER, ACTIVE_BORDER, ACTIVE_BORDER)
        self.set_active(False)
        self.view = AnnotatedTextView(self)
        self.view.document().setDocumentMargin(6)  # narrow columns at laptop size keep their characters
        self.view.setTabChangesFocus(True)  # read-only: Tab goes on to the next column or panel
        self.view.set_text(document.text)
        # two fixed lines whatever the title's length, so the texts of all columns start at the same height
        self.title_label = ElidedLabel(bold=True)
        self.meta_label = ElidedLabel()
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        self.header_buttons: list[QToolButton] = []
        for text, tip, slot in (
            ("◀", "Move this column left", lambda: self.move_requested.emit(self, -1)),
            ("▶", "Move this column right", lambda: self.move_requested.emit(self, +1)),
            ("✕", "Close this column", lambda: self.close_requested.emit(self)),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.header_buttons.append(b)
        self.update_header(document)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.view, 1)
        self._keep_top: int | None = None
        self.keeping_place = False
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)

    def update_header(self, document: Document) -> None:
        self.document = document
        # the title is the line above: when the outlet is unknown, its web site or "unknown outlet" here
        parts = [document.outlet or site_of(document.url) or "unknown outlet", document.published or "no date"]
        if document.author:
            parts.append(document.author)
        self.title_label.set_text(document.title or "Untitled")
        self.meta_label.set_text(" · ".join(parts))
        self.view.setAccessibleName(f"Text of {document_label(document)}: {short_text(document.title, 80)}")
        # each column's buttons say whose column they move or close (a screen reader lists them side by side)
        name = self.header_name()
        for button, spoken in zip(self.header_buttons, (f"Move the column of {name} left",
                                                        f"Move the column of {name} right",
                                                        f"Close the column of {name}"), strict=True):
            button.setAccessibleName(spoken)

    def header_name(self) -> str:
        """How the column is named to a screen reader: its outlet (or site) and a short title."""
        return f"{document_label(self.document)}, {short_text(self.document.title or 'Untitled', 40)}"

    def set_active(self, active: bool) -> None:
        # the same margin in both states: the marker must never change the text's width (a reflow would move
        # the text under the mouse between press and release)
        if active != self.property("active_column"):
            self.setProperty("active_column", active)
            self.update()

    def paintEvent(self, event):  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.property("active_column"):
            painter = QPainter(self)
            pen = QPen(QColor(ACTIVE_COLOR), ACTIVE_BORDER)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            half = ACTIVE_BORDER / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
            painter.end()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.activated.emit(self)
        elif (event.type() == QEvent.Type.Resize and obj is self.view
              and event.oldSize().width() != event.size().width() and event.oldSize().width() >= 150
              and self.view.isVisible()):
            # the text reflows: keep the same character at the top (a panel shown or hidden, a window resized);
            # a column at its top has nothing to keep (asking where the top is would lay its text out now, at a
            # width that is often about to change again: a column opened beside it)
            first = self.view.first_visible() if self.view.verticalScrollBar().value() > 0 else 0
            if first > 0 and self._keep_top is None:
                self._keep_top = first
                # the reflow moves this column's scroll bar before the place is restored: the synchronised
                # columns must not follow those moves (they keep their own place through the same resize)
                self.keeping_place = True
                QTimer.singleShot(0, self._restore_top)
        return False

    def forget_place(self) -> None:
        """Drop a pending keep-the-top (the column was just scrolled on purpose)."""
        self._keep_top = None

    def _restore_top(self) -> None:
        first, self._keep_top = self._keep_top, None
        self.keeping_place = True  # not a scroll by the user: the other columns do not follow
        try:
            if first is not None:
                self.view.scroll_offset_to_y(first, 0)
        finally:
            self.keeping_place = False


class LinkMap(QWidget):
    """Curves between two adjacent columns joining annotations of the same claim (as diff tools link chunks)."""

    WIDTH = 30

    def __init__(self, left: DocumentColumn, right: DocumentColumn, parent=None):
        super().__init__(parent)
        self.left = left
        self.right = right
        self.links: list[tuple[int, int, int]] = []  # (claim_id, left annotation id, right annotation id)
        self.setFixedWidth(self.WIDTH)
        self.setAccessibleName("Links between the statements of the same claim in the neighbouring columns")

    def set_links(self, links: list[tuple[int, int, int]]) -> None:
        self.links = links
        self.update()

    def _viewport_top(self, view) -> int:
        return self.mapFromGlobal(view.viewport().mapToGlobal(view.viewport().rect().topLeft())).y()

    def band(self) -> tuple[int, int]:
        """The vertical range (own coordinates) where both texts are visible: curves are drawn only there."""
        lv, rv = self.left.view.viewport(), self.right.view.viewport()
        l_off, r_off = self._viewport_top(self.left.view), self._viewport_top(self.right.view)
        return max(0, l_off, r_off), min(self.height(), l_off + lv.height(), r_off + rv.height())

    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), self.palette().window())
        lv, rv = self.left.view, self.right.view
        l_off, r_off = self._viewport_top(lv), self._viewport_top(rv)
        band_top, band_bottom = self.band()
        # curves to statements above or below the texts stop at the texts' edges: never over the headers
        painter.setClipRect(QRectF(0, band_top, self.width(), max(0, band_bottom - band_top)))
        w = self.width()
        h = self.height()
        for _claim_id, a_id, b_id in self.links:
            ya, yb = lv.y_range(a_id), rv.y_range(b_id)
            if ya is None or yb is None:
                continue
            a1, a2 = ya[0] + l_off, ya[1] + l_off
            b1, b2 = yb[0] + r_off, yb[1] + r_off
            if (a2 < 0 and b2 < 0) or (a1 > h and b1 > h):
                continue
            color = QColor(LINK_COLOR)  # the same colour as the linked highlights' markers
            path = QPainterPath()
            path.moveTo(0, a1)
            path.cubicTo(QPointF(w / 2, a1), QPointF(w / 2, b1), QPointF(w, b1))
            path.lineTo(w, b2)
            path.cubicTo(QPointF(w / 2, b2), QPointF(w / 2, a2), QPointF(0, a2))
            path.closeSubpath()
            fill = QColor(color)
            fill.setAlpha(60)
            painter.fillPath(path, fill)
            painter.setPen(QPen(color, 1.5))
            painter.drawPath(path)
        painter.end()


class ReadingArea(QWidget):
    """Two to four DocumentColumns in a splitter, with LinkMaps between neighbours."""

    PLACEHOLDER = ("<h3>No document open</h3><p>Double-click an article in the Library to read it here.<br>"
                   "Open two to four side by side (Ctrl+double-click or “Open in new column”) to compare them.</p>")

    annotation_clicked = Signal(int, int)  # document id, annotation id
    active_column_changed = Signal(object)
    columns_changed = Signal()
    annotations_changed = Signal()  # the painted annotations of an open column changed
    user_scrolled = Signal()  # a person scrolled a column (wheel, scroll bar), not the program
    context_requested = Signal(object, object)  # column, global QPoint

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: list[DocumentColumn] = []
        self.linkmaps: list[LinkMap] = []
        self.active: DocumentColumn | None = None
        self.sync_scrolling = True
        self._syncing = False
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.placeholder = QLabel(self.PLACEHOLDER)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.splitter, 1)
        self.splitter.hide()
        self._annotations: dict[int, dict[int, Annotation]] = {}  # per document: id -> annotation
        self._claims: dict[int, dict[int, set[int]]] = {}  # per document: claim id -> annotation ids
        self._scroll_anchors: dict[tuple[int, int], list[tuple[int, int]]] = {}  # content-aligned scrolling

    # -- columns -------------------------------------------------------------------------------
    def document_ids(self) -> list[int]:
        return [c.document.id for c in self.columns]

    def column_for(self, document_id: int) -> DocumentColumn | None:
        return next((c for c in self.columns if c.document.id == document_id), None)

    def open_document(self, document: Document, *, new_column: bool = False) -> DocumentColumn | None:
        """Show a document; None when all columns are taken and the user chose not to replace one."""
        existing = self.column_for(document.id)
        if existing is not None:
            self.set_active(existing)
            return existing
        if not new_column and self.active is not None:
            index = self.columns.index(self.active)
            self._remove_column(self.active)
        elif len(self.columns) >= MAX_COLUMNS:
            replaced = self.ask_column_to_replace(document)  # never replace a column silently
            if replaced is None:
                return None
            index = self.columns.index(replaced)
            self._remove_column(replaced)
        else:
            index = len(self.columns)
        column = self._insert_column(document, index)
        self.set_active(column)
        return column

    def ask_column_to_replace(self, document: Document) -> DocumentColumn | None:
        """Ask which open column the document should replace (the active one is offered first)."""
        from PySide6.QtWidgets import QInputDialog

        ordered = sorted(self.columns, key=lambda c: c is not self.active)
        names = [f"{self.columns.index(c) + 1}. {document_label(c.document)} — {short_text(c.document.title, 50)}"
                 for c in ordered]
        name, ok = QInputDialog.getItem(
            self, "All columns are in use",
            f"{MAX_COLUMNS} columns are open. Which one should “{short_text(document.title, 60)}” replace?",
            names, 0, False)
        return ordered[names.index(name)] if ok and name in names else None

    def close_column(self, column: DocumentColumn) -> None:
        self._remove_column(column)
        self.set_active(self.columns[-1] if self.columns else None)

    def move_column(self, column: DocumentColumn, step: int) -> None:
        i = self.columns.index(column)
        j = i + step
        if not 0 <= j < len(self.columns):
            return
        self.columns[i], self.columns[j] = self.columns[j], self.columns[i]
        self._relayout()

    def _insert_column(self, document: Document, index: int) -> DocumentColumn:
        column = DocumentColumn(document)
        column.close_requested.connect(self.close_column)
        column.move_requested.connect(self.move_column)
        column.activated.connect(self.set_active)
        column.view.annotation_clicked.connect(
            lambda annotation_id, c=column: self.annotation_clicked.emit(c.document.id, annotation_id))
        column.view.context_requested.connect(lambda pos, c=column: self.context_requested.emit(c, pos))
        column.view.verticalScrollBar().valueChanged.connect(
            lambda _v, c=column: self.on_column_scrolled(c))
        column.view.verticalScrollBar().actionTriggered.connect(lambda _action: self.user_scrolled.emit())
        self.columns.insert(index, column)
        self._relayout()
        return column

    def _remove_column(self, column: DocumentColumn) -> None:
        if column in self.columns:
            self.columns.remove(column)
        if self.active is column:
            self.active = None
        column.setParent(None)
        column.deleteLater()
        self._relayout()

    def _relayout(self) -> None:
        # only what changed: each widget taken out of, added to or moved in the visible splitter resizes every
        # column at once (and lays its text out again), so a link map between the same two columns is kept
        kept = {(m.left, m.right): m for m in self.linkmaps}
        self.linkmaps = []
        for i, column in enumerate(self.columns[1:], start=1):
            linkmap = kept.pop((self.columns[i - 1], column), None) or LinkMap(self.columns[i - 1], column)
            self.linkmaps.append(linkmap)
        for linkmap in kept.values():
            linkmap.setParent(None)
            linkmap.deleteLater()
        # the splitter's widget order is the columns list, a link map between neighbours
        order = []
        for i, column in enumerate(self.columns):
            if i:
                order.append(self.linkmaps[i - 1])
            order.append(column)
        for position, widget in enumerate(order):
            if self.splitter.indexOf(widget) != position:
                self.splitter.insertWidget(position, widget)
        for i in range(self.splitter.count()):
            self.splitter.setCollapsible(i, False)
        sizes = []
        for widget in order:
            sizes.append(LinkMap.WIDTH if isinstance(widget, LinkMap) else 1000)
        self.splitter.setSizes(sizes)
        self.placeholder.setVisible(not self.columns)
        self.splitter.setVisible(bool(self.columns))
        self.refresh_links()
        self.columns_changed.emit()

    def set_active(self, column: DocumentColumn | None) -> None:
        if column is self.active:
            return
        self.active = column
        for c in self.columns:
            c.set_active(c is column and len(self.columns) > 1)
        self.active_column_changed.emit(column)

    # -- annotations ---------------------------------------------------------------------------
    def set_annotations(self, document_id: int, highlights: list[Highlight], annotations) -> None:
        column = self.column_for(document_id)
        if column is None:
            return
        self._annotations[document_id] = {a.id: a for a in annotations}
        claims: dict[int, set[int]] = {}
        for a in annotations:
            if a.claim_id is not None:
                claims.setdefault(a.claim_id, set()).add(a.id)
        self._claims[document_id] = claims
        column.view.set_highlights(highlights)
        self.refresh_links()
        self.annotations_changed.emit()

    def annotation(self, document_id: int, annotation_id: int):
        """The painted annotation (or span) of an open document, or None."""
        return self._annotations.get(document_id, {}).get(annotation_id)

    def patch_annotations(self, document_id: int, highlights: list[Highlight], removed, upserted) -> None:
        """Update a few annotations of an open document (see AnnotatedTextView.patch_highlights)."""
        column = self.column_for(document_id)
        if column is None:
            return
        cache = self._annotations.setdefault(document_id, {})
        claims = self._claims.setdefault(document_id, {})
        for annotation_id in [*removed, *(a.id for a in upserted)]:
            old = cache.pop(annotation_id, None)
            if old is not None and old.claim_id is not None:
                claims.get(old.claim_id, set()).discard(annotation_id)
        for a in upserted:
            cache[a.id] = a
            if a.claim_id is not None:
                claims.setdefault(a.claim_id, set()).add(a.id)
        column.view.patch_highlights(highlights, removed)
        self.refresh_links()
        self.annotations_changed.emit()

    def tags_in_use(self) -> Counter:
        """Tag id -> number of annotations using it, over the open columns."""
        counts: Counter = Counter()
        for document_id in self.document_ids():
            for annotation in self._annotations.get(document_id, {}).values():
                counts.update(annotation.tag_ids)
        return counts

    def set_marks(self, document_id: int, marks: list[Mark]) -> None:
        column = self.column_for(document_id)
        if column is not None:
            column.view.set_marks(marks)

    def refresh_links(self) -> None:
        """Links between neighbouring columns: one per pair of annotations of the same claim (by claim, not by
        annotation, so a document with 100,000 annotations costs nothing here)."""
        for linkmap in self.linkmaps:
            left = self._claims.get(linkmap.left.document.id, {})
            right = self._claims.get(linkmap.right.document.id, {})
            links = [(claim_id, a, b) for claim_id in sorted(left.keys() & right.keys())
                     for a in sorted(left[claim_id]) for b in sorted(right[claim_id])]
            linkmap.set_links(links)

    def select_annotation(self, document_id: int, annotation_id: int | None, *, scroll: bool = True) -> None:
        # each column keeps its own selected annotation, so one per column can be linked as a claim
        column = self.column_for(document_id)
        if column is not None:
            column.view.set_selected_annotation(annotation_id)
        if column is not None and annotation_id is not None and scroll:
            h = column.view.highlight(annotation_id)
            if h is not None:
                first, last = column.view.visible_range()
                if not first <= h.start <= last:
                    column.view.scroll_to_offset(h.start)

    def align_claim(self, document_id: int, annotation_id: int) -> int:
        """Scroll the other columns so their annotations of the same claim line up with this one (now, and
        again once a deferred scroll of this column has happened, which synchronised scrolling would follow).

        Returns how many columns were aligned."""
        QTimer.singleShot(0, lambda: self._align_claim_now(document_id, annotation_id))
        return self._align_claim_now(document_id, annotation_id)

    def _align_claim_now(self, document_id: int, annotation_id: int) -> int:
        source = self.column_for(document_id)
        annotation = self._annotations.get(document_id, {}).get(annotation_id)
        if source is None or annotation is None or annotation.claim_id is None:
            return 0
        targets = [(source.view, annotation.start_offset)]
        for column in self.columns:
            if column is source:
                continue
            partner_ids = self._claims.get(column.document.id, {}).get(annotation.claim_id)
            partner = (min((self._annotations[column.document.id][i] for i in partner_ids),
                           key=lambda a: a.start_offset) if partner_ids else None)
            if partner is not None:
                targets.append((column.view, partner.start_offset))
        y = source.view.offset_y(annotation.start_offset)
        self._syncing = True
        try:
            for view, offset in targets[1:]:
                view.scroll_offset_to_y(offset, y)
            # a statement near the start (or end) of its article cannot scroll that far: meet it where it is
            line = source.view.fontMetrics().lineSpacing()
            stuck = [view.offset_y(offset) for view, offset in targets[1:] if abs(view.offset_y(offset) - y) > line]
            if stuck and 0 <= stuck[0] <= source.view.viewport().height():
                for view, offset in targets:
                    view.scroll_offset_to_y(offset, stuck[0])
        finally:
            self._syncing = False
        aligned = len(targets) - 1
        for linkmap in self.linkmaps:
            linkmap.update()
        return aligned

    # -- scrolling -----------------------------------------------------------------------------
    def set_scroll_alignments(self, alignments) -> None:
        """Sentence alignments of the open documents ({(id_a, id_b): Alignment}): synchronised scrolling then
        follows the content; pairs without one scroll proportionally."""
        from rednote_desk.core.compare.scroll_sync import scroll_anchors

        ids = self.document_ids()
        self._scroll_anchors = {(a, b): scroll_anchors(alignments, a, b) for a in ids for b in ids if a != b}

    def on_column_scrolled(self, source: DocumentColumn) -> None:
        if self.sync_scrolling and not self._syncing and not source.keeping_place:
            bar = source.view.verticalScrollBar()
            fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
            top = None
            self._syncing = True
            try:
                for column in self.columns:
                    if column is source:
                        continue
                    anchors = self._scroll_anchors.get((source.document.id, column.document.id))
                    if anchors:  # the counterpart of the text at the top of the source, at the same height
                        from rednote_desk.core.compare.scroll_sync import counterpart_offset

                        top = source.view.first_visible() if top is None else top
                        target = min(counterpart_offset(anchors, top), max(0, len(column.view.text()) - 1))
                        column.view.scroll_offset_to_y(target, source.view.offset_y(top))
                    else:
                        other = column.view.verticalScrollBar()
                        other.setValue(round(fraction * other.maximum()))
            finally:
                self._syncing = False
        for linkmap in self.linkmaps:
            linkmap.update()

    def set_sync_scrolling(self, enabled: bool) -> None:
        self.sync_scrolling = enabled
        if enabled and self.active is not None:
            self.on_column_scrolled(self.active)

