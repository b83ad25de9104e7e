"""Opening Compare on a large project makes no list item per document on the GUI thread (issue 10, "Large
projects": 10,000 items took ~110 ms); the items appear when the Documents popup is first opened, with the
chosen documents ticked, and ticking there still drives the comparison."""
from __future__ import annotations

from PySide6.QtCore import Qt
from test_large_project_reads import big  # noqa: F401 - the fixture

from rednote_desk.gui.compare_view import CompareView


def test_the_list_items_are_made_only_when_the_popup_opens(qtbot, big):  # noqa: F811
    project, ids = big
    chosen = [ids[2], ids[9]]
    view = CompareView(project)
    qtbot.addWidget(view)
    view.set_documents(chosen)
    view.show()
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)
    assert view._document_list.count() == 0  # nothing made yet
    assert view.document_ids() == chosen
    assert view.documents_button.text().startswith(f"Documents: 2 of {len(ids)}")

    view.documents_button.menu().aboutToShow.emit()
    listed = view._document_list
    assert listed.count() == len(ids)
    ticked = [listed.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(listed.count())
              if listed.item(r).checkState() == Qt.CheckState.Checked]
    assert ticked == chosen
    assert "Outlet 2" in listed.item(2).text()

    listed.item(5).setCheckState(Qt.CheckState.Checked)  # ticking in the popup: compared again
    assert view.document_ids() == [ids[2], ids[5], ids[9]]
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy()
                    and [d.id for d in view.comparison.documents] == [ids[2], ids[5], ids[9]], timeout=20000)
