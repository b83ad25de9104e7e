"""Review of orphaned annotations: what a re-import could not place, to show, re-attach or delete."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.models import Annotation
from rednote_desk.gui.plain import plain

_QUOTE_CHARS = 160


class OrphanReviewPanel(QWidget):
    """Lists orphans (old quote and document); the buttons act on the selected one."""

    reattach_requested = Signal(int)
    delete_requested = Signal(int)
    show_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.show_button = QPushButton("Show")
        self.show_button.setToolTip("Open the document near where the annotation was")
        self.reattach_button = QPushButton("Re-attach to selection")
        self.reattach_button.setToolTip("Select the right text in the document first")
        self.delete_button = QPushButton("Delete")
        self.show_button.clicked.connect(lambda: self._emit(self.show_requested))
        self.reattach_button.clicked.connect(lambda: self._emit(self.reattach_requested))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.list.itemDoubleClicked.connect(lambda _item: self._emit(self.show_requested))
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        for button in (self.show_button, self.reattach_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.refresh([], {})

    def refresh(self, orphans: list[Annotation], titles: dict[int, str]) -> None:
        """Show these orphans; ``titles`` maps document id to title. The selection is kept when possible."""
        keep = self.selected_id()
        self.list.clear()
        for ann in orphans:
            title = titles.get(ann.document_id) or f"document {ann.document_id}"
            quote = " ".join(ann.quote.split())
            if len(quote) > _QUOTE_CHARS:
                quote = quote[: _QUOTE_CHARS - 1] + "…"
            item = QListWidgetItem(f"“{quote}”\n{title}")
            item.setData(Qt.ItemDataRole.UserRole, ann.id)
            item.setToolTip(plain(f"…{ann.prefix}[{ann.quote}]{ann.suffix}…"))
            self.list.addItem(item)
            if ann.id == keep:
                self.list.setCurrentItem(item)
        if orphans and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        n = len(orphans)
        if n == 0:
            self.summary.setText("No orphaned annotations: every annotation is placed in its text.")
        else:
            noun = "annotation" if n == 1 else "annotations"
            self.summary.setText(
                f"{n} {noun} could not be placed after the text changed. Select the right text in the "
                "document and press “Re-attach to selection”, or delete what no longer applies."
            )
        self.list.setVisible(n > 0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, annotation_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == annotation_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def _emit(self, signal) -> None:
        annotation_id = self.selected_id()
        if annotation_id is not None:
            signal.emit(annotation_id)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.show_button, self.reattach_button, self.delete_button):
            button.setEnabled(has)
