"""Opening and closing reading columns does only the work that changed (issue 10, "never stall on a large
project"): the splitter keeps the link map between two columns that stay neighbours, a column opened beside a
scrolled one leaves that one's text in place, and the active column's border is painted without moving any text."""
from __future__ import annotations

from PySide6.QtGui import QColor

from rednote_desk.core.models import Annotation, Document
from rednote_desk.gui.annotated_view import Highlight
from rednote_desk.gui.reading_area import ACTIVE_COLOR, LinkMap, ReadingArea

LONG = "\n\n".join(f"Paragraph {i}: the port strike left {700 + i} workers idle on Monday, officials said, "
                   "and the union called it a lockout." for i in range(120))


def _area(qtbot, width=1000, height=500) -> ReadingArea:
    area = ReadingArea()
    qtbot.addWidget(area)
    area.resize(width, height)
    area.show()
    qtbot.waitExposed(area)
    return area


def _splitter_widgets(area: ReadingArea) -> list:
    return [area.splitter.widget(i) for i in range(area.splitter.count())]


def test_a_link_map_between_the_same_neighbours_is_kept_and_the_splitter_follows_the_columns(qtbot):
    area = _area(qtbot)
    docs = [Document(i, f"Doc {i}", f"Statement {i} about the strike.", outlet=f"Outlet {i}") for i in (1, 2, 3)]
    first, second = (area.open_document(d, new_column=True) for d in docs[:2])
    for d in docs:  # one claim stated in every document
        if area.column_for(d.id) is not None:
            area.set_annotations(d.id, [Highlight(d.id * 10, 0, 9, (), claim_id=7)],
                                 [Annotation(d.id * 10, d.id, 0, 9, "Statement", claim_id=7)])
    kept = area.linkmaps[0]
    assert kept.links == [(7, 10, 20)]
    third = area.open_document(docs[2], new_column=True)
    area.set_annotations(3, [Highlight(30, 0, 9, (), claim_id=7)], [Annotation(30, 3, 0, 9, "Statement", claim_id=7)])
    assert area.linkmaps[0] is kept  # not made again: the first two columns are still neighbours
    assert _splitter_widgets(area) == [first, kept, second, area.linkmaps[1], third]
    assert [m.links for m in area.linkmaps] == [[(7, 10, 20)], [(7, 20, 30)]]

    area.move_column(third, -1)
    assert area.document_ids() == [1, 3, 2]
    assert _splitter_widgets(area) == [first, area.linkmaps[0], third, area.linkmaps[1], second]
    assert [(m.left, m.right) for m in area.linkmaps] == [(first, third), (third, second)]
    assert [m.links for m in area.linkmaps] == [[(7, 10, 30)], [(7, 30, 20)]]

    area.close_column(third)
    assert _splitter_widgets(area) == [first, area.linkmaps[0], second]
    assert [(m.left, m.right) for m in area.linkmaps] == [(first, second)]
    assert sum(isinstance(w, LinkMap) for w in _splitter_widgets(area)) == 1
    assert area.linkmaps[0].links == [(7, 10, 20)]


def test_a_scrolled_column_keeps_its_text_in_place_when_a_column_opens_beside_it(qtbot):
    area = _area(qtbot)
    column = area.open_document(Document(1, "Long", LONG, outlet="Left"), new_column=True)
    view = column.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(20)
    first = view.first_visible()
    assert first > 0 and first == view.visible_range()[0]
    width = view.viewport().width()

    other = area.open_document(Document(2, "Other", LONG, outlet="Right"), new_column=True)
    qtbot.waitUntil(lambda: view.viewport().width() < width - 100)  # the text reflowed into half the room
    line = view.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: abs(view.offset_y(first)) <= line)  # the same text at the top
    assert other.view.first_visible() == 0  # a new column opens at its start


def test_the_active_border_is_painted_in_a_margin_both_states_keep(qtbot):
    area = _area(qtbot)
    left = area.open_document(Document(1, "A", LONG, outlet="Left"), new_column=True)
    right = area.open_document(Document(2, "B", LONG, outlet="Right"), new_column=True)
    qtbot.wait(20)

    def state(column):
        image = column.grab().toImage()
        edge = image.pixelColor(0, image.height() // 2)
        return edge, column.view.geometry(), column.view.visible_range()

    area.set_active(left)
    qtbot.wait(10)
    red = QColor(ACTIVE_COLOR)
    left_edge, left_geometry, left_text = state(left)
    right_edge, right_geometry, right_text = state(right)
    assert left_edge == red and right_edge != red
    area.set_active(right)
    qtbot.wait(10)
    assert state(left)[0] != red and state(right)[0] == red
    assert state(left)[1:] == (left_geometry, left_text) and state(right)[1:] == (right_geometry, right_text)
    assert not left.styleSheet() and not right.styleSheet()  # no style sheet restyling each column's widgets
