"""CSV export: lossless with raw=True, formula cells neutralised by default, Excel flavour."""
from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from rednote_desk.core.export import CSV_COLUMNS, write_csv


def _row(**values):
    base = {c: "" for c in CSV_COLUMNS}
    base.update(values)
    return base


cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx", 'a "quoted", b', "🚢\n𝓞𝓹"])


@settings(max_examples=200, deadline=None)
@given(quote=cell_text, note=cell_text, title=cell_text, start=st.integers(0, 10**9))
def test_raw_export_reads_back_exactly(quote, note, title, start):
    buffer = io.StringIO(newline="")
    write_csv([_row(quote=quote, note=note, document_title=title, start_offset=start)], buffer, raw=True)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert len(rows) == 1
    assert rows[0]["quote"] == quote and rows[0]["note"] == note and rows[0]["document_title"] == title
    assert int(rows[0]["start_offset"]) == start


@settings(max_examples=200, deadline=None)
@given(value=cell_text)
def test_default_export_never_leaves_a_formula_cell(value):
    buffer = io.StringIO(newline="")
    write_csv([_row(quote=value)], buffer)
    got = next(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))["quote"]
    assert not got.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert got == (("'" + value) if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value)


def test_neutralise_examples():
    for value, written in (("=1+1", "'=1+1"), ("-5 degrees", "'-5 degrees"), ("safe = text", "safe = text")):
        buffer = io.StringIO(newline="")
        write_csv([{"quote": value}], buffer, columns=("quote",))
        assert next(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))["quote"] == written


def test_excel_flavour_has_bom_and_crlf():
    buffer = io.StringIO(newline="")
    write_csv([_row(quote="a")], buffer, excel=True)
    text = buffer.getvalue()
    assert text.startswith("\ufeffannotation_id,document_id,")
    assert text.count("\r\n") == 2


def test_header_is_the_documented_contract():
    buffer = io.StringIO(newline="")
    assert write_csv([], buffer) == 0
    assert buffer.getvalue() == ",".join(CSV_COLUMNS) + "\n"
    assert CSV_COLUMNS[0] == "annotation_id" and CSV_COLUMNS[-1] == "updated_at" and len(CSV_COLUMNS) == 19


def test_export_streams_a_generator_without_materialising_it():
    produced = 0

    def rows():
        nonlocal produced
        for i in range(5000):
            produced += 1
            yield _row(annotation_id=i, quote=f"q{i}")

    class CountingSink(io.StringIO):
        max_seen_ahead = 0

        def write(self, s):
            # when a row is written, the generator has not run far ahead of it
            CountingSink.max_seen_ahead = max(CountingSink.max_seen_ahead, produced - self.getvalue().count("\n"))
            return super().write(s)

    sink = CountingSink(newline="")
    assert write_csv(rows(), sink) == 5000
    from rednote_desk.core.export import _CHUNK_ROWS

    assert CountingSink.max_seen_ahead <= _CHUNK_ROWS + 1  # written in small chunks, never all at once
