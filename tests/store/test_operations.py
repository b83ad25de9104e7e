"""Operations: each is one transaction, logged for undo, and returns what changed."""
from __future__ import annotations

import pytest

from rednote_desk.core.errors import NotFoundError, UserError
from rednote_desk.store.project import Project

TEXT = "Before 𝓞𝓹𝓮𝓻𝓪 🚢 the ban, 700,000 users joined RedNote. Officials said it was fine."


@pytest.fixture
def doc(project):
    document, changes = project.add_document(title="Sample", text=TEXT, text_sha256="sha-1", outlet="Outlet")
    assert changes.document_ids == {document.id} and changes.label.startswith("Import")
    return document


def state(p: Project):
    return (p.documents(), p.tags(), p.annotations(), p.claims())


def test_same_text_is_not_duplicated(project, doc):
    again, changes = project.add_document(title="Other", text=TEXT, text_sha256="sha-1")
    assert changes.empty and again.id == doc.id
    assert len(project.documents()) == 1


def test_annotation_offsets_are_code_points_after_astral_text(project, doc):
    start = TEXT.index("700,000")
    ann = project.add_annotation(document_id=doc.id, start=start, end=start + 7).value
    assert ann.quote == "700,000"
    assert ann.prefix.endswith("the ban, ") and "🚢" in ann.prefix
    assert ann.suffix.startswith(" users")


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (0, len(TEXT) + 1), (10, 4)])
def test_bad_offsets_are_refused(project, doc, start, end):
    with pytest.raises(UserError, match="offsets"):
        project.add_annotation(document_id=doc.id, start=start, end=end)
    assert project.annotations() == []


def test_unknown_document_and_tag(project, doc):
    with pytest.raises(NotFoundError):
        project.add_annotation(document_id=99, start=0, end=3)
    with pytest.raises(NotFoundError):
        project.add_annotation(document_id=doc.id, start=0, end=3, tag_ids=[42])
    assert project.annotations() == []


def test_every_operation_undoes_and_redoes(project, doc):
    frame = project.add_tag("Conflict", color="#ff0000").value
    sub = project.add_tag("Trade war", parent_id=frame.id).value
    other = project.add_tag("Economic").value
    a = project.add_annotation(document_id=doc.id, start=0, end=6, tag_ids=[frame.id], note="first").value
    b = project.add_annotation(document_id=doc.id, start=TEXT.index("700,000"), end=TEXT.index("700,000") + 7,
                               tag_ids=[sub.id]).value
    steps = [
        lambda: project.update_annotation(a.id, note="edited", tag_ids=[frame.id, other.id]),
        lambda: project.link_claim([a.id, b.id], label="how many joined").value,
        lambda: project.update_tag(frame.id, name="Conflicts", color="#00ff00"),
        lambda: project.update_tag(sub.id, parent_id=None),
        lambda: project.merge_tags(other.id, frame.id),
        lambda: project.unlink_claim([b.id]),
        lambda: project.delete_annotations([b.id]),
        lambda: project.delete_tag(frame.id),
        lambda: project.update_document(doc.id, title="Renamed", outlet="New outlet"),
        lambda: project.delete_document(doc.id),
    ]
    snapshots = [state(project)]
    for step in steps:
        step()
        snapshots.append(state(project))
    for expected in reversed(snapshots[:-1]):
        assert project.undo() is not None
        assert state(project) == expected
    for expected in snapshots[1:]:
        assert project.redo() is not None
        assert state(project) == expected
    assert project.redo() is None


def test_new_operation_clears_redo(project, doc):
    project.add_tag("A")
    project.undo()
    assert project.redo_label() == "Add tag “A”"
    project.add_tag("B")
    assert project.redo_label() is None
    assert project.redo() is None


def test_undo_survives_reopening(db_path):
    with Project.open(db_path) as p:
        document, _ = p.add_document(title="T", text=TEXT, text_sha256="s")
        p.add_annotation(document_id=document.id, start=0, end=6)
    with Project.open(db_path) as p:
        assert p.undo_label() == "Add annotation"
        p.undo()
        assert p.annotations() == []


def test_failed_operation_leaves_nothing(project, doc):
    tag = project.add_tag("Parent").value
    project.add_tag("Child", parent_id=tag.id)
    other = project.add_tag("Other").value
    project.add_tag("Child", parent_id=other.id)
    before = state(project)
    with pytest.raises(UserError, match="sub-tag named"):
        project.merge_tags(tag.id, other.id)
    assert state(project) == before
    assert project.undo_label() == "Add tag “Child”"


def test_tag_rules(project):
    parent = project.add_tag("Frames").value
    with pytest.raises(UserError, match="already exists"):
        project.add_tag("Frames")
    project.add_tag("Frames", parent_id=parent.id)  # same name under another parent is fine
    with pytest.raises(UserError, match="#RRGGBB"):
        project.add_tag("x", color="red")
    with pytest.raises(UserError, match="inside itself"):
        project.update_tag(parent.id, parent_id=parent.id)
    with pytest.raises(UserError, match="“/”"):
        project.add_tag("a/b")
    weird = project.add_tag("Robert'); DROP TABLE tags;--").value
    assert project.tag(weird.id).name == "Robert'); DROP TABLE tags;--"
    assert [t.name for t in project.find_tags("frames/FRAMES")] == ["Frames"]


def test_delete_tag_keeps_annotations(project, doc):
    tag = project.add_tag("Conflict").value
    ann = project.add_annotation(document_id=doc.id, start=0, end=6, tag_ids=[tag.id]).value
    changes = project.delete_tag(tag.id)
    assert "annotation_tags" in changes.tables
    assert project.annotation(ann.id).tag_ids == ()


def test_link_claim_reuses_label_and_unlink_removes_empty_claim(project, doc):
    a = project.add_annotation(document_id=doc.id, start=0, end=6).value
    b = project.add_annotation(document_id=doc.id, start=7, end=12).value
    c1 = project.link_claim([a.id], label="joined").value
    c2 = project.link_claim([b.id], label="joined").value
    assert c1.id == c2.id
    project.unlink_claim([a.id, b.id])
    assert project.claims() == []


def test_search_finds_documents_and_notes(project, doc):
    project.add_annotation(document_id=doc.id, start=0, end=6, note="interesting exodus detail")
    hits = project.search("exodus")
    assert [(h["kind"], h["document_id"]) for h in hits] == [("annotation", doc.id)]
    assert project.search('RedNote "') and project.search("") == []


def test_changes_describe_what_changed(project, doc):
    tag = project.add_tag("T").value
    ann = project.add_annotation(document_id=doc.id, start=0, end=6, tag_ids=[tag.id]).value
    changes = project.update_annotation(ann.id, note="x")
    assert changes.tables == {"annotations"}
    assert changes.document_ids == {doc.id} and changes.annotation_ids == {ann.id}
