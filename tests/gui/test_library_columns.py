"""The Library's date and count columns are as wide as their widest cells, measured once per change of the rows on
the rows the model says are widest, not again at every show or resize of the panel."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from rednote_desk.gui.library import LibraryPanel
from rednote_desk.gui.library_columns import COUNT, DATE, LibraryColumns


def _documents(n: int, *, big_at: int) -> list[dict]:
    return [{"id": i, "title": f"Article {i}", "outlet": "Outlet", "url": None,
             "published": "2025-01-02" if i % 7 else "2024-12-31", "source_name": "",
             "annotations": 123456 if i == big_at else i % 40} for i in range(n)]


def _panel(qtbot, documents):
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    columns = LibraryColumns(panel.table)
    panel.show()
    qtbot.waitExposed(panel)
    panel.refresh(documents)
    return panel, columns


def _measured(monkeypatch, columns):
    calls = []
    real = columns.content_width
    monkeypatch.setattr(columns, "content_width", lambda column: (calls.append(column), real(column))[1])
    return calls


def test_the_count_column_fits_the_widest_count_anywhere_in_the_rows(qtbot):
    panel, columns = _panel(qtbot, _documents(3000, big_at=2500))  # far outside Qt's 200-row sample
    header = panel.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(COUNT) > header.sectionSizeHint(COUNT), timeout=2000)
    header.setResizeContentsPrecision(-1)  # Qt's own measure over every row, for comparison
    for column in (DATE, COUNT):
        expected = max(header.sectionSizeHint(column), panel.table.sizeHintForColumn(column))
        assert columns.content_width(column) == expected
    assert header.sectionSize(COUNT) == columns.content_width(COUNT)
    assert header.sectionResizeMode(COUNT) == QHeaderView.ResizeMode.Fixed  # Qt does not measure again itself


def test_showing_and_resizing_the_panel_measures_nothing_again(qtbot, monkeypatch):
    panel, columns = _panel(qtbot, _documents(2000, big_at=5))
    qtbot.wait(20)
    calls = _measured(monkeypatch, columns)
    for width in (300, 500, 380):
        panel.hide()
        panel.resize(width, 500)
        panel.show()
        qtbot.waitExposed(panel)
    panel.model.sort(2)  # sorting moves rows, it changes no width
    qtbot.wait(20)
    assert calls == []


def test_a_change_of_the_rows_is_measured_once_and_then_shown(qtbot, monkeypatch):
    panel, columns = _panel(qtbot, _documents(2000, big_at=5))
    qtbot.wait(20)
    header = panel.table.horizontalHeader()
    narrow = header.sectionSize(COUNT)
    calls = _measured(monkeypatch, columns)
    panel.update_counts({7: 9_876_543})  # a cell's dataChanged
    panel.update_counts({8: 1}, every=True)  # and one over the whole column, in the same turn
    assert calls == []  # not yet: once for the turn
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)
    qtbot.wait(20)
    assert sorted(calls) == [DATE, COUNT]
    assert header.sectionSize(COUNT) < narrow  # every other count went: the column is narrower than "123456"
    calls.clear()
    panel.hide()
    panel.on_filter_text_changed("Article 1")  # rows changed while the Library is folded: measured when it is back
    qtbot.wait(20)
    assert calls == []
    panel.show()
    qtbot.waitExposed(panel)
    assert sorted(calls) == [DATE, COUNT]
