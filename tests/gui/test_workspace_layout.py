"""The workspace at laptop size: readable columns at 1,024 × 700 and 1,280 × 800, side panels that never resize
themselves, and a squeezed layout that is neither saved nor restored."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from workspace_helpers import median_chars_per_line, open_window

from rednote_desk.gui.window_layout import layout_is_sane


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, width, height):
    settings_path = settings.fileName()
    return open_window(qtbot, Path(settings_path).parent, width, height)


def _dock_widths(w):
    return [d.width() for d in (w.library_dock, w.codebook_dock, w.inspector_dock)]


def test_two_readable_columns_at_1024x700(qtbot, settings):
    w = _window(qtbot, settings, 1024, 700)
    assert len(w.reading.columns) == 2
    assert all(d.isVisible() for d in (w.library_dock, w.codebook_dock, w.inspector_dock))
    for column in w.reading.columns:
        assert median_chars_per_line(column.view) >= 45  # beside the panels, shown as they are by default
    assert w.minimumSizeHint().width() <= 1024
    w.close()


def test_three_columns_of_45_characters_at_1280x800_in_the_default_layout(qtbot, settings):
    w = _window(qtbot, settings, 1280, 800)
    panels = (w.library_dock, w.codebook_dock, w.inspector_dock)
    assert all(d.isVisible() for d in panels)  # beside two columns
    third = next(d for d in w.project.documents() if d.id not in w.reading.document_ids())
    w.library.select_document(third.id)  # as a person opens a third: Ctrl+Enter in the Library
    w.library.table.setFocus()
    qtbot.keyClick(w.library.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert len(w.reading.columns) == 3
    for column in w.reading.columns:
        assert median_chars_per_line(column.view) >= 45
    assert not any(d.isVisible() for d in panels)  # folded to the strip of their names on the left edge
    strip = w.side_panels.strip
    assert strip.isVisible() and strip.width() <= 30
    assert [b.text() for b in strip.buttons.values()] == ["Library", "Codebook", "Annotation"]
    assert "folded" in w.statusBar().currentMessage()
    qtbot.keyClick(w, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(30)
    assert all(d.isVisible() for d in panels) and not strip.isVisible()  # all back in one shortcut
    w.side_panels.action.trigger()  # and the person can still give the texts the whole width
    qtbot.wait(30)
    assert not any(d.isVisible() for d in panels)
    w.close()


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
def test_selecting_an_annotation_and_opening_compare_never_resize_the_panels(qtbot, settings, size):
    w = _window(qtbot, settings, *size)
    column = w.reading.columns[0]
    text = column.view.text()
    start = text.index("RedNote")
    annotation = w.project.add_annotation(document_id=column.document.id, start=start, end=start + 7, note="n" * 300)
    annotation_id = (annotation[0] if isinstance(annotation, tuple) else annotation).id
    w.refresh_annotations(column.document.id)
    widths = _dock_widths(w)
    w.select_annotation(column.document.id, annotation_id)
    qtbot.wait(30)
    assert w.inspector.annotation.id == annotation_id
    assert _dock_widths(w) == widths
    w.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not w.compare_view.is_busy(), timeout=20000)
    qtbot.wait(30)
    assert _dock_widths(w) == widths
    assert w.minimumSizeHint().width() <= 1024
    w.close()


def test_a_squeezed_layout_is_not_saved_and_not_restored(qtbot, settings):
    w = _window(qtbot, settings, 1024, 700)
    assert layout_is_sane(w)
    w.resizeDocks([w.library_dock], [800], Qt.Orientation.Horizontal)  # the texts lose most of the width
    qtbot.wait(30)
    assert not layout_is_sane(w)
    squeezed = w.saveState()
    w.close()
    settings.sync()
    assert settings.value("geometry") is not None  # the window did save its settings here
    assert settings.value("window_state") is None  # but not the squeezed layout
    settings.setValue("window_state", squeezed)  # as an older version would have saved it
    settings.sync()
    again = _window(qtbot, settings, 1024, 700)
    assert layout_is_sane(again)  # the first-launch layout instead
    again.close()


def test_scroll_positions_come_back_on_relaunch(qtbot, settings):
    w = _window(qtbot, settings, 1280, 800)
    w.reading.set_sync_scrolling(False)
    firsts = {}
    for share, column in zip((2, 3), w.reading.columns, strict=True):  # each column somewhere else
        bar = column.view.verticalScrollBar()
        bar.setValue(bar.maximum() // share)
        qtbot.wait(20)
        firsts[column.document.id] = column.view.visible_range()[0]
    assert all(firsts.values())
    w.close()
    settings.sync()
    again = _window(qtbot, settings, 1280, 800)
    qtbot.wait(30)
    for document_id, first in firsts.items():
        view = again.reading.column_for(document_id).view
        assert abs(view.offset_y(first)) <= 2 * view.fontMetrics().lineSpacing()  # the same text at the top
    again.close()


def test_collapsing_the_side_panels_keeps_the_same_text_at_the_top(qtbot, settings):
    w = _window(qtbot, settings, 1024, 700)
    view = w.reading.columns[0].view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(20)
    first = view.visible_range()[0]
    width = view.viewport().width()
    w.side_panels.set_hidden(True)
    qtbot.wait(50)
    assert view.viewport().width() > width + 80  # the text reflowed into the new width (less the strip of names)
    assert abs(view.offset_y(first)) <= view.fontMetrics().lineSpacing()
    w.close()


def test_synchronised_scrolling_follows_the_shared_sentences(qtbot, settings):
    w = _window(qtbot, settings, 1280, 800)
    shared = ["The storm closed the harbour on Monday.", "Officials said 3,000 homes lost power.",
              "Schools will reopen on Thursday, the mayor said."]
    intro = "\n".join(f"Background sentence number {i} about the region's long history." for i in range(150))
    tail = "\n".join(f"Closing remark {i} on what comes next for the town." for i in range(150))
    short, _ = w.project.add_document(title="Short", text="\n".join(shared) + "\n" + tail, text_sha256="s1",
                                      outlet="Short Post")
    more = "\n".join(f"Another view {i} from the neighbouring county's council." for i in range(60))
    long, _ = w.project.add_document(title="Long", text=intro + "\n" + "\n".join(shared) + "\n" + more,
                                     text_sha256="l1", outlet="Long Times")
    for column in list(w.reading.columns):
        w.reading.close_column(column)
    w.open_document(long.id, new_column=True)
    w.open_document(short.id, new_column=True)
    assert w.sync_action.isChecked()
    long_view, short_view = (w.reading.column_for(i).view for i in (long.id, short.id))
    qtbot.wait(400)
    assert not w.alignment.alignments  # opening starts no alignment work: the first scroll of a person does
    long_view.verticalScrollBar().triggerAction(long_view.verticalScrollBar().SliderAction.SliderSingleStepAdd)
    qtbot.waitUntil(lambda: bool(w.reading._scroll_anchors.get((long.id, short.id))), timeout=20000)
    qtbot.wait(100)  # laid out, as before a person scrolls
    target = long.text.index(shared[1])
    long_view.scroll_offset_to_y(target, 0)  # the user scrolls the long text to the shared statement
    qtbot.wait(20)
    assert abs(long_view.offset_y(target)) <= 16
    line = short_view.fontMetrics().lineSpacing()
    counterpart = short.text.index(shared[1])
    assert abs(short_view.offset_y(counterpart) - long_view.offset_y(target)) <= 2 * line
    # proportional scrolling would have sent the short text near its end
    assert short_view.verticalScrollBar().value() < short_view.verticalScrollBar().maximum() // 4
    w.close()
