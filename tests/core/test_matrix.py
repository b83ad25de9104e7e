"""Claims × outlets matrix: confirmed and suggested rows, omissions, disagreements, voices, CSV rows."""
from __future__ import annotations

import json

from rednote_desk.core.claims import suggest_claims
from rednote_desk.core.compare.comparison import ComparisonInput, compute_comparison
from rednote_desk.core.compare.matrix import (
    already_confirmed,
    claim_spans,
    confirmed_rows,
    document_labels,
    matrix_csv_rows,
    open_suggestions,
    suggested_rows,
)
from rednote_desk.core.compare.voices import count_voices, voice_groups
from rednote_desk.core.models import Annotation, Claim, Document, Tag

A = Document(1, "A story", "𝓞𝓹𝓮𝓻𝓪 🚢 news. More than 700,000 American users joined RedNote this week.",
             outlet="Wire A")
B = Document(2, "B story", "Approximately half a million Americans have signed up to the app, reports say.",
             outlet="Wire B")
C = Document(3, "C story", "The weather was fine. Nothing about numbers here at all today.", url="https://www.c.example/x")
TAGS = (Tag(10, "Claim types"), Tag(11, "Statistic", parent_id=10))


def span(doc: Document, quote: str) -> tuple[int, int]:
    start = doc.text.index(quote)
    return start, start + len(quote)


def annotation(aid, doc, quote, claim_id=None, tags=(11,)):
    s, e = span(doc, quote)
    return Annotation(aid, doc.id, s, e, doc.text[s:e], claim_id=claim_id, tag_ids=tags)


def test_confirmed_row_cells_omissions_values_and_disagreement_with_astral_offsets():
    anns = [annotation(1, A, "More than 700,000 American users joined RedNote", claim_id=7),
            annotation(2, B, "Approximately half a million Americans have signed up", claim_id=7)]
    voices = voice_groups([1, 2, 3], [])
    (row,) = confirmed_rows([A, B, C], anns, [Claim(7, "How many joined")],
                            tag_paths={10: "Claim types", 11: "Claim types/Statistic"}, voices=voices)
    assert row.origin == "confirmed" and row.claim_id == 7
    assert row.stated_by == (1, 2) and row.omitted_by == (3,)
    cell = row.cells[1]
    assert A.text[cell.start:cell.end] == cell.quote  # code points, astral characters before the span
    assert cell.tags == ("Claim types/Statistic",)
    assert A.text[cell.compared.start:cell.compared.end] == "More than 700,000"
    assert row.disagreement is True
    assert row.values_side_by_side() == "700,000+ | ≈500,000"
    assert row.voices == 2
    data = row.to_json()
    assert data["cells"][0]["values"][0]["value"] == 700000 and data["omitted_by"] == [3]


def test_confirmed_row_that_agrees_and_claims_outside_the_selection_are_left_out():
    anns = [annotation(1, A, "More than 700,000 American users", claim_id=7),
            annotation(2, B, "half a million Americans", claim_id=8)]
    rows = confirmed_rows([A], anns, [Claim(7, "x"), Claim(8, "y")], tag_paths={}, voices={1: 1})
    assert [r.claim_id for r in rows] == [7]
    assert rows[0].disagreement is False  # one value cannot disagree with itself


def test_suggestions_become_rows_with_reason_and_tags_of_overlapping_annotations():
    suggestions = suggest_claims([A, B, C])
    assert suggestions, "the two statements of how many Americans joined should be grouped"
    manual = annotation(5, A, "700,000 American", tags=(11,))
    rows = suggested_rows([A, B, C], suggestions, [manual], tag_paths={11: "Claim types/Statistic"},
                          voices={1: 1, 2: 2, 3: 3})
    row = rows[0]
    assert row.origin == "suggested" and row.key == suggestions[0].key and row.reason
    assert row.disagreement is True and row.omitted_by == (3,)
    assert row.cells[1].tags == ("Claim types/Statistic",) and row.cells[2].tags == ()


def test_dismissed_and_accepted_suggestions_are_not_open():
    suggestions = suggest_claims([A, B, C])
    key = suggestions[0].key
    assert open_suggestions(suggestions, dismissed={key}, annotations=[]) == []
    m = suggestions[0].mentions
    accepted = [Annotation(1, m[0].document_id, m[0].start, m[0].end, m[0].quote, claim_id=3),
                Annotation(2, m[1].document_id, m[1].start, m[1].end, m[1].quote, claim_id=3)]
    assert open_suggestions(suggestions, dismissed=set(), annotations=accepted) == []
    # Only one of its spans, in a claim that also holds other spans: still open.
    other = [accepted[0], Annotation(9, 3, 0, 5, "The w", claim_id=3)]
    assert open_suggestions(suggestions, dismissed=set(), annotations=other) == suggestions
    assert already_confirmed(suggestions[0], claim_spans(accepted[:1]))  # a claim of just that mention


def test_voices_follow_copies_transitively():
    groups = voice_groups([1, 2, 3, 4], [(1, 2), (2, 3), (9, 4)])
    assert groups == {1: 1, 2: 1, 3: 1, 4: 4}
    assert count_voices([1, 3, 4], groups) == 2


def test_document_labels_prefer_outlet_then_site_then_title_and_stay_unique():
    d1 = Document(1, "T1", "x", outlet="Reuters")
    d2 = Document(2, "T2", "x", outlet="Reuters")
    assert document_labels([d1, d2, C]) == {1: "Reuters · 1", 2: "Reuters · 2", 3: "c.example"}


def test_csv_rows_one_per_claim_and_document_with_omissions():
    comparison = compute_comparison(ComparisonInput((A, B, C), (), (), TAGS), alignments=False)
    rows = list(matrix_csv_rows(comparison.rows, comparison.labels))
    assert len(rows) == 3 * len(comparison.rows)
    omitted = [r for r in rows if r["document_id"] == 3]
    assert all(r["omitted"] == "true" and r["quote"] == "" for r in omitted)
    stated = [r for r in rows if r["document_id"] == 1][0]
    assert stated["omitted"] == "false" and stated["disagreement"] == "true"
    assert json.loads(stated["values"])[0]["value"] == 700000 and stated["compared_value"] == 700000
    assert A.text[stated["start_offset"]:stated["end_offset"]] == stated["quote"]


def test_whole_comparison_json_shape():
    data = compute_comparison(ComparisonInput((A, B, C), (), (), TAGS)).to_json()
    assert [d["id"] for d in data["documents"]] == [1, 2, 3]
    claim = data["claims"][0]
    assert claim["origin"] == "suggested" and claim["key"] and claim["reason"]
    assert set(claim["cells"][0]["values"][0]) == {"text", "value", "low", "high", "unit", "qualifier"}
    assert len(data["alignments"]) == 3 and data["copies"] == []
    assert [f["path"] for f in data["frame_profile"]["frames"]] == ["Claim types"]
    json.dumps(data)


def test_a_copy_and_its_source_are_one_voice(samples):
    text = (samples / "003_6a3424b13f4923d6.txt").read_text(encoding="utf-8")
    source = Document(1, "source", text, published="2025-01-14")
    copy = Document(2, "copy", "Republished from a wire service.\n" + text, published="2025-01-15")
    other = Document(3, "other", (samples / "004_a111527a2e4417a6.txt").read_text(encoding="utf-8"))
    comparison = compute_comparison(ComparisonInput((source, copy, other), (), (), ()), alignments=False)
    assert [(c.source, c.copy) for c in comparison.copies] == [(1, 2)]
    assert comparison.voices == {1: 1, 2: 1, 3: 3}
    shared = [r for r in comparison.rows if set(r.stated_by) == {1, 2, 3}]
    assert shared and all(r.voices == 2 for r in shared)


def test_quotation_suggestions_compare_the_amounts_in_their_wording():
    a = Document(1, "a", 'The port is closed. "We will not accept a raise below 20 percent for our members," '
                         'said Harold Daggett on Monday.')
    b = Document(2, "b", 'Talks failed. "We will not accept a raise of 14 percent for all of our members," '
                         'Daggett said in a statement.')
    rows = compute_comparison(ComparisonInput((a, b), (), (), ()), alignments=False).rows
    quote = next(r for r in rows if r.kind == "quotation")
    assert "Daggett" in quote.reason and quote.origin == "suggested"
    assert quote.values_side_by_side() == "<20% | 14%"
    assert quote.disagreement is False  # 14 % is below 20 %


def test_a_claim_made_of_phrases_inside_the_suggested_sentences_counts_as_confirmed():
    [suggestion] = [s for s in suggest_claims([A, B]) if s.disagreement]
    a_start, a_end = span(A, "More than 700,000")  # a hand-made annotation: a phrase of the sentence
    b_start, b_end = span(B, "half a million")
    manual = [Annotation(1, 1, a_start, a_end, "More than 700,000", claim_id=5),
              Annotation(2, 2, b_start, b_end, "half a million", claim_id=5)]
    assert open_suggestions([suggestion], dismissed=set(), annotations=manual) == []
    elsewhere = [Annotation(3, 1, 0, 5, "𝓞𝓹𝓮𝓻𝓪", claim_id=6), Annotation(4, 2, b_start, b_end, "x", claim_id=6)]
    assert open_suggestions([suggestion], dismissed=set(), annotations=elsewhere) == [suggestion]
