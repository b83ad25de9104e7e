"""Diff view benchmarks: a 10 KB pair on screen, a large pair opened without blocking, moving between changes.

Run alone: ``python tests/benchmarks/bench_diff_view.py [--quick]``; or through run.py.
"""
from __future__ import annotations

import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
for path in (REPO, REPO / "tests" / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_compare as bc  # noqa: E402


def _add(project, title: str, text: str) -> int:
    doc, _ = project.add_document(title=title, text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
    return doc.id


def _shown_ms(app, view, a: int, b: int) -> tuple[float, float]:
    """(ms until set_pair returns, ms until the diff is on screen)."""
    view.set_pair(b, a)  # make the next set_pair a real change
    while view.is_busy() or view.diff is None:
        app.processEvents()
        time.sleep(0.001)
    t0 = time.perf_counter()
    view.set_pair(a, b)
    returned = (time.perf_counter() - t0) * 1000
    while view.is_busy():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    return returned, (time.perf_counter() - t0) * 1000


def run(quick: bool) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from rednote_desk.gui.diff_view import DiffView
    from rednote_desk.store.project import Project

    app = QApplication.instance() or QApplication([])
    rng = random.Random(bc.SEED)
    paras = bc.paragraphs()
    vocab = [w for p in paras for w in p.split(" ") if w.isalpha()]
    project = Project.in_memory()
    out: dict[str, float] = {}
    try:
        a10 = bc.article(10_000, rng, paras, vocab, 0.0)
        ids10 = (_add(project, "10 KB", a10), _add(project, "10 KB edited", bc.edit(a10, rng, vocab)))
        size = 300_000 if quick else 1_000_000
        big = bc.article(size, rng, paras, vocab, 0.0)
        ids_big = (_add(project, "big", big), _add(project, "big edited", bc.edit(big, rng, vocab, 0.05)))
        view = DiffView(project)
        view.resize(1200, 800)
        view.show()
        runs = 5
        out["diff_view_10kb_ms"] = statistics.median(_shown_ms(app, view, *ids10)[1] for _ in range(runs))
        big_runs = [_shown_ms(app, view, *ids_big) for _ in range(3 if quick else runs)]
        tag = "300kb" if quick else "1mb"
        out[f"diff_view_{tag}_set_pair_ms"] = statistics.median(r[0] for r in big_runs)
        out[f"diff_view_{tag}_shown_ms"] = statistics.median(r[1] for r in big_runs)
        steps = []
        view.show_change(0)
        for _ in range(20):
            t = time.perf_counter()
            view.go_to_change(1)
            app.processEvents()
            steps.append((time.perf_counter() - t) * 1000)
        out["diff_view_next_change_ms"] = statistics.median(steps)
        view.close()
    finally:
        project.close()
    return out


if __name__ == "__main__":
    for key, value in run("--quick" in sys.argv).items():
        print(f"{key:34s} {value:10.2f}")
