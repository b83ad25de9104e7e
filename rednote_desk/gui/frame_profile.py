"""Frame profile: a heat map (frames × documents, painted with QPainter) over a table of the same numbers."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.compare.frame_profile import FrameProfile
from rednote_desk.core.models import Tag
from rednote_desk.gui.colors import blend, dim_on, dim_text_color, qcolor, readable_text_color
from rednote_desk.gui.plain import plain

ROW_HEIGHT = 42
LABEL_WIDTH = 230
MIN_COLUMN = 110
HEADER_HEIGHT = 46


class FrameProfileChart(QWidget):
    """One row per frame, one column per document; the colour's strength is the frame's share of the text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.profile: FrameProfile | None = None
        self.labels: dict[int, str] = {}
        self.setMinimumHeight(HEADER_HEIGHT + ROW_HEIGHT)

    def set_profile(self, profile: FrameProfile | None, labels: dict[int, str]) -> None:
        self.profile = profile
        self.labels = dict(labels)
        frames = len(profile.frames) if profile else 0
        columns = len(profile.documents) if profile else 0
        self.setMinimumSize(LABEL_WIDTH + MIN_COLUMN * max(1, columns), HEADER_HEIGHT + ROW_HEIGHT * max(1, frames) + 8)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def cell_colors(self, color: str, strength: float | None) -> tuple[QColor, QColor]:
        """(fill, ink) of a cell: the frame's colour over the base at ``strength`` (share / largest share;
        None for an empty cell), and the ink that reads best on it (WCAG AA in light and dark palettes)."""
        if strength is None:
            fill = self.palette().alternateBase().color()
            return fill, QColor(dim_on(self.palette().text().color(), fill))
        fill = blend(qcolor(color), self.palette().base().color(), 0.15 + 0.85 * min(1.0, strength))
        return fill, QColor(readable_text_color(fill.name()))  # black or white: always 4.5:1 or more

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), self.palette().base())
        profile = self.profile
        if profile is None or not profile.frames or not profile.documents:
            painter.setPen(self.palette().text().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No frames to show: the codebook has no tags at this level.")
            return
        docs = profile.documents
        width = (self.width() - LABEL_WIDTH - 8) / len(docs)
        top = HEADER_HEIGHT
        base_font = QFont(self.font())
        bold = QFont(base_font)
        bold.setBold(True)
        small = QFont(base_font)
        small.setPointSizeF(base_font.pointSizeF() * 0.85)
        # Column headers: document labels, wrapped to two lines.
        painter.setFont(bold)
        painter.setPen(self.palette().text().color())
        for c, doc in enumerate(docs):
            box = QRectF(LABEL_WIDTH + c * width + 4, 4, width - 8, HEADER_HEIGHT - 8)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
                             _elide_two_lines(self.labels.get(doc.document_id, str(doc.document_id)), bold, box.width()))
        peak = max((s.share for d in docs for s in d.shares), default=0.0) or 1.0
        for r, frame in enumerate(profile.frames):
            y = top + r * ROW_HEIGHT
            swatch = QRectF(8, y + ROW_HEIGHT / 2 - 6, 12, 12)
            painter.setPen(QPen(qcolor(frame.color).darker(150), 1))
            painter.setBrush(qcolor(frame.color))
            painter.drawRoundedRect(swatch, 3, 3)
            painter.setFont(base_font)
            painter.setPen(self.palette().text().color())
            metrics = QFontMetrics(base_font)
            painter.drawText(QRectF(28, y, LABEL_WIDTH - 34, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(frame.name, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 34))
            for c, doc in enumerate(docs):
                share = doc.shares[r]
                cell = QRectF(LABEL_WIDTH + c * width + 2, y + 2, width - 4, ROW_HEIGHT - 4)
                fill, ink = self.cell_colors(frame.color, share.share / peak if share.annotations else None)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(cell, 4, 4)
                painter.setPen(ink)
                painter.setFont(bold if share.annotations else small)
                if share.annotations:
                    text = f"{share.share * 100:.1f}%"
                    painter.drawText(cell.adjusted(0, 0, 0, -9), Qt.AlignmentFlag.AlignCenter, text)
                    painter.setFont(small)
                    noun = "annotation" if share.annotations == 1 else "annotations"
                    painter.drawText(cell.adjusted(0, 14, 0, 0), Qt.AlignmentFlag.AlignCenter,
                                     f"{share.annotations} {noun}")
                else:
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, "—")


def _elide_two_lines(text: str, font: QFont, width: float) -> str:
    metrics = QFontMetrics(font)
    if metrics.horizontalAdvance(text) <= width:
        return text
    words, first = text.split(), ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, int(width))
    return f"{first}\n{rest}" if first else metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width))


class FrameProfilePanel(QWidget):
    """Level chooser, chart and table. ``level_chosen(roots)`` asks the owner for a profile of other frames."""

    level_chosen = Signal(object)  # tuple of tag ids, or None for the top-level tags

    def __init__(self, parent=None):
        super().__init__(parent)
        self.level = QComboBox()
        self.level.setToolTip("Which tags are the frames: the top level of the codebook, or the tags inside one")
        self.level.currentIndexChanged.connect(self._on_level_changed)
        self.note = QLabel()
        self.note.setStyleSheet(f"color:{dim_text_color(self.palette())}")  # AA in light and dark palettes
        self.note.setWordWrap(True)
        self.chart = FrameProfileChart()
        scroll = QScrollArea()
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Frames:"))
        top.addWidget(self.level)
        top.addWidget(self.note, 1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._levels: list[tuple[int, ...] | None] = []

    def set_levels(self, tags: list[Tag], current: tuple[int, ...] | None) -> None:
        """Offer the top level and, for each top-level tag with children, its children as frames."""
        children: dict[int | None, list[Tag]] = {}
        for t in tags:
            children.setdefault(t.parent_id, []).append(t)
        levels: list[tuple[str, tuple[int, ...] | None]] = [("Top-level tags", None)]
        for t in children.get(None, []):
            if children.get(t.id):
                levels.append((f"Inside “{t.name}”", tuple(c.id for c in children[t.id])))
        self.level.blockSignals(True)
        self.level.clear()
        self._levels = [roots for _, roots in levels]
        for text, _ in levels:
            self.level.addItem(text)
        self.level.setCurrentIndex(self._levels.index(current) if current in self._levels else 0)
        self.level.blockSignals(False)

    def set_profile(self, profile: FrameProfile | None, labels: dict[int, str]) -> None:
        self.chart.set_profile(profile, labels)
        self.table.setSortingEnabled(False)
        self.table.clear()
        if profile is None:
            self.table.setRowCount(0)
            self.note.setText("")
            return
        headers = ["Document", "Characters"] + [f.name for f in profile.frames]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(profile.documents))
        for r, doc in enumerate(profile.documents):
            self.table.setItem(r, 0, QTableWidgetItem(labels.get(doc.document_id, str(doc.document_id))))
            self.table.setItem(r, 1, _number_item(doc.length, f"{doc.length:,}"))
            for c, share in enumerate(doc.shares, start=2):
                item = _number_item(share.share, f"{share.share * 100:.1f}% ({share.annotations})")
                item.setToolTip(plain(f"{share.characters:,} of {doc.length:,} characters under "
                                      f"{profile.frames[c - 2].path}, in {share.annotations} annotations"))
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        total = max(sum(self.splitter.sizes()), 400)
        chart = min(self.chart.minimumHeight() + 12, int(total * 0.7))
        self.splitter.setSizes([chart, total - chart])
        self.table.setSortingEnabled(True)
        annotated = sum(s.annotations for d in profile.documents for s in d.shares)
        self.note.setText("" if annotated else "No annotation falls under these frames yet: annotate passages "
                          "(or accept suggested claims) to see each outlet's frame profile.")

    def _on_level_changed(self, index: int) -> None:
        if 0 <= index < len(self._levels):
            self.level_chosen.emit(self._levels[index])


class _NumberItem(QTableWidgetItem):
    """A table item that sorts by its number, not its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            return mine < theirs
        return super().__lt__(other)


def _number_item(value: float, text: str) -> QTableWidgetItem:
    item = _NumberItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
