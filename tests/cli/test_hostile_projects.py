"""Shared project files through the real CLI: a changed schema, a planted undo step, a FIFO as --db
(issue 13, items 3, 4, 5, 7)."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli, run_main
from fingerprints import digest

ARTICLE = "Officials said 700,000 users joined RedNote within two days.\n\nCritics called it reckless.\n"




@pytest.fixture
def db(tmp_path, capsys) -> Path:
    db = tmp_path / "shared.sqlite"
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Article {n}. " + ARTICLE, encoding="utf-8")
        assert run_main(capsys, "--db", str(db), "import", str(tmp_path / f"a{n}.txt")).code == 0
    return db


def tamper(db: Path, *sql: str) -> None:
    conn = sqlite3.connect(db)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_planted_trigger_never_runs_and_repair_gives_a_working_copy(db, capsys):
    tamper(db, "CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM documents "
               "WHERE id <> NEW.document_id; END")
    before = digest(db)
    result = run_main(capsys, "--db", str(db), "annotate", "--doc", "1", "--quote", "700,000")
    line = assert_clean_error(result, "did not make", "repair")
    assert "wipe" in line
    assert digest(db) == before
    result = run_main(capsys, "--db", str(db), "repair")
    assert result.code == 0, result.err
    copy = Path(result.out.strip())
    assert copy.name == "shared-repaired.sqlite" and "3 documents" in result.err
    assert run_main(capsys, "--db", str(copy), "annotate", "--doc", "1", "--quote", "700,000").code == 0
    listed = run_main(capsys, "--db", str(copy), "docs", "--json")
    assert len(json.loads(listed.out)) == 3


def test_an_endless_view_does_not_hang_the_cli(db):
    tamper(db, "ALTER TABLE documents RENAME TO documents_real",
           "CREATE VIEW documents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
           "SELECT n AS id, 't' AS title, NULL AS outlet, NULL AS author, NULL AS published, NULL AS url, "
           "NULL AS source_name, NULL AS source_format, 'x' AS text, 's' AS text_sha256, '' AS imported_at, "
           "'' AS note FROM r")
    assert_clean_error(run_cli("--db", str(db), "docs", timeout=30), "view")


def test_a_planted_undo_step_is_refused(db, capsys):
    tamper(db, "INSERT INTO undo_log (label, created_at, changes, undone) VALUES ('Innocent', '2025', "
               "'[{\"t\": \"documents\", \"k\": {\"id] IS NOT NULL OR [id\": 3}, \"b\": null, \"a\": null}]', 0)")
    assert_clean_error(run_main(capsys, "--db", str(db), "undo"), "Innocent", "not written by RedNote Desk")
    assert len(json.loads(run_main(capsys, "--db", str(db), "docs", "--json").out)) == 3


def test_a_fifo_as_project_is_refused_at_once(tmp_path):
    fifo = tmp_path / "p.sqlite"
    os.mkfifo(fifo)
    assert_clean_error(run_cli("--db", str(fifo), "docs", timeout=30), "not a regular file")


def test_importing_a_fifo_a_link_to_one_or_a_folder_holding_one_does_not_hang(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    (tmp_path / "link.txt").symlink_to(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inside.txt")
    (folder / "real.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "p.sqlite"
    for target in (fifo, tmp_path / "link.txt"):
        assert_clean_error(run_cli("--db", str(db), "import", str(target), timeout=30), "not a regular file")
    result = run_cli("--db", str(db), "import", str(folder), timeout=30)
    assert result.code == 2 and "inside.txt" in result.err and "not a regular file" in result.err
    assert "Traceback" not in result.err
    assert len(json.loads(run_cli("--db", str(db), "docs", "--json").out)) == 1
