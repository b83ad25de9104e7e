"""Copies of a project: for sharing without deleted text or undo history, compact copies of a sparse file,
no automatic backup when the disk has no room, destination errors that name the destination (issue 13)."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import namedtuple

import pytest

from rednote_desk import services
from rednote_desk.services.backups import backup_project
from rednote_desk.services.output import OutputError
from rednote_desk.store.project import Project
from rednote_desk.store.schema_check import DamagedFileError

SECRET = "Confidential source Zebulon Quartermain said"


@pytest.fixture
def project(tmp_path):
    p = Project.open(tmp_path / "p.sqlite")
    p.add_document(title="Kept", text="A kept article about the ban.", text_sha256="k")
    p.add_document(title="Deleted", text=(SECRET + " many things. ") * 50, text_sha256="d")
    deleted = next(d.id for d in p.documents() if d.title == "Deleted")
    p.delete_document(deleted)
    yield p
    p.close()


def test_a_plain_backup_keeps_the_undo_history(project, tmp_path):
    out = backup_project(project, tmp_path / "backup.sqlite")
    with Project.open(out) as copy:
        assert copy.undo() is not None
        assert any(d.title == "Deleted" for d in copy.documents())


def test_a_copy_for_sharing_holds_no_trace_of_deleted_text(project, tmp_path):
    out = backup_project(project, tmp_path / "shared.sqlite", for_sharing=True)
    assert SECRET.encode() not in out.read_bytes()
    assert not (tmp_path / "shared.sqlite-wal").exists()
    with Project.open(out) as copy:
        assert copy.undo_label() is None
        assert [d.title for d in copy.documents()] == ["Kept"]
        assert copy.search("ban")


def test_a_backup_onto_the_project_or_another_database_is_refused(project, tmp_path):
    with pytest.raises(OutputError, match="project"):
        backup_project(project, project.path)
    other = tmp_path / "other.sqlite"
    shutil.copyfile(project.path, other)
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    with pytest.raises(OutputError, match="SQLite database"):
        backup_project(project, other)
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_a_bad_destination_names_the_destination_not_the_project(project, tmp_path):
    with pytest.raises(OutputError) as info:
        backup_project(project, tmp_path / "no-such-folder" / "copy.sqlite")
    assert "no-such-folder" in str(info.value) and "damaged" not in str(info.value)


def test_a_sparse_2_gb_project_is_backed_up_at_its_real_size(tmp_path):
    path = tmp_path / "sparse.sqlite"
    with Project.open(path) as p:
        p.add_document(title="One", text="Some text.", text_sha256="1")
    with open(path, "r+b") as fh:
        fh.truncate(2**31)  # sparse: cheap on disk, 2 GB apparent size
    with Project.open(path) as p:
        out = services.ensure_recent_backup(p)
        assert out is not None
        assert out.stat().st_size < 5 * 1024 * 1024
        assert out.stat().st_blocks * 512 < 5 * 1024 * 1024
    # a header that claims the 2 GB as pages in use: refused before any backup is written
    import struct

    with open(path, "r+b") as fh:
        fh.seek(28)
        fh.write(struct.pack(">I", 2**31 // 4096))
    backups = sorted((tmp_path / "sparse.sqlite.backups").iterdir())
    with pytest.raises(DamagedFileError):
        Project.open(path)
    assert sorted((tmp_path / "sparse.sqlite.backups").iterdir()) == backups


def test_the_daily_backup_is_skipped_when_it_would_not_fit(project, monkeypatch):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10**9, 10**9 - 1000, 1000))
    assert services.ensure_recent_backup(project) is None
    assert project.list_backups() == []
    with pytest.raises(OutputError, match="free space"):
        backup_project(project, project.path.parent / "copy.sqlite")


def test_the_cli_backup_for_sharing(project, tmp_path, capsys):
    from rednote_desk.cli import main

    project.close()
    out = tmp_path / "cli-shared.sqlite"
    assert main(["--db", str(tmp_path / "p.sqlite"), "backup", "--for-sharing", str(out)]) == 0
    assert SECRET.encode() not in out.read_bytes()
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT count(*) FROM undo_log").fetchone() == (0,)
    conn.close()
