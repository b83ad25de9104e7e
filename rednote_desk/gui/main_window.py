"""The main window: a document list and a reading view."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow, QPlainTextEdit, QSplitter

from ..store.project import Project


class MainWindow(QMainWindow):
    def __init__(self, project: Project):
        super().__init__()
        self.project = project
        self.setWindowTitle(f"RedNote Desk — {project.path.name if project.path else 'in memory'}")
        self.document_list = QListWidget()
        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        splitter = QSplitter()
        splitter.addWidget(self.document_list)
        splitter.addWidget(self.reader)
        splitter.setSizes([280, 720])
        self.setCentralWidget(splitter)
        self.document_list.currentItemChanged.connect(self.on_document_list_current_changed)
        self.refresh_documents()
        self.resize(1100, 720)

    def refresh_documents(self) -> None:
        self.document_list.clear()
        for doc in self.project.document_summaries():
            label = f"{doc['outlet'] or '—'} · {doc['title']}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, doc["id"])
            self.document_list.addItem(item)
        if self.document_list.count():
            self.document_list.setCurrentRow(0)

    def on_document_list_current_changed(self, current, _previous) -> None:
        if current is None:
            self.reader.clear()
            return
        document = self.project.document(current.data(Qt.ItemDataRole.UserRole))
        self.reader.setPlainText(document.text)
