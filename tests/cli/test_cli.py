"""The command line, as scripts use it: names, flags, output, errors and exit status."""
from __future__ import annotations

import csv
import io
import json

import pytest

from rednote_desk.cli import main
from rednote_desk.core.errors import UserError


@pytest.fixture
def run(db_path, capsys):
    def _run(*args, db=True):
        argv = (["--db", str(db_path)] if db else []) + [str(a) for a in args]
        code = main(argv)
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_import_samples_prints_id_and_title(run, samples):
    code, out, err = run("import", *sorted(samples.glob("*.txt")))
    assert code == 0, err
    lines = out.strip().split("\n")
    assert len(lines) == 5
    ids = [int(line.split("\t")[0]) for line in lines]
    assert ids == sorted(ids)
    assert all(len(line.split("\t")) == 2 for line in lines)


def test_import_twice_is_not_duplicated(run, samples):
    path = samples / "003_6a3424b13f4923d6.txt"
    run("import", path)
    code, out, err = run("import", path)
    assert code == 0 and "already in the project" in err
    code, out, _ = run("docs", "--json")
    assert len(json.loads(out)) == 1


def test_import_with_metadata_overrides_and_db_after_command(run, samples, db_path, capsys):
    code = main(["import", str(samples / "003_6a3424b13f4923d6.txt"), "--db", str(db_path), "--outlet", "Wire",
                 "--title", "Given title", "--author", "Ann Author", "--published", "2025-01-14"])
    assert code == 0
    capsys.readouterr()
    code, out, _ = run("docs", "--json")
    doc = json.loads(out)[0]
    assert (doc["title"], doc["outlet"], doc["author"], doc["published"]) == (
        "Given title", "Wire", "Ann Author", "2025-01-14")
    assert doc["characters"] > 100 and doc["annotations"] == 0


def test_bad_date_is_refused(run, samples):
    code, out, err = run("import", samples / "003_6a3424b13f4923d6.txt", "--published", "14/01/2025")
    assert code != 0 and "YYYY-MM-DD" in err and "Traceback" not in err
    code, out, err = run("import", samples / "003_6a3424b13f4923d6.txt", "--published", "2025-02-30")
    assert code != 0 and "does not exist" in err


@pytest.mark.parametrize("name,content,message", [
    ("binary.txt", b"\x00\x01\x02\x03\xff\xfe" * 100, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "blank"),
    ("table.xlsx", b"PK\x03\x04 not an article", "supported"),
])
def test_bad_input_gets_one_clear_line_and_nothing_is_imported(run, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = run("import", bad)
    assert code == 1
    assert message in err.lower()
    assert len(err.strip().splitlines()) <= 2 and "Traceback" not in err
    assert json.loads(run("docs", "--json")[1]) == []


def test_missing_file_and_size_limit(run, tmp_path):
    code, _, err = run("import", tmp_path / "nope.txt")
    assert code == 1 and "nope.txt" in err
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000)
    code, _, err = run("import", big, "--max-mb", "1")
    assert code == 1 and "limit" in err.lower()


def test_batch_with_some_bad_files_imports_the_good_ones(run, samples, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 50)
    code, out, err = run("import", samples / "003_6a3424b13f4923d6.txt", bad, samples / "002_d37a2aa64cc3bd36.txt")
    assert code == 2
    assert len(out.strip().splitlines()) == 2
    assert "1 of 3" in err


def _import_sample(run, samples, name="002_d37a2aa64cc3bd36.txt") -> int:
    code, out, err = run("import", samples / name)
    assert code == 0, err
    return int(out.split("\t")[0])


def test_annotate_by_quote_and_by_offsets_in_code_points(run, samples):
    doc = _import_sample(run, samples, "001_15607f0d28ba5f8a.txt")
    code, out, err = run("annotate", "--doc", doc, "--quote", "greater than 700,000 new customers",
                         "--tag", "Claim types/Statistic", "--note", "spun 'users'", "--claim", "joined")
    assert code == 0, err
    annotation_id = int(out)
    code, out, _ = run("annotations", "--doc", doc, "--json")
    [ann] = json.loads(out)
    assert ann["id"] == annotation_id and ann["tags"] == ["Claim types/Statistic"]
    assert ann["claim_label"] == "joined"
    text = json.loads(run("docs", "--json")[1])[0]
    # offsets are code points: the astral letters before do not shift them
    full = (samples / "001_15607f0d28ba5f8a.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
    start = full.index("greater than 700,000 new customers")
    assert (ann["start_offset"], ann["end_offset"]) == (start, start + len("greater than 700,000 new customers"))
    astral = full.index("𝓞𝓹")
    code, out, err = run("annotate", "--doc", doc, "--start", astral, "--end", astral + 2, "--create-tags",
                         "--tag", "Music credit")
    assert code == 0, err
    rows = {r["id"]: r for r in json.loads(run("annotations", "--json")[1])}
    assert rows[int(out)]["quote"] == "𝓞𝓹" and rows[int(out)]["start_offset"] == astral
    assert text["annotations"] == 1


def test_annotate_errors(run, samples):
    doc = _import_sample(run, samples)
    code, _, err = run("annotate", "--doc", doc, "--quote", "not in this article at all")
    assert code == 1 and "not in the document" in err
    code, _, err = run("annotate", "--doc", doc, "--quote", "RedNote")
    assert code == 1 and "--occurrence" in err
    code, out, err = run("annotate", "--doc", doc, "--quote", "RedNote", "--occurrence", "2")
    assert code == 0
    code, _, err = run("annotate", "--doc", doc, "--quote", "RedNote", "--occurrence", "1", "--tag", "Nonexistent")
    assert code == 1 and "unknown tag" in err and "--create-tags" in err
    code, _, err = run("annotate", "--doc", 999, "--quote", "x")
    assert code == 1 and "no document with id 999" in err
    code, _, err = run("annotate", "--doc", doc, "--start", 5, "--end", 10**7)
    assert code == 1 and "outside" in err


def test_tags_and_tag_add(run):
    code, out, err = run("tag-add", "Frames")
    assert code == 0 and int(out) > 0
    code, out, err = run("tag-add", "Blame", "--parent", "Frames", "--color", "#AA0000")
    assert code == 0
    tags = json.loads(run("tags", "--json")[1])
    blame = next(t for t in tags if t["name"] == "Blame")
    assert blame["path"] == "Frames/Blame" and blame["color"] == "#aa0000"
    code, _, err = run("tag-add", "X", "--color", "red")
    assert code == 1 and "#RRGGBB" in err


def test_export_csv_to_stdout_raw_and_default(run, samples):
    doc = _import_sample(run, samples)
    run("annotate", "--doc", doc, "--quote", "more than 700,000 American users", "--note", "=HYPERLINK(\"x\")",
        "--create-tags", "--tag", "Statistic")
    code, out, err = run("export", "--csv", "-", "--raw")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["note"] == '=HYPERLINK("x")' and rows[0]["quote"] == "more than 700,000 American users"
    code, out, err = run("export", "--csv", "-")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert rows[0]["note"] == "'=HYPERLINK(\"x\")"


def test_export_excel_file(run, samples, tmp_path):
    doc = _import_sample(run, samples)
    run("annotate", "--doc", doc, "--quote", "more than 700,000 American users")
    out_path = tmp_path / "a.csv"
    code, _, err = run("export", "--csv", out_path, "--excel")
    assert code == 0 and "wrote 1 annotations" in err
    data = out_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfannotation_id,") and b"\r\n" in data


def test_undo_redo_and_link_from_the_cli(run, samples):
    doc = _import_sample(run, samples)
    a = int(run("annotate", "--doc", doc, "--quote", "more than 700,000 American users")[1])
    b = int(run("annotate", "--doc", doc, "--quote", "Zoey Sky")[1])
    assert run("link", a, b, "--claim", "who")[0] == 0
    code, out, _ = run("undo")
    assert code == 0 and "Link claim" in out
    assert all(x["claim_id"] is None for x in json.loads(run("annotations", "--json")[1]))
    assert run("redo")[0] == 0
    assert {x["claim_label"] for x in json.loads(run("annotations", "--json")[1])} == {"who"}
    assert run("delete", a)[0] == 0
    assert [x["id"] for x in json.loads(run("annotations", "--json")[1])] == [b]


def test_search(run, samples):
    _import_sample(run, samples)
    code, out, _ = run("search", "refugees", "--json")
    hits = json.loads(out)
    assert code == 0 and hits and hits[0]["kind"] == "document"


def test_default_project_is_seeded_with_samples_and_codebook(run):
    code, out, err = run("docs", "--json", db=False)
    assert code == 0, err
    docs = json.loads(out)
    assert len(docs) == 5
    by_outlet = {d["outlet"]: d for d in docs}
    assert by_outlet["BigTech.news"]["author"] == "Zoey Sky"
    assert by_outlet["BigTech.news"]["published"] == "2025-01-30"
    tags = json.loads(run("tags", "--json", db=False)[1])
    paths = {t["path"] for t in tags}
    code, out, _ = run("undo", db=False)  # the whole set-up is one step
    assert code == 0 and "Set up the sample project" in out
    assert json.loads(run("docs", "--json", db=False)[1]) == []
    run("redo", db=False)
    assert {"Generic frames/Conflict", "Claim types/Statistic", "Framing dimensions/Economic"} <= paths


def test_error_without_traceback_and_debug_shows_it(run, tmp_path):
    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(b"garbage" * 100)
    code = main(["--db", str(bad), "docs"])
    assert code == 1
    with pytest.raises(UserError, match="not a RedNote Desk project"):  # --debug lets it out, with its traceback
        main(["--db", str(bad), "--debug", "docs"])
