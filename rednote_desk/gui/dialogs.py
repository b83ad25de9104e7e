"""Small dialogs: document details, asking for a claim name."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit

from rednote_desk.core.models import Document
from rednote_desk.core.rules import date_problem


class DocumentDetailsDialog(QDialog):
    """Edit a document's metadata; ``values()`` returns only the fields that changed."""

    FIELDS = (("title", "Title"), ("outlet", "Outlet"), ("author", "Author"),
              ("published", "Published (YYYY-MM-DD)"), ("url", "URL"))

    def __init__(self, document: Document, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Document details")
        self.document = document
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name, label in self.FIELDS:
            edit = QLineEdit(getattr(document, name) or "")
            self.edits[name] = edit
            form.addRow(label, edit)
        self.note = QPlainTextEdit(document.note)
        self.note.setMaximumHeight(90)
        form.addRow("Note", self.note)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
        self.error.setStyleSheet("color: #c00")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def problem(self) -> str | None:
        if not self.edits["title"].text().strip():
            return "A document needs a title."
        published = self.edits["published"].text().strip()
        reason = date_problem(published)  # the store's rule: "2025-W05-4" or "20250130" are refused too
        if reason:
            return f"“{published}” is not a date of the form YYYY-MM-DD ({reason})."
        return None

    def values(self) -> dict:
        out = {}
        for name, edit in self.edits.items():
            value = edit.text().strip() or None
            if name == "title":
                value = value or ""
            if value != (getattr(self.document, name) or (None if name != "title" else "")):
                out[name] = value
        if self.note.toPlainText() != self.document.note:
            out["note"] = self.note.toPlainText()
        return out
