"""The one output writer: never the project, never a database, never replacing a FIFO or device, no leftovers."""
from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from rednote_desk.services import output
from rednote_desk.services.output import OutputError, check_destination, write_file, write_text


def make_db(path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path.read_bytes()


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_atomically_with_normal_permissions(tmp_path):
    target = tmp_path / "out.csv"
    assert write_text(target, lambda fh: fh.write("a,b\n")) == 4
    assert target.read_text() == "a,b\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_replacing_keeps_the_mode_of_the_existing_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, lambda fh: fh.write("new"))
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_project_and_its_side_files_are_refused_by_path(tmp_path, suffix):
    project = tmp_path / "p.sqlite"
    make_db(project)
    with pytest.raises(OutputError, match="project"):
        check_destination(str(project) + suffix, protect=[project])


def test_a_symlink_and_a_hard_link_to_the_project_are_refused(tmp_path):
    project = tmp_path / "p.sqlite"
    before = make_db(project)
    link = tmp_path / "link.csv"
    link.symlink_to(project)
    hard = tmp_path / "hard.csv"
    os.link(project, hard)
    for target in (link, hard):
        with pytest.raises(OutputError, match="project"):
            write_text(target, lambda fh: fh.write("x"), protect=[project])
    assert project.read_bytes() == before


def test_a_hard_link_to_the_project_wal_is_refused(tmp_path):
    project = tmp_path / "p.sqlite"
    make_db(project)
    wal = tmp_path / "p.sqlite-wal"
    wal.write_bytes(b"")  # empty: no magic number to recognise, only the inode
    other = tmp_path / "innocent.csv"
    os.link(wal, other)
    with pytest.raises(OutputError, match="project"):
        write_text(other, lambda fh: fh.write("x"), protect=[project])


def test_any_existing_database_wal_or_journal_is_refused_without_being_told(tmp_path):
    db = tmp_path / "someone-else.csv"
    before = make_db(db)
    with pytest.raises(OutputError, match="SQLite database"):
        write_text(db, lambda fh: fh.write("x"))
    assert db.read_bytes() == before
    wal = tmp_path / "x.json"
    wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    with pytest.raises(OutputError, match="write-ahead log"):
        write_text(wal, lambda fh: fh.write("x"))
    journal = tmp_path / "j.html"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(8))
    with pytest.raises(OutputError, match="journal"):
        write_text(journal, lambda fh: fh.write("x"))
    make_db(tmp_path / "q.sqlite")
    with pytest.raises(OutputError, match="belongs to the database"):
        write_text(tmp_path / "q.sqlite-shm", lambda fh: fh.write("x"))
    assert not (tmp_path / "q.sqlite-shm").exists()


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there (the pipe buffer holds the text)
    try:
        write_text(fifo, lambda fh: fh.write("through the pipe\n"))
        assert os.read(reader, 1000) == b"through the pipe\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_a_fifo_nobody_reads_is_refused_at_once_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="no program is reading"):
        write_text(fifo, lambda fh: fh.write("x"))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_device_or_fifo_is_never_replaced_by_a_copy(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_file(fifo, lambda path: None)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    # a block device, faked by its stat result (tests never touch real device nodes)
    target = tmp_path / "disk"
    target.write_text("keep")
    real_stat = os.stat

    def fake_stat(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(target):
            return os.stat_result((stat.S_IFBLK | 0o660,) + tuple(st)[1:])
        return st

    monkeypatch.setattr(output.os, "stat", fake_stat)
    with pytest.raises(OutputError, match="disk device"):
        write_text(target, lambda fh: fh.write("x"))
    monkeypatch.undo()
    assert target.read_text() == "keep"


def test_a_folder_and_a_missing_folder_are_refused(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_text(tmp_path, lambda fh: fh.write("x"))
    with pytest.raises(OutputError, match="does not exist"):
        write_text(tmp_path / "nope" / "out.csv", lambda fh: fh.write("x"))


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError, OSError])
def test_the_temporary_file_is_removed_on_any_error_and_the_old_file_kept(tmp_path, error):
    target = tmp_path / "out.csv"
    target.write_text("old")

    def fail(fh):
        fh.write("half")
        raise error("stop")

    with pytest.raises((error, OutputError)):
        write_text(target, fail)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_predictable_part_symlink_does_not_redirect_the_write(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "out.csv.part").symlink_to(victim)
    write_text(tmp_path / "out.csv", lambda fh: fh.write("data"))
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.csv").read_text() == "data"


def test_write_file_hands_an_empty_exclusive_file_and_replaces_the_target(tmp_path):
    target = tmp_path / "copy.sqlite"
    seen = []

    def make(path):
        seen.append(os.path.getsize(path))
        with open(path, "wb") as fh:
            fh.write(b"copy")

    write_file(target, make)
    assert seen == [0]
    assert target.read_bytes() == b"copy"
    assert leftovers(tmp_path) == []


def test_symlinked_destination_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_text(link, lambda fh: fh.write("new"))
    assert link.is_symlink()
    assert real.read_text() == "new"
