"""The comparison's shared work (each document's statements and each sentence's embedding made once) changes
nothing: every part gives the same result inside ``shared_work()`` as outside it."""
from __future__ import annotations

import threading

import numpy as np
import pytest
from framing_sets import EVENT_BRIDGE, EVENT_FIRE

from rednote_desk.core.compare.body import statements
from rednote_desk.core.compare.embed import sentence_model
from rednote_desk.core.compare.framing import compute_framing
from rednote_desk.core.compare.shared import current, shared_work
from rednote_desk.core.compare.spin import find_copies


@pytest.fixture(scope="module")
def model():
    return sentence_model()


def _copies_json(docs, model):
    return [c.to_json() for c in find_copies(docs, model=model)]


@pytest.mark.parametrize("event", [EVENT_FIRE, EVENT_BRIDGE], ids=lambda e: e.name.split()[0])
def test_copies_and_framing_are_the_same_with_shared_work(event, model):
    docs = event.documents()
    plain = (_copies_json(docs, model), compute_framing(docs, model=model).to_json())
    with shared_work() as work:
        shared = (_copies_json(docs, model), compute_framing(docs, model=model).to_json())
        assert len(work.statements) == len(docs)  # one entry per document, reused by every part
    assert shared == plain
    assert plain[0], "the set has copies: the check compares real findings"


def test_statements_are_made_once_and_handed_out_as_fresh_lists():
    doc = EVENT_FIRE.documents()[0]
    with shared_work():
        first = statements(doc.id, doc.text, title=doc.title)
        first.clear()  # a caller changing its list does not change what the next caller gets
        again = statements(doc.id, doc.text, title=doc.title)
        other_title = statements(doc.id, doc.text, title="Another title")
    assert again == statements(doc.id, doc.text, title=doc.title)
    assert other_title == statements(doc.id, doc.text, title="Another title")
    assert current() is None


def test_a_sentence_embeds_the_same_alone_as_in_any_batch(model):
    if model is None:
        pytest.skip("the sentence model is not available here")
    texts = [s.compared for d in EVENT_FIRE.documents() for s in statements(d.id, d.text, title=d.title)]
    plain = model.embed(texts)
    with shared_work() as work:
        part = model.embed(texts[5:20])
        whole = model.embed([*texts, texts[0]])
        assert len(work.vectors) == len(set(texts))
    assert np.array_equal(part, plain[5:20])
    assert np.array_equal(whole[:-1], plain)
    assert np.array_equal(whole[-1], plain[0])


def test_the_scope_belongs_to_its_thread():
    seen = []
    with shared_work() as work:
        thread = threading.Thread(target=lambda: seen.append(current()))
        thread.start()
        thread.join()
        with shared_work() as inner:
            assert inner is work  # nested: the outer scope is reused
    assert seen == [None]
    assert current() is None


def test_per_text_work_is_made_once_inside_a_scope_and_every_time_outside():
    from rednote_desk.core.compare.shared import per_text

    calls = []
    words = per_text("test words", lambda text: calls.append(text) or set(text.split()))
    assert words("a b") == {"a", "b"} and words("a b") == {"a", "b"}
    assert len(calls) == 2
    with shared_work():
        first = words("a b")
        assert words("a b") is first and words("b c") == {"b", "c"}
    assert calls == ["a b", "a b", "a b", "b c"]


def test_a_row_of_two_is_labelled_with_the_more_prominent_wording_whatever_the_float_noise(model):
    """Both members of a two-cell row have the same mean score (their one pair's), up to the last bits."""
    from rednote_desk.core.compare.coverage import coverage_map
    from rednote_desk.core.models import Document

    lead = "The harbour bridge is to close for repairs next month, city officials said on Monday."
    later = "The harbour bridge will close for repairs next month, officials said."
    filler = ("Rain is expected across the region this weekend. The football season opened with a draw. "
              "Markets rose slightly in early trading.")
    docs = [Document(id=1, title="Weekend roundup", text=f"Weekend roundup\n\n{filler}\n\n{later}\n"),
            Document(id=2, title="Bridge to close", text=f"Bridge to close\n\n{lead} Traffic will be diverted.\n")]
    for m in (model, None):
        row = next(r for r in coverage_map(docs, model=m).rows if r.outlets == 2 and "bridge" in r.label)
        assert round(row.cells[0].score, 4) == round(row.cells[1].score, 4)
        assert row.label == lead, "the lead of document 2, not paragraph 2 of document 1"
