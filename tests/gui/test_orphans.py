"""OrphanReviewPanel: lists orphans from a real re-import and emits the chosen annotation's id."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rednote_desk.gui.orphans import OrphanReviewPanel

OLD = "𝓞𝓹𝓮𝓻𝓪 🚢 Officials said 700,000 users joined. The company declined to comment. Analysts agree."
NEW = "𝓞𝓹𝓮𝓻𝓪 🚢 Officials said 700,000 users joined. Analysts agree."


@pytest.fixture
def orphaned(project):
    doc, _ = project.add_document(title="Ban story", text=OLD, text_sha256="old")
    other, _ = project.add_document(title="Other outlet", text=OLD + " More.", text_sha256="other")
    ids = []
    for d in (doc, other):
        start = OLD.index("declined to comment")
        ids.append(project.add_annotation(document_id=d.id, start=start, end=start + 19).value.id)
        project.add_annotation(document_id=d.id, start=OLD.index("700,000"), end=OLD.index("700,000") + 7)
    project.replace_document_text(doc.id, text=NEW, text_sha256="new")
    project.replace_document_text(other.id, text=NEW + " More.", text_sha256="new-other")
    orphans = project.orphaned_annotations()
    assert [a.id for a in orphans] == ids
    titles = {d.id: d.title for d in project.documents()}
    return orphans, titles


def test_lists_each_orphan_with_its_old_quote_and_document(qtbot, orphaned):
    orphans, titles = orphaned
    panel = OrphanReviewPanel()
    qtbot.addWidget(panel)
    panel.refresh(orphans, titles)
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts == ["“declined to comment”\nBan story", "“declined to comment”\nOther outlet"]
    assert "2 annotations" in panel.summary.text()
    assert panel.selected_id() == orphans[0].id


def test_buttons_emit_the_selected_id(qtbot, orphaned):
    orphans, titles = orphaned
    panel = OrphanReviewPanel()
    qtbot.addWidget(panel)
    panel.refresh(orphans, titles)
    panel.list.setCurrentRow(1)
    second = orphans[1].id
    for button, signal in ((panel.show_button, panel.show_requested),
                           (panel.reattach_button, panel.reattach_requested),
                           (panel.delete_button, panel.delete_requested)):
        with qtbot.waitSignal(signal, timeout=1000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [second]


def test_refresh_keeps_selection_and_empty_state_disables_buttons(qtbot, orphaned, project):
    orphans, titles = orphaned
    panel = OrphanReviewPanel()
    qtbot.addWidget(panel)
    panel.refresh(orphans, titles)
    assert panel.select(orphans[1].id)
    panel.refresh(project.orphaned_annotations(), titles)
    assert panel.selected_id() == orphans[1].id

    project.delete_annotations([orphans[1].id])
    panel.refresh(project.orphaned_annotations(), titles)
    assert panel.list.count() == 1 and panel.selected_id() == orphans[0].id
    assert "1 annotation could" in panel.summary.text()

    panel.refresh([], titles)
    assert panel.list.count() == 0 and panel.selected_id() is None
    assert not panel.delete_button.isEnabled() and not panel.reattach_button.isEnabled()
    assert "No orphaned" in panel.summary.text()
    with qtbot.assertNotEmitted(panel.delete_requested):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)


def test_long_quotes_are_shortened_and_unknown_documents_named_by_id(qtbot):
    from rednote_desk.core.models import Annotation

    long = Annotation(id=7, document_id=3, start_offset=0, end_offset=0, quote="word " * 100, status="orphaned")
    panel = OrphanReviewPanel()
    qtbot.addWidget(panel)
    panel.refresh([long], {})
    text = panel.list.item(0).text()
    assert text.endswith("\ndocument 3") and "…”" in text and len(text.split("\n")[0]) <= 163
