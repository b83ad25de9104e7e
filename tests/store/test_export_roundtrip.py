"""Property: annotate -> export --raw -> parse gives back exactly the stored quote and offsets."""
from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rednote_desk.core.export import write_csv
from rednote_desk.core.ingest import text_sha256
from rednote_desk.store.project import Project

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(
    lambda t: t.strip()) | st.sampled_from(["♬ оригинальный звук – 𝓞𝓹𝓮𝓻𝓪 🚢\r\n=cmd, \"quoted\"\n@x\t+1 -2"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, data=st.data())
def test_annotate_export_raw_parse_round_trips(text, data):
    project = Project.in_memory()
    try:
        document, _ = project.add_document(title=text[:50] or "t", text=text, text_sha256=text_sha256(text),
                                           outlet="=Outlet, \"quoted\"")
        spans = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))),
                                   min_size=1, max_size=5))
        expected = {}
        for a, b in spans:
            start, end = min(a, b), max(a, b)
            if end == start:
                end = start + 1
            note = data.draw(st.text(max_size=30).filter(lambda t: "\x00" not in t))
            ann = project.add_annotation(document_id=document.id, start=start, end=end, note=note).value
            expected[ann.id] = (start, end, text[start:end], note)
        buffer = io.StringIO(newline="")
        write_csv(project.iter_export_rows(), buffer, raw=True)
        rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
        assert len(rows) == len(expected)
        for row in rows:
            start, end, quote, note = expected[int(row["annotation_id"])]
            assert (int(row["start_offset"]), int(row["end_offset"])) == (start, end)
            assert row["quote"] == quote == text[int(row["start_offset"]):int(row["end_offset"])]
            assert row["note"] == note and row["outlet"] == "=Outlet, \"quoted\""
    finally:
        project.close()
