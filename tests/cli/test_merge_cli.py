"""`rednote-desk merge OTHER.sqlite`: a summary, one undo step, clear errors."""
from __future__ import annotations

from cli_helpers import Result, assert_clean_error

from rednote_desk.cli import main


def _run(capsys, *args) -> Result:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return Result(code, out.out, out.err)


def test_merge_summary_and_undo(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("A shared article. 🚢 With two sentences.", encoding="utf-8")
    theirs, ours = tmp_path / "theirs.sqlite", tmp_path / "ours.sqlite"
    assert _run(capsys, "--db", theirs, "import", text).code == 0
    assert _run(capsys, "--db", theirs, "annotate", "--doc", 1, "--quote", "🚢 With", "--coder", "bob",
                "--tag", "Mine/Code", "--create-tags").code == 0
    result = _run(capsys, "--db", ours, "merge", theirs)
    assert result.code == 0, result.err
    assert "annotations: 1 added" in result.out and "coders of the added annotations: bob" in result.out
    listed = _run(capsys, "--db", ours, "annotations", "--json").out
    assert "🚢 With" in listed and "bob" in listed
    assert _run(capsys, "--db", ours, "undo").code == 0
    assert "bob" not in _run(capsys, "--db", ours, "annotations", "--json").out


def test_merge_errors(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not sqlite")
    assert_clean_error(_run(capsys, "--db", tmp_path / "ours.sqlite", "merge", bad), "not a RedNote Desk project")
    assert_clean_error(_run(capsys, "--db", tmp_path / "ours.sqlite", "merge", tmp_path / "none.sqlite"),
                       "does not exist")
