"""Suggested claims: a list with the reason each was grouped, and Accept / Edit… / Dismiss.

The panel only asks (signals); the compare view runs the store operations.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.claims.models import SuggestedClaim
from rednote_desk.core.numbers.quantity import format_quantity
from rednote_desk.gui.colors import dim_text_color, view_inks
from rednote_desk.gui.plain import plain

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _short(text: str, n: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class SuggestionPanel(QWidget):
    """Lists open suggestions; ``accept_requested(key)``, ``edit_requested(key)``, ``dismiss_requested(key)``."""

    accept_requested = Signal(str)
    edit_requested = Signal(str)
    dismiss_requested = Signal(str)
    passage_requested = Signal(int, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.suggestions: dict[str, SuggestedClaim] = {}
        self.labels: dict[int, str] = {}
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_details_anchor_clicked)
        self.accept_button = QPushButton("Accept")
        self.accept_button.setToolTip("Annotate every mention and link them as one confirmed claim (undoable)")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Choose the name and which mentions to include, then accept")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setToolTip("Do not suggest this claim again")
        self.accept_button.clicked.connect(lambda: self._emit(self.accept_requested))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.dismiss_button.clicked.connect(lambda: self._emit(self.dismiss_requested))
        self.empty = QLabel("No open suggestions: every claim found in these documents was accepted or dismissed, "
                            "or they share no figures or quotations.")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color:{dim_text_color(self.palette())}; padding:12px")  # AA, light or dark
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.set_suggestions([], {})

    def set_suggestions(self, suggestions: list[SuggestedClaim], labels: dict[int, str]) -> None:
        keep = self.current_key()
        self.suggestions = {s.key: s for s in suggestions}
        self.labels = dict(labels)
        self.list.clear()
        for s in suggestions:
            flag = "⚠ " if s.disagreement else ""
            item = QListWidgetItem(f"{flag}{s.label}\n{len(s.mentions)} outlets · {s.kind}")
            item.setData(KEY_ROLE, s.key)
            item.setToolTip(plain(s.reason))
            self.list.addItem(item)
            if s.key == keep:
                self.list.setCurrentItem(item)
        if suggestions and self.list.currentItem() is None:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not suggestions)
        self._show_current()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(KEY_ROLE)

    def select(self, key: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentRow(row)
                return True
        return False

    def _emit(self, signal) -> None:
        key = self.current_key()
        if key is not None:
            signal.emit(key)

    def _show_current(self) -> None:
        s = self.suggestions.get(self.current_key() or "")
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            button.setEnabled(s is not None)
        self.details.setHtml(suggestion_html(s, self.labels, view_inks(self.details)) if s else "")

    def _on_details_anchor_clicked(self, url) -> None:
        parts = url.toString().split(":")
        if len(parts) == 4 and parts[0] == "passage":
            self.passage_requested.emit(int(parts[1]), int(parts[2]), int(parts[3]))


def suggestion_html(s: SuggestedClaim, labels: dict[int, str],
                    inks: tuple[str, str, str] = ("#222222", "#555555", "#b3261e")) -> str:
    """Details of a suggestion: label, whether the values conflict, why it was grouped, each mention.
    ``inks``: (text, dim, alert) colours readable on the page's background (colors.view_inks)."""
    text, dim, alert = inks
    parts = [f"<h3 style='margin:0; color:{text}'>{escape(s.label)}</h3>"]
    if s.disagreement:
        parts.append(f"<p style='color:{alert}'><b>The outlets state values that cannot all be true:</b> "
                     f"{escape(s.values_side_by_side())}</p>")
    parts.append(f"<p style='color:{dim}'><b>Why grouped:</b> {escape(s.reason)}</p><table cellpadding='3'>")
    for m in s.mentions:
        value = f"<b style='color:{text}'>{escape(format_quantity(m.values[0]))}</b><br>" if m.values else ""
        parts.append(
            f"<tr><td valign='top' style='color:{dim}'><b>{escape(labels.get(m.document_id, str(m.document_id)))}"
            f"</b></td><td>{value}<a href='passage:{m.document_id}:{m.start}:{m.end}' "
            f"style='color:{text}; text-decoration:none'>{escape(_short(m.quote, 320))}</a></td></tr>")
    parts.append("</table>")
    return "".join(parts)


class AcceptSuggestionDialog(QDialog):
    """Edit a suggestion before accepting it: the claim's name and which mentions to include."""

    def __init__(self, suggestion: SuggestedClaim, labels: dict[int, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Accept suggested claim")
        self.suggestion = suggestion
        self.label_edit = QLineEdit(suggestion.label)
        self.mentions = QListWidget()
        self.mentions.setWordWrap(True)
        for i, m in enumerate(suggestion.mentions):
            value = f"{format_quantity(m.values[0])} — " if m.values else ""
            item = QListWidgetItem(f"{labels.get(m.document_id, m.document_id)}: {value}{_short(m.quote)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(KEY_ROLE, i)
            self.mentions.addItem(item)
        reason = QLabel(f"Why grouped: {suggestion.reason}")
        reason.setTextFormat(Qt.TextFormat.PlainText)
        reason.setWordWrap(True)
        reason.setStyleSheet(f"color:{dim_text_color(self.palette())}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.label_edit.textChanged.connect(lambda *_: self._update_ok())
        self.mentions.itemChanged.connect(lambda *_: self._update_ok())
        form = QFormLayout()
        form.addRow("Claim name:", self.label_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(reason)
        layout.addWidget(QLabel("Mentions to include:"))
        layout.addWidget(self.mentions, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def chosen_label(self) -> str:
        return self.label_edit.text().strip()

    def chosen_indexes(self) -> list[int]:
        return [self.mentions.item(r).data(KEY_ROLE) for r in range(self.mentions.count())
                if self.mentions.item(r).checkState() == Qt.CheckState.Checked]

    def _update_ok(self) -> None:
        ok = bool(self.chosen_label()) and bool(self.chosen_indexes())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
