"""The annotation export's fast writer (write_annotations_csv) writes byte for byte what a straightforward
reference writer writes, in both modes, on values that trip CSV writers up."""
from __future__ import annotations

import csv
import io

import pytest
from csv_reference import TRICKY, as_batch, expand, reference_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from rednote_desk.core.export import write_annotations_csv


def export(batches, documents, claims, paths, *, raw: bool, excel: bool) -> tuple[int, str]:
    out = io.StringIO(newline="")
    count = write_annotations_csv(map(as_batch, batches), out, documents=documents, claims=claims,
                                  tag_paths=paths, raw=raw, excel=excel)
    return count, out.getvalue()


def tricky_project():
    documents = {i + 1: (t, TRICKY[(i + 1) % len(TRICKY)], None if i % 3 else t, "2025-01-0" + str(i % 9 + 1),
                         None) for i, t in enumerate(TRICKY)}
    claims = {i + 1: t for i, t in enumerate(TRICKY[:8])}
    paths = {i + 1: t.replace("/", "|") for i, t in enumerate(TRICKY)}
    paths[40] = "Frames/Conflict"
    rows = []
    for i, text in enumerate(TRICKY * 3):
        rows.append((i + 1, (i % (len(TRICKY) + 2)) + 1, i, i + len(text), text, TRICKY[-i % len(TRICKY)],
                     TRICKY[i // 2 % len(TRICKY)], (i % 7 if i % 5 == 0 else None) if i % 4 == 0 else
                     ",".join(str((i * k) % 45 + 1) for k in range(i % 4)),
                     (i % 10) + 1 if i % 4 else None, text[::-1], TRICKY[i % 5], "2025-01-30T12:00:00.000Z",
                     TRICKY[(i + 7) % len(TRICKY)]))
    return rows, documents, claims, paths


@pytest.mark.parametrize("raw,excel", [(True, False), (False, False), (False, True)])
def test_fast_writer_matches_the_reference_on_tricky_values(raw, excel):
    rows, documents, claims, paths = tricky_project()
    count, text = export([rows[:10], [], rows[10:]], documents, claims, paths, raw=raw, excel=excel)
    assert count == len(rows)
    assert text == reference_csv([expand(r, documents, claims, paths) for r in rows], raw=raw, excel=excel)
    if raw:  # and it reads back exactly
        back = list(csv.reader(io.StringIO(text, newline="")))
        assert back[1:] == [["" if v is None else str(v) for v in expand(r, documents, claims, paths)]
                            for r in rows]
    else:
        cells = [c for line in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")) for c in line]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_values_of_other_types_take_the_general_way_with_the_same_rules():
    """A damaged or foreign file can hold a float, a blob, NULL or text where the schema expects another type."""
    rows, documents, claims, paths = tricky_project()
    odd = [(1, "=doc", 1.5, "-3", None, b"a,b", 7, None, "=claim", 2.0, None, "", "x"),
           (2, 1, 0, 4, "ok", "", "", "1", 1, "", "", "", ""),
           (3, 2.5, -1, 10**20, "=x", "p", "s", "2,1", None, "n", "c", "=t", "u")]
    for raw, excel in ((True, False), (False, False), (False, True)):
        count, text = export([rows[:5], odd, rows[5:]], documents, claims, paths, raw=raw, excel=excel)
        expected = [expand(r, documents, claims, paths) for r in rows[:5] + odd + rows[5:]]
        assert count == len(expected)
        assert text == reference_csv(expected, raw=raw, excel=excel)


def test_tag_ids_that_are_not_tags_are_left_out():
    paths = {1: "B", 2: "A/x", 3: "=C"}
    rows = [(1, 1, 0, 1, "q", "", "", "3,x,1,99,2", None, "", "", "", "")]
    _, text = export([rows], {}, {}, paths, raw=False, excel=False)
    assert text.splitlines()[1].split(",")[12] == "'=C; A/x; B"


cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(TRICKY)


@settings(max_examples=150, deadline=None)
@given(quote=cell_text, note=cell_text, title=cell_text, label=cell_text, tag=cell_text, raw=st.booleans(),
       excel=st.booleans())
def test_fast_writer_matches_the_reference_on_any_text(quote, note, title, label, tag, raw, excel):
    documents, claims, paths = {5: (title, None, "", title, label)}, {3: label}, {1: tag, 2: title}
    rows = [(1, 5, 0, len(quote), quote, note, quote, "2,1", 3, note, tag, label, title),
            (2, 6, 1, 2, note, quote, "", None, None, "", "", "", "")]
    _, text = export([rows], documents, claims, paths, raw=raw and not excel, excel=excel)
    assert text == reference_csv([expand(r, documents, claims, paths) for r in rows], raw=raw and not excel,
                                 excel=excel)
