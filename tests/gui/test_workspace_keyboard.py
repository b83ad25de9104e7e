"""Keyboard paths: Esc from find and from the note field returns to the text, Tab reaches every panel,
shortcuts focus the panels, and a code from the codebook tags the selection."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from workspace_helpers import close_window, open_window


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    yield w
    close_window(w)


def _text_view(window):
    view = window.reading.active.view
    view.setFocus()
    return view


def _select(view, text: str) -> tuple[int, int]:
    start = view.text().index(text)
    view.select_span(start, start + len(text))
    return start, start + len(text)


def test_escape_from_find_returns_to_the_text_and_t_tags_there(window, qtbot):
    view = _text_view(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.find_bar.edit
    qtbot.keyClicks(window.find_bar.edit, "RedNote")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert QApplication.focusWidget() is view
    assert window.library.filter.text() == ""


def test_escape_in_the_note_field_saves_it_and_returns_to_the_text(window, qtbot):
    view = _text_view(window)
    start, end = _select(view, "RedNote")
    annotation_id = window.apply_tags(window.reading.active.document.id, (start, end), None, [])
    window.focus_note()
    qtbot.keyClicks(window.inspector.note, "check this")
    qtbot.keyClick(window.inspector.note, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view
    assert window.project.annotation(annotation_id).note == "check this"


def test_tab_reaches_every_panel(window, qtbot):
    view = _text_view(window)
    start, end = _select(view, "RedNote")
    window.apply_tags(window.reading.active.document.id, (start, end), None, [])  # the note field shows
    view.setFocus()
    reached = set()
    for _ in range(120):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    for widget in (window.library.table, window.codebook.tree, window.inspector.note,
                   *(c.view for c in window.reading.columns)):
        assert widget in reached, widget


@pytest.mark.parametrize("keys,target", [("Ctrl+Alt+L", "library"), ("Ctrl+Alt+C", "codebook"),
                                         ("Ctrl+Alt+N", "note")])
def test_shortcuts_focus_the_panels_even_when_collapsed(window, qtbot, keys, target):
    _text_view(window)
    window.side_panels.set_hidden(True)
    key = {"L": Qt.Key.Key_L, "C": Qt.Key.Key_C, "N": Qt.Key.Key_N}[keys[-1]]
    qtbot.keyClick(QApplication.focusWidget(), key,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    expected = {"library": window.library.table, "codebook": window.codebook.tree,
                "note": window.inspector.note}[target]
    assert {"library": window.library_dock, "codebook": window.codebook_dock,
            "note": window.inspector_dock}[target].isVisible()
    if target != "note":  # the note field takes focus only when an annotation is shown
        assert QApplication.focusWidget() is expected


def test_enter_on_a_code_in_the_codebook_tags_the_selection(window, qtbot):
    view = _text_view(window)
    start, end = _select(view, "RedNote")
    doc_id = window.reading.active.document.id
    [statistic] = window.project.find_tags("Claim types/Statistic")
    tree = window.codebook.tree
    item = next(tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())
                if tree.topLevelItem(i).child(j).text(0) == "Statistic")
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    [annotation] = window.project.annotations(doc_id)
    assert (annotation.start_offset, annotation.end_offset) == (start, end)
    assert annotation.tag_ids == (statistic.id,)
    # with nothing selected, the status bar says what to do instead of tagging
    tree.setFocus()
    window.reading.active.view.set_selected_annotation(None)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert len(window.project.annotations(doc_id)) == 1
    assert "Select text" in window.statusBar().currentMessage()


def test_the_colour_legend_lists_the_codes_of_the_open_columns(window, qtbot):
    view = _text_view(window)
    assert not window.legend.isVisible()
    doc_id = window.reading.active.document.id
    [statistic] = window.project.find_tags("Claim types/Statistic")
    start, end = _select(view, "RedNote")
    window.apply_tags(doc_id, (start, end), None, [statistic.id])
    qtbot.waitUntil(lambda: window.legend.isVisible(), timeout=1000)
    assert window.legend.counts == {statistic.id: 1}
    assert "Statistic" in window.legend.text() and statistic.color in window.legend.text()
    window.reading.close_column(window.reading.column_for(doc_id))
    qtbot.waitUntil(lambda: not window.legend.isVisible(), timeout=1000)
