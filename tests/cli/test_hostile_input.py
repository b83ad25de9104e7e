"""Hostile and broken input through the real CLI process.

Each case: a clear one-line message on stderr, a non-zero exit where it is an error, no traceback, and no
partial state (nothing half-imported, project files byte-for-byte unchanged when they must not be written).
"""
from __future__ import annotations

import csv
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cli_helpers import REPO, assert_clean_error, run_cli
from fingerprints import digest
from readonly_helpers import read_only

from rednote_desk.store.project import Project

ARTICLE = (
    "Officials said 𝓞𝓹𝓮𝓻𝓪 🚢 700,000 users joined RedNote within two days of the ban.\n\n"
    "Critics called the move reckless and warned of data risks.\n"
)




def docs(db: Path) -> list[dict]:
    result = run_cli("--db", str(db), "docs", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "p.rednote.sqlite"


@pytest.fixture
def project_with_doc(tmp_path, db) -> tuple[Path, int]:
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("--db", str(db), "import", str(source))
    assert result.code == 0, result.err
    return db, int(result.out.split("\t")[0])


# -- files that are not articles -----------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,needle", [
    ("random.txt", bytes(range(256)) * 40, "binary"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("report.html", b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\t\n   \n", "blank"),
])
def test_non_articles_are_refused_and_nothing_is_stored(tmp_path, db, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    assert_clean_error(run_cli("--db", str(db), "import", str(path)), name, needle)
    assert docs(db) == []


def test_size_limit_refuses_50_mb_with_a_clear_message(tmp_path, db):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse-free 50 MB of text, written fast
        block = ("Officials said 700,000 users joined RedNote. " * 200 + "\n\n").encode()
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    line = assert_clean_error(run_cli("--db", str(db), "import", str(big)), "big.txt", "limit")
    assert "MB" in line
    assert docs(db) == []


@pytest.mark.slow
def test_25_mb_imports_with_a_raised_limit_and_is_annotatable(tmp_path, db):
    big = tmp_path / "big25.txt"
    sentence = "Officials said {} users joined RedNote within two days of the ban, and critics objected. "
    with open(big, "w", encoding="utf-8") as fh:
        written, i = 0, 0
        while written < 25 * 1024 * 1024:
            chunk = "".join(sentence.format(i * 6 + k) for k in range(6)) + "\n\n"
            fh.write(chunk)
            written += len(chunk)
            i += 1
    assert_clean_error(run_cli("--db", str(db), "import", str(big)), "limit")
    result = run_cli("--db", str(db), "import", "--max-mb", "30", str(big), timeout=240)
    assert result.code == 0, result.err
    [doc] = docs(db)
    assert doc["characters"] > 25 * 1024 * 1024 - 100
    result = run_cli("--db", str(db), "annotate", "--doc", str(doc["id"]), "--start", str(doc["characters"] - 8),
                     "--end", str(doc["characters"]))
    assert result.code == 0, result.err


# -- encodings ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec,bom", [("utf-16-le", True), ("utf-16-be", True), ("utf-16-le", False),
                                       ("utf-16-be", False)])
def test_utf16_with_and_without_bom_keeps_astral_text(tmp_path, db, codec, bom):
    path = tmp_path / "utf16.txt"
    data = ARTICLE.encode(codec)
    if bom:
        data = "\ufeff".encode(codec) + data
    path.write_bytes(data)
    result = run_cli("--db", str(db), "import", str(path))
    assert result.code == 0 and "Traceback" not in result.err, result.err
    [doc] = docs(db)
    assert doc["characters"] == len(ARTICLE)  # decoded exactly, astral characters included
    ann = run_cli("--db", str(db), "annotate", "--doc", str(doc["id"]), "--quote", "𝓞𝓹𝓮𝓻𝓪 🚢")
    assert ann.code == 0, ann.err


def test_invalid_utf8_is_imported_with_a_note_about_the_bad_bytes(tmp_path, db):
    path = tmp_path / "mostly-utf8.txt"
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"ban.", b"ban\xff\xfe.") + "Café, naïve, 𝓞.".encode())
    result = run_cli("--db", str(db), "import", str(path))
    assert result.code == 0, result.err
    assert "rednote-desk: note:" in result.err and "UTF-8" in result.err and "Traceback" not in result.err
    found = run_cli("--db", str(db), "search", "naïve", "--json")
    assert json.loads(found.out), "the valid text around the bad bytes was kept"


def test_latin1_text_is_decoded_not_mangled(tmp_path, db):
    text = ("Le café était fermé à Montréal; les élèves déçus ont protesté.\n\n" * 5).encode("latin-1")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text)
    result = run_cli("--db", str(db), "import", str(path))
    assert result.code == 0 and "Traceback" not in result.err, result.err
    hits = json.loads(run_cli("--db", str(db), "search", "déçus", "--json").out)
    assert hits and hits[0]["kind"] == "document"


def test_one_megabyte_without_line_breaks(tmp_path, db):
    path = tmp_path / "oneline.txt"
    text = ("word𝓞 " * 200_000)[:1_000_000]
    path.write_text(text, encoding="utf-8")
    result = run_cli("--db", str(db), "import", str(path))
    assert result.code == 0, result.err
    [doc] = docs(db)
    assert doc["characters"] == len(text)
    end = doc["characters"]
    ann = run_cli("--db", str(db), "annotate", "--doc", str(doc["id"]), "--start", str(end - 5), "--end", str(end))
    assert ann.code == 0, ann.err


# -- HTML must never reach the network -------------------------------------------------------------------------

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ban story</title>
<meta http-equiv="refresh" content="0; url={u}/refresh">
<link rel="stylesheet" href="{u}/style.css"><link rel="preload" href="{u}/preload.js" as="script">
<link rel="icon" href="{u}/favicon.ico"><base href="{u}/">
<style>@import url("{u}/import.css"); body {{ background: url({u}/bg.png); }}</style>
<script src="{u}/evil.js"></script>
<script>fetch("{u}/fetch"); document.write("SCRIPT-WROTE-THIS");</script>
</head><body onload="new Image().src='{u}/onload'">
<article><h1>Officials say 700,000 users joined RedNote</h1>
<p>Officials said 700,000 users joined RedNote within two days of the ban, a figure the company did not confirm.</p>
<img src="{u}/photo.jpg" srcset="{u}/photo2x.jpg 2x" alt="">
<iframe src="{u}/frame.html"></iframe><object data="{u}/object.swf"></object><embed src="{u}/embed.swf">
<video poster="{u}/poster.jpg"><source src="{u}/v.mp4"><track src="{u}/v.vtt"></video>
<svg><image href="{u}/svg.png"/></svg><noscript><img src="{u}/noscript.gif"></noscript>
<p>Critics called the move reckless and warned that it would expose millions of users to data risks.</p>
<script>alert("INLINE-SCRIPT-TEXT")</script>
<p>The company declined to comment on the figures released on Monday evening by the regulator.</p>
</article></body></html>
"""


def test_html_with_remote_resources_never_connects(tmp_path, db):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(20)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    connections: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        page = tmp_path / "hostile.html"
        page.write_text(HOSTILE_HTML.format(u=f"http://127.0.0.1:{port}"), encoding="utf-8")
        imported = run_cli("--db", str(db), "import", str(page))
        shown = run_cli("--db", str(db), "boilerplate", str(page))
    finally:
        stop.set()
        thread.join(2)
        server.close()
    assert connections == [], connections
    assert imported.code == 0 and shown.code == 0, imported.err + shown.err
    [doc] = docs(db)
    with Project.open(db) as project:
        text = project.document(doc["id"]).text
    for needle in ("a figure the company did not confirm", "data risks", "declined to comment"):
        assert needle in text  # nothing after the <embed>/<video> was lost
    for forbidden in ("SCRIPT-WROTE-THIS", "INLINE-SCRIPT-TEXT", "fetch(", "127.0.0.1", "@import"):
        assert forbidden not in text


# -- export and names -------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.invalid","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR=1"]


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:  # newline="": a lone CR inside a cell stays a CR
        return list(csv.DictReader(fh))


def test_csv_export_neutralises_formula_cells(tmp_path, db):
    source = tmp_path / "formulas.txt"
    source.write_text("=cmd|' /C calc'!A0 said the spreadsheet.\n\n" + ARTICLE, encoding="utf-8")
    assert run_cli("--db", str(db), "import", "--title", "=2+5", "--outlet", "@outlet", str(source)).code == 0
    for note in FORMULAS:
        r = run_cli("--db", str(db), "annotate", "--doc", "1", "--start", "0", "--end", "18", f"--note={note}")
        assert r.code == 0, r.err
    out = tmp_path / "out.csv"
    result = run_cli("--db", str(db), "export", "--csv", str(out))
    assert result.code == 0, result.err
    rows = read_csv(out)
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    assert [r["note"] for r in rows] == ["'" + f for f in FORMULAS]
    assert rows[0]["quote"] == "'=cmd|' /C calc'!A0" and rows[0]["document_title"] == "'=2+5"
    raw_out = tmp_path / "raw.csv"
    assert run_cli("--db", str(db), "export", "--csv", str(raw_out), "--raw").code == 0
    raw_rows = read_csv(raw_out)
    assert [r["note"] for r in raw_rows] == FORMULAS  # --raw: exact values, lone CR included


def test_tag_names_with_quotes_and_sql_are_just_names(project_with_doc):
    db, doc_id = project_with_doc
    names = ["Robert'); DROP TABLE annotations;--", 'He said "no"', "x' OR '1'='1", "semi;colon", "𝓞🚢 emoji"]
    for name in names:
        result = run_cli("--db", str(db), "tag-add", name)
        assert result.code == 0, result.err
    r = run_cli("--db", str(db), "annotate", "--doc", str(doc_id), "--quote", "700,000 users", "--tag", names[0],
                "--tag", names[1])
    assert r.code == 0, r.err
    tags = {t["name"]: t["uses"] for t in json.loads(run_cli("--db", str(db), "tags", "--json").out)}
    assert all(name in tags for name in names) and tags[names[0]] == 1 and tags[names[1]] == 1
    [ann] = json.loads(run_cli("--db", str(db), "annotations", "--json").out)
    assert sorted(ann["tags"]) == sorted(names[:2])
    assert_clean_error(run_cli("--db", str(db), "tag-add", "a/b"), "/")
    for query in ["'; DROP TABLE documents; --", '"unbalanced', "NEAR(a b) OR *", "users) OR (1=1"]:
        result = run_cli("--db", str(db), "search", query)
        assert result.code == 0 and result.err == "", (query, result.err)
    assert len(docs(db)) == 1


def test_absurd_metadata(tmp_path, project_with_doc):
    db, doc_id = project_with_doc
    title = "T" * 10_000
    assert run_cli("--db", str(db), "doc-edit", str(doc_id), "--title", title).code == 0
    assert docs(db)[0]["title"] == title  # accepted as given
    before = docs(db)
    for value in ("30000-01-01", "2024-02-30", "yesterday"):
        assert_clean_error(run_cli("--db", str(db), "doc-edit", str(doc_id), "--published", value), value)
    other = tmp_path / "other.txt"
    other.write_text("A different article about the ban and its critics.\n", encoding="utf-8")
    assert_clean_error(run_cli("--db", str(db), "import", "--published", "30000-01-01", str(other)), "30000")
    assert docs(db) == before


# -- damaged, foreign, newer and read-only project files -----------------------------------------------------

def _cli_sees_file_unchanged(db: Path, *needles: str, commands=(("docs",), ("annotate", "--doc", "1", "--start",
                                                                              "0", "--end", "3"))) -> None:
    before = digest(db)
    for command in commands:
        assert_clean_error(run_cli("--db", str(db), *command), *needles)
    assert digest(db) == before


def test_project_from_a_newer_version_is_refused_untouched(project_with_doc):
    db, _ = project_with_doc
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('rednote_desk', 'm999_from_the_future', '2031-01-01')")
    conn.close()
    _cli_sees_file_unchanged(db, "newer version")


@pytest.mark.parametrize("damage", ["garbage_pages", "truncated", "header_only", "not_sqlite"])
def test_corrupt_project_is_reported_and_never_overwritten(project_with_doc, damage):
    db, _ = project_with_doc
    with sqlite3.connect(db) as conn:  # checkpoint: everything in the main file, no -wal left behind
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    if damage == "garbage_pages":
        data[4096:4096 * 6] = bytes((i * 7 + 3) % 256 for i in range(4096 * 5))
    elif damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "header_only":
        data = bytearray(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    else:
        data = bytearray(b"just some notes, not a database\n")
    db.write_bytes(bytes(data))
    _cli_sees_file_unchanged(db, str(db.name))


def test_read_only_project_reads_and_refuses_changes(project_with_doc):
    db, doc_id = project_with_doc
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(db)
    with read_only(db):
        assert [d["id"] for d in docs(db)] == [doc_id]
        for command in (("annotate", "--doc", str(doc_id), "--quote", "700,000 users"), ("undo",),
                        ("tag-add", "New tag"), ("doc-delete", str(doc_id))):
            assert_clean_error(run_cli("--db", str(db), *command), "read-only")
    assert digest(db) == before


# -- two writers at once ----------------------------------------------------------------------------------------

def test_two_cli_writers_at_once_lose_nothing(project_with_doc):
    db, doc_id = project_with_doc
    with Project.open(db) as project:
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen([sys.executable, "-m", "rednote_desk", "--db", str(db), "annotate", "--doc", str(doc_id),
                          "--start", str(i), "--end", str(i + 4), "--note", f"writer {i}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for i in range(10)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    ids = [int(out) for _, out, _ in results]
    assert len(set(ids)) == 10
    notes = {a["id"]: a["note"] for a in json.loads(run_cli("--db", str(db), "annotations", "--json").out)}
    assert [notes[i] for i in ids] == [f"writer {i}" for i in range(10)]
