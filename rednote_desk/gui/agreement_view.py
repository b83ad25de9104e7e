"""Agreement between coders (the tables and the disagreements to review) and a two-lane comparison of two coders
on one text.

Both dialogs only read: the figures come from :mod:`rednote_desk.services.agreement`, the highlights from the
project's annotations. Offsets stay code points; :class:`AnnotatedTextView` converts at the widget boundary.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.agreement import AgreementReport, Figure
from rednote_desk.core.errors import UserError
from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight

TABLE_HEADERS = ("Code", "Units", "Coded units", "Percent", "Krippendorff's α", "κ", "α_u")


def _cell(fig: Figure) -> QTableWidgetItem:
    item = QTableWidgetItem(fig.text())
    if fig.value is None:
        item.setToolTip(fig.reason)
        item.setForeground(Qt.GlobalColor.darkGray)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class AgreementDialog(QDialog):
    """Choose coders and the unit; see the table per code and the disagreements; export both as CSV."""

    disagreement_activated = Signal(int, object, int, int)  # document id, (coders), start, end

    def __init__(self, project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.report: AgreementReport | None = None
        self.setWindowTitle("Agreement between coders")
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.coders = QListWidget()
        self.coders.setMaximumHeight(90)
        from rednote_desk.services.agreement import project_coders

        for coder in project_coders(project):
            item = QListWidgetItem(coder or "(no name)")
            item.setData(Qt.ItemDataRole.UserRole, coder)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.coders.addItem(item)
        controls.addWidget(QLabel("Coders:"))
        controls.addWidget(self.coders, 1)
        self.unit = QComboBox()
        self.unit.addItem("Sentences", "sentence")
        self.unit.addItem("Characters", "character")
        controls.addWidget(QLabel("Units:"))
        controls.addWidget(self.unit)
        self.compute_button = QPushButton("&Compute")
        self.compute_button.clicked.connect(self.compute)
        controls.addWidget(self.compute_button)
        layout.addLayout(controls)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(TABLE_HEADERS))
        self.table.setHorizontalHeaderLabels(TABLE_HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.table)
        self.disagreements = QTableWidget(0, 5)
        self.disagreements.setHorizontalHeaderLabels(("Document", "Code", "Coded by", "Not by", "Text"))
        self.disagreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.disagreements.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.disagreements.setToolTip("Double-click (or Enter) to see both coders' spans on the text")
        self.disagreements.cellActivated.connect(self.on_disagreement_activated)
        self.disagreements.cellDoubleClicked.connect(self.on_disagreement_activated)
        splitter.addWidget(self.disagreements)
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.export_table = QPushButton("Export table as CSV…")
        self.export_table.clicked.connect(lambda: self.export("table"))
        self.export_list = QPushButton("Export disagreements as CSV…")
        self.export_list.clicked.connect(lambda: self.export("disagreements"))
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        for b in (self.export_table, self.export_list):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._rows: list = []
        self.compute()

    def chosen_coders(self) -> list[str]:
        return [self.coders.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.coders.count())
                if self.coders.item(i).checkState() == Qt.CheckState.Checked]

    def compute(self) -> None:
        from rednote_desk.services.agreement import disagreement_rows, read_agreement

        coders = self.chosen_coders()
        try:
            report = read_agreement(self.project, coders=coders or None, unit=self.unit.currentData())
        except UserError as exc:
            self.summary.setText(str(exc))
            return
        self.report = report
        two = len(report.coders) == 2
        self.table.horizontalHeaderItem(5).setText("Cohen's κ" if two else "Fleiss' κ")
        self.table.setRowCount(len(report.rows))
        for r, row in enumerate(report.rows):
            kappa = row.cohen_kappa if two else row.fleiss_kappa
            self.table.setItem(r, 0, QTableWidgetItem(row.code))
            for c, value in ((1, row.units), (2, row.coded_units)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            for c, fig in ((3, row.percent), (4, row.alpha), (5, kappa), (6, row.alpha_u)):
                self.table.setItem(r, c, _cell(fig))
        self._rows = disagreement_rows(self.project, report)
        self.disagreements.setRowCount(len(self._rows))
        for r, d in enumerate(self._rows):
            for c, key in enumerate(("document_title", "code", "coded_by", "not_coded_by", "text")):
                self.disagreements.setItem(r, c, QTableWidgetItem(" ".join(str(d[key]).split())[:200]))
        unit = "sentences" if report.unit == "sentence" else "characters"
        self.summary.setText(
            f"{len(report.coders)} coders ({', '.join(report.coders) or '–'}), {len(report.document_ids)} documents "
            f"coded by all of them ({len(report.skipped_document_ids)} left out), units: {unit}; "
            f"{len(self._rows)} disagreements. “undefined”: the formula has no variation to work with "
            "(hover for the reason).")
        for b in (self.export_table, self.export_list):
            b.setEnabled(True)

    def on_disagreement_activated(self, row: int, _column: int = 0) -> None:
        if 0 <= row < len(self._rows) and self.report is not None:
            d = self.report.disagreements[row]
            self.disagreement_activated.emit(d.document_id, (d.coded_by[0], d.not_coded_by[0]), d.start, d.end)

    def export(self, which: str) -> None:
        from rednote_desk.services import agreement

        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export as CSV", f"agreement-{which}.csv", "CSV (*.csv)")
        if not path:
            return
        try:
            if which == "table":
                agreement.write_table_csv(self.report, path, excel=True, protect=[self.project.path])
            else:
                agreement.write_disagreements_csv(self.project, self.report, path, excel=True)
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, "Export", str(exc))


class CompareCodersDialog(QDialog):
    """One text in two lanes: coder A's highlights on the left, coder B's on the right, scrolled together."""

    def __init__(self, project, *, document_id: int | None = None, coder_a: str | None = None,
                 coder_b: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        from rednote_desk.services.agreement import project_coders

        self.project = project
        self.setWindowTitle("Compare two coders")
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.document = QComboBox()
        for doc in project.document_summaries():
            self.document.addItem(f"{doc['id']}: {doc['title'][:80]}", doc["id"])
        coders = project_coders(project)
        self.coder_a, self.coder_b = QComboBox(), QComboBox()
        for combo, wanted, fallback in ((self.coder_a, coder_a, 0), (self.coder_b, coder_b, 1)):
            for coder in coders:
                combo.addItem(coder or "(no name)", coder)
            index = combo.findData(wanted) if wanted is not None else -1
            combo.setCurrentIndex(index if index >= 0 else min(fallback, combo.count() - 1))
        if document_id is not None:
            self.document.setCurrentIndex(max(0, self.document.findData(document_id)))
        top.addWidget(QLabel("Document:"))
        top.addWidget(self.document, 1)
        top.addWidget(QLabel("Left:"))
        top.addWidget(self.coder_a)
        top.addWidget(QLabel("Right:"))
        top.addWidget(self.coder_b)
        layout.addLayout(top)
        lanes = QSplitter(Qt.Orientation.Horizontal)
        self.views = (AnnotatedTextView(), AnnotatedTextView())
        for view in self.views:
            lanes.addWidget(view)
        layout.addWidget(lanes, 1)
        self.counts = QLabel("")
        layout.addWidget(self.counts)
        left, right = (v.verticalScrollBar() for v in self.views)
        left.valueChanged.connect(lambda v: right.setValue(v) if right.value() != v else None)
        right.valueChanged.connect(lambda v: left.setValue(v) if left.value() != v else None)
        for combo in (self.document, self.coder_a, self.coder_b):
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        document_id = self.document.currentData()
        if document_id is None:
            return
        text = self.project.document(document_id).text
        colors = {t.id: t.color for t in self.project.tags()}
        annotations = [a for a in self.project.annotations(document_id) if a.status == "anchored"]
        counts, self._lanes = [], []
        for view, combo in zip(self.views, (self.coder_a, self.coder_b)):
            coder = combo.currentData()
            if view.text() != text:
                view.set_text(text)
            mine = [a for a in annotations if a.coder == coder]
            view.set_highlights([Highlight(a.id, a.start_offset, a.end_offset,
                                           tuple(colors.get(t, "#999999") for t in a.tag_ids), "", a.claim_id)
                                 for a in mine])
            self._lanes.append([a.id for a in mine])
            counts.append(f"{combo.currentText()}: {len(mine)} annotations")
        self.counts.setText("   |   ".join(counts))

    def lane_ids(self, lane: int) -> list[int]:
        """The annotation ids painted in a lane (0 left, 1 right)."""
        return list(self._lanes[lane])

    def show_span(self, start: int, end: int) -> None:
        """Select the same stretch in both lanes and bring it into view."""
        for view in self.views:
            view.select_span(start, end)
            view.centerCursor()
