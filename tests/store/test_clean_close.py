"""Skipping the whole-file quick check for a project exactly as this app left it (issue 10, "library filled"):
any change after the clean close (a byte, a planted -wal or -journal, a swapped file) still runs the full check
and a damaged file is still refused untouched (issue 13)."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3

import pytest

from rednote_desk.store import clean_close, schema_check
from rednote_desk.store.project import Project
from rednote_desk.store.schema_check import DamagedFileError, SchemaError


def make_project(path):
    with Project.open(path) as project:
        for n in range(40):
            project.add_document(title=f"Doc {n}", text=f"Doc {n} " + "words " * 500, text_sha256=str(n))
    return path


def age(path, seconds=5):
    """Set the file's mtime a few seconds back, as if the close were not in the same clock tick as what follows."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def checks(monkeypatch):
    """Which whole-file checks ran (True: the full check, False: skipped)."""
    seen = []
    real = schema_check.inspect_file

    def spy(conn, path, *, whole_file=True):
        seen.append(whole_file)
        return real(conn, path, whole_file=whole_file)

    monkeypatch.setattr(schema_check, "inspect_file", spy)
    return seen


def closed_cleanly(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    age(path)
    assert clean_close.record_clean_close(path)
    return path


def test_a_file_as_we_left_it_skips_the_whole_file_check(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    with Project.open(path) as project:
        assert len(project.documents()) == 40
    assert checks == [False]


def test_a_record_lives_outside_the_project_folder_and_opening_for_writing_drops_it(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    assert not any(p.name.endswith(".json") for p in tmp_path.iterdir())
    project = Project.open(path)
    assert not clean_close.left_as_recorded(path)  # open for writing: no record until the next clean close
    project.db.close()  # a crash: the connection goes away without Project.close
    Project.open(path).close()
    assert checks == [False, True]


def test_a_changed_byte_after_the_close_runs_the_full_check_and_is_refused(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    data[5 * page:6 * page] = bytes((b + 91) % 256 for b in data[5 * page:6 * page])
    path.write_bytes(bytes(data))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises((DamagedFileError, SchemaError)):
        Project.open(path)
    assert checks == [True]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_changed_byte_with_mtime_put_back_is_still_caught(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    stat = path.stat()
    with open(path, "r+b") as fh:  # same size, same inode, header untouched, mtime restored
        fh.seek(6 * 4096 + 100)
        fh.write(b"\xff" * 64)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert not clean_close.left_as_recorded(path)  # the ctime moved


def test_a_change_in_the_same_clock_tick_as_the_close_is_not_trusted(tmp_path):
    path = make_project(tmp_path / "p.sqlite")
    assert clean_close.record_clean_close(path)
    os.utime(path, ns=(path.stat().st_atime_ns, clean_close._record_path(path).stat().st_mtime_ns))
    assert not clean_close.left_as_recorded(path)


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
def test_a_planted_sidecar_runs_the_full_check(tmp_path, checks, suffix):
    path = closed_cleanly(tmp_path)
    other = make_project(tmp_path / "other.sqlite")
    holder = sqlite3.connect(other)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    for n in range(30):
        holder.execute("UPDATE documents SET title = ? WHERE id = 1", [f"Theirs {n}"])
        holder.commit()
    shutil.copyfile(f"{other}-wal", f"{path}{suffix}")
    holder.close()
    assert not clean_close.left_as_recorded(path)
    try:
        Project.open(path).close()
    except (DamagedFileError, SchemaError):
        pass  # refused, as without a record
    assert checks == [True]


def test_another_file_moved_into_place_runs_the_full_check(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    other = make_project(tmp_path / "other.sqlite")
    age(other, seconds=60)
    os.replace(other, path)
    assert not clean_close.left_as_recorded(path)
    Project.open(path).close()
    assert checks == [True]


def test_a_broken_record_means_the_full_check(tmp_path, checks):
    path = closed_cleanly(tmp_path)
    clean_close._record_path(path).write_text("{not json", encoding="utf-8")
    age(clean_close._record_path(path), seconds=-5)
    Project.open(path).close()
    assert checks == [True]
