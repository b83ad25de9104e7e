"""Screen-reader names without a Python call for every event of the application: the naming hears only the main
window's own events, names a control made later once it is painted, and the focused control at once."""
from __future__ import annotations

from types import MethodType

from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton
from workspace_helpers import close_window, open_window

from rednote_desk.gui.accessibility import AccessibleNames


def test_opening_columns_and_compare_is_heard_only_through_the_windows_own_events(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    names = w.accessible_names
    heard = []
    monkeypatch.setattr(names, "eventFilter", MethodType(lambda self, obj, event: (
        heard.append(obj), AccessibleNames.eventFilter(self, obj, event))[1], names))
    for column in list(w.reading.columns):
        w.reading.close_column(column)
    for document in w.project.documents()[:3]:
        w.open_document(document.id, new_column=True)
    w.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w._compare_view is not None, timeout=5000)
    qtbot.wait(100)
    assert heard and all(obj is w for obj in heard)  # not every event of every widget
    assert w.compare_view.documents_button.accessibleName() == "Documents to compare"  # hand-written, view made now
    close_window(w)


def test_a_control_made_later_is_named_once_painted(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    button = QToolButton()
    button.setText("+")
    button.setToolTip("Zoom in (Ctrl++)")
    w.library.layout().addWidget(button)
    button.show()
    assert button.accessibleName() == ""  # not in the turn that made it
    qtbot.waitUntil(lambda: button.accessibleName() == "Zoom in", timeout=2000)
    close_window(w)


def test_a_nameless_control_is_named_when_it_gets_the_focus(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    edit = QLineEdit()
    edit.setPlaceholderText("Quick note")
    w.library.layout().addWidget(edit)
    edit.show()
    edit.setFocus()  # in the same turn: no paint and no sweep yet
    assert QApplication.focusWidget() is edit
    assert edit.accessibleName() == "Quick note"
    close_window(w)
