"""User text never becomes Qt markup (issue 13, item 6): hostile titles, tags and colours from a shared file are
shown as their characters in labels, tooltips and message boxes."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from rednote_desk import services
from rednote_desk.core.errors import UserError
from rednote_desk.gui.main_window import MainWindow

# Qt's own guess (what gui.plain uses), so these tests also run against older code
might_be_rich_text = GuiQt.mightBeRichText

TITLE = "<h1>Breaking</h1><a href='https://example.invalid/fix'>Download the fix</a>"
TAG = "<h2>Frame<b>bold"  # no "/": it separates parent and child tags


def shown(text: str) -> str:
    """What Qt displays for a string in an auto-detecting widget (a message box, a tooltip)."""
    if not might_be_rich_text(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.fixture
def window(qtbot, tmp_path):
    project = services.open_project(tmp_path / "p.sqlite")
    project.add_document(title=TITLE, outlet="<b>Outlet</b>", text="Officials said 700,000 users joined.",
                         text_sha256="h")
    project.add_tag(TAG)
    project.db.execute("UPDATE tags SET color = 'red;background-image:url(http://x.invalid/)' WHERE name = ?",
                       [TAG])
    w = MainWindow(project, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    yield w
    w.close()


def test_library_tooltips_show_the_title_literally(window):
    model = window.library.model
    tips = [model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())
            for c in range(model.columnCount())]
    assert tips and all(TITLE in shown(tip) for tip in tips)


def test_the_delete_confirmation_shows_the_title_literally(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.No)
    window.delete_document(window.project.documents()[0].id)
    assert asked and TITLE in shown(asked[0])
    assert "<h1>" not in shown(asked[0]).replace(TITLE, "")


def test_codebook_tooltip_and_delete_dialog_show_the_tag_literally(window, monkeypatch):
    codebook = window.codebook
    items = codebook.tree.findItems(TAG, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert items
    assert TAG in shown(items[0].toolTip(0))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.Cancel)
    tag_id = window.project.find_tags(TAG)[0].id
    codebook._confirm_dialog("Delete tag", codebook.delete_confirmation_text(tag_id))
    assert asked and TAG in shown(asked[0])


def test_error_messages_are_shown_literally(window, monkeypatch):
    from rednote_desk.gui.session import show_error

    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: told.append(text))
    show_error(window, UserError(f"unknown tag “{TAG}”"))
    assert TAG in shown(told[0])


def test_a_colour_from_the_file_never_reaches_css(window):
    tag = window.project.find_tags(TAG)[0]
    assert tag.color == "#999999"


def test_labels_showing_user_text_are_plain_or_escaped(window, qtbot):
    document = window.project.documents()[0]
    window.open_document(document.id)
    for label in window.findChildren(QLabel):
        text = label.text()
        if "Breaking" in text or "Frame" in text:
            assert label.textFormat() == Qt.TextFormat.PlainText or "<h1>" not in text or \
                TITLE in shown(text), (label.objectName(), text)


def test_the_merge_dialog_names_the_tag_as_plain_text(qtbot):
    from rednote_desk.gui.merge_dialog import MergeTargetDialog

    dialog = MergeTargetDialog(source_path=TAG, candidates=[(1, "Other", "#112233")])
    qtbot.addWidget(dialog)
    [label] = [w for w in dialog.findChildren(QLabel) if TAG in w.text()]
    assert label.textFormat() == Qt.TextFormat.PlainText
