"""Opening the Text diff on a large project reads no document list on the GUI thread (issue 10, "Large projects"):
the A and B lists hold the pair until one is opened, then every document is read on a worker and listed."""
from __future__ import annotations

from test_compare_headings_background import large  # noqa: F401 - the fixture

from rednote_desk.gui.diff_view import DiffView


def _shown(qtbot, view, pair):
    qtbot.waitUntil(lambda: view.document_pair() == pair and view.diff is not None and not view.is_busy(),
                    timeout=20000)


def _listed(combo):
    return [combo.itemData(i) for i in range(combo.count())]


def test_the_first_two_are_compared_and_the_list_is_read_on_a_worker_when_opened(qtbot, large):  # noqa: F811
    project, ids, where = large
    view = DiffView(project)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    _shown(qtbot, view, (ids[0], ids[1]))
    assert where == []  # no heading read at all, on any thread
    assert _listed(view.combo_a) == _listed(view.combo_b) == ids[:2]
    assert view.combo_b.currentText() == f"{ids[1]}: Outlet 1 — Report 1"

    view.combo_b.showPopup()  # the list opens: now every document is read, on a worker
    qtbot.waitUntil(lambda: view.combo_b.count() == len(ids), timeout=10000)
    assert where == [False]
    assert _listed(view.combo_a) == ids
    assert (view.combo_a.currentData(), view.combo_b.currentData()) == (ids[0], ids[1])  # the pair stays chosen
    assert view.combo_b.view().isVisible()  # shown again, with every document
    view.combo_b.hidePopup()
    view.combo_b.setCurrentIndex(ids.index(ids[7]))  # a choice in the full list compares that pair
    _shown(qtbot, view, (ids[0], ids[7]))
    view.combo_a.showPopup()
    view.combo_a.hidePopup()
    assert where == [False]  # read once


def test_a_pair_asked_for_is_listed_without_the_whole_list(qtbot, large):  # noqa: F811
    project, ids, where = large
    view = DiffView(project)
    qtbot.addWidget(view)
    view.show()
    view.set_pair(ids[9], ids[4])  # from the Compare view's copies, say
    _shown(qtbot, view, (ids[9], ids[4]))
    assert (view.combo_a.currentData(), view.combo_b.currentData()) == (ids[9], ids[4])
    view.session.run(lambda: project.delete_document(ids[2]))  # the documents changed: still no list read
    qtbot.wait(50)
    assert where == [] and (view.combo_a.currentData(), view.combo_b.currentData()) == (ids[9], ids[4])
