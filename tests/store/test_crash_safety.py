"""Crash safety: writers killed with SIGKILL at random moments lose nothing they reported as saved.

A fork server (crash_worker.py) starts writer processes on one project file: some call the store's operations,
some run the CLI. Each writer reports an operation only after it returned. The test kills each writer at a
random moment, then checks the file: SQLite's integrity check passes, and every reported annotation, deletion,
claim link and note is there. The one operation that was in flight may have happened or not, never half.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from rednote_desk.store.project import Project

WORKER = Path(__file__).with_name("crash_worker.py")
SEED = int(os.environ.get("REDNOTE_CRASH_SEED", "20250130"))
API_KILLS = 210
CLI_KILLS = 14
TEXT = ("𝓞𝓹𝓮𝓻𝓪 🚢 Officials said 700,000 users joined RedNote within two days of the ban. " * 40).strip()


@dataclass
class Expected:
    """The state the writers reported as saved: id -> (quote, note, claim label)."""

    rows: dict[int, dict] = field(default_factory=dict)
    kills: int = 0
    kills_before_ready: int = 0
    reported_ops: int = 0
    adopted_in_flight: int = 0
    lost: list[str] = field(default_factory=list)

    def apply(self, op: dict) -> None:
        self.reported_ops += 1
        if op["op"] == "add":
            self.rows[op["id"]] = {"quote": op["quote"], "note": op["note"], "claim": None}
        elif op["op"] == "delete":
            for i in op["ids"]:
                self.rows.pop(i, None)
        elif op["op"] == "link":
            for i in op["ids"]:
                self.rows[i]["claim"] = op["claim"]
        elif op["op"] == "note":
            self.rows[op["ids"][0]]["note"] = op["note"]

    def check(self, path: Path, in_flight: dict | None) -> None:
        """Compare the file with what was reported; the in-flight operation may or may not have happened."""
        conn = sqlite3.connect(str(path))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            db = {
                r[0]: {"quote": r[1], "note": r[2], "claim": r[3]}
                for r in conn.execute(
                    "SELECT a.id, a.quote, a.note, c.label FROM annotations a LEFT JOIN claims c ON c.id = a.claim_id"
                )
            }
        finally:
            conn.close()
        touched = set(in_flight.get("ids", [])) if in_flight else set()
        for ann_id, want in list(self.rows.items()):
            got = db.get(ann_id)
            if ann_id in touched:  # adopt whichever state the in-flight operation left
                if got is None and in_flight["op"] == "delete":
                    del self.rows[ann_id]
                    continue
                if got is not None and got["quote"] == want["quote"]:
                    self.rows[ann_id] = got
                    continue
            if got != want:
                self.lost.append(f"annotation {ann_id}: reported {want}, found {got}")
        extra = set(db) - set(self.rows)
        if in_flight and in_flight["op"] == "add" and len(extra) == 1:
            (ann_id,) = extra
            assert db[ann_id]["quote"] == in_flight["quote"] and db[ann_id]["note"] == in_flight["note"]
            self.rows[ann_id] = db[ann_id]
            self.adopted_in_flight += 1
        elif extra:
            self.lost.append(f"annotations {sorted(extra)} exist but were never reported")


def run_round(server: subprocess.Popen, mode: str, seed: int, delay: float, expected: Expected) -> None:
    server.stdin.write(f"{mode} {seed}\n")
    server.stdin.flush()
    lines: list[str] = []
    pid = None
    while pid is None:
        line = server.stdout.readline()
        assert line, "the crash worker died"
        if line.startswith("child "):
            pid = int(line.split()[1])
        else:
            lines.append(line)
    time.sleep(delay)
    try:
        (os.killpg if mode == "cli" else os.kill)(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        line = server.stdout.readline()
        assert line, "the crash worker died"
        if line.startswith("reaped "):
            status = int(line.split()[2])
            break
        lines.append(line)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, ("writer was not killed", lines)
    if mode == "cli":
        _wait_for_group_gone(pid)
    expected.kills += 1
    in_flight = None
    ready = False
    for line in lines:
        kind, _, payload = line.rstrip("\n").partition(" ")
        assert kind in ("ready", "begin", "done"), line  # "error"/"failed": a writer hit an exception
        if kind == "ready":
            ready = True
        elif kind == "begin":
            in_flight = json.loads(payload)
        elif kind == "done":
            expected.apply(json.loads(payload))
            in_flight = None
    expected.kills_before_ready += not ready
    expected.check(server.db_path, in_flight)


def _wait_for_group_gone(pgid: int) -> None:
    """The killed CLI calls have exited (no process of the group is still running)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(entry.name)
        if not alive:
            return
        time.sleep(0.01)
    raise AssertionError(f"processes of group {pgid} survived SIGKILL")


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_sigkill_at_random_moments_loses_no_reported_write(tmp_path):
    path = tmp_path / "crash.rednote.sqlite"
    with Project.open(path) as project:
        project.add_document(title="Crash target", text=TEXT, text_sha256="crash")
    server = subprocess.Popen([sys.executable, str(WORKER), str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
    server.db_path = path
    rng = random.Random(SEED)
    expected = Expected()
    rounds = ["api"] * API_KILLS + ["cli"] * CLI_KILLS
    rng.shuffle(rounds)
    try:
        for number, mode in enumerate(rounds):
            # API writers: killed anywhere from WAL recovery while opening to ~40 operations in; CLI: a few calls in
            delay = rng.uniform(0.0, 0.2) if mode == "api" else rng.uniform(0.3, 1.8)
            run_round(server, mode, SEED + number, delay, expected)
            assert not expected.lost, expected.lost[:5]
    finally:
        server.stdin.close()
        server.kill()
        server.wait()
    print(f"\ncrash safety (seed {SEED}): {expected.kills} kills survived "
          f"({expected.kills_before_ready} while opening), {expected.reported_ops} reported operations, "
          f"{len(expected.rows)} annotations checked at the end, {len(expected.lost)} lost, "
          f"{expected.adopted_in_flight} in-flight additions found committed")
    assert expected.kills == API_KILLS + CLI_KILLS
    assert expected.reported_ops > 5 * API_KILLS  # the kills did land in the middle of real work
    assert expected.lost == []
    with Project.open(path) as project:  # the app itself opens it and keeps working
        assert project.annotation_count() == len(expected.rows)
        doc = project.documents()[0]
        project.add_annotation(document_id=doc.id, start=0, end=5)
