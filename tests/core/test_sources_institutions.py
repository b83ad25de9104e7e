"""Sources beyond people: institutions, other media, and direct quotes classified as quotes."""
from __future__ import annotations

import pytest
from framing_sets import EVENT_BRIDGE, EVENT_FIRE, EVENT_STRIKE

from rednote_desk.core.compare.sources import attributions, source_rows
from rednote_desk.core.models import Document


def _row(rows, name):
    return next(r for r in rows if r.name == name)


def test_one_institution_under_three_wordings_is_one_row():
    rows = source_rows(EVENT_BRIDGE.documents())
    office = [r for r in rows if r.kind == "institution" and "transport" in r.name]
    assert len(office) == 1
    assert set(office[0].names) == {"city transport office", "municipal transport office", "city transport officials"}
    assert sorted(office[0].cells) == [1, 2, 3] and office[0].omitted_by == (4,)
    assert {a.kind for a in office[0].cells[1]} == {"according to"}
    assert {r.name for r in rows if r.kind == "institution"} == {"municipal transport office", "City officials",
                                                                 "chamber of commerce"}


def test_a_statement_by_a_company_and_bare_institutions():
    fire = source_rows(EVENT_FIRE.documents())
    brennick = _row(fire, "Brennick Industries")
    assert brennick.kind == "institution" and sorted(brennick.cells) == [1, 3]
    assert {a.kind for cell in brennick.cells.values() for a in cell} == {"statement"}
    strike = source_rows(EVENT_STRIKE.documents())
    assert sorted(_row(strike, "ministry").cells) == [4]  # "The ministry puts the number of strikers at 9,500."
    assert sorted(_row(strike, "union").cells) == [3]  # "The union says 14,000 members walked out."
    people = {r.name for r in strike if r.kind == "person"}
    assert people == {"Tomás Ferreira", "Rui Santos"}  # institutions never become people


def test_direct_quotes_are_quotes_whatever_pattern_found_them():
    gazette = EVENT_FIRE.documents()[0]
    lindqvist = [a for a in attributions(gazette) if a.name.endswith("Lindqvist")]
    by_sentence = {a.quote.split()[0]: a.kind for a in lindqvist}
    assert by_sentence['"The'] == "quote"  # '"The building was full …," fire chief Maria Lindqvist said.'
    assert by_sentence["Lindqvist"] == "said"  # reported speech stays reported speech
    ledger = EVENT_BRIDGE.documents()[3]
    assert {a.kind for a in attributions(ledger) if a.name == "Ines Moreau"} == {"quote"}


@pytest.mark.parametrize("sentence, name", [
    ("As CN Digital reported on Tuesday, the app topped the list.", "CN Digital"),
    ("The app had 300 million users, according to Reuters.", "Reuters"),
    ("A spokesman told the Daily Herald that the talks had failed.", "Daily Herald"),
])
def test_other_media_cited(sentence, name):
    doc = Document(1, "T", f"Headline here\n\nSomething happened on Monday. {sentence}\n")
    rows = source_rows([doc])
    assert [(r.name, r.kind) for r in rows if r.kind == "media"] == [(name, "media")]


def test_a_surname_alone_takes_the_full_name_its_document_writes():
    doc = Document(1, "T", "Headline here\n\nRen Yi is a blogger known as Chairman Rabbit. "
                           "\"Be careful with praise from abroad,\" wrote Yi in a post.\n")
    (row,) = [r for r in source_rows([doc]) if r.kind == "person"]
    assert row.name == "Ren Yi" and row.names == ("Yi",)


def test_no_source_invented_from_ordinary_sentences():
    doc = Document(1, "T", "Headline here\n\nSchools have told parents to plan for late arrivals. Roughly 48,000 "
                           "cars use the crossing each day. The offer was rejected last week.\n")
    assert source_rows([doc]) == []
