"""Responsiveness figures that the tests check as behaviour, never as time (speed targets live here):

* the search panel's ``run()`` returns at once (the search runs on a worker) and when the hits are shown;
* a cancelled Task: from ``cancel()`` to its ``cancelled`` signal on the GUI thread;
* a project file with an endless view: refused on open, and its repaired copy written;
* a statement past ``limit_query_time``: how long after the limit it is interrupted.

Run alone: ``python tests/benchmarks/bench_responsiveness.py [--quick]``; or through run.py.
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENDLESS = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"
LIMIT_S = 0.3


def _median(values) -> float:
    return round(statistics.median(values), 2)


def _wait(app, done, limit_s: float = 60.0) -> None:
    stop = time.perf_counter() + limit_s
    while not done():
        if time.perf_counter() > stop:
            raise TimeoutError("the GUI never got the result")
        app.processEvents()
        time.sleep(0.0005)


def _search(app, folder: Path, documents: int, runs: int) -> dict[str, float]:
    from rednote_desk.gui.search import SearchPanel
    from rednote_desk.store.project import Project

    path = folder / "search.sqlite"
    with Project.open(path) as project, project.operation_group("fill"):
        for n in range(documents):
            project.add_document(title=f"Doc {n}", text=("a b c alpha beta gamma strike " * 300) + str(n),
                                 text_sha256=str(n))
    panel = SearchPanel(lambda _query: [], file_fn=lambda: path)
    panel.edit.blockSignals(True)  # no typing timer: run() is called directly
    returned, shown = [], []
    for n in range(runs):
        panel.edit.setText(" ".join(["a"] * 150) + f" {n}")
        t = time.perf_counter()
        panel.run()
        returned.append((time.perf_counter() - t) * 1000)
        _wait(app, lambda: panel.summary.text() not in ("searching…", ""))
        shown.append((time.perf_counter() - t) * 1000)
    panel.deleteLater()
    return {"search_panel_run_returns_ms": _median(returned), "search_panel_hits_shown_ms": _median(shown)}


def _cancel(app, runs: int) -> dict[str, float]:
    from rednote_desk.gui.workers import Task

    def work(_report, is_cancelled):
        while not is_cancelled():
            time.sleep(0.005)  # a work loop that checks for Cancel every 5 ms

    stopped = []
    for _ in range(runs):
        task = Task(work)
        task.start()
        time.sleep(0.05)  # the work is under way
        t = time.perf_counter()
        task.cancel()
        _wait(app, lambda task=task: task.is_done)
        stopped.append((time.perf_counter() - t) * 1000)
    return {"task_cancel_to_cancelled_ms": _median(stopped)}


def _hostile(folder: Path, runs: int) -> dict[str, float]:
    from rednote_desk.services.repair import repair_project
    from rednote_desk.store.project import Project
    from rednote_desk.store.schema_check import SchemaError, limit_query_time

    path = folder / "hostile.sqlite"
    with Project.open(path) as project:
        for n in range(50):
            project.add_document(title=f"Doc {n}", text="Officials said 700,000 users joined. " * 50,
                                 text_sha256=str(n))
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE VIEW endless AS {ENDLESS}")
    conn.commit()
    conn.close()
    refused, repaired = [], []
    for _ in range(runs):
        t = time.perf_counter()
        try:
            Project.open(path).close()
            raise AssertionError("a file with an endless view was opened")
        except SchemaError:
            refused.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        outcome = repair_project(path)
        repaired.append((time.perf_counter() - t) * 1000)
        for leftover in folder.glob(f"{outcome.path.name}*"):
            leftover.unlink()
    overshoot = []
    memory = sqlite3.connect(":memory:")
    limit_query_time(memory, LIMIT_S)
    for _ in range(runs):
        t = time.perf_counter()
        try:
            memory.execute(f"SELECT count(*) FROM ({ENDLESS})").fetchone()
        except sqlite3.OperationalError:
            overshoot.append((time.perf_counter() - t - LIMIT_S) * 1000)
    memory.close()
    return {"hostile_endless_view_refused_ms": _median(refused),
            "hostile_endless_view_repaired_ms": _median(repaired),
            "query_time_limit_overshoot_ms": _median(overshoot)}


def run(quick: bool) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="rednote-responsive-") as tmp:
        folder = Path(tmp)
        out = _search(app, folder, 50 if quick else 1000, runs)
        out.update(_cancel(app, runs))
        out.update(_hostile(folder, runs))
    return out


if __name__ == "__main__":
    for key, value in run("--quick" in sys.argv).items():
        print(f"{key:36s} {value:10.2f}")
