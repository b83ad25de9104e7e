"""Merging undo steps: a tag made while tagging undoes with the annotation it was made for."""
from __future__ import annotations

import hashlib

import pytest

from rednote_desk.core.errors import UserError
from rednote_desk.store.undo_merge import merge_undo_entries, undo_mark

TEXT = "The ship left the harbour at dawn."


def _doc(project):
    return project.add_document(title="Ship", text=TEXT, text_sha256=hashlib.sha256(TEXT.encode()).hexdigest())[0]


def test_steps_after_the_mark_become_one_that_undoes_and_redoes_in_order(project):
    doc = _doc(project)
    mark = undo_mark(project)
    tag = project.add_tag("Blame")[0]
    annotation = project.add_annotation(document_id=doc.id, start=4, end=8, tag_ids=[tag.id])[0]
    assert merge_undo_entries(project, mark, "Add annotation") == 2
    assert project.undo_label() == "Add annotation"
    changes = project.undo()
    assert {"tags", "annotations"} <= changes.tables
    assert project.tags() == [] and project.annotations() == []
    assert project.undo_label() == "Import “Ship”"
    project.redo()
    assert [t.name for t in project.tags()] == ["Blame"]
    assert [(a.id, a.tag_ids) for a in project.annotations()] == [(annotation.id, (tag.id,))]


def test_one_step_or_none_is_left_alone(project):
    mark = undo_mark(project)
    assert merge_undo_entries(project, mark) == 0
    project.add_tag("Blame")
    assert merge_undo_entries(project, mark) == 0
    assert project.undo_label() == "Add tag “Blame”"


def test_refused_when_a_step_was_undone_meanwhile(project):
    mark = undo_mark(project)
    project.add_tag("A")
    project.add_tag("B")
    project.undo()
    with pytest.raises(UserError, match="undone"):
        merge_undo_entries(project, mark)
    assert project.redo_label() == "Add tag “B”"
