"""Row verdicts (conflict / differs / same / growth), outliers, and how the matrix shows them."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from rednote_desk.core.compare.comparison import ComparisonInput, compute_comparison
from rednote_desk.core.compare.matrix import MATRIX_CSV_COLUMNS, matrix_csv_rows
from rednote_desk.core.export import write_csv
from rednote_desk.core.models import Document
from rednote_desk.core.numbers import parse_quantities
from rednote_desk.core.numbers.verdict import Stated, judge

D1, D2 = date(2025, 1, 14), date(2025, 1, 16)


def _s(doc: int, text: str, when: date | None = D1) -> Stated:
    return Stated(doc, parse_quantities(text)[0], when)


@pytest.mark.parametrize(("stated", "verdict", "note", "outliers"), [
    ([_s(1, "roughly $60 million a day"), _s(2, "up to $90 million a day")], "differs", "can all be true", ()),
    ([_s(1, "about 500,000 users"), _s(2, "more than 700,000 users")], "conflict", "2025-01-14", ()),
    ([_s(1, "about 500,000 users"), _s(2, "more than 700,000 users", D2)], "growth", "2 days later", ()),
    ([_s(1, "3 million users", D1), _s(2, "500,000 users", D2)], "differs", "2 days apart", ()),
    ([_s(1, "45,000 workers"), _s(2, "45k workers"), _s(3, "some 45,000 workers")], "same", "same", ()),
    ([_s(1, "more than 100 ships"), _s(2, "around 40 ships"), _s(3, "over 100 ships")], "conflict", "", (2,)),
    ([_s(1, "more than 100 ships"), _s(2, "around 40 ships", None)], "conflict", "", ()),
    ([_s(1, "about 12 ships"), _s(2, "14 ships"), _s(3, "about 12 ships")], "differs", "", (2,)),
    ([_s(1, "12 ships"), _s(2, "14 ships"), _s(3, "12 ships")], "conflict", "", (2,)),
    ([_s(1, "12 ships")], None, "fewer than two", ()),
    # two amounts one outlet gives side by side never make a conflict on their own
    ([_s(1, "$60 million a day"), _s(1, "$90 million a day"), _s(2, "$60 million a day")], "differs", "", ()),
])
def test_judge(stated, verdict, note, outliers):
    found = judge(stated)
    assert found.verdict == verdict
    assert note in found.note
    assert found.outliers == outliers


DOCS = (
    Document(1, "A", "Havenport strike. The stoppage costs roughly $60 million a day; business groups say "
                     "up to $90 million. More than 100 ships were waiting on Tuesday.", outlet="Harbour Daily",
             published="2025-03-04"),
    Document(2, "B", "Havenport strike. Losses are estimated at €55 million per day, the port said. Around 40 "
                     "ships were waiting on Tuesday.", outlet="Wire Service", published="2025-03-04"),
    Document(3, "C", "Havenport strike. The stoppage costs about $60 million a day, the port said. Over 100 "
                     "ships were waiting on Tuesday.", outlet="Port News", published="2025-03-04"),
)


@pytest.fixture(scope="module")
def comparison():
    return compute_comparison(ComparisonInput(DOCS, (), (), ()), alignments=False)


def _row(comparison, unit):
    return next(r for r in comparison.rows if any(c.compared and c.compared.unit == unit for c in r.cells.values()))


def test_every_amount_of_a_cell_is_compared_and_another_currency_is_shown(comparison):
    money = _row(comparison, "USD")
    assert money.verdict == "differs" and not money.disagreement
    assert [q.text for q in money.cells[1].compared_values] == ["roughly $60 million a day", "up to $90 million"]
    assert all(q.per == "day" for q in money.cells[1].compared_values)  # the rate carried over
    assert 2 in money.cells and money.cells[2].compared_values == ()
    assert [q.unit for q in money.cells[2].other_currency] == ["EUR"]
    assert "stated in another currency (€55M/day)" in money.values_side_by_side()


def test_conflict_names_the_outlier_and_is_the_only_disagreement(comparison):
    ships = _row(comparison, "ships")
    assert ships.verdict == "conflict" and ships.disagreement and ships.outliers == (2,)
    assert all(c.reference_date == "2025-03-04" for c in ships.cells.values())
    assert all(r.disagreement == (r.verdict == "conflict") for r in comparison.rows)


def test_json_and_csv_carry_verdict_outliers_and_reference_dates(comparison):
    data = json.loads(json.dumps(comparison.to_json(alignments=False), ensure_ascii=False))
    ships = next(c for c in data["claims"] if c["verdict"] == "conflict")
    assert ships["outliers"] == [2] and ships["disagreement"] is True and "cannot all be true" in ships["verdict_note"]
    cell = ships["cells"][0]
    assert cell["reference_date"] == "2025-03-04" and cell["reference_reason"]
    assert cell["compared_values"] and cell["other_currency"] == []
    money = next(c for c in data["claims"] if c["verdict"] == "differs")
    eur = next(c for c in money["cells"] if c["document_id"] == 2)
    assert eur["other_currency"][0]["note"] == "stated in another currency (€55M/day)"
    out = io.StringIO()
    write_csv(matrix_csv_rows(comparison.rows, comparison.labels), out, columns=MATRIX_CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    conflict = [r for r in rows if r["verdict"] == "conflict"]
    assert conflict and all(r["outliers"] == "Wire Service" and r["disagreement"] == "true" for r in conflict)
    assert {r["reference_date"] for r in conflict} == {"2025-03-04"}
