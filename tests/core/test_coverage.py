"""Coverage map, embeddings and statement roles, measured against the ground truth in framing_sets.py."""
from __future__ import annotations

import itertools
import socket

import pytest
from framing_sets import EVENTS, GoldEvent

from rednote_desk.core.compare.body import statements
from rednote_desk.core.compare.coverage import coverage_map
from rednote_desk.core.compare.embed import forget_model, model_note, sentence_model
from rednote_desk.core.models import Document


@pytest.fixture(scope="module")
def model():
    found = sentence_model()
    assert found is not None, model_note()
    return found


def pair_figures(event: GoldEvent, cmap) -> tuple[int, int, int]:
    """(right pairs, wrong pairs, gold pairs) of body statements in independent document pairs."""
    label = {}
    for gold, doc in zip(event.docs, event.documents(), strict=True):
        for name, start, end in gold.labelled():
            label[(doc.id, start, end)] = name
    gold_pairs = 0
    for a, b in itertools.combinations(event.docs, 2):
        if event.independent(a.key, b.key):
            la = {n for n, _, _ in a.labelled() if n}
            gold_pairs += len(la & {n for n, _, _ in b.labelled() if n})
    right = wrong = 0
    for row in cmap.rows:
        for c1, c2 in itertools.combinations(row.cells, 2):
            if "headline" in (c1.prominence, c2.prominence):
                continue
            if not event.independent(event.docs[c1.document_id - 1].key, event.docs[c2.document_id - 1].key):
                continue
            l1, l2 = label.get((c1.document_id, c1.start, c1.end)), label.get((c2.document_id, c2.start, c2.end))
            if l1 is not None and l1 == l2:
                right += 1
            else:
                wrong += 1
    return right, wrong, gold_pairs


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.name)
def test_statement_pairs_on_independent_coverage(event, model, record_property):
    cmap = coverage_map(event.documents(), model=model)
    right, wrong, gold = pair_figures(event, cmap)
    precision = right / (right + wrong)
    recall = right / gold
    record_property("pair_precision", precision)
    record_property("pair_recall", recall)
    print(f"{event.name}: statement-pair precision {precision:.2f} ({right}/{right + wrong}), "
          f"recall {recall:.2f} ({right}/{gold})")
    assert precision >= 0.9
    assert recall >= 0.8


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.name)
def test_lexical_fallback_stays_precise(event):
    cmap = coverage_map(event.documents(), model=None, note="model off")
    right, wrong, _ = pair_figures(event, cmap)
    assert cmap.method == "shared words and anchors" and cmap.note == "model off"
    assert right and right / (right + wrong) >= 0.9


def test_rows_cells_offsets_prominence_and_order(model):
    docs = EVENTS[0].documents()
    cmap = coverage_map(docs, model=model)
    texts = {d.id: d.text for d in docs}
    counts = [r.outlets for r in cmap.rows]
    assert counts == sorted(counts, reverse=True)
    for row in cmap.rows:
        assert len({c.document_id for c in row.cells}) == len(row.cells)  # one cell per outlet
        assert set(row.omitted_by).isdisjoint(c.document_id for c in row.cells)
        for c in row.cells:
            assert texts[c.document_id][c.start:c.end] == c.quote
    closed = next(r for r in cmap.rows if any("closed the Harbour Bridge" in c.quote for c in r.cells))
    assert closed.outlets == 4 and {c.prominence for c in closed.cells} == {"lead"}
    renovated = next(r for r in cmap.rows if any("renovated" in c.quote for c in r.cells))
    assert renovated.omitted_by == (4,) and renovated.cells[0].prominence == "paragraph 3 of 3"
    petition = next(r for r in cmap.rows if any("petition" in c.quote for c in r.cells))
    assert petition.exclusive and petition.cells[0].document_id == 4
    assert any(c.prominence == "headline" for r in cmap.rows for c in r.cells)
    suggestion = closed.as_suggestion()
    assert suggestion.kind == "statement" and len(suggestion.mentions) == 4
    assert coverage_map(docs, model=model).rows[0].key == cmap.rows[0].key  # keys are stable


def test_statement_roles_leave_out_headline_byline_dateline_and_markers():
    doc = EVENTS[1].documents()[2]  # the spun copy: new headline and byline, a footnote marker and footer
    items = statements(doc.id, doc.text, title=doc.title)
    roles = [s.role for s in items]
    assert roles[:2] == ["headline", "byline"] and roles[-2:] == ["boilerplate", "boilerplate"]
    first, second = items[2], items[3]
    assert first.text.endswith("districts.[1]") and first.compared.endswith("districts.")
    assert second.text.startswith("More than 60") and second.prominence == "lead"
    wire = EVENTS[0].documents()[0]
    lead = next(s for s in statements(wire.id, wire.text) if s.role == "body")
    assert lead.text.startswith("VELMORA, March 3") and lead.compared.startswith("The city of Velmora")


def test_astral_text_offsets_are_code_points(model):
    docs = [Document(1, "A", "Emoji 🚢 headline\n\nThe 𝓞𝓹𝓮𝓻𝓪 ship sank near the harbour on Monday. Nobody was hurt."),
            Document(2, "B", "Other title\n\nOn Monday the 𝓞𝓹𝓮𝓻𝓪 ship sank near the harbour. Rescue boats came.")]
    cmap = coverage_map(docs, model=model)
    shared = [r for r in cmap.rows if r.outlets == 2]
    assert shared
    for row in cmap.rows:
        for c in row.cells:
            assert docs[c.document_id - 1].text[c.start:c.end] == c.quote


def test_empty_and_single_documents():
    assert coverage_map([]).rows == ()
    one = coverage_map([Document(1, "T", "Only one sentence here.")])
    assert len(one.rows) == 1 and one.rows[0].exclusive


def test_model_loads_offline(monkeypatch, tmp_path):
    forget_model()

    def refuse(*args, **kwargs):
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    loaded = sentence_model()
    assert loaded is not None, model_note()
    vectors = loaded.embed(["The bridge is closed.", "The crossing was shut.", "Bananas are yellow."])
    assert vectors.shape == (3, 256)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert model_note() == ""


def test_missing_model_falls_back_with_a_note(monkeypatch):
    forget_model()
    monkeypatch.setenv("REDNOTE_DESK_NO_MODEL", "1")
    try:
        assert sentence_model() is None
        assert "shared words only" in model_note() and "REDNOTE_DESK_NO_MODEL" in model_note()
    finally:
        forget_model()
