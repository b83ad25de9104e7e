"""Hostile and broken files through the GUI's import path: a clear summary, no crash, nothing half-imported,
and the reading view stays usable on a 1 MB text with no line breaks."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from rednote_desk.gui.import_dialog import ImportController


@pytest.fixture
def controller(qtbot, project):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    c = ImportController(project, parent)
    c.summaries = []
    c.show_summary = lambda title, text: c.summaries.append(text)
    c.reviewed = []

    def accept(dialog):
        c.reviewed.append(dialog.row_count())
        return True

    c.exec_review = accept
    return c


def _files(tmp_path):
    files = {
        "binary.txt": b"\x00\x01\x02\xff" * 500,
        "empty.txt": b"",
        "invalid-utf8.txt": "caf\u00e9 ".encode("utf-8") * 50 + b"\xff\xfe\xfa broken " * 40,
        "utf16-bom.txt": "UTF-16 with a BOM: Xiaohongshu 小红书 🚢\n".encode("utf-16"),
        "utf16-nobom.txt": "UTF-16 without BOM, little endian, plain words here.\n".encode("utf-16-le") * 5,
        "one-line.txt": (("word " * 200_000).strip()).encode(),  # 1 MB, no line break
        "table.xlsx": b"PK\x03\x04",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [tmp_path / name for name in files]


def test_hostile_batch_imports_the_good_files_and_reports_the_bad(controller, project, tmp_path, qtbot):
    paths = _files(tmp_path)
    with qtbot.waitSignal(controller.imported, timeout=60000) as blocker:
        controller.import_files(paths)
    stored = {d.source_name for d in project.documents()}
    assert {"utf16-bom.txt", "utf16-nobom.txt", "one-line.txt", "invalid-utf8.txt"} <= stored
    assert not {"binary.txt", "empty.txt", "table.xlsx"} & stored
    summary = "\n".join(controller.summaries)
    for name in ("binary.txt", "empty.txt", "table.xlsx"):
        assert name in summary
    assert "小红书 🚢" in next(d.text for d in project.documents() if d.source_name == "utf16-bom.txt")
    assert len(blocker.args[0]) == len(stored)


def test_hostile_html_loads_nothing_from_the_network(controller, project, tmp_path, qtbot):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    connections = []
    stop = threading.Event()

    def listen():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                connections.append(conn)
            except OSError:
                pass

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    page = f"""<html><head><title>Hostile page</title><link rel="stylesheet" href="{url}/a.css">
    <script src="{url}/x.js"></script><script>document.write('INJECTED')</script></head><body>
    <nav>Home | News</nav><div class="cookie-banner">We use cookies</div>
    <iframe src="{url}/frame"></iframe><img src="{url}/pixel.png">
    <article><h1>Ports strike ends</h1><p>Some 45,000 dockworkers returned to work on Friday after a deal.</p>
    <p>The union said the agreement covers six years and raises wages by 62 percent.</p></article>
    <footer>Copyright 2025 Example</footer></body></html>"""
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    with qtbot.waitSignal(controller.imported, timeout=60000):
        controller.import_files([path])
    time.sleep(0.3)
    stop.set()
    thread.join(2)
    server.close()
    [document] = project.documents()
    assert "45,000 dockworkers" in document.text
    assert "INJECTED" not in document.text and "cookies" not in document.text
    assert connections == [], "the import opened a connection"


def test_reading_view_stays_responsive_on_a_1mb_text_without_line_breaks(qtbot, project):
    from rednote_desk.gui.annotated_view import AnnotatedTextView, Highlight

    text = ("word " * 200_000).strip()
    view = AnnotatedTextView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    view.set_text(text)
    view.set_highlights([Highlight(i, i * 997, i * 997 + 40, ("#ff0000",)) for i in range(1000)])
    bar = view.verticalScrollBar()
    for _ in range(5):
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
    # functional check (speed is in tests/benchmarks/bench_gui.py): the view paints and reports positions
    first, last = view.visible_range()
    assert 0 < first < last <= len(text)
