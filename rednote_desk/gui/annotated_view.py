"""A read-only text view that paints annotation highlights itself.

Highlights are never stored as character formats: on each paint, only the blocks on screen are asked for the
annotations that overlap them (an interval index), and translucent rectangles, per-lane underlines and claim
markers are drawn behind the text. Opening a large document with thousands of annotations therefore costs one
index build, and adding an annotation costs one index rebuild and a repaint of the viewport.

Positions: the store counts code points; Qt counts UTF-16 units. The conversion happens here, through
core.textpos.Utf16Index, and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolTip

from rednote_desk.core.intervals import IntervalIndex
from rednote_desk.core.textpos import Utf16Index, trim_span
from rednote_desk.gui.colors import LINK_COLOR
from rednote_desk.gui.paragraph_layout import use_paragraph_spacing
from rednote_desk.gui.plain import plain

LANE_GAP = 3  # pixels between stacked underlines of overlapping annotations


@dataclass(frozen=True)
class Highlight:
    """What the view needs to paint one annotation (built by the pane from core.models.Annotation)."""

    annotation_id: int
    start: int  # code points
    end: int
    colors: tuple[str, ...]  # one per tag; empty = untagged
    tooltip: str = ""
    claim_id: int | None = None


@dataclass(frozen=True)
class Mark:
    """A passage mark in the left margin (e.g. "only this outlet says this")."""

    start: int
    end: int
    color: str
    tooltip: str = ""


class AnnotatedTextView(QPlainTextEdit):
    annotation_clicked = Signal(int)
    context_requested = Signal(object)  # QPoint, global

    def __init__(self, parent=None):
        super().__init__(parent)
        self._paragraphs = use_paragraph_spacing(self)  # visible space between paragraphs, offsets unchanged
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMouseTracking(True)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self._paragraphs.gap = round(self.fontMetrics().lineSpacing() * 0.6)
        self.document().setDocumentMargin(12)
        self.setViewportMargins(8, 0, 0, 0)
        self._text = ""
        self._u16 = Utf16Index("")
        self._index: IntervalIndex[int] = IntervalIndex([])
        self._highlights: dict[int, Highlight] = {}
        self._marks: IntervalIndex[int] = IntervalIndex([])
        self._mark_list: list[Mark] = []
        self._selected_id: int | None = None
        self._hidden: frozenset[int] = frozenset()  # kept but not painted (a coder switched off)
        # compare-coders mode: annotation id -> 0 (upper half of the line) or 1 (lower half); None = off
        self._coder_lanes: dict[int, int] | None = None
        self._painted_lanes: dict[int, int] = {}  # what the last paints drew, id -> lane (for tests and tools)
        self._legend = None  # CoderLegend, made on first use
        self._focus_span: tuple[int, int] | None = None  # a stretch under review, outlined (code points)
        # (annotation id) -> hover text, asked only when hovering: building 10,000 tooltips up front costs time
        self.tooltip_provider = None

    # -- content -------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self._text = text
        self._u16 = Utf16Index(text)
        self.setPlainText(text)

    def text(self) -> str:
        return self._text

    def set_highlights(self, highlights: list[Highlight]) -> None:
        self._highlights = {h.annotation_id: h for h in highlights}
        self._painted_lanes.clear()
        spans = []
        for h in highlights:
            if 0 <= h.start < h.end <= len(self._text) and h.annotation_id not in self._hidden:
                spans.append((h.annotation_id, self._u16.to_utf16(h.start), self._u16.to_utf16(h.end)))
        self._index = IntervalIndex(spans)
        self.viewport().update()

    def patch_highlights(self, upserts: list[Highlight], removed=()) -> None:
        """Add, change or remove a few highlights without rebuilding the index of all the others; only the
        lines they cover are repainted."""
        dirty = []
        for annotation_id in removed:
            dirty.append(self.y_range(annotation_id))
            self._highlights.pop(annotation_id, None)
            self._index.remove(annotation_id)
        for h in upserts:
            dirty.append(self.y_range(h.annotation_id))  # where it was (a retag keeps the span)
            if 0 <= h.start < h.end <= len(self._text):
                self._highlights[h.annotation_id] = h
                if h.annotation_id in self._hidden:
                    self._index.remove(h.annotation_id)
                    continue
                self._index.add(h.annotation_id, self._u16.to_utf16(h.start), self._u16.to_utf16(h.end))
                dirty.append(self.y_range(h.annotation_id))
            else:
                self._highlights.pop(h.annotation_id, None)
                self._index.remove(h.annotation_id)
        self._update_lines(dirty)

    def set_hidden(self, annotation_ids) -> None:
        """Keep these annotations but do not paint them nor answer clicks on them (e.g. a coder switched off)."""
        hidden = frozenset(annotation_ids)
        if hidden != self._hidden:
            self._hidden = hidden
            self.set_highlights(list(self._highlights.values()))

    def hidden(self) -> frozenset[int]:
        return self._hidden

    # -- compare-coders mode -------------------------------------------------------------------
    def set_coder_lanes(self, lanes: dict[int, int] | None, legend: tuple[str, str] | None = None) -> None:
        """Compare two coders on this text: ``lanes`` maps each shown annotation to 0 (coder A, painted on the
        upper half of its lines) or 1 (coder B, the lower half); ``legend`` names the two coders above the text.
        ``None`` returns to the ordinary stacked lanes. Annotations of other coders should be hidden
        (:meth:`set_hidden`); one without a lane is not painted in this mode."""
        lanes = dict(lanes) if lanes is not None else None
        if lanes != self._coder_lanes:
            self._coder_lanes = lanes
            self._painted_lanes.clear()
            self.viewport().update()
        if lanes is None:
            self.set_focus_span(None)
        if lanes is None or legend is None:
            if self._legend is not None and self._legend.isVisible():
                self._legend.hide()
                self.setViewportMargins(8, 0, 0, 0)
            return
        if self._legend is None:
            self._legend = CoderLegend(self)
        self._legend.set_coders(*legend)
        if not self._legend.isVisible():
            self.setViewportMargins(8, self._legend.sizeHint().height(), 0, 0)
            self._legend.show()
        self._place_legend()

    def set_focus_span(self, span: tuple[int, int] | None) -> None:
        """Outline a stretch (code points) without selecting it: a selection would cover the lanes under it."""
        if span != self._focus_span:
            self._focus_span = span
            self.viewport().update()

    def focus_span(self) -> tuple[int, int] | None:
        return self._focus_span

    def coder_lanes(self) -> dict[int, int] | None:
        return None if self._coder_lanes is None else dict(self._coder_lanes)

    def legend_text(self) -> str:
        return self._legend.text() if self._legend is not None and self._legend.isVisible() else ""

    def lane_of(self, annotation_id: int) -> int | None:
        """The lane an annotation is painted in: its coder's in compare mode, else its overlap lane."""
        if self._coder_lanes is not None:
            return self._coder_lanes.get(annotation_id)
        return self._index.lanes.get(annotation_id)

    def painted_lanes(self) -> dict[int, int]:
        """Annotation id -> lane of every highlight painted since the content or the mode last changed."""
        return dict(self._painted_lanes)

    def _place_legend(self) -> None:
        if self._legend is not None and self._legend.isVisible():
            rect = self.contentsRect()
            self._legend.setGeometry(rect.left() + 8, rect.top(), rect.width() - 8, self._legend.sizeHint().height())

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_legend()

    def set_marks(self, marks: list[Mark]) -> None:
        self._mark_list = list(marks)
        spans = [(i, self._u16.to_utf16(m.start), self._u16.to_utf16(m.end)) for i, m in enumerate(marks)
                 if 0 <= m.start < m.end <= len(self._text)]
        self._marks = IntervalIndex(spans)
        self.viewport().update()

    def _tooltip(self, annotation_id: int) -> str:
        h = self._highlights[annotation_id]
        if h.tooltip:
            return h.tooltip
        return self.tooltip_provider(annotation_id) if self.tooltip_provider is not None else ""

    def highlight(self, annotation_id: int) -> Highlight | None:
        return self._highlights.get(annotation_id)

    def set_selected_annotation(self, annotation_id: int | None) -> None:
        previous, self._selected_id = self._selected_id, annotation_id
        if previous != annotation_id:
            self._update_lines([self.y_range(previous) if previous is not None else None,
                                self.y_range(annotation_id) if annotation_id is not None else None])

    def _update_lines(self, spans) -> None:
        """Schedule a repaint of the viewport bands covering these (top, bottom) spans only."""
        width, height = self.viewport().width(), self.viewport().height()
        for span in spans:
            if span is not None and span[1] >= 0 and span[0] <= height:
                top = max(0, int(span[0]) - LANE_GAP * 6)
                self.viewport().update(0, top, width, int(span[1]) - top + LANE_GAP * 6)

    def selected_annotation(self) -> int | None:
        return self._selected_id

    # -- positions -----------------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        """The selection in code points, trimmed of surrounding whitespace; None if nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._u16.clamp_range(cursor.selectionStart(), cursor.selectionEnd())
        start, end = trim_span(self._text, start, end)
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._u16.to_utf16(start))
        cursor.setPosition(self._u16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def scroll_to_offset(self, start: int, *, center: bool = True) -> None:
        """Put the caret at code point ``start`` and scroll it into view (again once layout has caught up:
        right after opening, a long paragraph may not be laid out yet)."""
        self._scroll_now(start, center)
        QTimer.singleShot(0, lambda: self._scroll_now(start, center))

    def _scroll_now(self, start: int, center: bool) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._u16.to_utf16(min(start, len(self._text))))
        self.setTextCursor(cursor)
        if center:
            self.centerCursor()
        else:
            self.ensureCursorVisible()

    def offset_y(self, cp: int) -> float:
        """Top of the line holding code point ``cp``, in viewport coordinates."""
        return self._rect_of(self._u16.to_utf16(min(cp, len(self._text)))).top()

    def scroll_offset_to_y(self, cp: int, y: float) -> None:
        """Scroll so that code point ``cp`` sits at viewport height ``y`` (as near as line steps allow)."""
        bar = self.verticalScrollBar()
        line = max(1, self.fontMetrics().lineSpacing())
        # wrapped blocks and paragraph spacing make one scroll step a variable height, and a text not laid out
        # yet grows its scroll range as it is laid out: converge in a few steps (never past the target by
        # rounding up), keep the closest position, stop when the bar cannot move further
        best = (abs(self.offset_y(cp) - y), bar.value())
        for _ in range(8):
            diff = self.offset_y(cp) - y
            best = min(best, (abs(diff), bar.value()))
            if abs(diff) < line / 2:
                break
            before = bar.value()
            bar.setValue(before + (int(diff / line) or (1 if diff > 0 else -1)))
            if bar.value() == before:
                break
        if abs(self.offset_y(cp) - y) > best[0]:
            bar.setValue(best[1])

    def offset_at(self, viewport_point) -> int:
        return self._u16.to_codepoint(self.cursorForPosition(viewport_point).position())

    def annotations_at(self, viewport_point) -> list[int]:
        u16 = self.cursorForPosition(viewport_point).position()
        hits = self._index.containing(u16)
        # the cursor position is between characters: also look at the character before
        if not hits and u16 > 0:
            hits = self._index.containing(u16 - 1)
        return [key for key, _s, _e in hits]

    def y_range(self, annotation_id: int) -> tuple[float, float] | None:
        """Top and bottom of an annotation in viewport coordinates (for the link map)."""
        h = self._highlights.get(annotation_id)
        if h is None or annotation_id in self._hidden:
            return None
        top = self._rect_of(self._u16.to_utf16(h.start))
        bottom = self._rect_of(self._u16.to_utf16(h.end))
        return top.top(), max(bottom.bottom(), top.bottom())

    def _rect_of(self, u16: int):
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(u16, self.document().characterCount() - 1))
        return self.cursorRect(cursor)

    def first_visible(self) -> int:
        """The first visible position, in code points (lays out only the lines above it)."""
        return self._u16.to_codepoint(self.cursorForPosition(self.viewport().rect().topLeft()).position())

    def visible_range(self) -> tuple[int, int]:
        """First and last visible positions, in code points."""
        first = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return self._u16.to_codepoint(first), self._u16.to_codepoint(last)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QPainter(self.viewport())
        try:
            self._paint_highlights(painter, event.rect())
        finally:
            painter.end()
        super().paintEvent(event)

    def _paint_highlights(self, painter: QPainter, clip) -> None:
        if not len(self._index) and not self._mark_list and self._focus_span is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        offset = self.contentOffset()
        top, bottom = clip.top(), clip.bottom()  # only what needs repainting
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible() and geometry.bottom() >= top:
                self._paint_block(painter, block, geometry, top, bottom)
            block = block.next()

    def _paint_block(self, painter: QPainter, block, geometry: QRectF, top: float, bottom: float) -> None:
        layout = block.layout()
        base = block.position()
        first_line, last_line = self._visible_lines(layout, geometry, top, bottom)
        if first_line > last_line:
            return
        # only the part of the block that is on screen: a 1 MB paragraph is one block of thousands of lines
        lo = base + layout.lineAt(first_line).textStart()
        last = layout.lineAt(last_line)
        hi = base + last.textStart() + last.textLength() + 1
        lines = (first_line, last_line)
        for annotation_id, start, end in self._index.overlapping(lo, hi):
            h = self._highlights[annotation_id]
            colors = h.colors or ("#b0b0b0",)
            selected = annotation_id == self._selected_id
            if self._coder_lanes is not None:
                coder_lane = self._coder_lanes.get(annotation_id)
                if coder_lane is not None:
                    self._paint_coder_lane(painter, layout, base, geometry, (start, end), lines, colors, coder_lane,
                                           selected)
                    self._painted_lanes[annotation_id] = coder_lane
                continue
            lane = self._index.lanes.get(annotation_id, 0)
            self._painted_lanes[annotation_id] = lane
            for rect in self._span_rects(layout, base, geometry, start, end, lines):
                fill = QColor(colors[0])
                fill.setAlpha(110 if selected else (70 if lane == 0 else 45))
                painter.fillRect(rect, fill)
                # one underline per tag colour, stacked by lane so overlaps stay distinguishable
                y = rect.bottom() - 1 - lane * LANE_GAP * max(1, len(colors))
                for k, color in enumerate(colors[:4]):
                    painter.setPen(QPen(QColor(color), 2))
                    yy = y - k * 2
                    painter.drawLine(QPointF(rect.left(), yy), QPointF(rect.right(), yy))
                if selected:
                    painter.setPen(QPen(QColor("#202020"), 1.2, Qt.PenStyle.DashLine))
                    painter.drawRect(rect.adjusted(0, 0, -1, -1))
            if h.claim_id is not None and lo <= start < hi:
                self._paint_claim_marker(painter, layout, base, geometry, start, lines)
        if self._focus_span is not None:
            start, end = (self._u16.to_utf16(min(p, len(self._text))) for p in self._focus_span)
            if start < hi and end > lo:
                painter.setPen(QPen(QColor("#202020"), 1.5, Qt.PenStyle.DashLine))
                for rect in self._span_rects(layout, base, geometry, start, end, lines):
                    painter.drawRect(rect.adjusted(-1, 0, 0, -1))
        if self._mark_list:
            for mark_index, start, end in self._marks.overlapping(lo, hi):
                mark = self._mark_list[mark_index]
                for rect in self._span_rects(layout, base, geometry, start, end, lines):
                    painter.fillRect(QRectF(2, rect.top(), 4, rect.height()), QColor(mark.color))

    def _paint_coder_lane(self, painter: QPainter, layout, base: int, geometry: QRectF, span: tuple[int, int],
                          lines: tuple[int, int], colors: tuple[str, ...], lane: int, selected: bool) -> None:
        """Compare mode: coder A fills the upper half of each line of the span with a rule along its top edge,
        coder B the lower half with a rule along its bottom edge; where both coded, the line is covered."""
        for rect in self._span_rects(layout, base, geometry, span[0], span[1], lines):
            half = rect.height() / 2
            band = QRectF(rect.left(), rect.top() + (half if lane else 0), rect.width(), half)
            fill = QColor(colors[0])
            fill.setAlpha(120 if selected else 75)
            painter.fillRect(band, fill)
            for k, color in enumerate(colors[:3]):  # one rule per code colour, stacked towards the middle
                painter.setPen(QPen(QColor(color), 2))
                y = band.bottom() - 1 - k * 2 if lane else band.top() + 1 + k * 2
                painter.drawLine(QPointF(band.left(), y), QPointF(band.right(), y))
            if selected:
                painter.setPen(QPen(QColor("#202020"), 1.2, Qt.PenStyle.DashLine))
                painter.drawRect(band.adjusted(0, 0, -1, -1))

    def _visible_lines(self, layout, geometry: QRectF, clip_top: float, clip_bottom: float) -> tuple[int, int]:
        """Indexes of the first and last line of a block that intersect [clip_top, clip_bottom] (binary
        search)."""
        count = layout.lineCount()
        if count == 0:
            return 0, -1
        top, bottom = clip_top - geometry.top(), clip_bottom - geometry.top()

        def first_below(y: float) -> int:  # first line whose bottom is below y
            lo, hi = 0, count
            while lo < hi:
                mid = (lo + hi) // 2
                line = layout.lineAt(mid)
                if line.y() + line.height() < y:
                    lo = mid + 1
                else:
                    hi = mid
            return lo

        return min(first_below(top), count - 1), min(first_below(bottom), count - 1)

    def _paint_claim_marker(self, painter, layout, base, geometry, start, lines) -> None:
        rects = self._span_rects(layout, base, geometry, start, start + 1, lines)
        if not rects:
            return
        r = rects[0]
        size = 7
        path = QPainterPath()
        cx, cy = r.left(), r.top() + 1
        path.moveTo(cx, cy)
        path.lineTo(cx + size, cy)
        path.lineTo(cx, cy + size)
        path.closeSubpath()
        painter.fillPath(path, QColor(LINK_COLOR))

    def _span_rects(self, layout, base: int, geometry: QRectF, start: int, end: int,
                    lines: tuple[int, int]) -> list[QRectF]:
        """Rectangles of [start, end) (UTF-16, document positions) on the lines ``lines`` of a block."""
        rects = []
        local_start = max(start - base, 0)
        local_end = end - base
        start_line = layout.lineForTextPosition(local_start)
        first = max(lines[0], start_line.lineNumber() if start_line.isValid() else 0)
        for i in range(first, lines[1] + 1):
            line = layout.lineAt(i)
            line_start = line.textStart()
            if line_start >= local_end:
                break
            line_end = line_start + line.textLength()
            a = max(local_start, line_start)
            b = min(local_end, line_end)
            if b <= a:
                continue
            x1 = line.cursorToX(a)[0]
            x2 = line.cursorToX(b)[0]
            rects.append(QRectF(geometry.left() + min(x1, x2), geometry.top() + line.y(), abs(x2 - x1),
                                line.height()))
        return rects

    # -- interaction ---------------------------------------------------------------------------
    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            hits = self.annotations_at(event.position().toPoint())
            if hits:
                # repeated clicks cycle through overlapping annotations
                if self._selected_id in hits:
                    chosen = hits[(hits.index(self._selected_id) + 1) % len(hits)]
                else:
                    chosen = hits[-1]
                self.annotation_clicked.emit(chosen)

    def viewportEvent(self, event):  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            hits = self.annotations_at(event.pos())
            texts = [self._tooltip(h) for h in hits]
            texts = [t for t in texts if t]
            u16 = self.cursorForPosition(event.pos()).position()
            texts += [self._mark_list[k].tooltip for k, _s, _e in self._marks.containing(u16)
                      if self._mark_list[k].tooltip]
            if texts:
                QToolTip.showText(event.globalPos(), "\n\n".join(texts[:6]), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event):  # noqa: N802 - Qt override
        self.context_requested.emit(event.globalPos())


class CoderLegend(QLabel):
    """The compare-coders legend above the text: which coder is the upper lane and which the lower."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # coder names are user text
        self.setStyleSheet("QLabel { background: palette(window); color: palette(window-text); padding: 1px 4px; }")
        self.setAccessibleName("Compared coders")

    def set_coders(self, upper: str, lower: str) -> None:
        upper, lower = upper or "(no name)", lower or "(no name)"
        self.setText(f"▀ {upper}    ▄ {lower}")  # short: a narrow column still shows both names
        self.setToolTip(plain(f"Comparing coders: {upper}'s highlights fill the upper half of each line, {lower}'s the "
                        "lower half (Coding → Compare two coders in the text turns this off)"))
