"""The core gesture at laptop size: click into any column, select, tag, link — the text never moves under the
mouse, a linked statement clicked in any column lines its claim up, curves never run over the headers."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from workspace_helpers import close_window, open_window, settle_layout

QUOTES = {"000": "approximately half a million", "002": "more than 700,000 American users"}


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    yield w
    close_window(w)


def _doc_id(window, prefix: str) -> int:
    return next(d.id for d in window.project.documents() if d.source_name.startswith(prefix))


def _linked_claim(window) -> dict[int, int]:
    """Annotate QUOTES in two columns and link them as one claim; returns document id -> annotation id."""
    ids = {}
    project = window.project
    for prefix, quote in QUOTES.items():
        doc_id = _doc_id(window, prefix)
        window.open_document(doc_id, new_column=True)
        start = project.document(doc_id).text.index(quote)
        result = project.add_annotation(document_id=doc_id, start=start, end=start + len(quote))
        ids[doc_id] = (result[0] if isinstance(result, tuple) else result).id
    project.link_claim(list(ids.values()), label="how many joined")
    for doc_id in ids:
        window.refresh_annotations(doc_id)
    return ids


def _point_in(view, annotation_id: int) -> QPoint:
    h = view.highlight(annotation_id)
    rect = view._rect_of(view._u16.to_utf16(h.start) + 2)
    return QPoint(int(rect.center().x()), int(rect.center().y()))


def test_activating_a_column_does_not_change_its_geometry(window, qtbot):
    columns = window.reading.columns
    assert len(columns) >= 2
    inactive = next(c for c in columns if c is not window.reading.active)
    width, first = inactive.view.viewport().width(), inactive.view.visible_range()[0]
    qtbot.mouseClick(inactive.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    qtbot.wait(20)
    assert window.reading.active is inactive
    assert inactive.view.viewport().width() == width
    assert inactive.view.visible_range()[0] == first


@pytest.mark.parametrize("clicked", [0, 1])
def test_clicking_a_linked_highlight_in_any_column_lines_up_the_claim(window, qtbot, clicked):
    ids = _linked_claim(window)
    columns = [window.reading.column_for(d) for d in ids]
    target = columns[clicked]
    window.reading.set_active(columns[1 - clicked])  # the click goes into a column that is not the active one
    annotation_id = ids[target.document.id]
    settle_layout(qtbot, window)  # the fourth column folded the side panels for the texts
    target.view.scroll_to_offset(window.project.annotation(annotation_id).start_offset)
    qtbot.wait(20)
    width = target.view.viewport().width()
    qtbot.mouseClick(target.view.viewport(), Qt.MouseButton.LeftButton, pos=_point_in(target.view, annotation_id))
    qtbot.wait(50)
    assert window.reading.active is target
    assert target.view.viewport().width() == width  # no reflow: not the column, not the Annotation panel
    assert target.view.selected_annotation() == annotation_id
    assert window.inspector.annotation is not None and window.inspector.annotation.id == annotation_id
    ys = []
    for column in columns:
        start = window.project.annotation(ids[column.document.id]).start_offset
        y = column.view.offset_y(start)
        assert 0 <= y <= column.view.viewport().height(), "the statement is on screen"
        ys.append(y)
    assert abs(ys[0] - ys[1]) <= 2 * target.view.fontMetrics().lineSpacing()


def test_link_curves_stay_below_the_headers_when_statements_are_off_screen(window, qtbot):
    window.sync_action.setChecked(False)
    window.on_sync_toggled(False)
    window.reading.close_column(window.reading.column_for(_doc_id(window, "001")))
    ids = _linked_claim(window)
    columns = [window.reading.column_for(d) for d in ids]
    assert window.reading.columns.index(columns[1]) - window.reading.columns.index(columns[0]) == 1
    for column in columns:  # both statements scrolled far above the top of the texts
        column.view.verticalScrollBar().setValue(column.view.verticalScrollBar().maximum())
    qtbot.wait(20)
    linkmap = next(m for m in window.reading.linkmaps if m.right is columns[1])
    assert linkmap.links
    top, bottom = linkmap.band()
    header_bottom = max(c.meta_label.geometry().bottom() for c in columns)
    assert top >= header_bottom
    image = linkmap.grab().toImage()
    background = linkmap.palette().window().color()
    ratio = image.height() / max(1, linkmap.height())
    for y in range(0, int(top * ratio) - 1):
        for x in range(0, image.width(), 3):
            assert QColor(image.pixel(x, y)) == background, f"a curve is drawn at y={y}, over the headers"


def test_column_headers_are_two_lines_whatever_the_title(window, qtbot):
    columns = window.reading.columns
    long_title = window.project.document(_doc_id(window, "001")).title
    assert len(long_title) > 100
    window.open_document(_doc_id(window, "001"), new_column=True)
    tops = {c.view.geometry().top() for c in window.reading.columns}
    assert len(tops) == 1, "every text starts at the same height"
    column = window.reading.column_for(_doc_id(window, "001"))
    assert column.title_label.toolTip() == " ".join(long_title.split())
    assert column.title_label.displayed_text().endswith("…")
    assert ".txt" not in column.meta_label.text()  # never a file name as the outlet
    assert all(c.meta_label.text().count(" · ") >= 1 for c in columns)


def _fill_four_columns(window):
    for d in window.project.documents()[:4]:
        window.open_document(d.id, new_column=True)
    assert len(window.reading.columns) == 4


def test_a_fifth_document_asks_which_column_to_replace(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    _fill_four_columns(window)
    before = window.reading.document_ids()
    fifth = window.project.documents()[4]
    asked = []

    def keep_all(parent, title, label, items, current, editable):
        asked.append(items)
        return items[0], False  # Cancel

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(keep_all))
    assert window.open_document(fifth.id, new_column=True) is None
    assert window.reading.document_ids() == before and len(asked[0]) == 4
    assert not any(".txt" in item for item in asked[0])

    def second(parent, title, label, items, current, editable):
        return next(i for i in items if i.startswith("2. ")), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(second))
    window.on_importer_imported([fifth.id])  # the import path asks too
    assert window.reading.document_ids() == [before[0], fifth.id, before[2], before[3]]


def test_link_curves_and_linked_markers_share_one_colour(window, qtbot):
    from rednote_desk.gui.colors import LINK_COLOR

    window.reading.close_column(window.reading.column_for(_doc_id(window, "001")))
    ids = _linked_claim(window)
    first = next(iter(ids))
    window.select_annotation(first, ids[first])
    qtbot.wait(50)
    wanted = QColor(LINK_COLOR).rgb() & 0xFFFFFF

    def colours(widget):
        image = widget.grab().toImage()
        return {image.pixel(x, y) & 0xFFFFFF for x in range(0, image.width()) for y in range(0, image.height(), 2)}

    assert wanted in colours(window.reading.linkmaps[0])
    for doc_id in ids:
        assert wanted in colours(window.reading.column_for(doc_id).view.viewport())


def test_selecting_a_linked_statement_off_screen_lines_up_with_synchronised_scrolling_on(window, qtbot):
    assert window.sync_action.isChecked()
    ids = _linked_claim(window)
    first, second = ids
    window.select_annotation(first, ids[first])  # scrolls the column to it (deferred), then aligns the claim
    qtbot.wait(50)
    ys = []
    for doc_id, annotation_id in ids.items():
        view = window.reading.column_for(doc_id).view
        y = view.offset_y(window.project.annotation(annotation_id).start_offset)
        assert 0 <= y <= view.viewport().height()
        ys.append(y)
    assert abs(ys[0] - ys[1]) <= 2 * window.reading.column_for(first).view.fontMetrics().lineSpacing()


def test_the_annotation_panel_names_the_outlets_stating_the_claim(window, qtbot, monkeypatch):
    ids = _linked_claim(window)
    monkeypatch.setattr(window.project, "document_summaries",
                        lambda: pytest.fail("the whole library was read to name two outlets"))
    first = next(iter(ids))
    window.select_annotation(first, ids[first])
    text = window.inspector.claim.text()
    assert "Explainer blog" in text and "BigTech.news" in text and ".txt" not in text
