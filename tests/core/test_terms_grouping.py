"""Word choice: synonyms written for one another in shared statements, other names, no generic words."""
from __future__ import annotations

import pytest
from framing_sets import EVENT_FIRE, EVENTS

from rednote_desk.core.compare.embed import model_note, sentence_model
from rednote_desk.core.compare.framing import compute_framing
from rednote_desk.core.compare.terms import term_groups
from rednote_desk.core.models import Document

GENERIC = {"hour", "three", "main", "keep", "went", "taken", "brought", "night", "eastern", "south", "north",
           "black", "might", "public", "afford", "january", "monday", "extra", "later", "social"}


@pytest.fixture(scope="module")
def model():
    found = sentence_model()
    assert found is not None, model_note()
    return found


def _group_of(groups, term):
    return next(g for g in groups if any(term in ts for ts in g.terms.values()))


def test_fire_and_blaze_are_one_thing_smoke_and_firefighters_are_not(model):
    groups = compute_framing(EVENT_FIRE.documents(), model=model).terms
    fire = _group_of(groups, "fire")
    written = {t for ts in fire.terms.values() for t in ts}
    assert {"fire", "blaze"} <= written and not written & {"smoke", "firefighter", "firefighters"}
    assert any(why.startswith("written for one another in") for why in fire.explanation)
    factory = _group_of(groups, "factory")
    assert "facility" in {t for ts in factory.terms.values() for t in ts}


def test_without_shared_statements_no_substitution_is_guessed(model):
    groups = term_groups(EVENT_FIRE.documents(), model=model)  # no coverage rows given
    assert "blaze" not in {t for ts in _group_of(groups, "fire").terms.values() for t in ts}


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.name)
def test_no_generic_word_is_an_actor(event, model):
    groups = compute_framing(event.documents(), model=model).terms
    written = {t.casefold() for g in groups for ts in g.terms.values() for t in ts}
    assert groups and not written & GENERIC


def test_another_name_joins_two_names():
    docs = [Document(1, "A", "Headline here\n\nXiaohongshu, or RedNote, is a lifestyle app. RedNote grew fast."),
            Document(2, "B", "Other title\n\nThe app RedNote, known locally as Xiaohongshu, topped the charts. "
                             "Xiaohongshu has 300 million users.")]
    group = _group_of(term_groups(docs), "RedNote")
    assert group.terms[1] == {"Xiaohongshu": 1, "RedNote": 2} and group.terms[2] == {"RedNote": 1, "Xiaohongshu": 2}
    assert any(why.startswith("another name in") for why in group.explanation)


def test_initials_are_one_word():
    docs = [Document(1, "A", "T\n\nMany U.S. users joined. The U.S. ban looms."),
            Document(2, "B", "U\n\nU.S. officials spoke.")]
    assert any("US" in g.terms.get(1, {}) for g in term_groups(docs))
