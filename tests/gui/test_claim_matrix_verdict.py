"""The claims matrix shows each row's verdict, the outlets out of line and the date of each cell's figure."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from rednote_desk.core.compare.comparison import ComparisonInput, compute_comparison
from rednote_desk.core.models import Document
from rednote_desk.gui.claim_matrix import (
    CLAIM_COLUMN,
    FIRST_DOCUMENT_COLUMN,
    ROW_ROLE,
    ClaimMatrixModel,
    MatrixDelegate,
)

DOCS = (
    Document(1, "A", "More than 100 ships were waiting on Tuesday at Havenport.", outlet="Harbour Daily",
             published="2025-03-04"),
    Document(2, "B", "Around 40 ships were waiting on Tuesday at Havenport, the port said.", outlet="Wire Service",
             published="2025-03-04"),
    Document(3, "C", "Over 100 ships were waiting on Tuesday at Havenport.", outlet="Port News",
             published="2025-03-04"),
)


def test_conflict_row_shows_its_verdict_outlier_and_dates(qtbot):
    model = ClaimMatrixModel()
    model.set_comparison(compute_comparison(ComparisonInput(DOCS, (), (), ()), alignments=False))
    row_index = next(r for r in range(model.rowCount())
                     if model.index(r, CLAIM_COLUMN).data(ROW_ROLE).verdict == "conflict")
    tip = model.index(row_index, CLAIM_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Conflict — cannot all be true on 2025-03-04" in tip and "out of line: Wire Service" in tip
    cell_tip = model.index(row_index, FIRST_DOCUMENT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "Figure as of 2025-03-04" in cell_tip
    delegate = MatrixDelegate()
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    for column in (CLAIM_COLUMN, FIRST_DOCUMENT_COLUMN):
        delegate.paint(painter, option, model.index(row_index, column))  # draws the badge without error
        assert delegate.sizeHint(option, model.index(row_index, column)).height() > 20
    painter.end()
