"""Word choice: terms grouped across outlets, each grouping explained."""
from __future__ import annotations

from framing_sets import EVENTS

from rednote_desk.core.compare.terms import term_groups
from rednote_desk.core.models import Document


def test_name_and_head_word_grouped_with_counts_per_outlet():
    groups = term_groups(EVENTS[0].documents())
    bridge = next(g for g in groups if "Harbour Bridge" in g.terms[1])
    assert bridge.terms[1] == {"Harbour Bridge": 2, "bridge": 3}
    assert any("ends in" in why for why in bridge.explanation)
    assert all(len(g.terms) >= 1 and g.mentions >= 2 for g in groups)
    assert not any(g.label in ("closed", "Monday") for g in groups)


def test_apposition_joins_a_name_and_its_role():
    docs = [Document(1, "A", "T\n\nHelena Voss, the mayor, closed the bridge. Voss spoke later."),
            Document(2, "B", "U\n\nThe mayor closed the bridge on Monday. The mayor spoke.")]
    voss = next(g for g in term_groups(docs) if "Helena Voss" in g.terms.get(1, {}))
    assert voss.terms[2] == {"mayor": 2}
    assert any(why.startswith("apposition in A") for why in voss.explanation)
    assert voss.to_json()["outlets"][0]["terms"][0] == {"term": "Helena Voss", "count": 1}


def test_nothing_to_group():
    assert term_groups([]) == []
    assert term_groups([Document(1, "T", "Short.")]) == []
