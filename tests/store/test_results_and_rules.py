"""Operations return what they changed (no side channel), and the input rules live in the store, for every face."""
from __future__ import annotations

import pytest

from rednote_desk.core.errors import NotFoundError, UserError
from rednote_desk.core.rules import check_published, date_problem, locate_quote
from rednote_desk.store.undo import Changes, Result

TEXT = "One line, and a line, and a 🚢 line."


@pytest.fixture
def doc(project):
    return project.add_document(title="T", text=TEXT, text_sha256="t", published="2025-01-30").value


def test_load_codebook_returns_its_own_changes_not_the_previous_operations(project):
    earlier = project.add_tag("Earlier").value
    added, changes = project.load_codebook([{"name": "Frames", "children": [{"name": "Conflict"}]}])
    assert added == 2 and isinstance(changes, Changes)
    new_ids = {t.id for t in project.tags()} - {earlier.id}
    assert changes.tag_ids == new_ids and earlier.id not in changes.tag_ids
    assert changes.label == "Load codebook"
    again, unchanged = project.load_codebook([{"name": "Frames"}])
    assert again == 0 and unchanged.empty
    assert not hasattr(project, "last_changes") and not hasattr(project, "last_reanchor")


def test_creating_operations_return_the_object_with_its_changes(project, doc):
    tag = project.add_tag("Statistic")
    assert isinstance(tag, Result) and tag.changes.tag_ids == {tag.value.id}
    annotation, changes = project.add_annotation(document_id=doc.id, start=0, end=3, tag_ids=[tag.value.id])
    assert changes.annotation_ids == {annotation.id} and changes.tag_ids == {tag.value.id}
    claim, changes = project.link_claim([annotation.id], label="one")
    assert changes.claim_ids == {claim.id} and changes.annotation_ids == {annotation.id}


@pytest.mark.parametrize("value, message", [
    ("2025-W05-4", "not of the form YYYY-MM-DD"),
    ("20250130", "not of the form YYYY-MM-DD"),
    ("30/01/2025", "not of the form YYYY-MM-DD"),
    ("2025-1-30", "not of the form YYYY-MM-DD"),
    ("2025-02-30", "does not exist"),
    ("2025-13-01", "does not exist"),
])
def test_the_store_refuses_a_published_date_that_is_not_an_iso_day(project, doc, value, message):
    with pytest.raises(UserError, match=message):
        project.update_document(doc.id, published=value)
    with pytest.raises(UserError, match=message):
        project.add_document(title="U", text="other text", text_sha256="u", published=value)
    assert project.document(doc.id).published == "2025-01-30"
    assert len(project.documents()) == 1


def test_a_valid_or_empty_published_date_is_stored(project, doc):
    project.update_document(doc.id, published=" 2024-02-29 ")
    assert project.document(doc.id).published == "2024-02-29"
    project.update_document(doc.id, published="")
    assert project.document(doc.id).published is None


def test_date_rules_for_live_checks():
    assert date_problem("") is None and date_problem("2025-01-30") is None
    assert date_problem("2025-W05-4") == "use the form YYYY-MM-DD"
    assert date_problem("2025-02-30") == "no such day"
    assert check_published("  ") is None


def test_a_tag_path_creates_missing_parents_in_one_undo_step(project):
    tag, changes = project.add_tag_path("Frames/Economic/Trade", color="#AABBCC", description="tariffs")
    assert project.tag_path(tag.id) == "Frames/Economic/Trade"
    assert tag.color == "#aabbcc" and tag.description == "tariffs"
    assert len(changes.tag_ids) == 3
    assert project.undo_label() == "Add tag “Trade”"
    project.undo()
    assert project.tags() == []


def test_a_tag_path_reuses_existing_parents_ignoring_case(project):
    frames = project.add_tag("Frames").value
    tag = project.add_tag_path("frames/Conflict").value
    assert tag.parent_id == frames.id and len(project.tags()) == 2
    statistic = project.add_tag("Statistic", parent_id=frames.id).value
    under = project.add_tag_path("Statistic/Share").value  # a unique parent is found wherever it is
    assert under.parent_id == statistic.id
    with pytest.raises(UserError, match="already exists"):
        project.add_tag_path("Frames/Conflict")
    with pytest.raises(UserError, match="needs a name"):
        project.add_tag_path(" / ")


def test_a_refused_tag_path_leaves_no_parent_behind(project):
    with pytest.raises(UserError, match="at most 200"):
        project.add_tag_path("New parent/" + "x" * 201)
    assert project.tags() == []


def test_resolve_tag_finds_or_creates(project):
    frames = project.add_tag("Frames").value
    found, changes = project.resolve_tag("frames")
    assert found.id == frames.id and changes.empty
    with pytest.raises(NotFoundError, match="unknown tag"):
        project.resolve_tag("Frames/Missing")
    made, changes = project.resolve_tag("Frames/Missing", create=True)
    assert made.parent_id == frames.id and changes.tag_ids == {made.id}
    project.add_tag("Missing")
    with pytest.raises(UserError, match="ambiguous"):
        project.resolve_tag("Missing")


def test_reimport_returns_its_counts_with_the_changes(project, doc):
    annotation = project.add_annotation(document_id=doc.id, start=0, end=8).value
    counts, changes = project.replace_document_text(doc.id, text="New start. " + TEXT, text_sha256="t2")
    assert counts["total"] == 1 and counts["position"] + counts["quote"] == 1
    assert annotation.id in changes.annotation_ids and not changes.empty


def test_quote_location_is_one_rule():
    assert locate_quote(TEXT, "🚢 line") == (28, 34)
    assert locate_quote(TEXT, "line", 2) == (16, 20)
    with pytest.raises(UserError, match="occurs 3 times"):
        locate_quote(TEXT, "line")
    with pytest.raises(UserError, match="not in the document"):
        locate_quote(TEXT, "ship")
    with pytest.raises(UserError, match="between 1 and 3"):
        locate_quote(TEXT, "line", 4)
    with pytest.raises(UserError, match="empty"):
        locate_quote(TEXT, "")

