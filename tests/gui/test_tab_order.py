"""Tab from the Library goes through the panels in reading order — the left panels, the main tabs, each open
column (its header buttons before its text), the panels on the right, the status bar — also after columns are
opened, moved or the window is narrowed; and the main controls carry hand-written accessible names."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QStatusBar
from workspace_helpers import close_window, open_window


def _panel(w, widget) -> str:
    if widget is w.tabs.tabBar():
        return "tabs"
    for n, column in enumerate(w.reading.columns, 1):
        if column.isAncestorOf(widget):
            return f"column {n}"
    parent = widget
    while parent is not None:
        if isinstance(parent, QDockWidget):
            return parent.windowTitle()
        if isinstance(parent, QStatusBar):
            return "status bar"
        parent = parent.parentWidget()
    return "elsewhere"


def _tab_through(qtbot, w, presses: int = 40) -> list[str]:
    """The panels focus visits on Tab from the Library's filter, until it comes back (consecutive repeats
    collapsed)."""
    w.library.filter.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.library.filter, timeout=2000)
    visited = []
    for _ in range(presses):
        panel = _panel(w, QApplication.focusWidget())
        if not visited or visited[-1] != panel:
            visited.append(panel)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is w.library.filter:
            break
    return visited


def _select_in_last_column(w):
    column = w.reading.columns[-1]
    start = column.view.text().index("RedNote")
    annotation = w.project.add_annotation(document_id=column.document.id, start=start, end=start + 7)
    annotation = annotation[0] if isinstance(annotation, tuple) else annotation
    w.refresh_annotations(column.document.id)
    w.select_annotation(column.document.id, annotation.id)


def test_tab_goes_through_the_panels_in_reading_order(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    _select_in_last_column(w)  # the Annotation panel has its note and buttons to reach
    qtbot.wait(20)
    assert _tab_through(qtbot, w) == ["Library", "Codebook", "tabs", "column 1", "column 2", "Annotation",
                                      "status bar"]
    close_window(w)


def test_a_column_opened_later_and_a_narrow_window_keep_the_reading_order(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    third = next(d for d in w.project.documents() if d.id not in w.reading.document_ids())
    w.open_document(third.id, new_column=True)  # made after everything else
    w.resize(1024, 700)  # the Annotation panel moves under the Codebook
    qtbot.waitUntil(lambda: w.dockWidgetArea(w.inspector_dock) == Qt.DockWidgetArea.LeftDockWidgetArea,
                    timeout=3000)
    qtbot.waitUntil(lambda: not w.inspector_dock.isVisible(), timeout=3000)  # folded for three columns
    w.side_panels.action.trigger()  # the person brings the panels back beside the three columns
    qtbot.wait(100)
    assert all(d.isVisible() for d in (w.library_dock, w.codebook_dock, w.inspector_dock))
    _select_in_last_column(w)
    qtbot.wait(30)
    assert _tab_through(qtbot, w, 60) == ["Library", "Codebook", "Annotation", "tabs", "column 1", "column 2",
                                          "column 3", "status bar"]
    close_window(w)


def test_column_buttons_come_before_their_text(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    column = w.reading.columns[0]
    w.tabs.tabBar().setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.tabs.tabBar(), timeout=2000)
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[-1] is column.view
    assert [b.accessibleName() for b in seen[:3]] == [
        f"Move the column of {column.header_name()} left", f"Move the column of {column.header_name()} right",
        f"Close the column of {column.header_name()}"]
    close_window(w)


def test_the_main_controls_have_hand_written_names_and_descriptions(qtbot, tmp_path):
    from rednote_desk.gui.control_names import COMPARE_VIEW, DIFF_VIEW, MAIN_WINDOW, _resolve

    w = open_window(qtbot, tmp_path, 1280, 800)
    qtbot.wait(20)
    for path, name, description in MAIN_WINDOW:
        widget = _resolve(w, path)
        assert widget is not None, path  # the table names controls the window really has
        assert widget.accessibleName() == name, path
        assert widget.accessibleDescription() == description, path
    assert w.library.table.accessibleName() == "Documents"  # not the generated "Library list"
    w.tabs.setCurrentIndex(2)  # the diff view, built on first use
    w.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.compare_view.comparison is not None, timeout=20000)
    for view, controls in ((w.compare_view, COMPARE_VIEW), (w.diff_view, DIFF_VIEW)):
        for path, name, _description in controls:
            assert _resolve(view, path).accessibleName() == name, path
    close_window(w)
