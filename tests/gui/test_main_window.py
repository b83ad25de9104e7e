"""The workspace driven through the real widgets: tag, undo, link across columns, codebook, restart."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow


def _doc_id(window, prefix: str) -> int:
    return next(d.id for d in window.project.documents() if d.source_name.startswith(prefix))


def _select(view, start_cp: int, end_cp: int) -> None:
    """Select like a user: UTF-16 positions on the widget."""
    text = view.text()
    u16 = lambda cp: len(text[:cp].encode("utf-16-le")) // 2  # noqa: E731
    cursor = view.textCursor()
    cursor.setPosition(u16(start_cp))
    cursor.setPosition(u16(end_cp), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _tag_id(window, path: str) -> int:
    [tag] = window.project.find_tags(path)
    return tag.id


def test_first_launch_shows_two_sample_articles_side_by_side(window):
    assert len(window.reading.columns) == 2
    assert window.library.model.rowCount() == 5
    assert window.codebook.selected_tag_id() is None  # nothing chosen before the user clicks
    assert len(window.project.tags()) > 20


def test_tag_selection_after_astral_text_stores_exact_offsets_then_undo_redo(window, qtbot):
    doc_id = _doc_id(window, "001")
    column = window.open_document(doc_id)
    view = column.view
    text = view.text()
    quote = "attracting greater than 700,000 new customers"
    start = text.index(quote)
    astral = text.index("𝓞𝓹")  # astral-plane letters: after them UTF-16 positions differ from code points
    assert text[start - 1] == " "
    _select(view, start - 1, start + len(quote))  # sloppy selection with a space before: trimmed
    statistic = _tag_id(window, "Claim types/Statistic")
    annotation_id = window.apply_tags(doc_id, view.selected_span(), None, [statistic])
    ann = window.project.annotation(annotation_id)
    assert (ann.start_offset, ann.end_offset, ann.quote) == (start, start + len(quote), quote)
    assert ann.tag_ids == (statistic,)
    assert view.highlight(annotation_id) is not None
    assert window.inspector.annotation.id == annotation_id
    # text after the astral-plane music credit
    later = text.index("RedNote", astral)
    assert len(text[:later].encode("utf-16-le")) // 2 > later  # the widget's positions really are shifted here
    _select(view, later, later + 7)
    second = window.apply_tags(doc_id, view.selected_span(), None, [statistic])
    assert window.project.annotation(second).quote == text[later:later + 7]
    window.undo()
    assert view.highlight(second) is None and [a.id for a in window.project.annotations(doc_id)] == [annotation_id]
    window.redo()
    assert view.highlight(second) is not None
    assert window.undo_action.isEnabled()


def test_retag_and_note_through_the_inspector(window, qtbot):
    doc_id = _doc_id(window, "002")
    view = window.open_document(doc_id).view
    start = view.text().index("more than 700,000 American users")
    _select(view, start, start + 32)
    first = _tag_id(window, "Claim types/Statistic")
    conflict = _tag_id(window, "Generic frames/Conflict")
    annotation_id = window.apply_tags(doc_id, view.selected_span(), None, [first])
    window.apply_tags(doc_id, None, annotation_id, [first, conflict])
    assert set(window.project.annotation(annotation_id).tag_ids) == {first, conflict}
    window.inspector.note.setPlainText("compare with 000's half a million")
    window.inspector.flush_note()
    assert window.project.annotation(annotation_id).note == "compare with 000's half a million"
    window.delete_annotations([annotation_id])
    assert window.project.annotations(doc_id) == []
    window.undo()
    assert window.project.annotation(annotation_id).note.startswith("compare")


def test_link_claim_across_three_columns(window, qtbot):
    quotes = {"000": "approximately half a million", "001": "greater than 700,000 new customers",
              "002": "more than 700,000 American users"}
    ids = []
    for prefix, quote in quotes.items():
        doc_id = _doc_id(window, prefix)
        column = window.open_document(doc_id, new_column=True)
        start = column.view.text().index(quote)
        _select(column.view, start, start + len(quote))
        ids.append(window.apply_tags(doc_id, column.view.selected_span(), None,
                                     [_tag_id(window, "Claim types/Statistic")]))
        window.select_annotation(doc_id, ids[-1])
    assert len(window.reading.columns) >= 3
    assert sorted(window.selected_annotation_ids()) == sorted(ids)
    window.link_annotations(window.selected_annotation_ids(), "how many Americans joined")
    claims = window.project.claims()
    assert [c.label for c in claims] == ["how many Americans joined"]
    assert {a.id for a in window.project.annotations_for_claim(claims[0].id)} == set(ids)
    links = [link for m in window.reading.linkmaps for link in m.links]
    assert len(links) >= 2  # adjacent columns are joined by curves
    assert window.reading.columns[0].view.highlight(ids[0]) is not None
    window.undo()
    assert window.project.claims() == []
    assert all(not m.links for m in window.reading.linkmaps)


def test_restart_on_the_same_database_shows_the_same_state(qtbot, db_path, settings):
    project = services.open_project(db_path)
    text_doc, _ = project.add_document(title="Persisted", text="One 🚢 two three four five.", text_sha256="p1",
                                       outlet="Here")
    w = MainWindow(project, settings=settings)
    qtbot.addWidget(w)
    w.show()
    column = w.open_document(text_doc.id, new_column=True)
    _select(column.view, 6, 9)
    annotation_id = w.apply_tags(text_doc.id, column.view.selected_span(), None, [])
    w.close()
    project.close()
    again = services.open_project(db_path)
    w2 = MainWindow(again, settings=settings)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.reading.document_ids() == [text_doc.id]
    assert again.annotation(annotation_id).quote == "two"
    assert w2.reading.columns[0].view.highlight(annotation_id) is not None
    w2.close()
    again.close()


def test_keyboard_t_opens_the_tag_popup_for_a_selection(window, qtbot):
    from rednote_desk.gui.tag_popup import TagPopup

    doc_id = _doc_id(window, "003")
    view = window.open_document(doc_id).view
    view.setFocus()
    start = view.text().index("63,000 posts")
    _select(view, start, start + 12)
    qtbot.keyClick(view, Qt.Key.Key_T)
    popup = window.findChild(TagPopup)
    assert popup is not None and popup.isVisible()
    qtbot.keyClicks(popup.search_edit, "statistic")
    qtbot.keyClick(popup.search_edit, Qt.Key.Key_Return)
    [ann] = window.project.annotations(doc_id)
    assert ann.quote == "63,000 posts"
    assert ann.tag_ids == (_tag_id(window, "Claim types/Statistic"),)


def test_compare_tab_shows_the_open_documents_and_a_cell_opens_the_passage(window, qtbot):
    window.tabs.setCurrentIndex(1)
    view = window.compare_view
    assert sorted(view.document_ids()) == sorted(window.reading.document_ids())
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=20000)
    doc_id = window.reading.document_ids()[0]
    text = window.project.document(doc_id).text
    start = text.index("RedNote")
    window.show_passage(doc_id, start, start + 7)
    assert window.tabs.currentIndex() == 0
    column = window.reading.column_for(doc_id)
    assert column.view.selected_span() == (start, start + 7)


def test_reimport_keeps_annotations_on_their_text_and_lists_orphans(window, qtbot, tmp_path):
    doc_id = _doc_id(window, "003")
    column = window.open_document(doc_id)
    text = column.view.text()
    keep = text.index("63,000 posts")
    _select(column.view, keep, keep + 12)
    kept = window.apply_tags(doc_id, column.view.selected_span(), None, [])
    gone_sentence = text.split("\n")[1]
    gone = text.index(gone_sentence)
    _select(column.view, gone, gone + 20)
    lost = window.apply_tags(doc_id, column.view.selected_span(), None, [])
    new_version = "A new first paragraph inserted by the outlet.\n" + text.replace(gone_sentence + "\n", "")
    path = tmp_path / "v2.txt"
    path.write_text(new_version, encoding="utf-8")
    counts = window.reimport_document(doc_id, str(path))
    assert counts["orphaned"] == 1
    ann = window.project.annotation(kept)
    assert ann.quote == "63,000 posts" and new_version[ann.start_offset:ann.end_offset] == "63,000 posts"
    assert column.view.text() == new_version
    assert window.orphans.list.count() == 1 and window.project.annotation(lost).status == "orphaned"
    assert column.view.highlight(lost) is None and column.view.highlight(kept) is not None
    window.undo()
    assert column.view.text() == text
    assert window.project.annotation(lost).status == "anchored" and window.orphans.list.count() == 0


def test_selecting_a_linked_annotation_lines_up_its_claim_in_the_other_columns(window, qtbot):
    window.sync_action.setChecked(False)
    window.on_sync_toggled(False)
    quotes = {"000": "approximately half a million", "002": "more than 700,000 American users"}
    ids = {}
    for prefix, quote in quotes.items():
        doc_id = _doc_id(window, prefix)
        column = window.open_document(doc_id, new_column=True)
        start = column.view.text().index(quote)
        ids[doc_id] = window.apply_tags(doc_id, (start, start + len(quote)), None, [])
    window.link_annotations(list(ids.values()), "joined")
    (a_doc, a_id), (b_doc, b_id) = ids.items()
    window.select_annotation(a_doc, a_id)
    a_view = window.reading.column_for(a_doc).view
    b_view = window.reading.column_for(b_doc).view
    a_y = a_view.offset_y(window.project.annotation(a_id).start_offset)
    b_y = b_view.offset_y(window.project.annotation(b_id).start_offset)
    assert abs(a_y - b_y) <= 2 * b_view.fontMetrics().lineSpacing()
    assert 0 <= b_y <= b_view.viewport().height()


def test_unique_sentence_marks_and_following_a_sentence_across_columns(window, qtbot):
    a_doc, b_doc = window.reading.document_ids()[:2]
    window.marks_action.setChecked(True)
    window.on_marks_toggled(True)
    qtbot.waitUntil(lambda: bool(window.alignment.alignments), timeout=20000)
    a_view = window.reading.column_for(a_doc).view
    assert a_view._mark_list, "sentences only one outlet has are marked"
    assert all("Only this outlet" in m.tooltip or "Also" in m.tooltip for m in a_view._mark_list)
    window.on_marks_toggled(False)
    assert not a_view._mark_list


def test_export_report_writes_a_self_contained_file(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "HTML report (*.html)"))
    window.export_report_dialog()
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "http://" not in html.split("<body", 1)[0] and "<script src" not in html
    for document_id in window.reading.document_ids():
        assert window.project.document(document_id).title[:30] in html


def test_copies_banner_opens_the_diff_tab(window, qtbot):
    a, b = window.reading.document_ids()[:2]
    window.show_diff(a, b)
    assert window.tabs.currentIndex() == 2
    assert window.diff_view.document_pair() == (a, b)


def test_a_second_window_on_the_same_project_is_told(qtbot, db_path, settings):
    first = MainWindow(services.open_project(db_path), settings=settings)
    qtbot.addWidget(first)
    second = MainWindow(services.open_project(db_path), settings=settings)
    qtbot.addWidget(second)
    assert not first.shared_elsewhere and second.shared_elsewhere
    assert "another RedNote Desk window" in second.statusBar().currentMessage()
    # both can still write safely
    doc, _ = first.project.add_document(title="A", text="alpha beta", text_sha256="a1")
    second.project.add_annotation(document_id=doc.id, start=0, end=5)
    assert [a.quote for a in first.project.annotations(doc.id)] == ["alpha"]
    first.close()
    second.close()


def test_daily_backup_is_rolling(db_path):
    project = services.open_project(db_path)
    first = services.ensure_recent_backup(project)
    assert first is not None and first.exists()
    assert services.ensure_recent_backup(project) is None  # fresh enough
    assert services.ensure_recent_backup(project, max_age_hours=0) is not None
    assert len(project.list_backups()) == 2
    project.close()


def test_hover_text_names_tags_claim_and_note(window):
    doc_id = _doc_id(window, "002")
    column = window.open_document(doc_id)
    start = column.view.text().index("Zoey Sky")
    statistic = _tag_id(window, "Claim types/Statistic")
    annotation_id = window.apply_tags(doc_id, (start, start + 8), None, [statistic])
    window.project.update_annotation(annotation_id, note="byline")
    window.link_annotations([annotation_id], "who wrote it")
    text = column.view._tooltip(annotation_id)
    assert "Claim types/Statistic" in text and "Claim: who wrote it" in text and "Note: byline" in text


def test_the_window_paints_before_the_project_opens_then_fills(qtbot, settings):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    w.show()
    assert not w.menuBar().isEnabled() and "Opening" in w.reading.placeholder.text()
    assert w.open_startup_project(None)
    assert w.menuBar().isEnabled() and w.library.model.rowCount() == 5
    assert len(w.reading.columns) == 2
    w.close()


def test_a_damaged_project_is_reported_and_left_untouched(qtbot, settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "damaged.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    before = bad.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert not w.open_startup_project(bad)
    assert shown and "left untouched" in shown[0]
    assert bad.read_bytes() == before
