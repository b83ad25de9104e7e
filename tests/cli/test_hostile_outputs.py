"""Output paths chosen carelessly or on purpose never destroy the project (issue 13, items 1 and 2)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_main
from fingerprints import digest

ARTICLE = "Officials said 700,000 users joined RedNote within two days.\n\nCritics called it reckless.\n"
SECOND = "Critics said 500,000 users joined RedNote in two days.\n\nOfficials called it a success.\n"




@pytest.fixture
def db(tmp_path, capsys) -> Path:
    db = tmp_path / "p.sqlite"
    for name, text in (("a.txt", ARTICLE), ("b.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run_main(capsys, "--db", str(db), "import", str(tmp_path / name)).code == 0
    assert run_main(capsys, "--db", str(db), "annotate", "--doc", "1", "--quote", "700,000").code == 0
    return db


def outputs(db: Path, target: str) -> list[tuple[str, ...]]:
    return [("export", "--csv", target), ("report", "--html", target), ("compare", "--json", target),
            ("compare", "--csv", target)]


@pytest.mark.parametrize("which", range(4))
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_output_onto_the_project_or_its_side_files_is_refused(db, capsys, which, suffix):
    before = digest(db)
    target = str(db) + suffix
    side_before = Path(target).read_bytes() if Path(target).exists() else None
    result = run_main(capsys, "--db", str(db), *outputs(db, target)[which])
    assert_clean_error(result, "refusing")
    assert digest(db) == before
    if side_before is not None:
        assert Path(target).read_bytes() == side_before
    assert run_main(capsys, "--db", str(db), "docs").code == 0


def test_links_to_the_project_are_refused(db, tmp_path, capsys):
    before = digest(db)
    (tmp_path / "sym.csv").symlink_to(db)
    os.link(db, tmp_path / "hard.csv")
    for name in ("sym.csv", "hard.csv"):
        assert_clean_error(run_main(capsys, "--db", str(db), "export", "--csv", str(tmp_path / name)), "refusing")
    assert digest(db) == before
    assert (tmp_path / "sym.csv").is_symlink()


def test_another_project_is_not_overwritten_by_a_report(db, tmp_path, capsys):
    other = tmp_path / "colleague.sqlite"
    other.write_bytes(db.read_bytes())
    before = digest(other)
    assert_clean_error(run_main(capsys, "--db", str(db), "report", "--html", str(other)), "SQLite database")
    assert digest(other) == before


def test_a_fifo_destination_stays_a_fifo(db, tmp_path, capsys):
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run_main(capsys, "--db", str(db), "compare", "--csv", str(fifo))
        assert result.code == 0, result.err
        assert os.read(reader, 1 << 16).startswith(b"claim")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    # nobody reading: a clear refusal at once, not a hang, and still a FIFO
    assert_clean_error(run_main(capsys, "--db", str(db), "report", "--html", str(fifo)), "no program is reading")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_outputs_leave_no_temporary_files(db, tmp_path, capsys):
    for args in outputs(db, str(tmp_path / "out.txt")):
        assert run_main(capsys, "--db", str(db), *args).code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".part"))]
