"""Coded passages (QDA "retrieved segments"): every passage carrying a code (optionally with the codes below
it) across documents, with its context, filterable by document, outlet and coder; a click shows the passage in
the reading view; export as CSV. The rows are read off the GUI thread on a connection of their own."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.labels import count_of, short_text
from rednote_desk.core.retrieval import CodedPassage, filter_passages
from rednote_desk.core.tags import tag_paths
from rednote_desk.gui.workers import Task, bind

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
CONTEXT_CHARS = 60


def passage_text(p: CodedPassage) -> str:
    """Two lines of plain text (quotes and titles come from imported files): where, then the quote in context."""
    before, after = " ".join(p.before[-CONTEXT_CHARS:].split()), " ".join(p.after[:CONTEXT_CHARS].split())
    return (f"{p.outlet} — {short_text(p.document_title, 60)}{' · ' + p.coder if p.coder else ''}\n"
            f"…{before} «{' '.join(p.quote.split())}» {after}…")


class PassageModel(QAbstractListModel):
    """The listed passages; a row's text is made only when it is shown (20,000 rows fill at once)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.passages: list[CodedPassage] = []

    def set_passages(self, passages: list[CodedPassage]) -> None:
        self.beginResetModel()
        self.passages = passages
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.passages)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.passages):
            return None
        p = self.passages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return passage_text(p)
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.note or p.quote
        if role == PASSAGE_ROLE:
            return p
        return None


class CodedPassagesPanel(QWidget):
    passage_requested = Signal(int, int, int)  # document id, start, end (code points)
    message = Signal(str)  # an outcome for the status bar (the export)

    def __init__(self, project_provider, parent=None):
        super().__init__(parent)
        self.project_provider = project_provider
        self.passages: list[CodedPassage] = []
        self._paths: dict[int, str] = {}
        self._task: Task | None = None
        self._export_task: Task | None = None  # the running CSV export, if any
        self.code = QComboBox()
        self.code.setAccessibleName("Code")
        self.subtree = QCheckBox("with sub-codes")
        self.subtree.setChecked(True)
        self.document = QComboBox()
        self.document.setAccessibleName("Filter by document")
        self.outlet = QComboBox()
        self.outlet.setAccessibleName("Filter by outlet")
        self.coder = QComboBox()
        self.coder.setAccessibleName("Filter by coder")
        self.status = QLabel()
        self.model = PassageModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Coded passages")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)  # no measuring of 20,000 rows
        self.list.setAlternatingRowColors(True)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setAccessibleName("Export the listed passages as CSV")
        self.code.activated.connect(lambda _i: self.load())
        self.subtree.toggled.connect(lambda _c: self.load())
        for combo in (self.document, self.outlet, self.coder):
            combo.activated.connect(lambda _i: self._fill_list())
        self.list.activated.connect(self._on_index)
        self.list.clicked.connect(self._on_index)
        self.export_button.clicked.connect(self.export_dialog)
        top = QHBoxLayout()
        top.addWidget(self.code, 1)
        top.addWidget(self.subtree)
        filters = QHBoxLayout()
        for combo in (self.document, self.outlet, self.coder):
            filters.addWidget(combo, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)

    # -- codes ---------------------------------------------------------------------------------
    def refresh_codes(self) -> None:
        project = self.project_provider()
        if project is None:
            return
        current = self.code.currentData()
        tags = project.tags()
        self._paths = tag_paths(tags)
        self.code.blockSignals(True)
        self.code.clear()
        self.code.addItem("Choose a code…", None)
        for tag in tags:
            self.code.addItem(self._paths[tag.id], tag.id)
        index = self.code.findData(current)
        self.code.setCurrentIndex(max(0, index))
        self.code.blockSignals(False)

    def show_code(self, tag_id: int) -> None:
        self.refresh_codes()
        self.code.setCurrentIndex(max(0, self.code.findData(tag_id)))
        self.load()

    # -- reading (off the GUI thread) ----------------------------------------------------------
    def load(self) -> None:
        from rednote_desk.services import passages as service

        project = self.project_provider()
        tag_id = self.code.currentData()
        if self._task is not None:
            self._task.detach()
            self._task = None
        if project is None or tag_id is None:
            self._set_passages([])
            return
        ids = service.code_ids(project, tag_id, subtree=self.subtree.isChecked())
        if project.path is None:  # an in-memory project has one connection: read it here
            self._set_passages(service.coded_passages(project, ids))
            return
        path = project.path
        self.status.setText("Reading…")
        self._task = Task(lambda _report, _cancelled: service.coded_passages_from_file(path, ids))
        bind(self._task, self, finished=self._set_passages,
             failed=lambda message: self.status.setText(f"Could not read the passages: {message}"))
        self._task.start()

    def is_busy(self) -> bool:
        return self._task is not None and not self._task.is_done

    def _set_passages(self, passages: list[CodedPassage]) -> None:
        self._task = None
        self.passages = list(passages)
        for combo, values, any_text in (
            (self.document, sorted({(p.document_title, p.document_id) for p in passages}), "Any document"),
            (self.outlet, sorted({p.outlet for p in passages}), "Any outlet"),
            (self.coder, sorted({p.coder for p in passages}), "Any coder"),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(any_text, None)
            for value in values:
                if isinstance(value, tuple):
                    combo.addItem(short_text(value[0], 50), value[1])
                else:
                    combo.addItem(value or "(no coder)", value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self._fill_list()

    def shown_passages(self) -> list[CodedPassage]:
        return filter_passages(self.passages, document_id=self.document.currentData(),
                               outlet=self.outlet.currentData(), coder=self.coder.currentData())

    def _fill_list(self) -> None:
        shown = self.shown_passages()
        self.model.set_passages(shown)
        total = len(self.passages)
        word = "passage" if len(shown) == 1 else "passages"
        capped = " (the first ones by document: the code has more)" if total >= service_limit() else ""
        self.status.setText(f"{len(shown):,} {word}" + (f" of {total:,}" if len(shown) != total else "") + capped)
        self.export_button.setEnabled(bool(shown))

    def _on_index(self, index) -> None:
        p = index.data(PASSAGE_ROLE)
        if p is not None:
            self.passage_requested.emit(p.document_id, p.start, p.end)

    # -- export --------------------------------------------------------------------------------
    def export(self, destination) -> int:
        from rednote_desk.services import passages as service

        project = self.project_provider()
        return service.export_passages_csv(self.shown_passages(), self._paths, destination,
                                           protect=[project.path] if project is not None else [])

    def export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export coded passages", "coded-passages.csv",
                                              "CSV (*.csv)")
        if path:
            self.export_in_background(path)

    def export_in_background(self, path) -> Task | None:
        """Write the listed passages to ``path`` on a worker thread, with a progress dialog (Cancel) when it
        takes a while; the outcome is told through ``message``. A destination that is refused (the project
        itself, a folder) is said at once and no work starts; returns the Task, or None then."""
        from rednote_desk.core.errors import UserError
        from rednote_desk.gui.session import HANDLED_ERRORS, show_error
        from rednote_desk.gui.workers import start_with_progress
        from rednote_desk.services import passages as service
        from rednote_desk.services.output import check_destination

        project = self.project_provider()
        protect = [project.path] if project is not None and project.path is not None else []
        path = str(path)
        try:
            check_destination(path, protect=protect)
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title="Export coded passages")
            return None
        passages, paths = self.shown_passages(), dict(self._paths)  # the worker gets its own copies
        self.export_button.setEnabled(False)
        task = start_with_progress(
            self, "Exporting coded passages",
            lambda report, is_cancelled: service.export_passages_csv(
                passages, paths, path, protect=protect, progress=report, is_cancelled=is_cancelled),
            total=len(passages), done=lambda: self.export_button.setEnabled(bool(self.shown_passages())))
        task.finished.connect(lambda rows: self.message.emit(
            f"{count_of(rows, 'passage')} written to {path}"))
        task.cancelled.connect(lambda: self.message.emit(f"Export cancelled; {path} was not written"))
        task.failed.connect(lambda text: show_error(self, UserError(text), title="Export coded passages"))
        self._export_task = task
        return task


def service_limit() -> int:
    from rednote_desk.services.passages import LIMIT

    return LIMIT


def install_coded_passages(window, menu) -> CodedPassagesPanel:
    """A hidden dock on the right and View → Coded passages (Ctrl+Shift+P)."""
    panel = CodedPassagesPanel(lambda: window.project)
    dock = QDockWidget("Coded passages", window)
    dock.setObjectName("coded_passages")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    window.passages_dock = dock
    panel.passage_requested.connect(window.show_passage)
    panel.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
    action = QAction("Coded &passages", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.setStatusTip("Every passage with a code, across the documents, with its context")

    def open_panel() -> None:
        dock.show()
        dock.raise_()
        panel.refresh_codes()
        panel.code.setFocus()

    action.triggered.connect(window.once_open(open_panel, action.text()))  # its codes are the open project's
    menu.addAction(action)
    window.addAction(action)
    return panel
