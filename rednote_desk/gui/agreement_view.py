"""Agreement between coders: the table per code and the disagreements to review.

The dialog only reads: the figures come from :mod:`rednote_desk.services.agreement`. Activating a disagreement
asks for both coders' spans on the text; the Coding controller shows them in the reading view's compare-coders
mode (two lanes), so the dialog itself holds no text view.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
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
from rednote_desk.gui.colors import dim_on
from rednote_desk.gui.plain import plain

TABLE_HEADERS = ("Code", "Units", "Coded units", "Percent", "Krippendorff's α", "κ", "α_u")


def _cell(fig: Figure) -> QTableWidgetItem:
    item = QTableWidgetItem(fig.text())
    if fig.value is None:
        item.setToolTip(plain(fig.reason))
        palette = QApplication.palette()  # a quieter ink that still meets WCAG AA on the table, light or dark
        item.setForeground(QColor(dim_on(palette.text().color(), palette.base().color())))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class AgreementPanel(QWidget):
    """Choose coders and the unit; see the table per code and the disagreements; export both as CSV.

    A panel (the Coding controller docks it below the texts), so that a disagreement's spans, shown in the reading
    view, are not hidden behind it.
    """

    disagreement_activated = Signal(int, object, int, int)  # document id, (coders), start, end
    close_requested = Signal()

    def __init__(self, project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.report: AgreementReport | None = None
        self.setWindowTitle("Agreement between coders")
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.coders = QListWidget()  # one row of check boxes: the panel is docked low under the texts
        self.coders.setFlow(QListWidget.Flow.LeftToRight)
        self.coders.setMaximumHeight(self.fontMetrics().height() + 16)
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
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(TABLE_HEADERS))
        self.table.setHorizontalHeaderLabels(TABLE_HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.table)
        self.disagreements = QTableWidget(0, 5)
        self.disagreements.setHorizontalHeaderLabels(("Document", "Code", "Coded by", "Not by", "Text"))
        self.disagreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.disagreements.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.disagreements.setToolTip("Click (or Enter) to see both coders' spans on the text, in two lanes")
        self.disagreements.cellActivated.connect(self.on_disagreement_activated)
        self.disagreements.cellClicked.connect(self.on_disagreement_activated)
        splitter.addWidget(self.disagreements)
        layout.addWidget(splitter, 1)
        buttons = controls  # one row of controls leaves the height to the tables
        self.export_table = QPushButton("Table as CSV…")
        self.export_table.clicked.connect(lambda: self.export("table"))
        self.export_list = QPushButton("Disagreements as CSV…")
        self.export_list.clicked.connect(lambda: self.export("disagreements"))
        close = QPushButton("Close")
        close.clicked.connect(self.close_requested)
        for b in (self.export_table, self.export_list):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addWidget(close)
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
            QMessageBox.warning(self, "Export", plain(str(exc)))
