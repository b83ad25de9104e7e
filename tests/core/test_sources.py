"""Sources: speakers × outlets, one row per person under two names (ground truth in framing_sets.py)."""
from __future__ import annotations

import pytest
from framing_sets import EVENTS

from rednote_desk.core.compare.sources import source_rows
from rednote_desk.core.models import Document


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.name)
def test_speakers_merged_into_one_row_each(event):
    rows = [r for r in source_rows(event.documents()) if r.kind == "person"]
    merged = 0
    for person in event.speakers:
        ids = {event.doc_id(k) for k in person}
        holding = [r for r in rows if any(n in r.names for n in person.values()) and ids & set(r.cells)]
        if len(holding) == 1 and ids <= set(holding[0].cells):
            merged += 1
    print(f"{event.name}: speakers merged {merged}/{len(event.speakers)}, rows {len(rows)}")
    assert merged == len(event.speakers)
    assert len(rows) == len(event.speakers)  # no speaker split over two rows, no invented speaker


def test_roles_omissions_and_media_cited():
    rows = source_rows(EVENTS[1].documents())
    chief = next(r for r in rows if r.name == "Maria Lindqvist")
    assert set(chief.names) == {"Maria Lindqvist", "Lindqvist"} and chief.role == "chief"
    feld = next(r for r in rows if r.name == "Omar Feld")
    assert feld.omitted_by == (2, 4)
    radio = next(r for r in rows if r.kind == "media")
    assert radio.name == "Northfield Radio" and list(radio.cells) == [4]
    cell = chief.to_json()["cells"][0]
    doc = EVENTS[1].documents()[0]
    mention = cell["mentions"][0]
    assert doc.text[mention["start_offset"]:mention["end_offset"]] == mention["quote"]


def test_two_people_sharing_a_surname_stay_apart():
    docs = [Document(1, "A", "Headline\n\nAnna Berg said the plan was late. Later, Tom Berg said it was fine."),
            Document(2, "B", "Title\n\nBerg said the plan was late.")]
    rows = source_rows(docs)
    assert {r.name for r in rows} == {"Anna Berg", "Tom Berg", "Berg"}
