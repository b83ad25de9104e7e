"""A person who resizes the window gets the same usable layout as one who launched at that size: the Annotation
panel moves under the Codebook when the window gets narrow (and back when it is wide again), the reading
columns keep 45 characters per line at 1,024 × 700, the comparison tabs fit at 1,280 × 800 without a
horizontal scroll bar, and the Library's title column keeps the room."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from workspace_helpers import close_window, median_chars_per_line, open_window

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def _resize(qtbot, w, width, height):
    w.resize(width, height)
    qtbot.wait(200)  # the adapter waits for the resize to hold still


def test_narrowing_the_window_moves_the_annotation_panel_under_the_codebook_and_back(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    assert w.dockWidgetArea(w.inspector_dock) == RIGHT
    _resize(qtbot, w, 1024, 700)
    assert w.dockWidgetArea(w.inspector_dock) == LEFT
    assert w.inspector_dock.y() > w.codebook_dock.y()  # below it, in the same column
    assert abs(w.inspector_dock.x() - w.codebook_dock.x()) <= 2
    assert w.library_dock.width() <= 0.25 * w.width()
    assert len(w.reading.columns) == 2
    for column in w.reading.columns:
        assert median_chars_per_line(column.view) >= 45
    assert all(d.height() >= 100 for d in (w.library_dock, w.codebook_dock, w.inspector_dock))
    _resize(qtbot, w, 1600, 1000)
    assert w.dockWidgetArea(w.inspector_dock) == RIGHT
    close_window(w)


def test_a_panel_the_person_placed_elsewhere_stays_there(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, w.inspector_dock)
    qtbot.wait(50)
    _resize(qtbot, w, 1024, 700)
    assert w.dockWidgetArea(w.inspector_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    close_window(w)


def _horizontal_bar_shown(page) -> bool:
    area = page.findChild(QScrollArea)
    return area.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_compare_and_diff_fit_beside_the_panels_after_a_resize(qtbot, tmp_path, size):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    _resize(qtbot, w, *size)
    w.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not w.compare_view.is_busy(), timeout=20000)
    qtbot.wait(50)
    assert not _horizontal_bar_shown(w.tabs.widget(1))
    w.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: not w.diff_view.is_busy(), timeout=20000)
    qtbot.wait(50)
    assert not _horizontal_bar_shown(w.tabs.widget(2))
    close_window(w)


def test_the_library_title_gets_the_room_when_the_panel_is_narrow(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    table = w.library.table
    header = table.horizontalHeader()
    _resize(qtbot, w, 1024, 700)
    assert header.isSectionHidden(2)  # makes way for the title in a narrow panel
    assert header.sectionSize(1) > header.sectionSize(0)  # the title wider than the outlet
    assert header.sectionSize(1) >= 0.4 * table.viewport().width()
    assert header.sectionSize(3) < 40  # the count only as wide as its digits
    w.resizeDocks([w.library_dock], [420], Qt.Orientation.Horizontal)  # the person widens the panel
    qtbot.wait(50)
    assert not header.isSectionHidden(2)
    close_window(w)


def test_hiding_the_side_panels_from_code_brings_the_same_panels_back(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    panels = (w.library_dock, w.codebook_dock, w.inspector_dock)
    w.side_panels.set_hidden(True)  # as the menu's action would, but called directly
    w.side_panels.set_hidden(True)  # twice: still the same panels to bring back
    assert w.side_panels.action.isChecked() and not any(d.isVisible() for d in panels)
    w.side_panels.set_hidden(False)
    assert not w.side_panels.action.isChecked() and all(d.isVisible() for d in panels)
    close_window(w)


def test_hiding_the_side_panels_keeps_every_synchronised_column_in_place(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    assert w.sync_action.isChecked()
    first_view = w.reading.columns[0].view
    bar = first_view.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderPageStepAdd)  # a person scrolls: the other column follows
    bar.triggerAction(bar.SliderAction.SliderPageStepAdd)
    qtbot.wait(300)
    views = [c.view for c in w.reading.columns]
    tops = [v.visible_range()[0] for v in views]
    assert all(tops)
    w.side_panels.set_hidden(True)
    qtbot.wait(300)
    for view, top in zip(views, tops, strict=True):
        assert abs(view.offset_y(top)) <= 2 * view.fontMetrics().lineSpacing(), (top, view.visible_range())
    close_window(w)


def test_a_low_annotation_panel_scrolls_to_its_buttons_instead_of_clipping_them(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1024, 700)
    column = w.reading.columns[0]
    start = column.view.text().index("RedNote")
    annotation = w.project.add_annotation(document_id=column.document.id, start=start, end=start + 7,
                                          note="a note\n" * 6)
    annotation = annotation[0] if isinstance(annotation, tuple) else annotation
    w.refresh_annotations(column.document.id)
    w.select_annotation(column.document.id, annotation.id)
    qtbot.wait(50)
    area = w.inspector_dock.widget()
    assert area.widget() is w.inspector
    for button in (w.inspector.edit_tags, w.inspector.delete):
        area.ensureWidgetVisible(button)
        qtbot.wait(20)
        top_left = button.mapTo(area.viewport(), button.rect().topLeft())
        bottom_right = button.mapTo(area.viewport(), button.rect().bottomRight())
        assert area.viewport().rect().contains(top_left) and area.viewport().rect().contains(bottom_right)
    assert area.horizontalScrollBar().maximum() == 0  # never wider than the panel
    close_window(w)
