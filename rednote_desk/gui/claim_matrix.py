"""The claims × outlets matrix as a Qt model, a filter/sort proxy and a delegate that paints the cells.

Column 0 is the claim (label, origin, disagreement), column 1 the number of independent voices, then one column
per document. An omission is painted as a hatched grey "— not mentioned —" cell.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QTextDocument, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from rednote_desk.core.compare.comparison import Comparison
from rednote_desk.core.compare.matrix import Cell, ClaimRow, cell_values_text
from rednote_desk.gui.colors import blend, contrast_ratio, dim_on, qcolor, readable_text_color
from rednote_desk.gui.plain import plain

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
CELL_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

CLAIM_COLUMN = 0
VOICES_COLUMN = 1
FIRST_DOCUMENT_COLUMN = 2

EXCERPT_CHARS = 190
MAX_ROW_HEIGHT = 220
PAD = 6

SUGGESTED_COLOR = "#b26a00"
SUGGESTED_FILL = "#fff3d6"
CONFIRMED_COLOR = "#1b6e3a"
CONFIRMED_FILL = "#e3f4e8"
DISAGREE_COLOR = "#b3261e"
DISAGREE_FILL = "#fdecea"
OMITTED_FILL = "#f3f3f3"
OMITTED_HATCH = "#d9d9d9"
VALUE_MARK = "#ffe58a"
# The row verdict's badge: text, fill, ink.
VERDICT_PILLS = {
    "conflict": ("CONFLICT", DISAGREE_COLOR, "#ffffff"),
    "growth": ("GROWTH", "#1f5fa8", "#ffffff"),
    "differs": ("DIFFERS", "#fff3d6", "#8a5a00"),
    "same": ("SAME", "#e3f4e8", "#1b6e3a"),
}

FILTERS = (
    ("all", "All claims"),
    ("disagreements", "Only disagreements"),
    ("omissions", "Only with omissions"),
    ("suggested", "Only suggested"),
    ("confirmed", "Only confirmed"),
)


class ClaimMatrixModel(QAbstractTableModel):
    """Rows of a :class:`Comparison`; the cell data is the core ``Cell`` (``CELL_ROLE``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.rows: list[ClaimRow] = []
        self.document_ids: list[int] = []
        self.tag_colors: dict[str, str] = {}

    def set_comparison(self, comparison: Comparison | None, tag_colors: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.rows = list(comparison.rows) if comparison else []
        self.document_ids = [d.id for d in comparison.documents] if comparison else []
        self.tag_colors = dict(tag_colors or {})
        self.endResetModel()

    # -- Qt model ------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else FIRST_DOCUMENT_COLUMN + len(self.document_ids)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == CLAIM_COLUMN:
                return "Claim"
            if section == VOICES_COLUMN:
                return "Voices"
            return self.comparison.labels[self.document_ids[section - FIRST_DOCUMENT_COLUMN]]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == VOICES_COLUMN:
                return "Independent outlets stating the claim (a copy and its source count once)"
            if section >= FIRST_DOCUMENT_COLUMN:
                doc = self.comparison.documents[section - FIRST_DOCUMENT_COLUMN]
                return plain(f"{doc.outlet or 'unknown outlet'} — {doc.title} (document {doc.id})")
        return None

    def document_id(self, column: int) -> int | None:
        return self.document_ids[column - FIRST_DOCUMENT_COLUMN] if column >= FIRST_DOCUMENT_COLUMN else None

    def cell(self, index: QModelIndex) -> Cell | None:
        doc_id = self.document_id(index.column())
        return None if doc_id is None else self.rows[index.row()].cells.get(doc_id)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == CELL_ROLE:
            return self.cell(index)
        if column == CLAIM_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == SORT_ROLE:
                return row.label.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return _claim_tooltip(row, self.comparison.labels if self.comparison else {})
        elif column == VOICES_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return row.voices
            if role == Qt.ItemDataRole.ToolTipRole:
                n = len(row.cells)
                return (f"Stated by {n} document{'s' * (n != 1)}, {row.voices} independent voice"
                        f"{'s' * (row.voices != 1)}; not mentioned by {len(row.omitted_by)}")
        else:
            cell = self.cell(index)
            if role == Qt.ItemDataRole.DisplayRole:
                return cell.quote if cell else "— not mentioned —"
            if role == SORT_ROLE:
                if cell is None:
                    return -1.0
                return float(cell.compared.value) if cell.compared else 0.0
            if role == Qt.ItemDataRole.ToolTipRole:
                if cell is None:
                    return "Not mentioned in this document (an omission)"
                tags = f"<br><i>{escape(', '.join(cell.tags))}</i>" if cell.tags else ""
                when = (f"<br>Figure as of {escape(cell.reference_date)} ({escape(cell.reference_reason)})"
                        if cell.reference_date and cell.compared else "")
                return (f"<p style='white-space:pre-wrap'>{escape(cell.quote)}</p>{tags}{when}"
                        "<p><small>Click to show the passage</small></p>")
        return None


def _claim_tooltip(row: ClaimRow, labels: dict[int, str]) -> str:
    parts = [f"<b>{escape(row.label)}</b> ({row.origin})"]
    if row.verdict:
        color = DISAGREE_COLOR if row.disagreement else "#222222"
        parts.append(f"<span style='color:{color}'>{escape(verdict_line(row, labels))}: "
                     f"{escape(row.values_side_by_side())}</span>")
    if row.reason:
        parts.append(f"Why grouped: {escape(row.reason)}")
    return "<br>".join(parts)


class MatrixFilter(QSortFilterProxyModel):
    """Filters rows by kind (disagreements, omissions, origin), tag path and text; sorts by ``SORT_ROLE``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = "all"
        self.tag_path: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, mode: str | None = None, tag_path: str | None | type(...) = ...,
                   text: str | None = None) -> None:
        self.beginFilterChange()
        if mode is not None:
            self.mode = mode
        if tag_path is not ...:
            self.tag_path = tag_path or None
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        row: ClaimRow = self.sourceModel().rows[source_row]
        if self.mode == "disagreements" and not row.disagreement:
            return False
        if self.mode == "omissions" and not row.omitted_by:
            return False
        if self.mode in ("suggested", "confirmed") and (row.origin == "suggested") != (self.mode == "suggested"):
            return False
        if self.tag_path and not any(t == self.tag_path or t.startswith(self.tag_path + "/") for t in row.tags):
            return False
        if self.text:
            haystack = " ".join([row.label, *(c.quote for c in row.cells.values())]).casefold()
            if self.text not in haystack:
                return False
        return True


class MatrixDelegate(QStyledItemDelegate):
    """Paints claim cells (badges, label, conflicting values), wording cells and omissions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.column_widths: dict[int, int] = {}

    # -- painting ------------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: ClaimRow = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(option.rect)
        column = index.column()
        if column == CLAIM_COLUMN:
            self._paint_claim(painter, rect, row, option, _labels(index.model()))
        elif column == VOICES_COLUMN:
            self._paint_voices(painter, rect, row, option)
        else:
            cell: Cell | None = index.data(CELL_ROLE)
            if cell is None:
                self._paint_omission(painter, rect, option)
            else:
                self._paint_cell(painter, rect, row, cell, option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def _paint_claim(self, painter, rect, row: ClaimRow, option, labels: dict[int, str]) -> None:
        painter.fillRect(rect, row_fill(option.palette, row))
        x, y = rect.left() + PAD, rect.top() + PAD
        if row.origin == "suggested":
            x += _pill(painter, x, y, "SUGGESTED", SUGGESTED_FILL, SUGGESTED_COLOR, option.font) + 4
        else:
            x += _pill(painter, x, y, "CONFIRMED", CONFIRMED_FILL, CONFIRMED_COLOR, option.font) + 4
        if row.verdict in VERDICT_PILLS:
            _pill(painter, x, y, *VERDICT_PILLS[row.verdict], option.font)
        doc = self._claim_document(row, rect.width() - 2 * PAD, option.font, labels, option.palette)
        painter.translate(rect.left() + PAD - 4, y + _pill_height(option.font) + 2)
        doc.drawContents(painter, QRectF(0, 0, rect.width() - 2 * PAD + 8, rect.height() - 30))

    def _claim_document(self, row: ClaimRow, width: float, font: QFont, labels: dict[int, str],
                        palette: QPalette | None = None) -> QTextDocument:
        palette = palette or QPalette()
        normal, strong, dim = text_inks(palette, row_fill(palette, row))
        values = ""
        if row.verdict in ("conflict", "differs", "growth"):
            color = strong if row.disagreement else normal
            values = (f"<div style='color:{color}; margin-top:3px'>{escape(row.values_side_by_side())}</div>"
                      f"<div style='color:{color}; font-size:small'>{escape(verdict_line(row, labels))}</div>")
        omitted = len(row.omitted_by)
        stats = f"stated by {len(row.cells)} · not mentioned by {omitted}" if omitted else f"stated by all {len(row.cells)}"
        html = (f"<div style='color:{normal}'><div style='font-weight:600'>{escape(row.label)}</div>{values}"
                f"<div style='color:{dim}; font-size:small; margin-top:2px'>{stats}</div></div>")
        return _text_document(html, width, font)

    def _paint_voices(self, painter, rect, row: ClaimRow, option) -> None:
        painter.fillRect(rect, option.palette.base().color())
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect.adjusted(0, PAD, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         str(row.voices))
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(QColor(dim_on(option.palette.text().color(), option.palette.base().color())))
        total = len(row.cells) + len(row.omitted_by)
        painter.drawText(rect.adjusted(0, PAD + 26, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         f"of {total}")

    def _paint_omission(self, painter, rect, option) -> None:
        light = option.palette.base().color().lightness() > 128
        fill = QColor(OMITTED_FILL) if light else option.palette.alternateBase().color()
        hatch = QColor(OMITTED_HATCH) if light else option.palette.mid().color()
        painter.fillRect(rect, fill)
        painter.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text = "— not mentioned —"
        box = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
        box.moveCenter(rect.center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor(dim_on(option.palette.text().color(), fill)))  # AA on light and dark
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_cell(self, painter, rect, row: ClaimRow, cell: Cell, option, index) -> None:
        painter.fillRect(rect, option.palette.base().color())
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(0, 0, 0, 10))
        doc = self._cell_document(row, cell, rect.width() - 2 * PAD, option.font, index.model(), option.palette)
        painter.translate(rect.left() + PAD - 4, rect.top() + PAD - 4)
        painter.setClipRect(QRectF(0, 0, rect.width() - 2 * PAD + 8, rect.height() - PAD))
        doc.drawContents(painter)

    def _cell_document(self, row: ClaimRow, cell: Cell, width: float, font: QFont, model,
                       palette: QPalette | None = None) -> QTextDocument:
        colors = _tag_colors(model)
        palette = palette or QPalette()
        normal, strong, _dim = text_inks(palette, palette.base().color().name())
        value = ""
        if cell.compared is not None:
            color = strong if row.disagreement else normal
            value = (f"<div style='font-size:large; font-weight:700; color:{color}'>"
                     f"{escape(cell_values_text(cell))}</div>")
        chips = " ".join(
            f"<span style='background:{qcolor(colors.get(t)).name()}; color:{readable_text_color(colors.get(t) or '')};'>"
            f"&nbsp;{escape(t.rsplit('/', 1)[-1])}&nbsp;</span>" for t in cell.tags)
        chips = f"<div style='margin-top:3px; font-size:small'>{chips}</div>" if chips else ""
        return _text_document(f"<div style='color:{normal}'>{value}<div>{excerpt_html(cell)}</div>{chips}</div>",
                              width, font)

    # -- sizes ---------------------------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        row: ClaimRow = index.data(ROW_ROLE)
        width = self.column_widths.get(index.column(), 200)
        if row is None:
            return QSize(width, 40)
        if index.column() == CLAIM_COLUMN:
            height = self._claim_document(row, width - 2 * PAD, option.font,
                                          _labels(index.model()), option.palette).size().height() + 30
        elif index.column() == VOICES_COLUMN:
            height = 60
        else:
            cell = index.data(CELL_ROLE)
            if cell is None:
                height = 40
            else:
                height = self._cell_document(row, cell, width - 2 * PAD, option.font,
                                             index.model()).size().height() + PAD
        return QSize(width, int(min(MAX_ROW_HEIGHT, height + PAD)))


def verdict_line(row: ClaimRow, labels: dict[int, str]) -> str:
    """"Conflict — cannot all be true on 2025-01-16; out of line: Wire B"."""
    text = f"{(row.verdict or '').capitalize()} — {row.verdict_note}"
    if row.outliers:
        text += "; out of line: " + ", ".join(labels.get(d, f"document {d}") for d in row.outliers)
    return text


def _labels(model) -> dict[int, str]:
    while hasattr(model, "sourceModel"):
        model = model.sourceModel()
    comparison = getattr(model, "comparison", None)
    return comparison.labels if comparison is not None else {}


def _tag_colors(model) -> dict[str, str]:
    while hasattr(model, "sourceModel"):
        model = model.sourceModel()
    return getattr(model, "tag_colors", {})


def row_fill(palette: QPalette, row: ClaimRow) -> str:
    """The claim cell's background: a pale red for a disagreement in a light palette, a dark red tint in a
    dark one, else the base."""
    base = palette.base().color()
    if not row.disagreement:
        return base.name()
    if base.lightness() > 128:
        return DISAGREE_FILL
    return blend(QColor(DISAGREE_COLOR), base, 0.3).name()


def text_inks(palette: QPalette, fill: str) -> tuple[str, str, str]:
    """(normal, disagreement, dim) text colours that meet WCAG AA on ``fill``, in a light or a dark palette."""
    normal = palette.text().color().name()
    if contrast_ratio(normal, fill) < 4.5:
        normal = readable_text_color(fill)
    strong = next((c for c in (DISAGREE_COLOR, "#ff8a80", "#ffb4ab") if contrast_ratio(c, fill) >= 4.5), normal)
    return normal, strong, dim_on(QColor(normal), QColor(fill))


def _text_document(html: str, width: float, font: QFont) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(4)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(max(40.0, width + 8))
    return doc


def excerpt_html(cell: Cell, limit: int = EXCERPT_CHARS) -> str:
    """The cell's wording (at most ``limit`` characters around the compared amount) with the amount marked."""
    quote = " ".join(cell.quote.split()) if len(cell.passages) > 1 else cell.quote
    mark = None
    if cell.compared is not None and len(cell.passages) == 1:
        a, b = cell.compared.start - cell.start, cell.compared.end - cell.start
        if 0 <= a < b <= len(quote):
            mark = (a, b)
    lo, hi = 0, len(quote)
    if hi > limit:
        centre = (mark[0] + mark[1]) // 2 if mark else 0
        lo = max(0, min(centre - limit // 2, len(quote) - limit))
        hi = lo + limit
        while lo > 0 and not quote[lo - 1].isspace() and lo > (mark[0] - limit if mark else 0):
            lo -= 1
        while hi < len(quote) and not quote[hi].isspace():
            hi += 1
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(quote) else ""
    if mark and lo <= mark[0] and mark[1] <= hi:
        body = (escape(quote[lo:mark[0]]) + f"<span style='background:{VALUE_MARK}; color:#000000'>"
                + escape(quote[mark[0]:mark[1]]) + "</span>" + escape(quote[mark[1]:hi]))
    else:
        body = escape(quote[lo:hi])
    return f"{head}{body}{tail}"


def _pill_height(font: QFont) -> int:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.75)
    from PySide6.QtGui import QFontMetrics

    return QFontMetrics(small).height() + 4


def _pill(painter: QPainter, x: float, y: float, text: str, fill: str, ink: str, font: QFont) -> float:
    """A small rounded badge at (x, y); returns its width."""
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.75)
    small.setBold(True)
    small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    painter.setFont(small)
    metrics = painter.fontMetrics()
    box = QRectF(x, y, metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
    painter.setPen(QPen(QColor(ink), 1) if fill != ink else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), box.height() / 2, box.height() / 2)
    painter.setPen(QColor(ink))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    return box.width()
