"""`compare`, `suggestions`, `accept`, `dismiss` on the sample corpus with no manual annotation."""
from __future__ import annotations

import csv
import io
import json

import pytest
from cli_helpers import assert_clean_error, run_cli

from rednote_desk.cli import main


@pytest.fixture
def run(db_path, capsys):
    def _run(*args):
        code = main(["--db", str(db_path), *[str(a) for a in args]])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture
def corpus(run, samples):
    code, out, err = run("import", *sorted(samples.glob("*.txt")))
    assert code == 0, err
    return [int(line.split("\t")[0]) for line in out.splitlines()]


def _rows(data):
    return {claim["label"]: claim for claim in data["claims"]}


def _find(data, predicate):
    found = [c for c in data["claims"] if predicate(c)]
    assert len(found) == 1, [c["label"] for c in data["claims"]]
    return found[0]


def _stated_values(claim):
    return sorted(v["value"] for cell in claim["cells"] for v in cell["values"] if v["value"] >= 1000)


def test_compare_json_suggests_the_claims_that_differ(run, corpus):
    code, out, err = run("compare", "--json", "-")
    assert code == 0, err
    data = json.loads(out)
    assert [d["id"] for d in data["documents"]] == corpus
    assert all(c["origin"] == "suggested" for c in data["claims"])
    joined = _find(data, lambda c: 500000 in _stated_values(c))
    assert joined["disagreement"] is True
    assert sorted(_stated_values(joined)) == [500000, 700000, 700000]
    assert len(joined["omitted_by"]) == 2 and joined["key"] and "users" in joined["reason"]
    posts = _find(data, lambda c: 63000 in _stated_values(c))
    assert posts["disagreement"] is True and _stated_values(posts) == [63000, 109000]
    monthly = _find(data, lambda c: c["values_side_by_side"].count("300 million") == 5)
    assert monthly["disagreement"] is False and monthly["omitted_by"] == []
    tiktok = _find(data, lambda c: _stated_values(c) == [170000000, 170000000])
    assert tiktok["disagreement"] is False
    cell = joined["cells"][0]
    assert {"quote", "start_offset", "end_offset", "tags", "values"} <= set(cell)
    assert len(data["alignments"]) == 10 and data["copies"] == []
    assert all(d["voice"] == d["id"] for d in data["documents"])
    frames = [f["path"] for f in data["frame_profile"]["frames"]]
    assert frames == ["Generic frames", "Framing dimensions", "Claim types"]


def test_cell_offsets_point_at_the_quote_in_astral_text(run, corpus, db_path):
    from rednote_desk.store.project import Project

    code, out, _ = run("compare", "--json", "-", "--no-alignments")
    data = json.loads(out)
    with Project.open(db_path) as project:
        texts = {d.id: d.text for d in project.documents()}
    assert any(ord(ch) > 0xFFFF for ch in texts[corpus[1]])
    for claim in data["claims"]:
        for cell in claim["cells"]:
            assert texts[cell["document_id"]][cell["start_offset"]:cell["end_offset"]] == cell["quote"]


def test_accept_then_compare_shows_a_confirmed_claim_and_undo_removes_it(run, corpus):
    code, out, _ = run("suggestions", "--json")
    suggestions = json.loads(out)
    posts = next(s for s in suggestions if "63,000" in s["values_side_by_side"])
    code, out, err = run("accept", posts["key"], "--label", "Posts under #TikTokRefugee")
    assert code == 0, err
    claim_id = int(out.split("\t")[0])
    code, out, _ = run("annotations", "--json")
    anns = json.loads(out)
    assert len(anns) == 2 and {a["claim_id"] for a in anns} == {claim_id}
    assert all(a["tags"] == ["Claim types/Statistic"] for a in anns)
    data = json.loads(run("compare", "--json", "-")[1])
    row = _rows(data)["Posts under #TikTokRefugee"]
    assert row["origin"] == "confirmed" and row["disagreement"] is True and row["key"] is None
    assert not any(c["key"] == posts["key"] for c in data["claims"])  # accepted: not suggested again
    code, out, _ = run("undo")
    assert "Accept claim" in out
    assert json.loads(run("annotations", "--json")[1]) == []
    assert any(c["key"] == posts["key"] for c in json.loads(run("compare", "--json", "-")[1])["claims"])


def test_accept_only_some_documents_and_dismiss_persists(run, corpus):
    suggestions = json.loads(run("suggestions", "--json")[1])
    monthly = next(s for s in suggestions if len(s["mentions"]) == 5)
    code, out, err = run("accept", monthly["key"], "--only", corpus[0], corpus[2])
    assert code == 0, err
    assert sorted(a["document_id"] for a in json.loads(run("annotations", "--json")[1])) == [corpus[0], corpus[2]]
    other = next(s for s in suggestions if s["key"] != monthly["key"])
    assert run("dismiss", other["key"])[0] == 0
    keys = [s["key"] for s in json.loads(run("suggestions", "--json")[1])]
    assert other["key"] not in keys and monthly["key"] not in keys
    code, _, err = run("dismiss", other["key"])
    assert code == 0 and "already dismissed" in err


def test_compare_csv_matrix_columns_and_rows(run, corpus, tmp_path):
    out_path = tmp_path / "matrix.csv"
    code, _, err = run("compare", "--csv", out_path, "--excel")
    assert code == 0 and "rows" in err
    raw = out_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    n_claims = len(json.loads(run("compare", "--json", "-")[1])["claims"])
    assert len(rows) == n_claims * len(corpus)
    assert {"claim_label", "origin", "document_id", "outlet", "quote", "start_offset", "end_offset", "tags",
            "values", "omitted", "disagreement"} <= set(rows[0])
    posts = [r for r in rows if "63,000" in r["claim_label"]]
    assert sorted(r["omitted"] for r in posts) == ["false", "false", "true", "true", "true"]
    assert {r["disagreement"] for r in posts} == {"true"}
    stated = next(r for r in posts if r["omitted"] == "false")
    assert json.loads(stated["values"])[0]["unit"] == "posts"


def test_compare_csv_to_stdout_and_docs_selection(run, corpus):
    code, out, _ = run("compare", "--docs", corpus[3], corpus[4], "--csv", "-", "--raw")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {int(r["document_id"]) for r in rows} == {corpus[3], corpus[4]}
    assert any("63,000" in r["claim_label"] for r in rows)


def test_compare_text_summary_and_errors(run, corpus, db_path):
    code, out, _ = run("compare")
    assert code == 0 and out.count("DISAGREE") == 2
    assert_clean_error(run_cli("--db", str(db_path), "compare", "--docs", "99", "--json", "-"), "no document")
    assert_clean_error(run_cli("--db", str(db_path), "accept", "nope"), "no open suggestion")
    assert_clean_error(run_cli("--db", str(db_path), "dismiss", "nope"), "no open suggestion")
    assert_clean_error(run_cli("--db", str(db_path), "compare", "--json", "-", "--csv", "-"), "only one")
