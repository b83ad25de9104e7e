"""Issue 13 regressions driven only through the CLI and the public store/services API, which exist before and after
the fixes, so each test fails on the code before them for the behaviour itself, not for a missing import:
a planted ``OUT.part`` link, Ctrl-C during an export, a foreign -wal, randomly damaged files, a copy for sharing,
backups that would not fit, a sparse file whose header claims 2 GB, schema objects we did not make
(items 2, 4, 5, 10 and 11)."""
from __future__ import annotations

import random
import shutil
import sqlite3
import struct
from collections import namedtuple
from pathlib import Path

import pytest
from cli_helpers import Result, assert_clean_error, run_main
from fingerprints import digest

from rednote_desk import services
from rednote_desk.cli import main
from rednote_desk.store.project import Project

ARTICLE = "Officials said 700,000 users joined RedNote within two days.\n\nCritics called it reckless.\n"
SECRET = "Confidential source Zebulon Quartermain said"




def cli(capsys, *args: str) -> Result:
    """``run_main``, with argparse's own refusal (an option the CLI does not know) as its exit code."""
    try:
        return run_main(capsys, *args)
    except SystemExit as stop:
        captured = capsys.readouterr()
        return Result(int(stop.code or 0), captured.out, captured.err)


def new_project(folder: Path, capsys, *texts: str, name: str = "p.sqlite") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / name
    for n, text in enumerate(texts):
        (folder / f"article{n}.txt").write_text(text, encoding="utf-8")
        assert cli(capsys, "--db", str(db), "import", str(folder / f"article{n}.txt")).code == 0
    return db


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    db = new_project(tmp_path, capsys, ARTICLE)
    assert cli(capsys, "--db", str(db), "annotate", "--doc", "1", "--quote", "700,000").code == 0
    return db


# -- item 2: temporary files ---------------------------------------------------------------------------------------
def test_a_planted_part_link_does_not_redirect_an_export(db, tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out.csv"
    (tmp_path / "out.csv.part").symlink_to(victim)
    result = cli(capsys, "--db", str(db), "export", "--csv", str(out))
    assert result.code == 0, result.err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert out.is_file() and not out.is_symlink()
    assert out.read_text(encoding="utf-8-sig").startswith("annotation_id")


def test_ctrl_c_during_an_export_leaves_the_old_file_and_no_temporary_one(db, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    before = {p.name for p in tmp_path.iterdir()}
    real_batches = Project.iter_export_batches

    def interrupted(self, **kwargs):
        batches = real_batches(self, **kwargs)
        yield next(batches)
        raise KeyboardInterrupt

    monkeypatch.setattr(Project, "iter_export_batches", interrupted)
    try:
        code = main(["--db", str(db), "export", "--csv", str(out)])
    except KeyboardInterrupt:
        code = 130
    assert code != 0
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    left = {p.name for p in tmp_path.iterdir()} - before
    assert not {name for name in left if not name.startswith(db.name)}, left


# -- item 4: schema objects the app did not make -------------------------------------------------------------------
SCHEMA_CHANGES = {  # case: (what the message names, statements)
    "unknown view": ("v_extra", ["CREATE VIEW v_extra AS SELECT 1"]),
    "huge blob view": ("claims_big", ["CREATE VIEW claims_big AS SELECT zeroblob(400000000) AS b"]),
    "extra table": ("notes_of_someone", ["CREATE TABLE notes_of_someone (x)"]),
    "missing column": ("annotations", ["ALTER TABLE annotations DROP COLUMN coder"]),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CHANGES))
def test_a_changed_schema_is_refused_before_anything_is_written(db, capsys, case):
    named, statements = SCHEMA_CHANGES[case]
    conn = sqlite3.connect(db)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    before = digest(db)
    assert_clean_error(cli(capsys, "--db", str(db), "tag-add", "Another"), named)
    assert digest(db) == before


# -- item 5: a foreign -wal, random damage -------------------------------------------------------------------------
def test_a_foreign_wal_beside_the_project_is_refused_and_neither_file_is_written(tmp_path, capsys):
    mine = new_project(tmp_path / "mine", capsys, "Mine. " + ARTICLE)
    other = new_project(tmp_path / "other", capsys, "Theirs. " + ARTICLE, "Theirs too. " + ARTICLE)
    holder = sqlite3.connect(other)  # a live WAL of the other project (not checkpointed away)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(40):
        holder.execute("UPDATE documents SET title = ? WHERE id = 1", [f"Theirs {n}"])
        holder.execute("INSERT INTO tags (name, position) VALUES (?, 0)", [f"t{n}"])
        holder.commit()
    wal = Path(str(mine) + "-wal")
    shutil.copyfile(str(other) + "-wal", wal)
    holder.close()
    before, wal_before = digest(mine), digest(wal)
    result = cli(capsys, "--db", str(mine), "docs")
    assert "Theirs" not in result.out
    assert_clean_error(result)
    assert digest(mine) == before and digest(wal) == wal_before


@pytest.mark.parametrize("seed", [0, 2])  # seeds whose damage the code before the check took writes into
def test_a_randomly_damaged_project_takes_no_write(tmp_path, capsys, seed):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(30):
        (folder / f"a{n:02}.txt").write_text(f"Doc {n} " + "Officials said 700,000 users joined. " * 80 + "\n",
                                             encoding="utf-8")
    path = tmp_path / "p.sqlite"
    assert cli(capsys, "--db", str(path), "import", str(folder)).code == 0
    data = bytearray(path.read_bytes())
    rng, page = random.Random(seed), 4096
    for _ in range(6):  # scribble over whole pages after the first (the header stays valid)
        at = rng.randrange(1, len(data) // page) * page
        data[at:at + page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))
    before = digest(path)
    result = cli(capsys, "--db", str(path), "tag-add", "Damaged")
    if result.code == 0:  # accepted: then SQLite's own check must agree that the file is sound
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()
    else:
        assert_clean_error(result)
        assert digest(path) == before


# -- item 10: copies for sharing -----------------------------------------------------------------------------------
def test_a_copy_for_sharing_holds_no_deleted_text_and_cannot_bring_it_back(tmp_path, capsys):
    db = new_project(tmp_path, capsys, "Kept. " + ARTICLE, (SECRET + " many things. ") * 50)
    assert cli(capsys, "--db", str(db), "doc-delete", "2").code == 0
    out = tmp_path / "shared.sqlite"
    result = cli(capsys, "--db", str(db), "backup", "--for-sharing", str(out))
    assert result.code == 0, result.err
    assert SECRET.encode() not in out.read_bytes()
    assert not Path(str(out) + "-wal").exists()
    cli(capsys, "--db", str(out), "undo")  # nothing to undo in the copy: the deleted document stays deleted
    listed = cli(capsys, "--db", str(out), "docs")
    assert listed.code == 0 and len(listed.out.splitlines()) == 1 and SECRET not in listed.out


# -- item 11: backups that would not fit, a sparse file ------------------------------------------------------------
def test_no_backup_is_written_when_it_would_not_fit(db, tmp_path, capsys, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10**9, 10**9 - 1000, 1000))
    out = tmp_path / "copy.sqlite"
    assert_clean_error(cli(capsys, "--db", str(db), "backup", str(out)), "free space")
    assert not out.exists()
    project = Project.open(db)
    try:
        assert services.ensure_recent_backup(project) is None  # the app's daily backup is skipped
        assert project.list_backups() == []
    finally:
        project.close()


def test_a_sparse_file_claiming_2_gb_never_becomes_a_2_gb_copy(db, tmp_path, capsys):
    with open(db, "r+b") as fh:
        fh.truncate(2**31)  # sparse: 2 GB apparent size, a few pages on disk
        fh.seek(28)  # and the header claims all of it as pages in use
        fh.write(struct.pack(">I", 2**31 // 4096))
    out = tmp_path / "copy.sqlite"
    result = cli(capsys, "--db", str(db), "backup", str(out))
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != db]
    try:
        assert all(p.stat().st_blocks * 512 < 50 * 2**20 for p in written), written
        if result.code != 0:
            assert_clean_error(result)
    finally:
        for p in written:  # never leave gigabytes behind, whatever happened
            if p.stat().st_blocks * 512 >= 50 * 2**20:
                p.unlink()
