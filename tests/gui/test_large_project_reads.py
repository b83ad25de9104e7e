"""Large projects: views read only the chosen documents, and long reads run off the GUI thread."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from rednote_desk.gui import compare_view as compare_module
from rednote_desk.gui.compare_view import COMPARE_ALL_LIMIT, CompareView
from rednote_desk.store.project import Project


def _fill(project: Project, documents: int) -> list[int]:
    ids = []
    for i in range(documents):
        text = (f"Report {i}. The port strike left {700 + i} workers idle on Monday, officials said. "
                "Union leaders called it a lockout.\n\nTalks resume next week.")
        doc, _ = project.add_document(title=f"Report {i}", text=text, text_sha256=f"sha-{i}", outlet=f"Outlet {i}")
        ids.append(doc.id)
        for start in range(0, 60, 6):
            project.add_annotation(document_id=doc.id, start=start, end=start + 5)
    return ids


@pytest.fixture
def big(tmp_path):
    project = Project.open(tmp_path / "big.rednote.sqlite")
    ids = _fill(project, COMPARE_ALL_LIMIT + 5)
    yield project, ids
    project.close()


def _gui_statements(project: Project) -> list[str]:
    statements: list[str] = []
    project.db.conn.set_trace_callback(statements.append)
    return statements


def test_compare_reads_three_documents_on_a_worker_thread(qtbot, big, monkeypatch):
    project, ids = big
    chosen = [ids[1], ids[7], ids[20]]
    reads = []
    real_read = compare_module.read_comparison_input

    def read(source, document_ids, **kwargs):
        reads.append((threading.current_thread() is threading.main_thread(), source is project,
                      list(document_ids)))
        return real_read(source, document_ids, **kwargs)

    monkeypatch.setattr(compare_module, "read_comparison_input", read)
    view = CompareView(project)
    qtbot.addWidget(view)
    view.set_documents(chosen)
    statements = _gui_statements(project)
    view.show()
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)
    project.db.conn.set_trace_callback(None)

    assert reads == [(False, False, chosen)]  # a worker thread, on a connection of its own
    assert [d.id for d in view.comparison.documents] == chosen
    assert view._input is not None and {a.document_id for a in view._input.annotations} == set(chosen)
    assert len(view._input.annotations) == 30
    # the GUI thread's connection read no annotation and no document text
    assert not [s for s in statements if "annotations" in s or "text" in s.split("FROM")[0]], statements


def test_a_large_project_starts_with_nothing_chosen_instead_of_comparing_everything(qtbot, big):
    project, ids = big
    view = CompareView(project)
    qtbot.addWidget(view)
    view.set_documents([])  # what the window asks when fewer than two columns are open
    view.show()
    qtbot.waitUntil(lambda: not view.is_stale(), timeout=5000)
    assert view.document_ids() == [] and not view.is_busy()
    assert view.documents_button.text().startswith(f"Documents: 0 of {len(ids)}")
    assert "Choose" in view.status.text()


def test_the_document_list_is_read_again_only_after_documents_change(qtbot, big, monkeypatch):
    project, ids = big
    view = CompareView(project)
    qtbot.addWidget(view)
    view.set_documents(ids[:2])
    view.show()
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)
    listed = []
    real = project.document_headings
    monkeypatch.setattr(project, "document_headings", lambda: listed.append(1) or real())
    view.session.run(lambda: project.add_annotation(document_id=ids[0], start=0, end=3))
    qtbot.waitUntil(lambda: not view.is_busy() and not view.is_stale(), timeout=20000)
    assert listed == []  # an annotation changed: the list of documents did not
    view.session.run(lambda: project.update_document(ids[0], title="Renamed report"))
    qtbot.waitUntil(lambda: not view.is_busy() and not view.is_stale(), timeout=20000)
    assert listed == [1]
    assert any("Renamed report" in view.document_list.item(r).text() for r in range(view.document_list.count()))


@pytest.fixture
def many_documents(tmp_path, monkeypatch):
    """A project over the background threshold (lowered, so the test stays small)."""
    from rednote_desk.gui import project_reads

    monkeypatch.setattr(project_reads, "BACKGROUND_FROM", 10)
    project = Project.open(tmp_path / "many.rednote.sqlite")
    ids = _fill(project, 12)
    tag = project.add_tag("Conflict").value.id
    project.add_annotation(document_id=ids[0], start=0, end=4, tag_ids=[tag])
    project.close()
    return tmp_path / "many.rednote.sqlite", ids, tag


def test_opening_a_large_project_reads_library_orphans_and_counts_off_the_gui_thread(qtbot, tmp_path,
                                                                                    many_documents, monkeypatch):
    from PySide6.QtCore import QSettings

    from rednote_desk.gui.main_window import MainWindow

    path, ids, tag = many_documents
    where: dict[str, list[bool]] = {}
    def spy(name, real):
        def call(*args, **kwargs):
            where.setdefault(name, []).append(threading.current_thread() is threading.main_thread())
            return real(*args, **kwargs)
        return call

    for name in ("library_rows", "orphaned_annotations", "tag_usage"):
        monkeypatch.setattr(Project, name, spy(name, getattr(Project, name)))
    opening = spy("open", Project.open)  # bound to the class already
    monkeypatch.setattr(Project, "open", classmethod(lambda cls, *a, **k: opening(*a, **k)))
    window = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.open_startup_project(str(path))
    qtbot.waitUntil(lambda: window.library.model.rowCount() == len(ids), timeout=10000)
    qtbot.waitUntil(lambda: window.codebook._usage.get(tag) == 1, timeout=10000)
    assert where["open"] == [False]  # checked on a worker, then handed to the GUI thread
    backups = path.parent / (path.name + ".backups")
    qtbot.waitUntil(lambda: backups.exists() and any(backups.glob("*-daily.sqlite")), timeout=10000)
    with Project.open_reader(next(backups.glob("*-daily.sqlite"))) as copy:  # written by a worker, complete
        assert copy.document_count() == len(ids)
    assert where["library_rows"] == [False] and where["orphaned_annotations"] == [False]
    assert where["tag_usage"] == [False]
    assert window.library.filter.placeholderText() == "Filter documents…"
    counts = {window.library.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1):
              window.library.model.index(r, 3).data() for r in range(len(ids))}
    assert counts[ids[0]] == "11" and counts[ids[1]] == "10"
    assert window.project.document_count() == len(ids)  # the handed-over connection works here
    window.close()


def test_a_small_project_fills_the_library_at_once(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from rednote_desk.gui.main_window import MainWindow

    project = Project.open(tmp_path / "small.rednote.sqlite")
    ids = _fill(project, 3)
    window = MainWindow(project, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.library.model.rowCount() == 3 and not window.library_loader.is_busy()
    window.library.select_document(ids[1])
    assert window.library.selected_document_id() == ids[1]
    window.close()


def test_the_library_sorts_filters_and_keeps_the_selection_on_its_document(qtbot):
    from rednote_desk.gui.library import ID_ROLE, LibraryPanel

    library = LibraryPanel()
    qtbot.addWidget(library)
    rows = [{"id": i, "title": f"Title {t}", "outlet": o, "url": None, "published": d, "source_name": "",
             "annotations": n}
            for i, (t, o, d, n) in enumerate([("b", "Zeta", "2025-01-03", 5), ("a", "alpha", "2025-01-01", 40),
                                             ("c", "Mid", None, 7)], start=1)]
    library.refresh(rows)
    shown = lambda: [library.proxy.index(r, 0).data(ID_ROLE) for r in range(library.proxy.rowCount())]  # noqa: E731
    assert shown() == [2, 3, 1]  # by outlet, case-insensitive (the initial sort)
    library.select_document(3)
    library.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # a click on the "#" header
    assert shown() == [2, 3, 1] and library.selected_document_id() == 3
    library.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert shown() == [2, 1, 3] and library.selected_document_id() == 3
    library.update_counts({1: 99})
    assert library.model.index(library.model.index_of(1).row(), 3).data() == "99"
    qtbot.keyClicks(library.filter, "ZET")
    assert shown() == [1]
    library.filter.clear()
    qtbot.keyClicks(library.filter, "99")  # the count is a shown cell too
    assert shown() == [1]
    library.refresh(rows[:2])  # a refill keeps the chosen order
    library.filter.clear()
    assert shown() == [2, 1]


def test_a_view_whose_modules_are_not_loaded_is_built_after_a_worker_imported_them(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from rednote_desk.gui.preload import when_imported

    (tmp_path / "heavy_for_test.py").write_text(
        "import threading\nON_MAIN = threading.current_thread() is threading.main_thread()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(__import__("sys").modules, "heavy_for_test", raising=False)
    owner = QWidget()
    qtbot.addWidget(owner)
    built = []
    task = when_imported(owner, ["heavy_for_test"], lambda: built.append("view"))
    assert task is not None and built == []  # not on the GUI thread, not yet
    qtbot.waitUntil(lambda: built == ["view"], timeout=5000)
    import heavy_for_test

    assert heavy_for_test.ON_MAIN is False
    assert when_imported(owner, ["heavy_for_test"], lambda: built.append("again")) is None  # loaded: at once
    assert built == ["view", "again"]


def test_an_opening_started_before_the_window_is_taken_over_not_repeated(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from rednote_desk.gui.main_window import MainWindow
    from rednote_desk.gui.project_opening import start_opening

    path = tmp_path / "p.rednote.sqlite"
    with Project.open(path) as project:
        _fill(project, 2)
    opened = []
    real = Project.open
    monkeypatch.setattr(Project, "open", classmethod(lambda cls, *a, **k: opened.append(1) or real(*a, **k)))
    start_opening(str(path))  # what app.main does before building the window
    window = MainWindow(None, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.open_startup_project(str(path))
    assert opened == [1] and window.library.model.rowCount() == 2
    assert [c.document.title for c in window.reading.columns] == ["Report 0", "Report 1"]  # first launch: two
    window.close()
