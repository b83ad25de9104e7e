"""Workspace benchmarks: startup, opening a large annotated document, adding an annotation, scrolling.

Run alone: ``python tests/benchmarks/bench_gui.py [--quick]``; or through run.py.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

STARTUP_CHILD = r"""
import sys, time
mode = sys.argv[1]
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])


class FirstPaint(QObject):
    def __init__(self, label, then=None):
        super().__init__()
        self.label, self.then = label, then

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(self.label, time.time(), flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.then or app.quit)
        return False


if mode == "bare":
    from PySide6.QtWidgets import QTextEdit
    window = QTextEdit()
    window.setPlainText("hello")
    target = window.viewport()
    then = None
else:  # exactly what rednote_desk.gui.app.main does before its event loop
    from rednote_desk.gui.app import launch
    _app, window, _status = launch(db_path=None)
    target = window
    stamped = set()

    def done(label):
        stamped.add(label)
        if {"content", "ready"} <= stamped:
            app.quit()

    def watch_content():  # the first paint of an article's text: at the first paint, or once the project opened
        if window.reading.columns and not stamped & {"watching"}:
            stamped.add("watching")
            window.reading.columns[0].view.viewport().installEventFilter(content)
            window.reading.columns[0].view.viewport().update()

    def watch_ready():  # the project open and shown (the library listed, menus enabled)
        if window.project is not None:
            print("ready", time.time(), flush=True)
            done("ready")
        else:
            QTimer.singleShot(5, watch_ready)

    content = FirstPaint("content", lambda: done("content"))
    watch_content()
    window.reading.columns_changed.connect(watch_content)
    QTimer.singleShot(0, watch_ready)
    then = lambda: None  # noqa: E731
window.resize(1200, 800)
first = FirstPaint("painted", then)
target.installEventFilter(first)
window.show()
app.exec()
"""


def _startup_once(mode: str, home: str, pycache: str | None = None) -> tuple[float, float | None, float | None]:
    """Milliseconds from process start to the first painted window, and (app) to the first painted article and
    to the project open in the window. ``pycache``: Python keeps the compiled modules there, as an installed
    app has them (pip compiles on install; PySide6's own are compiled), even when this shell sets
    PYTHONDONTWRITEBYTECODE (which would compile every module of the app at every launch)."""
    env = dict(os.environ, REDNOTE_DESK_HOME=home, QT_QPA_PLATFORM="offscreen")
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", STARTUP_CHILD, mode], env=env, capture_output=True, text=True,
                         cwd=str(REPO), timeout=120)
    stamps = dict(line.split() for line in out.stdout.splitlines() if line.count(" ") == 1)
    if "painted" not in stamps:
        raise RuntimeError(f"startup child ({mode}) did not paint: {out.stderr[-500:]}")
    painted = (float(stamps["painted"]) - t0) * 1000
    content = (float(stamps["content"]) - t0) * 1000 if "content" in stamps else None
    ready = (float(stamps["ready"]) - t0) * 1000 if "ready" in stamps else None
    return painted, content, ready


def bench_startup(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as pycache:
        # the first launch seeds the default project and compiles the modules; measured separately below
        _startup_once("app", home, pycache)
        bare, app, content, ready = [], [], [], []
        for _ in range(runs):
            bare.append(_startup_once("bare", home, pycache)[0])
            painted, shown, opened = _startup_once("app", home, pycache)
            app.append(painted)
            content.append(shown)
            ready.append(opened)
        with tempfile.TemporaryDirectory() as fresh:
            first = _startup_once("app", fresh, pycache)[1]
    b, a, c = statistics.median(bare), statistics.median(app), statistics.median(content)
    return {"startup_bare_qt_ms": round(b, 1), "startup_app_ms": round(a, 1), "startup_ratio": round(a / b, 2),
            "startup_app_articles_shown_ms": round(c, 1), "startup_articles_shown_ratio": round(c / b, 2),
            "startup_project_ready_ms": round(statistics.median(ready), 1),
            "startup_first_launch_articles_shown_ms": round(first, 1)}


def _big_project(path: Path, *, size: int, annotations: int, seed: int = 7):
    from rednote_desk.core.ingest import text_sha256
    from rednote_desk.store.project import Project
    from rednote_desk.store.undo import utc_now

    samples = sorted((REPO / "resources" / "samples").glob("*.txt"))
    paragraphs = [p for s in samples for p in s.read_text(encoding="utf-8").split("\n") if p.strip()]
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        p = rng.choice(paragraphs)
        parts.append(p)
        length += len(p) + 2
    text = "\n\n".join(parts)[:size]
    project = Project.open(path)
    doc, _ = project.add_document(title="Big", text=text, text_sha256=text_sha256(text), outlet="Bench")
    tags = [project.add_tag(f"T{i}").value.id for i in range(12)]
    now = utc_now()
    rows, tag_rows = [], []
    for i in range(annotations):
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.randint(5, 150)
        rows.append((i + 1, doc.id, start, end, text[start:end], text[max(0, start - 32):start],
                     text[end:end + 32], "", "bench", now, now, "anchored"))
        tag_rows.append((i + 1, rng.choice(tags)))
    with project.db.atomic():
        project.db.conn.executemany(
            "INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, prefix, suffix, note, coder,"
            " created_at, updated_at, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        project.db.conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows)
    return project, doc, tags


def bench_open_and_paint(runs: int, *, annotations: int = 10_000, size: int = 1_000_000) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from rednote_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    results_open, results_page, results_add = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REDNOTE_DESK_HOME"] = tmp
        project, doc, tags = _big_project(Path(tmp) / "big.sqlite", size=size, annotations=annotations)
        window = MainWindow(project)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        for _ in range(runs):
            for column in list(window.reading.columns):
                window.reading.close_column(column)
            app.processEvents()
            t0 = time.perf_counter()
            column = window.open_document(doc.id, new_column=True)
            column.view.viewport().repaint()
            app.processEvents()
            results_open.append((time.perf_counter() - t0) * 1000)
        view = window.reading.columns[0].view
        bar = view.verticalScrollBar()
        for _ in range(max(runs * 4, 20)):
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            view.viewport().repaint()
            results_page.append((time.perf_counter() - t0) * 1000)
        for i in range(runs * 2):
            view.scroll_to_offset(1000 + i * 5000)
            app.processEvents()  # let the scroll (and its deferred re-centering) settle before timing
            start = 1000 + i * 5000
            t0 = time.perf_counter()
            window.apply_tags(doc.id, (start, start + 12), None, [tags[i % len(tags)]])
            app.processEvents()  # paints what the change marked dirty, as the event loop would
            results_add.append((time.perf_counter() - t0) * 1000)
        window.close()
        project.close()
    scale = f"{size // 1000}kb_{annotations // 1000}k"
    return {f"open_{scale}_annotations_ms": round(statistics.median(results_open), 1),
            f"page_down_{scale}_ms": round(statistics.median(results_page), 2),
            f"gui_add_annotation_{scale}_doc_ms": round(statistics.median(results_add), 2)}


def bench_add_in_big_project(runs: int, *, annotations: int = 100_000) -> dict[str, float]:
    """From the tag choice to the highlight on screen and the row committed, in a project of 100k annotations."""
    from PySide6.QtWidgets import QApplication

    from rednote_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REDNOTE_DESK_HOME"] = tmp
        project, doc, tags = _big_project(Path(tmp) / "huge.sqlite", size=200_000, annotations=annotations)
        # a second, small document is the one being annotated; the 100k live in the same project
        from rednote_desk.core.ingest import text_sha256

        text = (REPO / "resources" / "samples" / "002_d37a2aa64cc3bd36.txt").read_text(encoding="utf-8")
        small, _ = project.add_document(title="Small", text=text, text_sha256=text_sha256(text))
        window = MainWindow(project)
        window.resize(1400, 900)
        window.show()
        window.open_document(small.id, new_column=True)
        app.processEvents()
        assert window.reading.column_for(small.id) is not None  # the document is open in a column
        for i in range(runs * 2):
            start = 10 + i * 40
            t0 = time.perf_counter()
            window.apply_tags(small.id, (start, start + 15), None, [tags[i % len(tags)]])
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
        window.close()
        project.close()
    return {f"gui_add_annotation_{annotations // 1000}k_project_ms": round(statistics.median(times), 2)}


def bench_one_paragraph(runs: int, *, size: int = 1_000_000, annotations: int = 1_000) -> dict[str, float]:
    """A text with no line break at all is one Qt block: opening, highlighting and paging must stay usable."""
    from PySide6.QtWidgets import QApplication

    from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight

    app = QApplication.instance() or QApplication([])
    words = (REPO / "resources" / "samples" / "000_643f0810d82b4122.txt").read_text(encoding="utf-8").split()
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(size // 4))[:size]
    spans = []
    for i in range(annotations):
        s = rng.randrange(0, len(text) - 100)
        spans.append(Highlight(i, s, s + rng.randint(5, 90), ("#e6194b",)))
    opened, paged = [], []
    for _ in range(runs):
        view = AnnotatedTextView()
        view.resize(900, 900)
        view.show()
        app.processEvents()
        t0 = time.perf_counter()
        view.set_text(text)
        view.set_highlights(spans)
        view.viewport().repaint()
        opened.append((time.perf_counter() - t0) * 1000)
        bar = view.verticalScrollBar()
        for _ in range(10):
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            view.viewport().repaint()
            paged.append((time.perf_counter() - t0) * 1000)
        view.close()
        view.deleteLater()
    scale = f"{size // 1000}kb_one_paragraph_{annotations // 1000}k"
    return {f"open_{scale}_ms": round(statistics.median(opened), 1),
            f"page_down_{scale}_ms": round(statistics.median(paged), 2)}


def run(quick: bool) -> dict[str, float]:
    out: dict[str, float] = {}
    out.update(bench_startup(3 if quick else 7))
    if quick:
        out.update(bench_open_and_paint(3, annotations=2_000, size=200_000))
        out.update(bench_add_in_big_project(3, annotations=20_000))
        out.update(bench_one_paragraph(1, size=200_000))
    else:
        out.update(bench_open_and_paint(7))
        out.update(bench_add_in_big_project(10))
        out.update(bench_one_paragraph(3))
    return out


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=2))
