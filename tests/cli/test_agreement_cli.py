"""`rednote-desk agreement`: the table, JSON, CSV of both tables, selections and clear errors."""
from __future__ import annotations

import csv
import io
import json

import krippendorff
import numpy as np
import pytest
from cli_helpers import Result, assert_clean_error

from rednote_desk.cli import main

TEXT = "Alpha one. Beta two. Gamma three. Delta four. 🚢 Epsilon five.\n"


@pytest.fixture
def run(db_path, capsys):
    def _run(*args) -> Result:
        code = main(["--db", str(db_path), *[str(a) for a in args]])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return _run


@pytest.fixture
def coded(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run("import", path).code == 0
    for quote, tag, coder in [("Alpha", "Frames/Conflict", "ann"), ("Alpha one", "Frames/Conflict", "bob"),
                              ("Gamma", "Frames/Conflict", "ann"), ("Delta", "Frames/Conflict", "bob"),
                              ("Epsilon", "Frames/Moral", "ann"), ("Epsilon five", "Frames/Moral", "bob")]:
        assert run("annotate", "--doc", 1, "--quote", quote, "--tag", tag, "--create-tags", "--coder", coder).code == 0
    return run


def test_table_and_disagreements(coded):
    result = coded("agreement")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("# coders: ann, bob; unit: sentence; documents compared: 1")
    rows = {line.split("\t")[0]: line.split("\t") for line in lines if "\t" in line and not line.startswith("disagree")}
    conflict = rows["Frames/Conflict"]
    assert conflict[1:3] == ["5", "3"]  # five sentences, three coded by someone
    expected = krippendorff.alpha(reliability_data=np.array([[1, 0, 1, 0, 0], [1, 0, 0, 1, 0]], dtype=float),
                                  level_of_measurement="nominal")
    assert float(conflict[4]) == pytest.approx(expected, abs=5e-4)
    assert float(rows["Frames/Moral"][3]) == 1.0
    disagreements = [line for line in lines if line.startswith("disagree")]
    assert len(disagreements) == 2 and "Gamma three." in disagreements[0]


def test_json_csv_and_selection(coded, tmp_path):
    data = json.loads(coded("agreement", "--json", "--codes", "Frames/Moral").out)
    assert [c["code"] for c in data["codes"]] == ["Frames/Moral", "(all codes)"]
    moral = data["codes"][0]
    # both coded the last sentence and neither the other four: full agreement, and there is variation
    assert moral["cohen_kappa"]["value"] == pytest.approx(1.0)
    assert data["disagreements"] == []
    table, dis = tmp_path / "table.csv", tmp_path / "dis.csv"
    assert coded("agreement", "--unit", "character", "--csv", table, "--disagreements-csv", dis).code == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows[0]["code"] == "Frames/Conflict" and int(rows[0]["units"]) == len(TEXT)
    assert rows[-1]["code"] == "(all codes)"
    dis_rows = list(csv.DictReader(io.StringIO(dis.read_text(encoding="utf-8"))))
    assert {r["text"] for r in dis_rows} >= {" one", "Gamma", "Delta", " five"}
    for r in dis_rows:
        assert TEXT[int(r["start_offset"]):int(r["end_offset"])] == r["text"]  # code points, astral text before


def test_one_coder_says_undefined(coded):
    result = coded("agreement", "--coders", "ann")
    assert result.code == 0
    assert "undefined" in result.out and "two coders" in result.out


def test_errors(coded):
    assert_clean_error(coded("agreement", "--coders", "zed"), "no annotations by 'zed'")
    assert_clean_error(coded("agreement", "--codes", "Nope"), "no code")
