"""Screen readers: no focusable control of the window is nameless (symbol-only buttons included), in every tab
and panel; counts read "1 match", "2 matches"."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from workspace_helpers import close_window, open_window

from rednote_desk.core.labels import count_of
from rednote_desk.gui.accessibility import readable


def _nameless(window):
    out = []
    for w in window.findChildren(QWidget):
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        text = w.text().replace("&", "") if isinstance(w, QAbstractButton) else ""
        if not readable(w.accessibleName()) and not readable(text):
            out.append(f"{type(w).__name__} in {type(w.parentWidget()).__name__}")
    return out


def test_no_focusable_control_is_nameless(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    w.find_bar.open()
    w.passages_dock.show()
    w.search_dock.show()
    for index in (1, 2, 0):  # the comparison views are built on first use
        w.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    qtbot.wait(50)
    assert _nameless(w) == []
    symbol_buttons = [b for b in w.findChildren(QAbstractButton) if b.text() in ("◀", "▶", "✕", "▲", "▼")]
    assert symbol_buttons and all(readable(b.accessibleName()) for b in symbol_buttons)
    assert w.library.filter.accessibleName() == "Filter documents"  # hand-written (gui.control_names)
    assert w.codebook.tree.accessibleName() == "Codebook"
    assert w.search_panel.results.accessibleName() == "Search project list"  # generated: where it sits
    w.tabs.setCurrentIndex(0)
    texts = [c.view.text().casefold() for c in w.reading.columns]
    assert sum(t.count("the background of") for t in texts) == 1
    w.find_bar.edit.setText("The Background of")
    assert w.find_bar.status.text() == "1 match"
    close_window(w)


def test_find_bar_count_reads_right():
    assert count_of(1, "match", "matches") == "1 match"
    assert count_of(2, "match", "matches") == "2 matches"
    assert count_of(1, "change") == "1 change" and count_of(1204, "change") == "1,204 changes"
