"""The store's first look: the texts a project opens with, read before it is opened, changing nothing."""
from __future__ import annotations

import os
import sqlite3
import sys
import time

import pytest

from rednote_desk.store import clean_close
from rednote_desk.store.first_look import first_documents
from rednote_desk.store.project import Project


def _project(path, n=3):
    with Project.open(path) as project:
        for i in range(n):
            project.add_document(title=f"Report {i}", text=f"Text of report {i}.", text_sha256=f"sha-{i}",
                                 outlet=f"Outlet {i}")


def _sqlite(path, *statements) -> None:
    """A file written by plain sqlite3 (not by the app)."""
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_the_first_two_or_the_saved_ones_in_their_order(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    _project(path)
    assert [d.title for d in first_documents(path)] == ["Report 0", "Report 1"]
    saved = first_documents(path, [3, 99, 1])  # a saved id that no longer exists is left out
    assert [(d.id, d.text, d.outlet) for d in saved] == [(3, "Text of report 2.", "Outlet 2"),
                                                         (1, "Text of report 0.", "Outlet 0")]
    assert first_documents(path, []) == []


def test_it_needs_no_sqlite_utils(tmp_path):
    import subprocess

    path = tmp_path / "p.rednote.sqlite"
    _project(path, 2)
    code = ("import sys; from rednote_desk.store.first_look import first_documents as f; "
            f"print(len(f({str(path)!r})), 'sqlite_utils' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["2", "False", "False"], out.stderr


def test_a_file_left_as_the_app_closed_it_stays_so(tmp_path):
    """Read as immutable: no -wal or -shm is made, so the next open may still skip the whole-file check."""
    path = tmp_path / "p.rednote.sqlite"
    _project(path)
    assert clean_close.left_as_recorded(path)
    before = path.read_bytes()
    assert len(first_documents(path)) == 2
    assert clean_close.left_as_recorded(path)
    assert not (tmp_path / "p.rednote.sqlite-wal").exists() and not (tmp_path / "p.rednote.sqlite-shm").exists()
    assert path.read_bytes() == before


def test_changes_still_in_the_wal_are_read(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    _project(path, 1)
    project = Project.open(path)  # open: its changes are in the -wal until it closes
    project.add_document(title="Fresh", text="Only in the WAL so far.", text_sha256="sha-fresh")
    assert (tmp_path / "p.rednote.sqlite-wal").exists()
    assert [d.title for d in first_documents(path)] == ["Report 0", "Fresh"]
    project.close()


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x13" * 4000])
def test_what_is_not_a_project_gives_nothing(tmp_path, content):
    path = tmp_path / "p.rednote.sqlite"
    path.write_bytes(content)
    assert first_documents(path) == []
    assert path.read_bytes() == content
    assert first_documents(tmp_path / "missing.sqlite") == [] and first_documents(tmp_path) == []


def test_a_hot_journal_or_a_foreign_layout_gives_nothing(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    _project(path)
    (tmp_path / "p.rednote.sqlite-journal").write_bytes(b"x")
    assert first_documents(path) == []
    other = tmp_path / "other.sqlite"
    _sqlite(other, "CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT)",  # no title, no text
            "INSERT INTO documents (name) VALUES ('x')")
    assert first_documents(other) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "p.rednote.sqlite"
    os.mkfifo(fifo)
    assert first_documents(fifo) == []


def test_a_view_that_computes_forever_is_not_read(tmp_path):
    path = tmp_path / "hostile.sqlite"
    _sqlite(path, "CREATE VIEW documents AS WITH RECURSIVE r(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM r) "
                  "SELECT id, 'x' AS title, 'y' AS text FROM r")
    started = time.monotonic()
    assert first_documents(path) == []
    assert time.monotonic() - started < 2


def test_a_slow_read_is_cut_short(tmp_path, monkeypatch):
    """Whatever makes the read slow (here a time limit of zero), it gives up rather than hold the first paint."""
    from rednote_desk.store import first_look

    path = tmp_path / "p.rednote.sqlite"
    _project(path, 300)
    monkeypatch.setattr(first_look, "TIME_LIMIT_S", -1.0)
    assert first_documents(path, list(range(1, 301))) == []


def test_a_text_stored_as_bytes_or_a_number_comes_back_as_text(tmp_path):
    """SQLite keeps whatever type was stored: a file from someone else may hold a BLOB in the text column and a
    number in the title (the reading view, given bytes, failed where it drew them: a crash at every launch)."""
    path = tmp_path / "p.rednote.sqlite"
    _project(path, 1)
    _sqlite(path, "UPDATE documents SET text = x'4869ff00', title = 42")
    [document] = first_documents(path)
    assert (document.title, document.text) == ("42", "Hi\ufffd\x00")
    with Project.open(path) as project:  # the same in the opened project
        assert project.document(document.id).text == "Hi\ufffd\x00"


def test_a_generated_column_is_not_computed(tmp_path):
    """A ``documents`` table whose text is computed as it is read could build any string on the GUI thread."""
    path = tmp_path / "g.sqlite"
    _sqlite(path, "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT, "
                  "text TEXT GENERATED ALWAYS AS (printf('%.*c', 5000000, 'x')) VIRTUAL)",
            "INSERT INTO documents (id, title) VALUES (1, 'Computed')")
    assert first_documents(path) == []


def test_a_value_longer_than_the_first_look_takes_is_left_for_the_opening(tmp_path, monkeypatch):
    from rednote_desk.store import first_look

    path = tmp_path / "p.rednote.sqlite"
    _project(path, 2)
    _sqlite(path, "UPDATE documents SET text = printf('%.*c', 5000, 'y') WHERE id = 2")
    monkeypatch.setattr(first_look, "MAX_VALUE_BYTES", 4000)
    assert first_documents(path, [1]) != []
    assert first_documents(path, [2]) == []  # "string or blob too big": shown once the project is open
