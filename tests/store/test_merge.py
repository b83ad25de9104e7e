"""Merging a colleague's project: documents by SHA-256, codes by path, annotations with their coder, claims by
label when their annotations match; one undo step; their file untouched; bad files refused clearly."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from rednote_desk.core.errors import UserError
from rednote_desk.services.merge import merge_file
from rednote_desk.store.project import Project

TEXT_A = "🚢 Outlet A reports 700,000 users. The ban looms. 𝓞𝓹𝓮𝓻𝓪 ends."
TEXT_B = "Outlet B says half a million joined. Officials disagree."


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _value(result):
    return result.value if hasattr(result, "value") else result


def _doc(project, title, text):
    return _value(project.add_document(title=title, text=text, text_sha256=_sha(text))).id


def _tag(project, name, parent=None, color=None):
    return _value(project.add_tag(name, parent_id=parent, color=color)).id


def _ann(project, doc, start, end, tags, coder, claim=None):
    a = _value(project.add_annotation(document_id=doc, start=start, end=end, tag_ids=tags, coder=coder))
    if claim:
        project.link_claim([a.id], label=claim)
    return a.id


@pytest.fixture
def ours(tmp_path):
    p = Project.open(tmp_path / "ours.sqlite")
    doc = _doc(p, "A story", TEXT_A)
    frames = _tag(p, "Frames", color="#112233")
    conflict = _tag(p, "Conflict", frames, color="#aa0000")
    _ann(p, doc, 2, 8, [conflict], "ann", claim="Users")
    yield p
    p.close()


@pytest.fixture
def theirs_path(tmp_path):
    path = tmp_path / "theirs.sqlite"
    p = Project.open(path)
    doc_a = _doc(p, "A story", TEXT_A)  # same text: matched
    doc_b = _doc(p, "B story", TEXT_B)  # new: added
    _doc(p, "Another story", "x")  # new: added (ids differ from ours)
    frames = _tag(p, "Frames", color="#445566")
    conflict = _tag(p, "Conflict", frames, color="#00aa00")
    economy = _tag(p, "Economy", frames, color="#123abc")
    _ann(p, doc_a, 2, 8, [conflict], "ann")  # identical to ours: skipped
    _ann(p, doc_a, 2, 8, [conflict], "bob", claim="Users")  # same span as our "Users" claim: merged
    _ann(p, doc_a, 0, 1, [economy], "bob", claim="Ban")  # new claim
    _ann(p, doc_b, 0, 8, [economy], "bob", claim="Users (B)")
    p.close()
    return path


def test_merge_rules_and_one_undo_step(ours, theirs_path):
    before = theirs_path.read_bytes()
    count_before = ours.annotation_count()
    result = merge_file(ours, theirs_path)
    s = result.value
    assert (s.documents_added, s.documents_matched) == (2, 1)
    assert (s.codes_added, s.codes_matched) == (1, 2)
    assert (s.annotations_added, s.annotations_duplicate) == (3, 1)
    assert s.claims_merged == 1 and s.claims_added == 2 and s.coders == ["bob"]
    paths = ours.tag_paths()
    economy = next(t for t in ours.tags() if paths[t.id] == "Frames/Economy")
    assert economy.color == "#123abc"  # their colour kept for a code that was missing
    conflict = next(t for t in ours.tags() if paths[t.id] == "Frames/Conflict")
    assert conflict.color == "#aa0000"  # ours kept for a matched one
    bob = [a for a in ours.annotations() if a.coder == "bob"]
    assert len(bob) == 3
    users = ours.claim_by_label("Users")
    assert {a.coder for a in ours.annotations_for_claim(users.id)} == {"ann", "bob"}
    for a in ours.annotations():
        assert ours.document(a.document_id).text[a.start_offset:a.end_offset] == a.quote
    assert theirs_path.read_bytes() == before  # their file is never changed
    assert result.changes.annotation_ids
    ours.undo()
    assert ours.annotation_count() == count_before and len(ours.documents()) == 1
    assert "Frames/Economy" not in ours.tag_paths().values()
    ours.redo()
    assert len(ours.documents()) == 3


def test_merge_twice_adds_nothing(ours, theirs_path):
    merge_file(ours, theirs_path)
    n = ours.annotation_count()
    again = merge_file(ours, theirs_path).value
    assert again.annotations_added == 0 and again.documents_added == 0 and ours.annotation_count() == n


def test_same_title_different_text_is_reported_not_merged(ours, tmp_path):
    path = tmp_path / "v2.sqlite"
    p = Project.open(path)
    doc = _doc(p, "A story", TEXT_A + " Updated.")
    _ann(p, doc, 0, 3, [], "bob")
    p.close()
    s = merge_file(ours, path).value
    assert s.documents_added == 0 and len(s.title_conflicts) == 1 and s.annotations_not_merged == 1
    assert any("different text" in line for line in s.lines())


def test_claim_with_same_label_but_other_annotations_gets_a_new_label(ours, tmp_path):
    path = tmp_path / "c.sqlite"
    p = Project.open(path)
    doc = _doc(p, "A story", TEXT_A)
    _ann(p, doc, 20, 30, [], "bob", claim="Users")
    p.close()
    s = merge_file(ours, path).value
    assert s.claims_renamed == [("Users", "Users (2)")]
    assert ours.claim_by_label("Users (2)") is not None


@pytest.mark.parametrize("content, needle", [
    (b"plain text, not a database", "not a RedNote Desk project"),
    (None, "does not exist"),
])
def test_bad_files_are_refused(ours, tmp_path, content, needle):
    path = tmp_path / "bad.sqlite"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=needle):
        merge_file(ours, path)
    assert ours.annotation_count() == 1


def test_foreign_sqlite_and_newer_version_and_self_are_refused(ours, tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="not a RedNote Desk project"):
        merge_file(ours, other)
    newer = tmp_path / "newer.sqlite"
    Project.open(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES "
                 "('rednote_desk', 'm999_future', '2030')")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer version"):
        merge_file(ours, newer)
    with pytest.raises(UserError, match="open project itself"):
        merge_file(ours, ours.path)
