"""Side panels fold to a strip of their names when the reading columns need the room (issue 10: three columns of
45 characters a line at 1,280 × 800, two at 1,024 × 700, in the default layout with the panels one click away)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from workspace_helpers import close_window, median_chars_per_line, open_window, settle_layout

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
CTRL = Qt.KeyboardModifier.ControlModifier


def _panels(w):
    return (w.library_dock, w.codebook_dock, w.inspector_dock)


def _open_third_from_the_library(qtbot, w):
    """As a person would: pick an article not open yet in the Library and press Ctrl+Enter (a new column)."""
    third = next(d for d in w.project.documents() if d.id not in w.reading.document_ids())
    w.library.select_document(third.id)
    w.library.table.setFocus()
    qtbot.keyClick(w.library.table, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(w.reading.columns) == 3, timeout=5000)
    settle_layout(qtbot, w)
    return third


def _readable(w):
    return [median_chars_per_line(c.view) for c in w.reading.columns]


def _click_name(qtbot, w, dock):
    button = w.side_panels.strip.buttons[dock]
    assert button.isVisible() and button.text() == dock.windowTitle()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle_layout(qtbot, w)


def test_one_click_on_a_name_brings_that_panel_back_and_it_stays(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    _open_third_from_the_library(qtbot, w)
    _click_name(qtbot, w, w.codebook_dock)
    assert w.codebook_dock.isVisible()
    assert not w.library_dock.isVisible() and not w.inspector_dock.isVisible()
    assert w.side_panels.strip.buttons[w.codebook_dock].isChecked()
    w.side_panels.text_room.occasion()  # the layout looks again (as after a resize): the person's choice stays
    settle_layout(qtbot, w)
    assert w.codebook_dock.isVisible()
    _click_name(qtbot, w, w.codebook_dock)  # and folds it again
    assert not w.codebook_dock.isVisible()
    close_window(w)


def test_closing_the_third_column_brings_the_folded_panels_back(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    third = _open_third_from_the_library(qtbot, w)
    assert not any(d.isVisible() for d in _panels(w))
    qtbot.mouseClick(w.reading.column_for(third.id).header_buttons[2], Qt.MouseButton.LeftButton)  # its ✕
    qtbot.waitUntil(lambda: len(w.reading.columns) == 2, timeout=5000)
    settle_layout(qtbot, w)
    assert all(d.isVisible() for d in _panels(w)) and not w.side_panels.strip.isVisible()
    assert not w.side_panels.action.isChecked()
    assert all(n >= 45 for n in _readable(w))
    close_window(w)


def test_at_1600x1000_a_third_column_folds_library_and_codebook_and_keeps_the_annotation_panel(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    _open_third_from_the_library(qtbot, w)
    assert not w.library_dock.isVisible() and not w.codebook_dock.isVisible()
    assert w.inspector_dock.isVisible() and w.dockWidgetArea(w.inspector_dock) == RIGHT
    assert all(n >= 45 for n in _readable(w)), _readable(w)
    w.resize(1280, 800)  # narrowed: the Annotation panel would go to the left column, and folds there too
    qtbot.wait(150)
    settle_layout(qtbot, w)
    assert not any(d.isVisible() for d in _panels(w))
    assert all(n >= 45 for n in _readable(w)), _readable(w)
    w.resize(1600, 1000)  # widened again: the Annotation panel comes back on the right, the texts keep 45
    qtbot.wait(150)
    settle_layout(qtbot, w)
    assert w.inspector_dock.isVisible() and w.dockWidgetArea(w.inspector_dock) == RIGHT
    assert not w.library_dock.isVisible() and not w.codebook_dock.isVisible()
    assert all(n >= 45 for n in _readable(w)), _readable(w)
    close_window(w)


def test_two_columns_at_1024x700_keep_the_panels_and_45_characters(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1024, 700)
    settle_layout(qtbot, w)
    assert len(w.reading.columns) == 2
    assert all(d.isVisible() for d in _panels(w)) and not w.side_panels.strip.isVisible()
    assert all(n >= 45 for n in _readable(w)), _readable(w)
    close_window(w)


def test_the_fold_and_the_persons_choice_come_back_after_a_relaunch(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    third = _open_third_from_the_library(qtbot, w)
    close_window(w)
    w = open_window(qtbot, tmp_path, 1280, 800)  # the three columns and the folded panels come back
    settle_layout(qtbot, w)
    assert len(w.reading.columns) == 3 and not any(d.isVisible() for d in _panels(w))
    assert w.side_panels.strip.isVisible()
    w.reading.close_column(w.reading.column_for(third.id))  # still known as folded for the texts
    settle_layout(qtbot, w)
    assert all(d.isVisible() for d in _panels(w))
    w.open_document(third.id, new_column=True)
    settle_layout(qtbot, w)
    _click_name(qtbot, w, w.library_dock)  # the person wants the Library beside three columns
    close_window(w)
    w = open_window(qtbot, tmp_path, 1280, 800)
    settle_layout(qtbot, w)
    assert len(w.reading.columns) == 3 and w.library_dock.isVisible()
    close_window(w)


def test_a_panel_shortcut_brings_back_only_that_folded_panel_and_focuses_it(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    _open_third_from_the_library(qtbot, w)
    qtbot.keyClick(w.reading.columns[0].view, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.AltModifier)  # Go to Codebook
    settle_layout(qtbot, w)
    assert w.codebook_dock.isVisible() and w.codebook_dock.isAncestorOf(QApplication.focusWidget())
    assert not w.library_dock.isVisible() and not w.inspector_dock.isVisible()
    close_window(w)


def test_a_panel_opened_for_a_task_is_not_folded(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    qtbot.keyClick(w.reading.columns[0].view, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)  # passages
    qtbot.waitUntil(w.passages_dock.isVisible, timeout=3000)
    _open_third_from_the_library(qtbot, w)
    assert w.passages_dock.isVisible()  # the person's task stays on screen
    assert not any(d.isVisible() for d in _panels(w))
    close_window(w)
