"""Bulk annotation inserts (REFI-QDA import): the checks of add_annotation, one undo step, batched undo rows."""
from __future__ import annotations

import hashlib

import pytest

from rednote_desk.core.errors import UserError
from rednote_desk.store import bulk
from rednote_desk.store.project import Project

TEXT = "🚢 Ships: 𝓞𝓹𝓮𝓻𝓪 house said 700,000 joined. Second sentence here."


@pytest.fixture
def project():
    p = Project.in_memory()
    yield p
    p.close()


def _doc(project) -> int:
    return project.add_document(title="T", text=TEXT, text_sha256=hashlib.sha256(TEXT.encode()).hexdigest()).value.id


def test_bulk_rows_are_stored_like_single_annotations_and_undone_in_one_step(project):
    doc = _doc(project)
    tag = project.add_tag("Conflict").value.id
    start = TEXT.index("𝓞𝓹𝓮𝓻𝓪")
    rows = [bulk.NewAnnotation(start + i % 3, start + 5 + i % 7, [tag], f"n{i}", ("ann", "bob")[i % 2],
                               created_at="2025-01-30T12:00:00.000Z") for i in range(40)]
    rows.append(bulk.NewAnnotation(5, 500))  # outside the text
    result = bulk.add_annotations(project, doc, rows)
    assert result.value.added == 40 and len(result.value.skipped) == 1 and "outside" in result.value.skipped[0]
    stored = sorted(project.annotations(doc), key=lambda a: a.id)
    assert len(stored) == 40
    assert stored[0].quote == TEXT[start:start + 5] == "𝓞𝓹𝓮𝓻𝓪"  # code points
    assert list(stored[0].tag_ids) == [tag]
    assert {a.coder for a in stored} == {"ann", "bob"} and stored[0].created_at == "2025-01-30T12:00:00.000Z"
    assert result.changes.annotation_ids == {a.id for a in stored}
    project.undo()
    assert project.annotations(doc) == []
    project.redo()  # the batched read-back recorded every row's state
    assert [a.quote for a in sorted(project.annotations(doc), key=lambda a: a.id)] == [a.quote for a in stored]


def test_unknown_code_refuses_the_batch(project):
    doc = _doc(project)
    with pytest.raises(UserError, match="no code with id 99"):
        bulk.add_annotations(project, doc, [bulk.NewAnnotation(0, 2, [99])])
    assert project.annotations(doc) == []
