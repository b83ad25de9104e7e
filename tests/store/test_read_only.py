"""A read-only project can be read; every change, undo and redo included, is refused with a clear message."""
from __future__ import annotations

import pytest
from fingerprints import digest
from readonly_helpers import read_only

from rednote_desk.core.errors import UserError
from rednote_desk.store.project import Project


@pytest.fixture
def saved(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "p.rednote.sqlite"
    with Project.open(path) as project:
        doc, _ = project.add_document(title="Doc", text="Officials said 𝓞𝓹𝓮𝓻𝓪 🚢 700,000.", text_sha256="d")
        project.add_annotation(document_id=doc.id, start=0, end=9)
        project.add_annotation(document_id=doc.id, start=10, end=14)
        project.undo()  # leaves one step to redo
    return path


def test_undo_and_redo_are_refused_like_other_changes(saved):
    before = digest(saved)
    with read_only(saved):
        with Project.open(saved) as project:
            assert project.read_only
            assert len(project.annotations()) == 1
            for action in (project.undo, project.redo, lambda: project.add_tag("New").value):
                with pytest.raises(UserError, match="read-only"):
                    action()
    assert digest(saved) == before


def test_a_project_in_a_read_only_folder_opens_for_reading(saved):
    before = digest(saved)
    assert not saved.with_name(saved.name + "-wal").exists()
    with read_only(saved, saved.parent):
        with Project.open(saved) as project:
            assert project.read_only
            assert [d.title for d in project.documents()] == ["Doc"]
            assert project.search("officials")[0]["title"] == "Doc"
            with pytest.raises(UserError, match="read-only"):
                project.undo()
    assert digest(saved) == before
