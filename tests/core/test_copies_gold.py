"""Copies without false alarms, measured on the ground-truth sets (framing_sets.py)."""
from __future__ import annotations

import pytest
from framing_sets import EVENT_STRIKE, EVENTS

from rednote_desk.core.compare.embed import sentence_model
from rednote_desk.core.compare.spin import classify_pair, find_copies


@pytest.fixture(scope="module")
def model():
    return sentence_model()


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.name)
def test_copies_found_and_no_false_copies(event, model):
    found = find_copies(event.documents(), model=model)
    keys = {(event.docs[f.source - 1].key, event.docs[f.copy - 1].key): f for f in found}
    hits = [pair for pair in event.copies if pair in keys or pair[::-1] in keys]
    false = [pair for pair in keys if pair not in event.copies and pair[::-1] not in event.copies]
    kinds_right = sum((keys.get(p) or keys[p[::-1]]).kind == event.copies[p] for p in hits)
    print(f"{event.name}: copies found {len(hits)}/{len(event.copies)}, right kind {kinds_right}, "
          f"false copies {len(false)}")
    assert not false, false
    assert len(hits) == len(event.copies)
    assert kinds_right == len(hits)


def test_excerpt_and_spun_full_copy_with_new_headline_byline_and_markers():
    fire = EVENTS[1].documents()
    gazette, digest, spun = fire[0], fire[1], fire[2]
    excerpt = classify_pair(gazette, digest)
    assert excerpt.kind == "verbatim" and (excerpt.source, excerpt.copy) == (1, 2)
    assert excerpt.to_json()["direction"] == {"basis": "published", "known": True,
                                              "note": "the source was published first"}
    full = classify_pair(spun, gazette)
    assert full.kind == "spun" and full.metrics["aligned_share"] == 1.0  # headline/byline/[1] don't count
    assert full.to_json()["direction"]["known"] is False  # the spun copy has no date
    assert "guess" in full.to_json()["direction"]["note"]


def test_two_short_briefs_sharing_a_sentence_are_not_copies(model):
    brief_a, brief_b = EVENT_STRIKE.documents()[2:]
    finding = classify_pair(brief_a, brief_b)
    assert finding.kind == "independent" and finding.metrics["shorter_body"] == 2
    assert find_copies([brief_a, brief_b], model=model) == []


def test_wire_story_rewritten_by_two_sites_is_its_own_kind(model):
    bridge = EVENTS[0].documents()
    found = {(f.source, f.copy): f for f in find_copies(bridge, model=model)}
    assert {f.kind for f in found.values()} == {"rewritten"}
    assert 4 not in {d for pair in found for d in pair}  # the independent report is nobody's copy
