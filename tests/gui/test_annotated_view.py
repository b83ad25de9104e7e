"""The reading view: selections in code points, highlights painted from the interval index, clicks."""
from __future__ import annotations

from PySide6.QtGui import QTextCursor

from rednote_desk.core.models import Document
from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight
from rednote_desk.gui.reading_area import ReadingArea

TEXT = "♬ оригинальный звук – 𝓞𝓹𝓮𝓻𝓪 🚢\nAfter the emoji, 700,000 new users joined RedNote.\n\nSecond paragraph."


def _view(qtbot, text=TEXT):
    view = AnnotatedTextView()
    qtbot.addWidget(view)
    view.set_text(text)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_selection_after_astral_characters_is_in_code_points(qtbot):
    view = _view(qtbot)
    start = TEXT.index("700,000")
    u16_start = len(TEXT[:start].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(u16_start - 1)  # include the space before: trimmed away
    cursor.setPosition(u16_start + len("700,000 new users") + 1, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == (start, start + len("700,000 new users"))
    assert TEXT[slice(*view.selected_span())] == "700,000 new users"


def test_selection_across_paragraphs_keeps_newlines_and_never_splits_a_pair(qtbot):
    view = _view(qtbot)
    astral = TEXT.index("𝓞")
    cursor = view.textCursor()
    u16 = len(TEXT[:astral].encode("utf-16-le")) // 2
    cursor.setPosition(u16 + 1)  # inside the surrogate pair of 𝓞
    cursor.setPosition(len(TEXT.encode("utf-16-le")) // 2 - len("paragraph."), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    start, end = view.selected_span()
    assert start == astral
    quote = TEXT[start:end]
    assert "\u2029" not in quote and "\n\n" in quote


def test_select_span_round_trips(qtbot):
    view = _view(qtbot)
    start = TEXT.index("RedNote")
    view.select_span(start, start + 7)
    assert view.textCursor().selectedText() == "RedNote"
    assert view.selected_span() == (start, start + 7)


def test_click_on_a_highlight_selects_it_and_tooltip_lists_tags(qtbot):
    view = _view(qtbot)
    start = TEXT.index("700,000")
    view.set_highlights([Highlight(7, start, start + 17, ("#ff0000",), "Statistic")])
    view.select_span(start + 3, start + 3)
    rect = view.cursorRect()
    assert view.annotations_at(rect.center()) == [7]
    with qtbot.waitSignal(view.annotation_clicked) as blocker:
        qtbot.mouseClick(view.viewport(), __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert blocker.args == [7]


def test_highlight_is_painted_in_its_colour(qtbot):
    view = _view(qtbot, "plain words here and there " * 3)
    before = view.viewport().grab().toImage()
    view.set_highlights([Highlight(1, 0, 20, ("#00c000",))])
    qtbot.wait(10)
    after = view.viewport().grab().toImage()
    greenish = 0
    for x in range(0, min(after.width(), 200), 2):
        for y in range(0, 40, 2):
            c = after.pixelColor(x, y)
            if c.green() > c.red() + 40 and c != before.pixelColor(x, y):
                greenish += 1
    assert greenish > 20


def test_reading_area_links_claims_between_adjacent_columns(qtbot):
    from rednote_desk.core.models import Annotation

    area = ReadingArea()
    qtbot.addWidget(area)
    area.resize(1000, 500)
    a = Document(1, "A", "one two three four", outlet="Left")
    b = Document(2, "B", "five six seven eight", outlet="Right")
    area.open_document(a, new_column=True)
    area.open_document(b, new_column=True)
    assert area.document_ids() == [1, 2] and len(area.linkmaps) == 1
    ann_a = Annotation(10, 1, 4, 7, "two", claim_id=5)
    ann_b = Annotation(20, 2, 5, 8, "six", claim_id=5)
    other = Annotation(21, 2, 0, 4, "five", claim_id=6)
    area.set_annotations(1, [Highlight(10, 4, 7, (), claim_id=5)], [ann_a])
    area.set_annotations(2, [Highlight(20, 5, 8, (), claim_id=5), Highlight(21, 0, 4, (), claim_id=6)],
                         [ann_b, other])
    assert area.linkmaps[0].links == [(5, 10, 20)]
    area.move_column(area.columns[1], -1)
    assert area.document_ids() == [2, 1]
    assert area.linkmaps[0].links == [(5, 20, 10)]
    area.close_column(area.columns[0])
    assert area.document_ids() == [1] and area.linkmaps == []


def test_highlight_in_the_middle_of_one_giant_paragraph_is_painted_where_it_is(qtbot):
    text = ("word " * 40_000).strip()  # 200 KB, no line break: one block of thousands of lines
    view = _view(qtbot, text)
    middle = len(text) // 2 - (len(text) // 2) % 5
    view.set_highlights([Highlight(1, middle, middle + 60, ("#00c000",)), Highlight(2, 10, 20, ("#0000ff",))])
    view.scroll_to_offset(middle)
    qtbot.wait(20)
    image = view.viewport().grab().toImage()
    rect = view.cursorRect()
    green = sum(1 for x in range(rect.left(), min(rect.left() + 200, image.width()), 3)
                for y in range(max(0, rect.top()), min(rect.bottom(), image.height()))
                if image.pixelColor(x, y).green() > image.pixelColor(x, y).red() + 40)
    blue = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).blue() > image.pixelColor(x, y).red() + 80)
    assert green > 5, (rect, [image.pixelColor(x, rect.top() + 8).getRgb() for x in range(rect.left(), rect.left() + 60, 10)])
    assert blue == 0, "a highlight far above the viewport is not"
