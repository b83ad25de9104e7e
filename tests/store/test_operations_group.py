"""operation_group: several operations as one undo step in one transaction."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from rednote_desk import services
from rednote_desk.core.errors import UserError
from rednote_desk.store.project import Project

TEXT = "Before 𝓞𝓹𝓮𝓻𝓪 🚢 the ban, 700,000 users joined RedNote. Officials said it was fine."


def state(p: Project):
    return (p.documents(), p.tags(), p.annotations(), p.claims())


def log_rows(p: Project) -> list[tuple[str, int]]:
    return [(r["label"], r["undone"]) for r in p.db.query("SELECT label, undone FROM undo_log ORDER BY id")]


def add(p: Project, n: int, text: str = TEXT):
    return p.add_document(title=f"Doc {n}", text=f"{n} {text}", text_sha256=f"sha-{n}")[0]


def test_many_operations_are_one_undo_step(project):
    project.add_tag("Before")
    before_log = log_rows(project)
    before = state(project)
    with project.operation_group("Import 40 documents") as group:
        docs = [add(project, n) for n in range(40)]
    after = state(project)
    assert len(after[0]) == 40
    assert log_rows(project) == before_log + [("Import 40 documents", 0)]
    assert group.changes.label == "Import 40 documents" and not hasattr(project, "last_changes")
    assert group.changes.document_ids == {d.id for d in docs} and group.changes.tables == {"documents"}

    undone = project.undo()
    assert undone.label == "Import 40 documents" and undone.document_ids == {d.id for d in docs}
    assert state(project) == before and project.undo_label() == "Add tag “Before”"
    assert project.redo().label == "Import 40 documents"
    assert state(project) == after and project.redo() is None


def test_mixed_operations_on_the_same_rows_undo_and_redo_exactly(project):
    doc = add(project, 1)
    keep = add(project, 2)
    tag = project.add_tag("Conflict").value
    ann = project.add_annotation(document_id=doc.id, start=0, end=6, tag_ids=[tag.id], note="old").value
    before = state(project)
    with project.operation_group("Reorganise"):
        other = project.add_tag("Economic", parent_id=tag.id).value
        project.update_annotation(ann.id, note="new", tag_ids=[tag.id, other.id])
        b = project.add_annotation(document_id=keep.id, start=2, end=8, tag_ids=[other.id]).value
        project.link_claim([b.id], label="claim 🚢")
        project.update_tag(tag.id, name="Conflict frame")
        project.merge_tags(other.id, tag.id)
        project.delete_document(doc.id)  # deletes an annotation edited earlier in the same group
    after = state(project)
    assert [a.id for a in after[2]] == [b.id] and list(after[2][0].tag_ids) == [tag.id]
    for _ in range(2):  # undo and redo twice: the log entry stays valid
        assert project.undo().label == "Reorganise"
        assert state(project) == before
        assert project.redo().label == "Reorganise"
        assert state(project) == after


def test_an_error_escaping_the_group_stores_and_logs_nothing(project):
    add(project, 0)
    before, before_log = state(project), log_rows(project)
    with pytest.raises(RuntimeError):
        with project.operation_group("Import 3 documents"):
            add(project, 1)
            project.add_tag("Half")
            raise RuntimeError("crash in the middle")
    assert state(project) == before and log_rows(project) == before_log
    assert project.undo_label() == "Import “Doc 0”"


def test_a_failed_operation_caught_inside_leaves_no_trace(project):
    doc = add(project, 0)
    with project.operation_group("Batch"):
        first = project.add_tag("Kept").value
        with pytest.raises(UserError):
            project.add_annotation(document_id=doc.id, start=5, end=2)  # refused before writing
        with pytest.raises(UserError):
            project.add_tag("Kept")  # duplicate name
        with pytest.raises(RuntimeError):
            with project._operation("Broken") as rec:  # fails after writing: its savepoint is rolled back
                cur = project.db.execute("INSERT INTO tags (name, color, position) VALUES ('Ghost', '#000000', 9)")
                rec.inserted("tags", id=cur.lastrowid)
                raise RuntimeError("boom")
        second = project.add_tag("Also kept").value
    assert [t.name for t in project.tags()] == ["Kept", "Also kept"]
    assert project.undo_label() == "Batch"
    project.undo()
    assert project.tags() == [] and project.documents() == [doc]
    project.redo()
    assert [t.id for t in project.tags()] == [first.id, second.id]


def test_nested_groups_join_the_outer_one_and_single_operations_keep_their_label(project):
    with project.operation_group("Outer") as outer:
        add(project, 1)
        with project.operation_group("Inner") as inner:
            add(project, 2)
        assert inner is outer
    assert log_rows(project) == [("Outer", 0)]
    with project.operation_group() as group:
        project.add_tag("Only")
    assert group.changes.label == "Add tag “Only”" and project.undo_label() == "Add tag “Only”"
    with project.operation_group() as group:
        project.add_tag("One")
        project.add_tag("Two")
    assert project.undo_label() == "Several changes"


def test_label_can_be_set_at_the_end_and_an_empty_group_logs_nothing(project):
    with project.operation_group("Importing") as group:
        for n in range(3):
            add(project, n)
        group.label = f"Import {len(project.documents())} documents"
    assert project.undo_label() == "Import 3 documents"
    before_log = log_rows(project)
    with project.operation_group("Nothing") as group:
        add(project, 1)  # same text again: not stored, no change
    assert group.changes.empty and log_rows(project) == before_log


def test_a_group_clears_redo_and_undo_is_refused_inside(project):
    project.add_tag("A")
    project.undo()
    assert project.redo_label() == "Add tag “A”"
    with project.operation_group("G"):
        project.add_tag("B")
        with pytest.raises(UserError, match="cannot undo"):
            project.undo()
        with pytest.raises(UserError, match="cannot redo"):
            project.redo()
    assert project.redo_label() is None and project.undo_label() == "G"


def test_read_only_project_refuses_a_group(project):
    project.read_only = True
    with pytest.raises(UserError, match="read-only"):
        with project.operation_group("G"):
            pass


def test_a_crash_in_the_middle_of_a_group_leaves_the_file_as_before(tmp_path):
    path = tmp_path / "crash.sqlite"
    with Project.open(path) as p:
        add(p, 0)
    script = textwrap.dedent(f"""
        import os
        from rednote_desk.store.project import Project
        p = Project.open({str(path)!r})
        with p.operation_group("Import 20 documents"):
            for n in range(1, 21):
                p.add_document(title=f"Doc {{n}}", text=f"text {{n}} 🚢", text_sha256=f"sha-{{n}}")
                if n == 10:
                    os._exit(3)  # the process dies with the transaction open
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    with Project.open(path) as p:
        assert [d.title for d in p.documents()] == ["Doc 0"]
        assert log_rows(p) == [("Import “Doc 0”", 0)]
        p.undo()
        assert p.documents() == []


def test_import_paths_is_one_undo_step_and_reports_bad_files(project, samples, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    paths = sorted(samples.glob("*.txt"))
    outcomes = services.import_paths(project, [paths[0], bad, *paths[1:]])
    assert [o.error is not None for o in outcomes] == [False, True, False, False, False, False]
    assert len(project.documents()) == 5 and project.undo_label() == "Import 5 documents"
    assert log_rows(project) == [("Import 5 documents", 0)]
    project.undo()
    assert project.documents() == []
    project.redo()
    assert {d.id for d in project.documents()} == {o.document.id for o in outcomes if o.document}
    services.import_paths(project, paths[:1])  # already there: nothing new to log
    assert project.undo_label() == "Import 5 documents"
