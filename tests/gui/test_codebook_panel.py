"""CodebookPanel: the codebook tree edits the project and shows what the database holds."""
from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from rednote_desk.gui.codebook_panel import COUNT_COLUMN, NAME_COLUMN, CodebookPanel, tag_ids_mime

TEXT = "𝓞𝓹𝓮𝓻𝓪 ship 🚢 blocked the canal; losses of $60 million a day were reported by traders."


@pytest.fixture
def codebook(project):
    frames = project.add_tag("Frames", color="#4363d8").value
    conflict = project.add_tag("Conflict", parent_id=frames.id, color="#e6194b").value
    economic = project.add_tag("Economic", parent_id=frames.id, color="#3cb44b").value
    claims = project.add_tag("Claims", color="#911eb4").value
    statistic = project.add_tag("Statistic", parent_id=claims.id, color="#ffe119").value
    opera = project.add_tag("𝓞𝓹𝓮𝓻𝓪", color="#46f0f0").value
    doc, _ = project.add_document(title="Ship", text=TEXT, text_sha256=hashlib.sha256(TEXT.encode()).hexdigest())
    return {"frames": frames.id, "conflict": conflict.id, "economic": economic.id, "claims": claims.id,
            "statistic": statistic.id, "opera": opera.id, "doc": doc.id}


@pytest.fixture
def panel(qtbot, project, codebook):
    widget = CodebookPanel(project)
    qtbot.addWidget(widget)
    widget.errors = []
    widget.questions = []
    widget.show_error = widget.errors.append

    def confirm(title, text):
        widget.questions.append(text)
        return widget.answer

    widget.answer = True
    widget.confirm = confirm
    widget.resize(320, 480)
    return widget


def annotate(project, codebook, start, end, *names):
    return project.add_annotation(
        document_id=codebook["doc"], start=start, end=end, tag_ids=[codebook[n] for n in names]
    ).value.id


def count(panel, tag_id) -> int:
    return int(panel.item_for(tag_id).text(COUNT_COLUMN))


def parent_id_of_item(panel, tag_id):
    parent = panel.item_for(tag_id).parent()
    return None if parent is None else parent.data(NAME_COLUMN, Qt.ItemDataRole.UserRole)


def test_tree_mirrors_codebook_with_counts(panel, project, codebook):
    annotate(project, codebook, 0, 5, "conflict")
    annotate(project, codebook, 6, 10, "conflict", "frames")
    panel.refresh()
    tree = panel.tree
    assert [tree.topLevelItem(i).text(NAME_COLUMN) for i in range(tree.topLevelItemCount())] == [
        "Frames", "Claims", "𝓞𝓹𝓮𝓻𝓪"
    ]
    assert parent_id_of_item(panel, codebook["economic"]) == codebook["frames"]
    assert count(panel, codebook["conflict"]) == 2
    assert count(panel, codebook["frames"]) == 1  # a parent shows its own count
    assert "3 with sub-tags" in panel.item_for(codebook["frames"]).toolTip(NAME_COLUMN)
    assert not panel.item_for(codebook["frames"]).icon(NAME_COLUMN).isNull()


def test_add_top_level_and_sub_tag_emit_changes(panel, project, qtbot):
    with qtbot.waitSignal(panel.session.changed) as blocker:
        tag = panel.add_tag("Human interest")
    assert tag.id in blocker.args[0].tag_ids
    assert panel.item_for(tag.id).parent() is None
    with qtbot.waitSignal(panel.session.changed):
        child = panel.add_tag("Victims", tag.id)
    assert project.tag(child.id).parent_id == tag.id
    assert parent_id_of_item(panel, child.id) == tag.id
    assert panel.selected_tag_id() == child.id


def test_add_duplicate_shows_error_and_emits_nothing(panel, project, codebook, qtbot):
    before = len(project.tags())
    with qtbot.assertNotEmitted(panel.session.changed):
        assert panel.add_tag("Conflict", codebook["frames"]) is None
    assert panel.errors and "already exists" in panel.errors[-1]
    assert len(project.tags()) == before


def test_add_action_asks_for_a_name(panel, project):
    panel.ask_text = lambda title, label, text: "Morality"
    panel.add_action.trigger()
    assert [t.name for t in project.find_tags("Morality")] == ["Morality"]


def test_rename(panel, project, codebook, qtbot):
    with qtbot.waitSignal(panel.session.changed) as blocker:
        panel.rename_tag(codebook["conflict"], "Conflict frame")
    assert codebook["conflict"] in blocker.args[0].tag_ids
    assert project.tag(codebook["conflict"]).name == "Conflict frame"
    assert panel.item_for(codebook["conflict"]).text(NAME_COLUMN) == "Conflict frame"


def test_inline_edit_renames_through_the_project(panel, project, codebook, qtbot):
    item = panel.item_for(codebook["statistic"])
    item.setText(NAME_COLUMN, "Statistics 🚢")  # what the inline editor does on commit
    qtbot.waitUntil(lambda: project.tag(codebook["statistic"]).name == "Statistics 🚢")
    assert panel.item_for(codebook["statistic"]).text(NAME_COLUMN) == "Statistics 🚢"


def test_inline_edit_refused_restores_the_name(panel, project, codebook, qtbot):
    panel.item_for(codebook["conflict"]).setText(NAME_COLUMN, "Economic")  # sibling already has it
    qtbot.waitUntil(lambda: bool(panel.errors))
    assert "already exists" in panel.errors[0]
    assert panel.item_for(codebook["conflict"]).text(NAME_COLUMN) == "Conflict"


def test_recolor_via_action(panel, project, codebook, qtbot):
    panel.select_tag(codebook["economic"])
    asked = []
    panel.ask_color = lambda title, current: asked.append(current) or "#00AA11"
    with qtbot.waitSignal(panel.session.changed):
        panel.color_action.trigger()
    assert asked == ["#3cb44b"]
    assert project.tag(codebook["economic"]).color == "#00aa11"
    assert panel.recolor_tag(codebook["economic"], "green") is None
    assert "#RRGGBB" in panel.errors[-1]


def test_describe(panel, project, codebook):
    panel.select_tag(codebook["claims"])
    panel.ask_description = lambda path, text: "Checkable statements"
    panel.describe_action.trigger()
    assert project.tag(codebook["claims"]).description == "Checkable statements"
    assert "Checkable statements" in panel.item_for(codebook["claims"]).toolTip(NAME_COLUMN)


def test_merge_moves_annotations_and_updates_counts(panel, project, codebook, qtbot):
    a = annotate(project, codebook, 0, 5, "conflict")
    b = annotate(project, codebook, 6, 10, "conflict", "economic")
    annotate(project, codebook, 11, 15, "economic")
    panel.refresh()
    assert (count(panel, codebook["conflict"]), count(panel, codebook["economic"])) == (2, 2)
    panel.select_tag(codebook["conflict"])
    with qtbot.waitSignal(panel.session.changed) as blocker:
        panel.merge_selected_into(codebook["economic"])
    assert codebook["conflict"] in blocker.args[0].tag_ids
    assert project.annotation(a).tag_ids == (codebook["economic"],)
    assert project.annotation(b).tag_ids == (codebook["economic"],)
    assert panel.item_for(codebook["conflict"]) is None
    assert count(panel, codebook["economic"]) == 3
    assert panel.selected_tag_id() == codebook["economic"]


def test_merge_action_uses_the_chooser_and_reports_refusal(panel, project, codebook):
    panel.select_tag(codebook["frames"])
    offered = []
    panel.ask_merge_target = lambda source: offered.append(source) or codebook["conflict"]
    panel.merge_action.trigger()
    assert offered == [codebook["frames"]]
    assert "own sub-tags" in panel.errors[-1]
    assert project.tag(codebook["frames"]).name == "Frames"


def test_merge_dialog_offers_other_tags_only(panel, codebook, qtbot, monkeypatch):
    from rednote_desk.gui import codebook_panel as module

    seen = {}

    class FakeDialog(module.MergeTargetDialog):
        def exec(self):
            seen["paths"] = [self.list.item(i).text() for i in range(self.list.count())]
            self.filter_edit.setText("stat")
            return self.DialogCode.Accepted

    monkeypatch.setattr(module, "MergeTargetDialog", FakeDialog)
    assert panel._merge_dialog(codebook["frames"]) == codebook["statistic"]
    assert seen["paths"] == ["Claims", "Claims/Statistic", "𝓞𝓹𝓮𝓻𝓪"]


def test_delete_confirmation_counts_annotations_of_tag_and_sub_tags(panel, project, codebook, qtbot):
    annotate(project, codebook, 0, 5, "conflict")
    annotate(project, codebook, 6, 10, "conflict", "economic")  # counted once
    annotate(project, codebook, 11, 15, "frames")
    annotate(project, codebook, 16, 20, "statistic")  # another branch
    panel.refresh()
    panel.answer = False
    assert panel.delete_tag(codebook["frames"]) is None
    assert panel.questions == [
        "Delete the tag “Frames” and its 2 sub-tags?\n\n3 annotations use them. "
        "The annotations themselves are kept; they only lose these tags."
    ]
    assert project.tag(codebook["frames"])  # still there
    panel.answer = True
    with qtbot.waitSignal(panel.session.changed) as blocker:
        panel.delete_tag(codebook["frames"])
    assert {codebook["frames"], codebook["conflict"], codebook["economic"]} <= blocker.args[0].tag_ids
    assert project.annotation_count() == 4
    assert [t.name for t in project.tags()] == ["Claims", "Statistic", "𝓞𝓹𝓮𝓻𝓪"]
    assert panel.item_for(codebook["frames"]) is None


def test_delete_confirmation_wording_for_a_leaf(panel, project, codebook):
    assert panel.delete_confirmation_text(codebook["opera"]) == (
        "Delete the tag “𝓞𝓹𝓮𝓻𝓪”?\n\nNo annotation uses it. "
        "The annotations themselves are kept; they only lose this tag."
    )
    annotate(project, codebook, 0, 5, "opera")
    assert "\n\n1 annotation uses it." in panel.delete_confirmation_text(codebook["opera"])


def test_delete_key_asks_then_deletes_selected(panel, project, codebook, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.select_tag(codebook["statistic"])
    panel.tree.setFocus()
    qtbot.waitUntil(panel.tree.hasFocus)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert len(panel.questions) == 1 and "“Statistic”" in panel.questions[0]
    assert panel.item_for(codebook["statistic"]) is None
    assert panel.selected_tag_id() == codebook["claims"]  # selection falls back to the old parent


def test_move_tag_reparents_and_refuses_moving_into_itself(panel, project, codebook, qtbot):
    with qtbot.waitSignal(panel.session.changed):
        panel.move_tag(codebook["statistic"], codebook["frames"])
    assert project.tag(codebook["statistic"]).parent_id == codebook["frames"]
    assert parent_id_of_item(panel, codebook["statistic"]) == codebook["frames"]
    with qtbot.waitSignal(panel.session.changed):
        panel.move_tag(codebook["statistic"], None)
    assert panel.item_for(codebook["statistic"]).parent() is None
    with qtbot.assertNotEmitted(panel.session.changed):
        assert panel.move_tag(codebook["frames"], codebook["conflict"]) is None
    assert panel.errors == ["a tag cannot be moved inside itself"]
    assert project.tag(codebook["frames"]).parent_id is None


def _drop(panel, pos: QPoint, tag_ids):
    mime = tag_ids_mime(tag_ids)  # QDropEvent does not own its mime data: keep it alive
    event = QDropEvent(
        QPointF(pos), Qt.DropAction.MoveAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    panel.tree.dropEvent(event)
    del mime
    return event


def test_drop_handler_reparents_through_the_project(panel, project, codebook, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.tree.visualItemRect(panel.item_for(codebook["claims"]))
    with qtbot.waitSignal(panel.session.changed):
        event = _drop(panel, rect.center(), [codebook["conflict"]])
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.IgnoreAction  # the view moved nothing
    assert project.tag(codebook["conflict"]).parent_id == codebook["claims"]
    assert parent_id_of_item(panel, codebook["conflict"]) == codebook["claims"]

    # on the top edge of a child: becomes that child's sibling
    rect = panel.tree.visualItemRect(panel.item_for(codebook["economic"]))
    _drop(panel, QPoint(rect.center().x(), rect.top() + 1), [codebook["opera"]])
    assert project.tag(codebook["opera"]).parent_id == codebook["frames"]

    # empty space below every row: top level
    empty = QPoint(20, panel.tree.viewport().height() - 3)
    assert panel.tree.itemAt(empty) is None
    _drop(panel, empty, [codebook["conflict"]])
    assert project.tag(codebook["conflict"]).parent_id is None
    assert panel.item_for(codebook["conflict"]).parent() is None


def test_drop_into_own_sub_tag_shows_the_error(panel, project, codebook, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.tree.visualItemRect(panel.item_for(codebook["economic"]))
    _drop(panel, rect.center(), [codebook["frames"]])
    assert panel.errors == ["a tag cannot be moved inside itself"]
    assert project.tag(codebook["frames"]).parent_id is None
    assert panel.item_for(codebook["economic"]).parent() is panel.item_for(codebook["frames"])


def test_refresh_keeps_counts_expansion_and_selection(panel, project, codebook):
    panel.item_for(codebook["claims"]).setExpanded(False)
    panel.select_tag(codebook["economic"])
    assert count(panel, codebook["economic"]) == 0
    annotate(project, codebook, 0, 5, "economic")
    annotate(project, codebook, 6, 10, "economic", "statistic")
    panel.refresh()
    assert count(panel, codebook["economic"]) == 2
    assert count(panel, codebook["statistic"]) == 1
    assert not panel.item_for(codebook["claims"]).isExpanded()
    assert panel.item_for(codebook["frames"]).isExpanded()
    assert panel.selected_tag_id() == codebook["economic"]
    project.delete_annotations([a.id for a in project.annotations()])
    panel.refresh()
    assert count(panel, codebook["economic"]) == 0


def test_filter_shows_matches_with_their_parents(panel, codebook):
    panel.filter_edit.setText("ECON")
    visible = [tag_id for tag_id in codebook if tag_id != "doc" and not panel.item_for(codebook[tag_id]).isHidden()]
    assert visible == ["frames", "economic"]
    panel.filter_edit.setText("")
    assert not panel.item_for(codebook["statistic"]).isHidden()


def test_double_click_activates_tag(panel, codebook, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.tree.visualItemRect(panel.item_for(codebook["conflict"]))
    viewport = panel.tree.viewport()
    with qtbot.waitSignal(panel.tag_activated) as blocker:
        # QTest's double click lacks the first press a real one has
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [codebook["conflict"]]
    panel.select_tag(codebook["claims"])
    with qtbot.waitSignal(panel.tag_activated) as blocker:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert blocker.args == [codebook["claims"]]
