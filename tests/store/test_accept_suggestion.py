"""Accepting a suggested claim: annotations + one claim, in one undo step."""
from __future__ import annotations

import pytest

from rednote_desk.core.claims.models import Mention, SuggestedClaim
from rednote_desk.core.errors import UserError
from rednote_desk.core.numbers import parse_quantities

TEXT_A = "Intro 𝓞𝓹𝓮𝓻𝓪 🚢. More than 700,000 American users joined. End."
TEXT_B = "Approximately half a million Americans have signed up. Later text."


@pytest.fixture
def setup(project):
    a, _ = project.add_document(title="A", text=TEXT_A, text_sha256="a")
    b, _ = project.add_document(title="B", text=TEXT_B, text_sha256="b")
    parent = project.add_tag("Claim types").value
    statistic = project.add_tag("Statistic", parent_id=parent.id).value
    return a, b, statistic


def mention(doc, quote):
    start = doc.text.index(quote)
    values = tuple(q.__class__(**{**q.__dict__, "start": q.start + start, "end": q.end + start})
                   for q in parse_quantities(quote))
    return Mention(doc.id, start, start + len(quote), quote, values)


def suggestion(a, b, label="US users"):
    return SuggestedClaim(key="count:users:us:1e5", label=label, kind="number",
                          mentions=(mention(a, "More than 700,000 American users joined."),
                                    mention(b, "Approximately half a million Americans have signed up.")),
                          reason="same counted thing", score=0.6, disagreement=True)


def test_accept_creates_tagged_annotations_and_one_claim_undone_in_one_step(project, setup):
    a, b, statistic = setup
    undo_before = project.undo_label()
    claim = project.accept_suggestion(suggestion(a, b)).value
    assert claim.label == "US users" and claim.origin == "confirmed"
    anns = project.annotations_for_claim(claim.id)
    assert [(x.document_id, x.tag_ids) for x in anns] == [(a.id, (statistic.id,)), (b.id, (statistic.id,))]
    assert TEXT_A[anns[0].start_offset:anns[0].end_offset] == "More than 700,000 American users joined."
    assert project.undo_label().startswith("Accept claim")
    project.undo()
    assert project.annotations() == [] and project.claims() == []
    assert project.undo_label() == undo_before
    project.redo()
    assert len(project.annotations_for_claim(project.claims()[0].id)) == 2


def test_accept_some_mentions_with_a_new_label_and_reuse_a_matching_annotation(project, setup):
    a, b, statistic = setup
    s = suggestion(a, b)
    m = s.mentions[1]
    existing = project.add_annotation(document_id=b.id, start=m.start, end=m.end, note="mine").value
    claim = project.accept_suggestion(s, label="Joined", mention_indexes=[1]).value
    anns = project.annotations_for_claim(claim.id)
    assert [x.id for x in anns] == [existing.id] and anns[0].note == "mine"
    project.undo()
    assert project.annotation(existing.id).claim_id is None and project.claims() == []


def test_default_label_is_numbered_when_taken_and_errors_are_user_errors(project, setup):
    a, b, _ = setup
    first = project.accept_suggestion(suggestion(a, b), mention_indexes=[0]).value
    second = project.accept_suggestion(suggestion(a, b), mention_indexes=[1]).value
    assert (first.label, second.label) == ("US users", "US users (2)")
    with pytest.raises(UserError, match="already named"):
        project.accept_suggestion(suggestion(a, b), label="US users")
    with pytest.raises(UserError, match="at least one"):
        project.accept_suggestion(suggestion(a, b), mention_indexes=[])
    with pytest.raises(UserError, match="between"):
        project.accept_suggestion(suggestion(a, b), mention_indexes=[5])


def test_accept_refuses_a_suggestion_whose_text_changed(project, setup):
    a, b, _ = setup
    s = suggestion(a, b)
    stale = SuggestedClaim(s.key, s.label, s.kind, (Mention(a.id, 0, 5, "nope!"),), s.reason, s.score, False)
    with pytest.raises(UserError, match="changed"):
        project.accept_suggestion(stale)
    assert project.claims() == []


def test_without_claim_type_tags_annotations_are_untagged(project):
    a, _ = project.add_document(title="A", text=TEXT_A, text_sha256="a")
    b, _ = project.add_document(title="B", text=TEXT_B, text_sha256="b")
    claim = project.accept_suggestion(suggestion(a, b)).value
    assert all(x.tag_ids == () for x in project.annotations_for_claim(claim.id))
