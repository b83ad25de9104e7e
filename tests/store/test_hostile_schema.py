"""Project files whose schema was changed elsewhere, a foreign -wal, and random damage (issue 13, items 4-5):
refused read-only before anything is written, with a repaired copy that keeps only our tables' rows."""
from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
from fingerprints import digest
from spies import sqlite_step_budget

from rednote_desk.services.repair import repair_project
from rednote_desk.store.project import Project
from rednote_desk.store.schema_check import DamagedFileError, SchemaError, limit_query_time


def make_project(path, titles=("Doc A", "Doc B", "Doc C")):
    with Project.open(path) as project:
        tag = project.add_tag("Frame")
        tag = getattr(tag, "value", tag)
        for title in titles:
            project.add_document(title=title, text=f"{title} says 700,000 users joined.", text_sha256=title)
        first = project.documents()[0]
        project.add_annotation(document_id=first.id, start=0, end=5, tag_ids=[tag.id])
    return path


def tamper(path, *sql):
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


HOSTILE = {
    "trigger": ["CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM documents "
                "WHERE id <> NEW.document_id; END"],
    "endless view": ["ALTER TABLE documents RENAME TO documents_real",
                     "CREATE VIEW documents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                     "SELECT n AS id, 't' AS title, NULL AS outlet, NULL AS author, NULL AS published, "
                     "NULL AS url, NULL AS source_name, NULL AS source_format, 'x' AS text, "
                     "'s' AS text_sha256, '' AS imported_at, '' AS note FROM r"],
    "huge blob view": ["CREATE VIEW claims_big AS SELECT zeroblob(400000000) AS b"],
    "missing column": ["ALTER TABLE annotations DROP COLUMN coder"],
    "extra table": ["CREATE TABLE notes_of_someone (x)"],
    "changed default": ["DROP INDEX annotation_tags_tag"],
}

# SQLite steps allowed to opening, repairing or merging one of these small files: about 1,000 times what they
# take (a few thousand). Counting work, not seconds: reading the endless view goes past it at once and fails
# with "interrupted", where a clock limit would make the test flaky on a loaded machine.
STEP_BUDGET = 5_000_000
# A hang guard, not a speed target. The thread method: a query that never ends keeps the main thread inside
# SQLite's C code, where the default signal method's alarm is never handled.
HANG_GUARD = pytest.mark.timeout(60, method="thread")


@HANG_GUARD
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_changed_schema_is_refused_before_anything_runs(tmp_path, monkeypatch, case):
    path = make_project(tmp_path / "p.sqlite")
    tamper(path, *HOSTILE[case])
    before = digest(path)
    work = sqlite_step_budget(monkeypatch, STEP_BUDGET)
    with pytest.raises(SchemaError, match="did not make") as info:
        Project.open(path)
    assert not work.exceeded
    assert "repair" in str(info.value)
    assert info.value.problems
    assert digest(path) == before


def test_the_repaired_copy_keeps_our_rows_and_nothing_of_theirs(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    tamper(path, *HOSTILE["trigger"], *HOSTILE["huge blob view"], *HOSTILE["extra table"],
           "UPDATE undo_log SET changes = '[]'")
    before = digest(path)
    outcome = repair_project(path)
    assert outcome.path == tmp_path / "p-repaired.sqlite"
    assert outcome.kept["documents"] == 3 and outcome.kept["annotations"] == 1 and outcome.kept["tags"] == 1
    assert digest(path) == before
    with Project.open(outcome.path) as project:  # passes the checks it failed
        names = {row[0] for row in project.db.execute("SELECT name FROM sqlite_master")}
        assert "wipe" not in names and "claims_big" not in names and "notes_of_someone" not in names
        assert project.undo_label() is None  # the history is not carried over
        a = project.documents()[0]
        project.add_annotation(document_id=a.id, start=0, end=3)
        assert len(project.documents()) == 3
        assert project.search("700,000")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@HANG_GUARD
def test_a_repaired_copy_of_a_view_replaced_table_reads_the_real_rows_only(tmp_path, monkeypatch):
    path = make_project(tmp_path / "p.sqlite")
    tamper(path, *HOSTILE["endless view"])
    work = sqlite_step_budget(monkeypatch, STEP_BUDGET)
    outcome = repair_project(path)
    assert not work.exceeded
    assert outcome.kept["documents"] == 0  # the table is a view now: nothing read from it
    assert outcome.kept["tags"] == 1


def test_a_missing_column_repairs_into_a_working_project(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    tamper(path, *HOSTILE["missing column"])
    outcome = repair_project(path)
    with Project.open(outcome.path) as project:
        assert [a.coder for a in project.annotations()] == [""]


def test_a_foreign_wal_is_refused_and_neither_file_is_written(tmp_path):
    mine = make_project(tmp_path / "mine.sqlite", titles=("Mine",))
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = make_project(other_dir / "other.sqlite", titles=("Theirs 1", "Theirs 2"))
    # a live WAL of the other project: a second connection keeps it from being checkpointed away
    holder = sqlite3.connect(other)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(40):
        holder.execute("UPDATE documents SET title = ? WHERE id = 1", [f"Theirs {n}"])
        holder.execute("INSERT INTO tags (name, position) VALUES (?, 0)", [f"t{n}"])
        holder.commit()
    shutil.copyfile(str(other) + "-wal", str(mine) + "-wal")
    holder.close()
    before, wal_before = digest(mine), digest(tmp_path / "mine.sqlite-wal")
    with pytest.raises((DamagedFileError, SchemaError)):
        Project.open(mine)
    assert digest(mine) == before
    assert digest(tmp_path / "mine.sqlite-wal") == wal_before


@pytest.mark.parametrize("seed", range(8))
def test_random_damage_is_refused_before_a_write(tmp_path, seed):
    import random

    path = make_project(tmp_path / "p.sqlite", titles=tuple(f"Doc {n} " + "x" * 3000 for n in range(30)))
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    page = 4096
    for _ in range(6):  # scribble over whole pages after the first (the header stays valid)
        at = rng.randrange(1, len(data) // page) * page
        data[at:at + page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))
    before = digest(path)
    try:
        project = Project.open(path)
    except (DamagedFileError, SchemaError):
        assert digest(path) == before
        return
    # accepted: then SQLite's own integrity check must agree that the file is sound
    with project:
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@HANG_GUARD  # without the limit this query never ends
def test_an_endless_query_is_interrupted_by_the_time_limit():
    conn = sqlite3.connect(":memory:")
    limit_query_time(conn, 0.3)
    with pytest.raises(sqlite3.OperationalError, match="interrupt"):
        conn.execute("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                     "SELECT count(*) FROM r").fetchone()
    assert conn.execute("SELECT 1").fetchone() == (1,)  # later statements run normally


@HANG_GUARD
def test_merging_a_project_with_a_planted_view_is_refused_at_once(tmp_path, monkeypatch):
    from rednote_desk.services.merge import merge_file
    from rednote_desk.store.project import ProjectError

    mine = make_project(tmp_path / "mine.sqlite", titles=("Mine",))
    theirs = make_project(tmp_path / "theirs.sqlite", titles=("Theirs",))
    tamper(theirs, *HOSTILE["endless view"])
    before = digest(theirs)
    work = sqlite_step_budget(monkeypatch, STEP_BUDGET)
    with Project.open(mine) as project, pytest.raises(ProjectError, match="did not make"):
        merge_file(project, theirs)
    assert not work.exceeded
    assert digest(theirs) == before


def test_the_time_limit_is_per_statement_and_lifted_for_a_copy(tmp_path):
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    limit_query_time(conn, 0.3)
    started = time.monotonic()
    while time.monotonic() - started < 0.8:  # many short statements in a row, longer than the limit together
        conn.execute("INSERT INTO t VALUES (1)")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] > 0
    from rednote_desk.store.schema_check import no_time_limit

    slow = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3000000) "
            "SELECT count(*) FROM r")
    with no_time_limit(conn):
        assert conn.execute(slow).fetchone() == (3000000,)
    with pytest.raises(sqlite3.OperationalError, match="interrupt"):
        conn.execute(slow.replace("3000000", "300000000")).fetchone()
