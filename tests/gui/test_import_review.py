"""ImportReviewDialog on hand-made parse results: editing, validation, trimming choice, preview."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from rednote_desk.core.ingest.model import BoilerplateSpan, ImportedText
from rednote_desk.gui.import_review import ImportReviewDialog, date_problem, describe_boilerplate, preview_html

ASTRAL = "𝓞𝓹𝓮𝓻𝓪 🚢 sails.\nShare this story!\n"


def items():
    first = ImportedText("Body one.\n", "one.txt", "txt", title="One", outlet="Daily", published="2025-01-30")
    second = ImportedText(
        ASTRAL, "two.html", "html", title="Two", author="A. Writer",
        boilerplate=(BoilerplateSpan(ASTRAL.index("Share"), len(ASTRAL) - 1, "share prompt"),),
        warnings=("encoding guessed as cp1252",),
    )
    return [first, second]


@pytest.fixture
def dialog(qtbot):
    d = ImportReviewDialog(items(), [("x.bin", "x.bin is not a text file")])
    qtbot.addWidget(d)
    d.show()
    return d


def test_rows_show_metadata_boilerplate_and_warnings(dialog):
    assert dialog.row_count() == 2
    assert dialog.value(0, "title") == "One" and dialog.value(0, "outlet") == "Daily"
    assert dialog.value(1, "author") == "A. Writer"
    assert dialog.table.item(1, 5).text() == "1 block, 17 characters"
    assert dialog.table.item(0, 5).text() == "none"
    assert "cp1252" in dialog.table.item(1, 6).text()
    assert not dialog.trims(1)  # trimming is the user's choice
    assert [dialog.failures_list.item(i).text() for i in range(dialog.failures_list.count())] == [
        "x.bin — x.bin is not a text file"
    ]


def test_choices_apply_edits_and_cleared_fields(dialog):
    dialog.set_value(0, "title", "  Edited title ")
    dialog.set_value(0, "outlet", "")
    dialog.set_trim(1, True)
    first, second = dialog.choices()
    assert first.imported.title == "Edited title" and first.overrides["title"] == "Edited title"
    assert first.imported.outlet is None and "outlet" not in first.overrides
    assert first.imported.text == "Body one.\n" and not first.trim
    assert second.trim and second.imported.boilerplate  # trimming itself happens when storing


def test_excluded_rows_are_left_out(dialog):
    dialog.set_included(0, False)
    assert [c.imported.source_name for c in dialog.choices()] == ["two.html"]


@pytest.mark.parametrize("value", ["2025-02-30", "30/01/2025", "2025-1-5", "soon"])
def test_bad_date_is_red_and_blocks_import_naming_the_row(dialog, value):
    dialog.set_value(1, "published", value)
    assert dialog.table.item(1, 4).foreground().color().name() == dialog.warning_color
    assert dialog.warning_color in ("#b00020", "#ff8a80")  # red, AA on the table in a light or dark palette
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Row 2 (two.html)" in dialog.message_label.text() and value in dialog.message_label.text()
    dialog.set_value(1, "published", "2025-02-28")
    assert dialog.message_label.isHidden()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_bad_date_on_an_excluded_row_does_not_block(dialog):
    dialog.set_value(1, "published", "nope")
    dialog.set_included(1, False)
    assert dialog.problem() is None


def test_nothing_selected_blocks_import(dialog):
    dialog.set_included(0, False)
    dialog.set_included(1, False)
    dialog.accept()
    assert dialog.isVisible() and "Nothing is selected" in dialog.message_label.text()


def test_enter_while_editing_commits_the_cell_without_importing(dialog, qtbot):
    dialog.table.setCurrentCell(0, 1)
    dialog.table.editItem(dialog.table.item(0, 1))
    editor = dialog.table.viewport().focusWidget() or dialog.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Typed")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.value(0, "title") == "Typed")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # not editing: Enter imports
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_same_outlet_for_rows(dialog):
    dialog.set_outlet_for_rows([0, 1], "Wire")
    assert [c.imported.outlet for c in dialog.choices()] == ["Wire", "Wire"]


def test_preview_strikes_out_the_boilerplate_span(dialog):
    dialog.table.setCurrentCell(1, 1)
    html = dialog.preview.toHtml()
    assert "line-through" in html
    assert "Share this story!" in dialog.preview.toPlainText()
    assert "𝓞𝓹𝓮𝓻𝓪 🚢" in dialog.preview.toPlainText()


def test_preview_html_marks_exactly_the_span_with_astral_text():
    imported = items()[1]
    markup = preview_html(imported)
    struck = markup.split("line-through;")[1].split(">", 1)[1].split("</span>")[0]
    assert struck == "Share this story!"
    assert "𝓞𝓹𝓮𝓻𝓪 🚢 sails." in markup
    assert "characters)" in preview_html(imported, limit=5)


def test_helpers():
    assert date_problem("") is None and date_problem("2024-02-29") is None
    assert date_problem("2023-02-29") == "no such day"
    assert describe_boilerplate(items()[0]) == "none"
