"""The annotation inspector: quote, tags, note, claim, coder and times of the selected annotation."""
from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.models import Annotation, Claim
from rednote_desk.gui.colors import alert_text_color, dim_text_color, readable_text_color
from rednote_desk.gui.plain import safe_color


class InspectorPanel(QWidget):
    note_edited = Signal(int, str)
    edit_tags_requested = Signal(int)
    delete_requested = Signal(int)
    unlink_requested = Signal(int)
    rename_claim_requested = Signal(int)

    NOTE_DELAY_MS = 700

    def __init__(self, parent=None):
        super().__init__(parent)
        self.annotation: Annotation | None = None
        self.empty = QLabel("Select text and press <b>T</b> to tag it.<br>"
                            "Click a highlight to see it here.")
        self.empty.setWordWrap(True)
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        self.claim = QLabel()
        self.claim.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        # a quieter colour for this line is set from the palette when it is shown (readable in a dark theme too)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note (saved as you type)")
        self.note.setMaximumHeight(120)
        self._note_timer = QTimer(self, singleShot=True, interval=self.NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_timer.start)
        self.edit_tags = QPushButton("Edit tags… (T)")
        self.unlink = QPushButton("Unlink claim")
        self.rename_claim = QPushButton("Rename claim…")
        self.delete = QPushButton("Delete (Del)")
        self.edit_tags.clicked.connect(lambda: self._emit(self.edit_tags_requested))
        self.unlink.clicked.connect(lambda: self._emit(self.unlink_requested))
        self.delete.clicked.connect(lambda: self._emit(self.delete_requested))
        self.rename_claim.clicked.connect(self._emit_rename_claim)
        form = QFormLayout()
        form.addRow("Quote", self.quote)
        form.addRow("Tags", self.tags)
        form.addRow("Claim", self.claim)
        form.addRow("Note", self.note)
        # two rows of buttons, and nothing here may ask for more width than the dock has: the panel must not
        # widen itself (and reflow the texts) when an annotation is selected
        buttons = QGridLayout()
        for i, b in enumerate((self.edit_tags, self.rename_claim, self.unlink, self.delete)):
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            buttons.addWidget(b, i // 2, i % 2)
        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(form)
        details_layout.addLayout(buttons)
        details_layout.addWidget(self.meta)
        details_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        self.show_annotation(None)

    def _emit(self, signal) -> None:
        if self.annotation is not None:
            self.flush_note()
            signal.emit(self.annotation.id)

    def _emit_rename_claim(self) -> None:
        if self.annotation is not None and self.annotation.claim_id is not None:
            self.rename_claim_requested.emit(self.annotation.claim_id)

    def flush_note(self) -> None:
        """Save a pending note edit now (also called before the selection changes)."""
        self._note_timer.stop()
        if self.annotation is not None and self.note.toPlainText() != self.annotation.note:
            text = self.note.toPlainText()
            self.annotation = replace(self.annotation, note=text)  # saved once, not again on the next flush
            self.note_edited.emit(self.annotation.id, text)

    def show_annotation(self, annotation: Annotation | None, *, tag_labels: list[tuple[str, str]] = (),
                        claim: Claim | None = None, claim_outlets: list[str] = ()) -> None:
        if self.annotation is not None and (annotation is None or annotation.id != self.annotation.id):
            self.flush_note()
        self.annotation = annotation
        self.empty.setVisible(annotation is None)
        self.details.setVisible(annotation is not None)
        if annotation is None:
            return
        quote = escape(annotation.quote if len(annotation.quote) < 600 else annotation.quote[:600] + "…")
        alert, dim = alert_text_color(self.palette()), dim_text_color(self.palette())  # AA on light or dark
        status = (f" <b style='color:{alert}'>(orphaned: its text changed)</b>"
                  if annotation.status == "orphaned" else "")
        self.quote.setText(f"“{quote}”{status}")
        if tag_labels:
            self.tags.setText(" ".join(
                f"<span style='background:{safe_color(color)};color:{readable_text_color(safe_color(color))};"
                f"padding:1px 4px'>"
                f"&nbsp;{escape(path)}&nbsp;</span>" for path, color in tag_labels))
        else:
            self.tags.setText("<i>no tags</i>")
        if claim is not None:
            others = ", ".join(escape(o) for o in claim_outlets)
            self.claim.setText(f"<b>{escape(claim.label)}</b><br>"
                               f"<span style='color:{dim}'>stated by: {others}</span>")
        else:
            self.claim.setText("<i>not linked (select annotations in two columns, then Ctrl+L)</i>")
        self.unlink.setEnabled(claim is not None)
        self.rename_claim.setEnabled(claim is not None)
        if self.note.toPlainText() != annotation.note:
            self.note.blockSignals(True)
            self.note.setPlainText(annotation.note)
            self.note.blockSignals(False)
        self.meta.setStyleSheet(f"color: {dim}")
        self.meta.setText(
            f"#{annotation.id} · characters {annotation.start_offset}–{annotation.end_offset} · "
            f"coder {escape(annotation.coder or '—')}<br>created {escape(str(annotation.created_at))} · "
            f"updated {escape(str(annotation.updated_at))}")

