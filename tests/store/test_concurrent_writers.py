"""Two processes writing to one project file at the same time: both wait their turn, no write is lost."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from rednote_desk.store.project import Project

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 150

WRITER = """
import sys, time
sys.path.insert(0, {repo!r})
from rednote_desk.store.project import Project
path, me, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
project = Project.open(path)
doc = project.documents()[0]
while time.time() < start_at:
    time.sleep(0.001)
for i in range({rounds}):
    # update_annotation reads (undo tracking) before it writes: the case a deferred BEGIN gets wrong
    a = project.add_annotation(document_id=doc.id, start=i % 50, end=i % 50 + 5, note=f"{{me}}-{{i}}").value
    project.update_annotation(a.id, note=f"{{me}}-{{i}}-edited")
    print(a.id, flush=True)
"""


def test_two_processes_write_at_once_without_errors_or_lost_writes(tmp_path):
    path = tmp_path / "shared.rednote.sqlite"
    with Project.open(path) as project:
        project.add_document(title="Shared", text="abc " * 100, text_sha256="shared")
    code = WRITER.format(repo=str(REPO), rounds=ROUNDS)
    start_at = str(time.time() + 1.5)  # both start writing at the same moment
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), name, start_at], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for name in ("A", "B")]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
    reported = {name: [int(x) for x in out.split()] for name, (out, _) in zip("AB", outputs, strict=True)}
    assert all(len(ids) == ROUNDS for ids in reported.values())
    with Project.open(path) as project:
        notes = {a.id: a.note for a in project.annotations()}
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(notes) == 2 * ROUNDS
    for name, ids in reported.items():
        assert [notes[i] for i in ids] == [f"{name}-{i}-edited" for i in range(ROUNDS)]
