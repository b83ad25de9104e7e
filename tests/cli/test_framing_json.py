"""`compare --json` carries the coverage map, terms and sources; a coverage row can be accepted as a claim."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from rednote_desk.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from framing_sets import EVENTS  # noqa: E402


def test_compare_json_has_coverage_terms_and_sources(db_path, tmp_path, capsys):
    event = EVENTS[0]
    files = []
    for gold in event.docs:
        path = tmp_path / f"{gold.key}.txt"
        path.write_text(gold.text(), encoding="utf-8")
        files.append(path)
    for gold, path in zip(event.docs, files, strict=True):
        assert main(["--db", str(db_path), "import", str(path), "--outlet", gold.outlet,
                     "--title", gold.title, "--published", gold.published]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "compare", "--json", "-", "--no-alignments"]) == 0
    data = json.loads(capsys.readouterr().out)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in files}
    by_id = {d["id"]: texts[next(g.key for g in event.docs if g.outlet == d["outlet"])] for d in data["documents"]}
    rows = data["coverage"]["rows"]
    assert rows and [r["outlets"] for r in rows] == sorted((r["outlets"] for r in rows), reverse=True)
    for row in rows:
        for cell in row["cells"]:
            assert by_id[cell["document_id"]][cell["start_offset"]:cell["end_offset"]] == cell["quote"]
            assert cell["prominence"] == "headline" or cell["prominence"] == "lead" \
                or cell["prominence"].startswith("paragraph ")
    assert any(r["exclusive"] for r in rows)
    assert data["coverage"]["method"].startswith("WordLlama")
    assert any(s["name"] == "Helena Voss" and len(s["cited_by"]) == 4 for s in data["sources"])
    assert any("Harbour Bridge" in [t["term"] for o in g["outlets"] for t in o["terms"]] for g in data["terms"])
    assert {c["kind"] for c in data["copies"]} == {"rewritten"}
    published = {d["id"]: d["published"] for d in data["documents"]}
    for copy in data["copies"]:  # the wire and one site have the same date: that direction is a guess
        assert copy["direction"]["known"] == (published[copy["source"]] != published[copy["copy"]])
        assert ("guess" in copy["direction"]["note"]) != copy["direction"]["known"]
