"""Values of another type in a project from someone else: SQLite keeps whatever was stored in a column, so the
store hands them over in the type the app works with instead of letting a view fail where it draws them."""
from __future__ import annotations

import sqlite3

import pytest

from rednote_desk.store.project import Project


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    with Project.open(path) as project:
        document = project.add_document(title="Report", text="Hello world, a text.", text_sha256="sha")
        project.add_annotation(document_id=document.value.id, start=0, end=5)
    return path


def _set(path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize("values, expected", [("start_offset = 3.5, end_offset = 7.9", (3, 7)),
                                              ("start_offset = '2', end_offset = '6'", (2, 6)),
                                              ("start_offset = 'x', end_offset = 'y'", (0, 0))])
def test_offsets_of_another_type_come_back_as_integers(path, values, expected):
    _set(path, f"UPDATE annotations SET {values}")
    with Project.open(path) as project:
        document = project.documents()[0]
        [annotation] = project.annotations(document.id)
        [span] = project.annotation_spans(document.id)
    assert (annotation.start_offset, annotation.end_offset) == expected
    assert (span.start_offset, span.end_offset) == expected
    assert all(type(v) is int for v in (annotation.start_offset, span.end_offset))
