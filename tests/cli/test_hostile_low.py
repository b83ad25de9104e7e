"""Small hostile inputs through the CLI (issue 13, low items): control characters never reach the terminal,
odd numbers and arguments get a clear message, read commands never create a project, a full disk is said."""
from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_main

from rednote_desk.cli import main

ARTICLE = "Officials said 700,000 users joined RedNote.\n\nCritics disagreed.\n"


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    db = tmp_path / "p.sqlite"
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert run_main(capsys, "--db", str(db), "import", str(source)).code == 0
    return db


def test_control_characters_in_file_names_and_titles_never_reach_the_terminal(tmp_path, capsys, db):
    name = tmp_path / "evil\x1b[2J\x1b]0;pwned\x07\u202eeman.txt"
    name.write_text("Title \x1b[31mred\u202e reversed\n\n" + ARTICLE, encoding="utf-8")
    result = run_main(capsys, "--db", str(db), "import", str(name), "--title", "T\x1b[2Jx")
    result2 = run_main(capsys, "--db", str(db), "import", str(tmp_path / "missing\x1b[2J.txt"))
    docs = run_main(capsys, "--db", str(db), "docs")
    for text in (result.out, result.err, result2.err, docs.out):
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\x1b" in result2.err


def test_printable_shows_what_it_hides():
    from rednote_desk.console import printable  # here, so the CLI tests also run against older code

    assert printable("a\x1b[0mb\u202ec\td\n") == "a\\x1b[0mb\\u202ec\td\n"
    assert printable("plain 小红书 🚢") == "plain 小红书 🚢"


@pytest.mark.parametrize("args,needle", [
    (("annotate", "--doc", "1e23", "--start", "0", "--end", "1"), "invalid int"),
    (("annotate", "--doc", str(10**23), "--start", "0", "--end", "1"), "out of range"),
    (("doc-delete", str(10**30)), "out of range"),
    (("import", "x.txt", "--max-mb", "nan"), "megabytes"),
    (("import", "x.txt", "--max-mb", "inf"), "megabytes"),
    (("import", "x.txt", "--max-mb", "-1"), "megabytes"),
])
def test_odd_numbers_get_a_clear_message(db, capsys, args, needle):
    try:
        result = run_main(capsys, "--db", str(db), *args)
    except SystemExit as stop:  # argparse's own refusal: exit 2 with a usage line
        captured = capsys.readouterr()
        assert stop.code == 2 and needle in captured.err and "Traceback" not in captured.err
        return
    line = assert_clean_error(result, needle)
    assert "internal error" not in line


def test_an_argument_that_is_not_utf8_is_refused_clearly(db, capsys):
    bad = os.fsdecode(b"caf\xe9.txt")  # as Python hands over a Latin-1 file name on a UTF-8 system
    result = run_main(capsys, "--db", str(db), "import", bad)
    line = assert_clean_error(result, "not valid UTF-8")
    assert "\\udce9" in line


@pytest.mark.parametrize("command", [("docs",), ("tags",), ("search", "x"), ("export", "--csv", "-"),
                                     ("compare",), ("annotations",)])
def test_read_commands_with_a_mistyped_db_create_nothing(tmp_path, capsys, command):
    missing = tmp_path / "no-such-folder" / "projcet.sqlite"
    assert_clean_error(run_main(capsys, "--db", str(missing), *command), "no project file")
    assert not missing.parent.exists()


class FullDisk(io.TextIOBase):
    def write(self, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_standard_output_on_a_full_disk_is_said_not_a_traceback(db, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(["--db", str(db), "docs"])
    err = capsys.readouterr().err
    assert code == 1 and "disk is full" in err and "Traceback" not in err and "internal error" not in err


def test_a_bad_backup_destination_is_not_blamed_on_the_project(db, tmp_path, capsys):
    line = assert_clean_error(run_main(capsys, "--db", str(db), "backup", str(tmp_path / "nope" / "b.sqlite")),
                              "nope")
    assert "damaged" not in line and "project file" not in line
