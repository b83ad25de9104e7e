"""While the person has hidden the side panels (Hide side panels, Ctrl+Shift+H), the layout folds nothing for the
texts: SidePanels.fold says it did nothing, and the text room then neither says "Side panels folded…" nor records
a folded width (reviewer's finding B)."""
from __future__ import annotations

from workspace_helpers import close_window, open_window, settle_layout


def test_no_fold_is_announced_while_the_person_has_hidden_the_panels(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    w.side_panels.set_hidden(True)  # the person hides the panels, then brings one back from the View menu
    w.codebook_dock.show()
    settle_layout(qtbot, w)
    w.statusBar().clearMessage()
    room = w.side_panels.text_room
    third = next(d for d in w.project.documents() if d.id not in w.reading.document_ids())
    w.open_document(third.id, new_column=True)
    settle_layout(qtbot, w)
    assert len(w.reading.columns) == 3 and room.text_width() < room.needed()  # narrow: a fold was wanted
    assert w.codebook_dock.isVisible()  # the person's choice: not folded
    assert "Side panels folded" not in w.statusBar().currentMessage()
    assert w.codebook_dock not in room._widths  # no width recorded for a fold that did not happen
    close_window(w)


def test_fold_says_whether_it_folded(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1280, 800)
    panels = w.side_panels
    assert panels.fold([w.library_dock]) is True and not w.library_dock.isVisible()
    panels.unfold_for_texts([w.library_dock])
    panels.set_hidden(True)
    w.codebook_dock.show()
    assert panels.fold([w.codebook_dock]) is False and w.codebook_dock.isVisible()
    close_window(w)
