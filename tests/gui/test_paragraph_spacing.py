"""Paragraphs in the reading view have visible space between them (the same whether the text separates them
with one line break or a blank line), and nothing about positions changes: clicks, selections, highlights and
code point offsets (astral characters included) land on the same characters as before."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight

TEXT = ("The storm 🌊 closed the harbour on Monday.\n"
        "Officials said 3,000 homes lost power.\n  \n"
        "Schools 𝓞 will reopen on Thursday.")


def _view(qtbot, text: str = TEXT) -> AnnotatedTextView:
    view = AnnotatedTextView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.set_text(text)
    view.show()
    qtbot.waitExposed(view)
    return view


def _top(view, cp: int) -> float:
    return view.offset_y(cp)


def test_paragraphs_are_spaced_the_same_after_a_line_break_or_a_blank_line(qtbot):
    view = _view(qtbot)
    line = view.fontMetrics().lineSpacing()
    first, second = 0, TEXT.index("Officials")
    third = TEXT.index("Schools")
    step_one = _top(view, second) - _top(view, first)  # one line of text, then the gap
    step_two = _top(view, third) - _top(view, second)  # one line, a blank line (two spaces), the gap
    assert step_one >= line + 0.4 * line  # visible spacing
    assert abs(step_two - step_one) <= 2  # a blank line collapses to the same gap
    wrapped = _view(qtbot, "word " * 400)  # lines inside one paragraph keep their normal spacing
    assert abs(_top(wrapped, 5 * 200) - _top(wrapped, 0)) < 200 * line


def test_clicks_selections_and_highlights_keep_their_characters(qtbot):
    view = _view(qtbot)
    start = TEXT.index("Schools")
    end = start + len("Schools 𝓞 will")
    view.select_span(start, end)
    assert view.selected_span() == (start, end)  # code points, through the astral 𝓞 and 🌊 before it
    # a click on the middle of the third paragraph's line hits that paragraph
    y = int(_top(view, start) + view.fontMetrics().height() / 2)
    hit = view.offset_at(QPoint(40, y))
    assert start <= hit < end, (hit, start)
    # a highlight is painted where its text is
    view.set_highlights([Highlight(7, start, end, ("#ffcc00",))])
    top, _bottom = view.y_range(7)
    assert abs(top - _top(view, start)) <= 2


def test_a_click_in_the_gap_between_paragraphs_lands_at_a_paragraph_edge(qtbot):
    view = _view(qtbot)
    second = TEXT.index("Officials")
    gap_y = int(_top(view, second) - 2)  # just above the second paragraph: inside the gap
    hit = view.offset_at(QPoint(20, gap_y))
    assert hit <= second and TEXT[hit:second].count("\n") <= 1, hit  # in the first paragraph, not beyond
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, gap_y))  # no error, no jump
