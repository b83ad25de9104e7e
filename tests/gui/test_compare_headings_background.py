"""Opening Compare on a large project reads no document list on the GUI thread (issue 10, "Large projects"): the
chosen documents are compared straight away, and every document's heading is read on a worker only when the
Documents popup opens; its items appear when they arrive, with the chosen ones ticked."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt

from rednote_desk.gui import project_reads
from rednote_desk.gui.compare_view import CompareView
from rednote_desk.store.project import Project

DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@pytest.fixture
def large(tmp_path, monkeypatch):
    """A project file over the background threshold (lowered, so the test stays small)."""
    monkeypatch.setattr(project_reads, "BACKGROUND_FROM", 10)
    project = Project.open(tmp_path / "large.rednote.sqlite")
    ids = []
    for i in range(12):
        doc, _ = project.add_document(title=f"Report {i}", outlet=f"Outlet {i}", text_sha256=f"sha-{i}",
                                      text=f"Report {i}. The strike left {700 + i} workers idle, officials said.")
        ids.append(doc.id)
    where: list[bool] = []  # per headings read: on the GUI thread?
    real = Project.document_headings
    monkeypatch.setattr(Project, "document_headings", lambda self: where.append(
        threading.current_thread() is threading.main_thread()) or real(self))
    yield project, ids, where
    project.close()


def _compared(view: CompareView, ids) -> bool:
    return view.comparison is not None and not view.is_busy() and [d.id for d in view.comparison.documents] == ids


def _shown_comparing(qtbot, project, chosen) -> CompareView:
    view = CompareView(project)
    qtbot.addWidget(view)
    view.set_documents(chosen)
    view.show()
    qtbot.waitUntil(lambda: _compared(view, chosen), timeout=20000)
    return view


def _ticked(view: CompareView) -> list[int]:
    listed = view._document_list
    return [listed.item(r).data(DOC_ID_ROLE) for r in range(listed.count())
            if listed.item(r).checkState() == Qt.CheckState.Checked]


def test_the_chosen_documents_are_compared_without_reading_the_document_list(qtbot, large):
    project, ids, where = large
    chosen = [ids[1], ids[4], ids[10]]
    view = _shown_comparing(qtbot, project, chosen)
    assert where == []  # no heading read at all, on any thread
    assert view.document_ids() == chosen
    assert view.documents_button.text() == "Documents: 3 of 12 ▾"

    menu = view.documents_button.menu()
    menu.popup(view.mapToGlobal(QPoint(0, 0)))  # the popup opens: now the list is read, on a worker
    qtbot.waitUntil(lambda: view._document_list.count() == len(ids), timeout=10000)
    assert where == [False]
    assert _ticked(view) == chosen
    assert "Outlet 4 — Report 4" in view._document_list.item(4).text()
    view._document_list.item(2).setCheckState(Qt.CheckState.Checked)  # ticking there compares again
    menu.hide()
    qtbot.waitUntil(lambda: _compared(view, [ids[1], ids[2], ids[4], ids[10]]), timeout=20000)
    assert view.documents_button.text() == "Documents: 4 of 12 ▾"


def test_all_and_none_wait_for_the_list_and_a_deleted_document_is_no_longer_chosen(qtbot, large):
    project, ids, where = large
    chosen = [ids[0], ids[3], ids[7]]
    view = _shown_comparing(qtbot, project, chosen)
    view.documents_button.menu().aboutToShow.emit()  # the read starts...
    view._check_all(False)  # ...and "None" before the list is there changes nothing
    assert view.document_ids() == chosen
    qtbot.waitUntil(lambda: view._headings is not None, timeout=10000)
    assert where == [False]

    view.session.run(lambda: project.delete_document(ids[3]))
    qtbot.waitUntil(lambda: _compared(view, [ids[0], ids[7]]), timeout=20000)
    assert view.document_ids() == [ids[0], ids[7]]
    assert view.documents_button.text() == "Documents: 2 of 11 ▾"
    assert where == [False]  # the change did not read the list again (it is read when the popup opens)
    view.documents_button.menu().aboutToShow.emit()
    qtbot.waitUntil(lambda: view.document_list.count() == 11, timeout=10000)
    assert _ticked(view) == [ids[0], ids[7]]
