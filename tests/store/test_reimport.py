"""Re-import: a document's text replaced by a changed version, its annotations re-anchored or orphaned."""
from __future__ import annotations

import pytest

from rednote_desk.core.errors import NotFoundError, UserError

OLD = (
    "𝓞𝓹𝓮𝓻𝓪 🚢 Officials said 700,000 users joined RedNote within two days of the ban.\n\n"
    "Critics called the move reckless and warned that it would expose millions of users to data risks.\n\n"
    "The company declined to comment on the figures released on Monday evening.\n\n"
    "Analysts expect the trade dispute to deepen over the coming months."
)
# a paragraph inserted at the top, one sentence edited, one paragraph removed
NEW = (
    "Update: this story was revised on Tuesday morning with new figures.\n\n"
    "𝓞𝓹𝓮𝓻𝓪 🚢 Officials said 700,000 users joined RedNote within two days of the ban.\n\n"
    "Critics called the move reckless and warned that it could expose millions of users to data risks.\n\n"
    "Analysts expect the trade dispute to deepen over the coming months."
)


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def doc(project):
    document, _ = project.add_document(title="Ban story", text=OLD, text_sha256="old", source_name="a.txt")
    return document


def add(project, doc, quote, **kw):
    start, end = span(OLD, quote)
    return project.add_annotation(document_id=doc.id, start=start, end=end, **kw).value


def test_reimport_moves_keeps_and_orphans(project, doc):
    tag = project.add_tag("Statistic").value
    moved = add(project, doc, "700,000 users", tag_ids=[tag.id], note="the number")
    fuzzy = add(project, doc, "warned that it would expose millions of users to data risks")
    lost = add(project, doc, "declined to comment on the figures")
    tail = add(project, doc, "trade dispute")
    project.link_claim([moved.id], label="users joined")

    counts, changes = project.replace_document_text(doc.id, text=NEW, text_sha256="new", source_name="a-v2.txt")
    assert not changes.empty and doc.id in changes.document_ids

    stored = project.document(doc.id)
    assert stored.text == NEW and stored.text_sha256 == "new" and stored.source_name == "a-v2.txt"
    assert stored.title == "Ban story"
    by_id = {a.id: a for a in project.annotations(doc.id)}
    assert len(by_id) == 4  # nothing deleted

    m = by_id[moved.id]
    assert (m.start_offset, m.end_offset) == span(NEW, "700,000 users")
    assert m.quote == "700,000 users" and m.status == "anchored"
    assert m.prefix == NEW[max(0, m.start_offset - 32):m.start_offset]
    assert m.tag_ids == (tag.id,) and m.note == "the number" and m.claim_id is not None

    f = by_id[fuzzy.id]
    assert f.status == "anchored"
    assert NEW[f.start_offset:f.end_offset] == f.quote
    assert "it could expose millions" in f.quote

    o = by_id[lost.id]
    assert o.status == "orphaned"
    assert o.quote == "declined to comment on the figures"  # the old quote is kept for review
    assert (o.prefix, o.suffix) == (lost.prefix, lost.suffix)
    assert 0 <= o.start_offset <= o.end_offset <= len(NEW)

    t = by_id[tail.id]
    assert (t.start_offset, t.end_offset) == span(NEW, "trade dispute") and t.status == "anchored"

    assert counts["orphaned"] == 1 and counts["fuzzy"] == 1
    assert counts["position"] + counts["quote"] == 2 and counts["total"] == 4


def test_undo_restores_text_and_every_annotation(project, doc):
    before_anns = [add(project, doc, q) for q in ("700,000 users", "declined to comment", "Analysts expect")]
    before = (project.document(doc.id), project.annotations(doc.id))
    changes = project.replace_document_text(doc.id, text=NEW, text_sha256="new").changes
    assert doc.id in changes.document_ids
    assert {a.id for a in before_anns} <= changes.annotation_ids
    assert project.undo_label().startswith("Re-import")
    project.undo()
    assert (project.document(doc.id), project.annotations(doc.id)) == before
    project.redo()
    assert project.document(doc.id).text == NEW
    assert [a.status for a in project.annotations(doc.id)].count("orphaned") == 1


def test_orphans_keep_offsets_inside_a_shorter_text(project, doc):
    ann = add(project, doc, "coming months")
    short = "Something else entirely."
    counts = project.replace_document_text(doc.id, text=short, text_sha256="short").value
    got = project.annotation(ann.id)
    assert got.status == "orphaned" and got.quote == "coming months"
    assert got.start_offset == got.end_offset == len(short)
    assert counts == {"position": 0, "quote": 0, "fuzzy": 0, "orphaned": 1, "total": 1}


def test_a_later_version_can_place_an_orphan_again(project, doc):
    ann = add(project, doc, "declined to comment on the figures")
    project.replace_document_text(doc.id, text=NEW, text_sha256="new")
    assert project.annotation(ann.id).status == "orphaned"
    project.replace_document_text(doc.id, text=OLD, text_sha256="old")
    back = project.annotation(ann.id)
    assert back.status == "anchored"
    assert (back.start_offset, back.end_offset) == span(OLD, "declined to comment on the figures")


def test_same_text_changes_nothing(project, doc):
    add(project, doc, "700,000 users")
    before_label = project.undo_label()
    counts, changes = project.replace_document_text(doc.id, text=OLD, text_sha256="old")
    assert changes.empty and project.undo_label() == before_label
    assert counts["position"] == 1 and counts["orphaned"] == 0


def test_refusals_leave_everything_as_it_was(project, doc):
    other, _ = project.add_document(title="Other", text="Another text altogether.", text_sha256="other")
    ann = add(project, doc, "700,000 users")
    before = (project.documents(), project.annotations())
    with pytest.raises(UserError, match="already in the project as document"):
        project.replace_document_text(doc.id, text="Another text altogether.", text_sha256="other")
    with pytest.raises(UserError, match="no text"):
        project.replace_document_text(doc.id, text="  \n ", text_sha256="blank")
    with pytest.raises(NotFoundError):
        project.replace_document_text(999, text=NEW, text_sha256="new")
    assert (project.documents(), project.annotations()) == before
    assert project.annotation(ann.id).status == "anchored" and other.id != doc.id


def test_orphaned_annotations_query_and_reattach(project, doc):
    keep = add(project, doc, "700,000 users")
    lost = add(project, doc, "declined to comment on the figures")
    project.replace_document_text(doc.id, text=NEW, text_sha256="new")
    assert [a.id for a in project.orphaned_annotations()] == [lost.id]
    assert project.orphaned_annotations(doc.id + 1) == []
    start, end = span(NEW, "Analysts expect")
    project.update_annotation(lost.id, start=start, end=end)
    again = project.annotation(lost.id)
    assert again.status == "anchored" and again.quote == "Analysts expect"
    assert project.orphaned_annotations() == [] and project.annotation(keep.id).status == "anchored"
