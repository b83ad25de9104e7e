"""TagPopup: choosing tags from the keyboard."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from rednote_desk.gui.tag_popup import CHECK_AREA, CREATE_ROW, TagPopup, place_popup


def type_text(widget, text):
    """Type text the way an input method delivers it (QTest.keyClicks aborts on astral characters)."""
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text)
    )


@pytest.fixture
def tags(project):
    out = {}

    def add(path, **kw):
        *parents, name = path.split("/")
        parent_id = out["/".join(parents)] if parents else None
        added = project.add_tag(name, parent_id=parent_id, **kw)
        out[path] = getattr(added, "value", added).id  # (older code returned the tag itself)

    for path in [
        "Generic frames", "Generic frames/Conflict", "Generic frames/Human interest",
        "Generic frames/Economic consequences", "Framing dimensions", "Framing dimensions/Economic",
        "Framing dimensions/Morality", "Claim types", "Claim types/Statistic", "Claim types/Quotation",
        "𝓞𝓹𝓮𝓻𝓪 🚢",
    ]:
        add(path)
    return out


@pytest.fixture
def make_popup(qtbot, project, tags):
    def make(**kwargs):
        popup = TagPopup(project, **kwargs)
        qtbot.addWidget(popup)
        popup.emitted = []
        popup.tags_chosen.connect(popup.emitted.append)
        return popup

    return make


def test_type_ahead_finds_by_name_and_path_then_enter_emits(make_popup, qtbot, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "econ")
    assert [row[1] for row in popup.visible_rows() if row[0] == "tag"] == [
        tags["Generic frames/Economic consequences"], tags["Framing dimensions/Economic"]
    ]
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(popup.tags_chosen) as blocker:
        qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert blocker.args == [[tags["Framing dimensions/Economic"]]]
    assert not popup.isVisible()


def test_search_by_parent_path_and_astral_names(make_popup, qtbot, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "claim/quot")
    assert popup.visible_rows()[0][1] == tags["Claim types/Quotation"]
    popup.search_edit.clear()
    type_text(popup.search_edit, "𝓹𝓮𝓻")
    assert popup.search_edit.text() == "𝓹𝓮𝓻"
    assert popup.visible_rows()[0][1] == tags["𝓞𝓹𝓮𝓻𝓪 🚢"]
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Enter)
    assert popup.emitted == [[tags["𝓞𝓹𝓮𝓻𝓪 🚢"]]]


def test_recent_tags_come_first_numbered_and_number_key_picks(make_popup, qtbot, tags):
    recent = [tags["Claim types/Statistic"], tags["Generic frames/Conflict"], 9999]  # 9999 no longer exists
    popup = make_popup(recent_tag_ids=recent)
    rows = popup.visible_rows()
    assert rows[:2] == [("tag", recent[0], "1  Statistic"), ("tag", recent[1], "2  Conflict")]
    assert rows[2] == ("tag", tags["Generic frames"], "Generic frames")
    assert len(rows) == len(tags)  # every tag once
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_2)
    assert popup.emitted == [[tags["Generic frames/Conflict"]]]


def test_number_key_without_such_recent_tag_types_it(make_popup, qtbot, tags):
    popup = make_popup(recent_tag_ids=[tags["Claim types/Statistic"]])
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_3)
    assert popup.emitted == []
    assert popup.search_edit.text() == "3"


def test_space_checks_several_then_enter_emits_all(make_popup, qtbot, tags):
    popup = make_popup()
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Down)  # nothing is preselected: Down enters the list
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space)  # first row: Generic frames
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space)  # Human interest
    assert popup.checked_tag_ids() == [tags["Generic frames"], tags["Generic frames/Human interest"]]
    assert popup.search_edit.text() == ""
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == [[tags["Generic frames"], tags["Generic frames/Human interest"]]]


def test_ctrl_space_checks_while_searching_and_enter_adds_highlighted(make_popup, qtbot, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "moral")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(popup.search_edit, "stat")  # replaces the selected search text
    assert popup.search_edit.text() == "stat"
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == [[tags["Framing dimensions/Morality"], tags["Claim types/Statistic"]]]


def test_editing_preselected_tags_emits_the_new_set(make_popup, qtbot, tags):
    before = [tags["Generic frames/Conflict"], tags["Claim types/Statistic"]]
    popup = make_popup(preselected=before)
    qtbot.keyClicks(popup.search_edit, "statis")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)  # uncheck
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)  # highlighted but unchecked: not re-added
    assert popup.emitted == [[tags["Generic frames/Conflict"]]]


def test_unchecking_everything_emits_an_empty_set(make_popup, qtbot, tags):
    popup = make_popup(preselected=[tags["Generic frames"]])
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space)
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == [[]]


def test_create_row_adds_the_tag(make_popup, qtbot, project, tags):
    popup = make_popup(preselected=[tags["Generic frames/Conflict"]])
    type_text(popup.search_edit, "Blame 🚢")
    rows = popup.visible_rows()
    assert rows[-1] == (CREATE_ROW, None, "Create tag “Blame 🚢”")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Up)  # wraps to the last row
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    [created] = project.find_tags("Blame 🚢")
    assert created.parent_id is None
    assert popup.emitted == [[tags["Generic frames/Conflict"], created.id]]


def test_create_row_under_a_parent_path(make_popup, qtbot, project, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "generic frames/Responsibility")
    assert popup.visible_rows() == [(CREATE_ROW, None, "Create tag “generic frames/Responsibility”")]
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    [created] = project.find_tags("Generic frames/Responsibility")
    assert created.parent_id == tags["Generic frames"]
    assert popup.emitted == [[created.id]]


def test_create_row_errors_are_shown_and_popup_stays(make_popup, qtbot, project, tags):
    popup = make_popup()
    before = len(project.tags())
    qtbot.keyClicks(popup.search_edit, "Nowhere/" + "x" * 201)
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == []
    assert "at most 200" in popup.error_label.text() and not popup.error_label.isHidden()
    assert len(project.tags()) == before  # the missing parent was not made either: one operation


def test_create_row_makes_missing_parents_like_the_command_line(make_popup, qtbot, project, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "Nowhere/Thing")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    [created] = project.find_tags("Nowhere/Thing")
    [parent] = project.find_tags("Nowhere")
    assert created.parent_id == parent.id and parent.parent_id is None
    assert popup.emitted == [[created.id]]
    assert project.undo_label() == "Add tag “Thing”"  # parent and child: one undo step


def test_no_create_row_for_an_existing_name(make_popup, qtbot):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "conflict")
    assert all(kind != CREATE_ROW for kind, _, _ in popup.visible_rows())


def test_escape_emits_nothing(make_popup, qtbot, tags):
    popup = make_popup(recent_tag_ids=[tags["Generic frames"]])
    popup.popup_at(QPoint(10, 10))
    qtbot.waitExposed(popup)
    qtbot.keyClicks(popup.search_edit, "con")
    with qtbot.waitSignal(popup.dismissed):
        qtbot.keyClick(popup.search_edit, Qt.Key.Key_Escape)
    assert popup.emitted == []
    assert not popup.isVisible()


def test_clicks_toggle_the_check_or_choose(make_popup, qtbot, tags):
    popup = make_popup()
    popup.popup_at(QPoint(10, 10))
    qtbot.waitExposed(popup)
    viewport = popup.list.viewport()
    first, second = (popup.list.visualRect(popup.list.model().index(r, 0)) for r in (0, 1))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(CHECK_AREA - 8, first.center().y()))
    assert popup.checked_tag_ids() == [tags["Generic frames"]]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(CHECK_AREA + 60, second.center().y()))
    assert popup.emitted == [[tags["Generic frames"], tags["Generic frames/Conflict"]]]


def test_emits_only_once(make_popup, qtbot, tags):
    popup = make_popup()
    qtbot.keyClicks(popup.search_edit, "conflict")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    popup.confirm()
    assert popup.emitted == [[tags["Generic frames/Conflict"]]]


def test_enter_with_nothing_typed_applies_no_top_level_frame(make_popup, qtbot, tags):
    popup = make_popup()
    assert popup.list.currentRow() == -1
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == []  # nothing applied by accident; the popup stays open for typing
    qtbot.keyClicks(popup.search_edit, "moral")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    assert popup.emitted == [[tags["Framing dimensions/Morality"]]]


def test_ticked_tags_stay_in_view_when_the_search_is_cleared(make_popup, qtbot, tags):
    popup = make_popup(recent_tag_ids=[tags["Claim types/Statistic"]])
    qtbot.keyClicks(popup.search_edit, "quotation")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    popup.search_edit.clear()
    rows = [tag_id for _kind, tag_id, _label in popup.visible_rows()]
    assert rows[:2] == [tags["Claim types/Statistic"], tags["Claim types/Quotation"]]  # recent, then ticked
    assert popup.checked_tag_ids() == [tags["Claim types/Quotation"]]


def test_a_new_tag_gets_a_colour_no_other_tag_has(make_popup, qtbot, project):
    popup = make_popup()
    type_text(popup.search_edit, "Blame")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    [created] = project.find_tags("Blame")
    others = {t.color.lower() for t in project.tags() if t.id != created.id}
    assert created.color.lower() not in others


def test_placement_stays_on_screen():
    screen = QRect(0, 0, 1000, 800)
    size = QSize(360, 300)
    assert place_popup(size, QPoint(100, 200), screen) == QPoint(100, 200)
    assert place_popup(size, QPoint(900, 200), screen) == QPoint(640, 200)  # pushed left
    assert place_popup(size, QPoint(100, 700), screen, line_height=20) == QPoint(100, 380)  # above the line
    assert place_popup(QSize(360, 790), QPoint(-50, 400), screen) == QPoint(0, 10)
