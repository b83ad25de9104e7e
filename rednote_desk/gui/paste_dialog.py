"""Paste an article's text; title, outlet, author and date are guessed as you paste and can be corrected."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core import ingest
from rednote_desk.gui.import_review import ReviewChoice, date_problem, describe_boilerplate, show_problem

SNIFF_DELAY_MS = 300
PASTE_FIELDS = ("title", "outlet", "author", "published", "url")


class PasteTextDialog(QDialog):
    """A big text box plus metadata fields prefilled from the text (fields the user typed in are left alone)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Paste text")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("Paste the article text here…")
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in PASTE_FIELDS}
        self.fields["published"].setPlaceholderText("YYYY-MM-DD")
        self.fields["url"].setPlaceholderText("https://…")
        self.trim_check = QCheckBox("Trim boilerplate")
        self.trim_check.setEnabled(False)
        self.message_label = QLabel()
        self.message_label.setStyleSheet("color: #c62828;")
        self.message_label.hide()
        self._edited: set[str] = set()
        self._imported = None  # the last parse of the text, or None
        self._sniff_timer = QTimer(self)
        self._sniff_timer.setSingleShot(True)
        self._sniff_timer.setInterval(SNIFF_DELAY_MS)
        self._sniff_timer.timeout.connect(self.refresh_metadata)

        form = QFormLayout()
        for name, edit in self.fields.items():
            form.addRow(f"{name.capitalize() if name != 'url' else 'URL'}:", edit)
            edit.textEdited.connect(lambda text, name=name: self.on_field_text_edited(name, text))
            edit.returnPressed.connect(self.accept)
        form.addRow("", self.trim_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit, 1)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.text_edit.textChanged.connect(self.on_text_edit_text_changed)
        self.resize(760, 640)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def on_text_edit_text_changed(self) -> None:
        self._sniff_timer.start()  # restarts: sniff once typing/pasting pauses

    def on_field_text_edited(self, name: str, text: str) -> None:
        # A field the user typed into is theirs; emptying it hands it back to the guesser.
        if text.strip():
            self._edited.add(name)
        else:
            self._edited.discard(name)
        if name == "published":
            reason = date_problem(text)
            self.fields["published"].setStyleSheet("color: #c62828;" if reason else "")

    def refresh_metadata(self) -> None:
        """Parse the text now and fill the fields the user has not typed into."""
        self._sniff_timer.stop()
        text = self.text()
        self._imported = ingest.from_text(text) if text.strip() else None
        sniffed = self._imported
        for name, edit in self.fields.items():
            if name in self._edited:
                continue
            edit.setText((getattr(sniffed, name, None) or "") if sniffed is not None else "")
        spans = sniffed.boilerplate if sniffed is not None else ()
        self.trim_check.setEnabled(bool(spans))
        self.trim_check.setText(f"Trim boilerplate ({describe_boilerplate(sniffed)})" if spans else "Trim boilerplate")
        if not spans:
            self.trim_check.setChecked(False)

    def problem(self) -> str | None:
        if not self.text().strip():
            return "Paste some text first."
        reason = date_problem(self.fields["published"].text())
        if reason:
            return f"The published date “{self.fields['published'].text().strip()}” is not valid ({reason})."
        return None

    def accept(self) -> None:
        if self._sniff_timer.isActive():
            self.refresh_metadata()
        if not show_problem(self.message_label, self.problem()):
            super().accept()

    def choice(self) -> ReviewChoice:
        """The pasted text with the fields applied (empty fields become None), ready for store_imported."""
        if self._imported is None or self._sniff_timer.isActive():
            self.refresh_metadata()
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        return ReviewChoice.with_fields(self._imported, values,
                                        trim=self.trim_check.isChecked() and self.trim_check.isEnabled(), row=0)
