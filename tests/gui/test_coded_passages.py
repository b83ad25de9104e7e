"""Coded passages: every passage with a code (and its sub-codes) across documents, with context, filterable,
a click shows it in the reading view, CSV export; read off the GUI thread for a project on disk."""
from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from workspace_helpers import close_window, open_window

from rednote_desk.core.retrieval import PASSAGE_COLUMNS
from rednote_desk.services import passages as service


def _tag(project, path):
    [tag] = project.find_tags(path)
    return tag.id


def _annotate(project, doc, text, tag_ids, coder=None):
    start = doc.text.index(text)
    result = project.add_annotation(document_id=doc.id, start=start, end=start + len(text), tag_ids=tag_ids,
                                    coder=coder)
    return result[0] if isinstance(result, tuple) else result


def test_passages_with_a_code_and_its_subtree_across_documents(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, 1600, 1000)
    project = w.project
    docs = project.documents()
    statistic, opinion = _tag(project, "Claim types/Statistic"), _tag(project, "Claim types/Opinion")
    a = _annotate(project, docs[0], "approximately half a million", [statistic], coder="ana")
    b = _annotate(project, docs[2], "more than 700,000 American users", [statistic], coder="ben")
    c = _annotate(project, docs[3], "RedNote", [opinion], coder="ana")
    _annotate(project, docs[1], "RedNote", [_tag(project, "Generic frames/Conflict")])
    panel = w.passages
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.passages_dock.isVisible()
    panel.show_code(_tag(project, "Claim types"))  # the parent: its sub-codes' passages
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    assert [p.annotation_id for p in panel.passages] == [a.id, b.id, c.id]
    first = panel.passages[0]
    assert first.quote == "approximately half a million" and first.before and first.after
    assert docs[0].text[first.start - len(first.before):first.start] == first.before  # its context
    assert ".txt" not in first.outlet
    assert panel.model.rowCount() == 3
    assert "«approximately half a million»" in panel.model.index(0).data()
    panel.subtree.setChecked(False)  # the parent itself codes nothing
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    assert panel.passages == [] and panel.status.text() == "0 passages"
    panel.subtree.setChecked(True)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    # filters: coder, then outlet
    panel.coder.setCurrentIndex(panel.coder.findData("ana"))
    panel.coder.activated.emit(panel.coder.currentIndex())
    assert [p.annotation_id for p in panel.shown_passages()] == [a.id, c.id]
    assert panel.status.text() == "2 passages of 3"
    panel.outlet.setCurrentIndex(panel.outlet.findData(panel.passages[2].outlet))
    panel.outlet.activated.emit(panel.outlet.currentIndex())
    assert [p.annotation_id for p in panel.shown_passages()] == [c.id]
    assert panel.status.text() == "1 passage of 3"
    # a click shows it in the reading view, selected
    panel.list.clicked.emit(panel.model.index(0))
    column = w.reading.column_for(docs[3].id)
    assert w.tabs.currentIndex() == 0 and column is not None
    assert column.view.selected_span() == (c.start_offset, c.end_offset)
    # export what is listed
    out = tmp_path / "passages.csv"
    assert panel.export(out) == 1
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == list(PASSAGE_COLUMNS) and rows[1][7] == "RedNote" and rows[1][3] == "ana"
    assert rows[1][9] == "Claim types/Opinion"
    close_window(w)


def test_the_store_reads_only_the_coded_rows_and_a_worker_can_read_the_file(project, tmp_path):
    from rednote_desk import services

    disk = services.open_project(tmp_path / "p.rednote.sqlite")
    doc, _ = disk.add_document(title="T", text="Alpha beta =SUM(A1) gamma.", text_sha256="x", outlet="O")
    tag = disk.add_tag("Risk").value
    disk.add_annotation(document_id=doc.id, start=11, end=19, tag_ids=[tag.id])
    disk.add_annotation(document_id=doc.id, start=0, end=5)  # uncoded: not read
    [passage] = service.coded_passages_from_file(disk.path, [tag.id])
    assert (passage.quote, passage.outlet, passage.tag_ids) == ("=SUM(A1)", "O", (tag.id,))
    assert service.coded_passages(disk, []) == []
    out = tmp_path / "x.csv"
    service.export_passages_csv([passage], {tag.id: "Risk"}, out)
    assert "'=SUM(A1)" in out.read_text(encoding="utf-8-sig")  # a formula is neutralised
    disk.close()
