"""A small dialog to choose the tag another tag is merged into."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.gui.colors import swatch_icon

_ID_ROLE = Qt.ItemDataRole.UserRole


class MergeTargetDialog(QDialog):
    """Lists candidate tags by path, with a filter; ``chosen_tag_id()`` after ``exec()``."""

    def __init__(
        self, *, source_path: str, candidates: Sequence[tuple[int, str, str]], parent: QWidget | None = None
    ):
        """``candidates``: (tag id, path, colour) in codebook order."""
        super().__init__(parent)
        self.setWindowTitle("Merge tag")
        self.filter_edit = QLineEdit(placeholderText="Filter tags…")
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        for tag_id, path, color in candidates:
            item = QListWidgetItem(swatch_icon(color), path)
            item.setData(_ID_ROLE, tag_id)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        explanation = QLabel(
            f"Merge “{source_path}” into the tag chosen below. Its annotations and sub-tags move there, "
            "then it is deleted."
        )
        explanation.setTextFormat(Qt.TextFormat.PlainText)  # a tag path is user text
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.list.currentItemChanged.connect(self._update_ok)
        self.list.itemDoubleClicked.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_ok()
        self.resize(380, 420)

    def chosen_tag_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(_ID_ROLE)

    def on_filter_edit_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        first_visible = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_visible)
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen_tag_id() is not None)
