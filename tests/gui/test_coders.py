"""Coders in the app: the coder set once and stamped on new annotations, hiding a coder's highlights, the
two-lane comparison and the agreement dialog (click a disagreement -> both coders' spans)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from rednote_desk.gui.agreement_view import AgreementPanel
from rednote_desk.gui.coders import SETTING


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue(SETTING, "ann")
    return s




def _two_coders(project, doc_id: int) -> tuple[int, int, int]:
    tag = project.tags()[1].id
    text = project.document(doc_id).text
    first = text.index(".") + 1  # end of the first sentence
    a = project.add_annotation(document_id=doc_id, start=0, end=10, tag_ids=[tag], coder="ann")
    b = project.add_annotation(document_id=doc_id, start=2, end=12, tag_ids=[tag], coder="bob")
    c = project.add_annotation(document_id=doc_id, start=first + 5, end=first + 30, tag_ids=[tag], coder="bob")
    return tuple(getattr(x, "value", x[0] if isinstance(x, tuple) else x).id for x in (a, b, c))


def test_coder_from_settings_is_shown_and_stamped_on_new_annotations(window):
    assert window.coders.status_button.text() == "Coder: ann"
    column = window.reading.columns[0]
    window.apply_tags(column.document.id, (0, 5), None, [window.project.tags()[1].id])
    newest = max(window.project.annotations(column.document.id), key=lambda a: a.id)
    assert newest.coder == "ann"
    window.coders.set_coder("bob")
    assert window.coders.status_button.text() == "Coder: bob"
    assert window.settings.value(SETTING) == "bob"
    window.apply_tags(column.document.id, (6, 12), None, [window.project.tags()[1].id])
    newest = max(window.project.annotations(column.document.id), key=lambda a: a.id)
    assert newest.coder == "bob"


def test_hide_a_coder_in_the_reading_view(window):
    column = window.reading.columns[0]
    doc_id = column.document.id
    a, b, c = _two_coders(window.project, doc_id)
    window.refresh_annotations(doc_id)
    view = column.view
    assert view.y_range(b) is not None
    window.coders.set_coder_visible("bob", False)
    assert view.hidden() == {b, c}
    assert view.y_range(b) is None and view.y_range(a) is not None
    window.coders.set_coder_visible("bob", True)
    assert view.hidden() == frozenset()


def _paint(view) -> None:
    view.viewport().repaint()  # paints now; the view records what it drew


def test_compare_mode_puts_each_coder_in_its_own_lane(window, qtbot):
    column = window.reading.columns[0]
    doc_id = column.document.id
    a, b, c = _two_coders(window.project, doc_id)
    other = window.project.add_annotation(document_id=doc_id, start=0, end=4, coder="cy").value.id
    window.refresh_annotations(doc_id)
    view = column.view
    _paint(view)
    # ordinary mode: a, b and cy's overlap, so the interval index stacks them in three lanes whatever their coder
    assert view.coder_lanes() is None and len({view.lane_of(a), view.lane_of(b), view.lane_of(other)}) == 3
    window.coders.set_compared(("ann", "bob"))
    assert window.coders.compare_action.isChecked()
    assert view.coder_lanes() == {a: 0, b: 1, c: 1}
    assert other in view.hidden()  # a third coder is not shown while two are compared
    _paint(view)
    painted = view.painted_lanes()
    assert painted[a] == 0 and painted[b] == 1 and painted[c] == 1 and other not in painted
    assert "ann" in view.legend_text() and "bob" in view.legend_text()
    assert view.legend_text().index("ann") < view.legend_text().index("bob")  # upper named first
    # the two lanes are really different halves of the line: "ann" alone (chars 0-2) colours the upper half,
    # "bob" alone (chars 10-12) the lower half
    image = view.viewport().grab().toImage()

    def rule_pixels(cp: int) -> tuple[bool, bool]:
        cursor = QTextCursor(view.document())
        cursor.setPosition(cp)
        first = view.cursorRect(cursor)
        cursor.setPosition(cp + 1)
        x = (first.left() + view.cursorRect(cursor).left()) // 2
        top, bottom = image.pixelColor(x, first.top() + 1), image.pixelColor(x, first.bottom() - 1)
        return top.saturation() > 40, bottom.saturation() > 40

    assert rule_pixels(0) == (True, False)
    assert rule_pixels(5) == (True, True)
    assert rule_pixels(11) == (False, True)
    # a change made in the mode keeps the lanes: bob's new annotation goes below
    d = window.session.run(lambda: window.project.add_annotation(document_id=doc_id, start=20, end=30,
                                                                 coder="bob")).value.id
    assert view.coder_lanes()[d] == 1
    window.coders.set_compared(None)
    assert view.coder_lanes() is None and view.hidden() == frozenset() and view.legend_text() == ""
    assert not window.coders.compare_action.isChecked()


def test_disagreement_shows_both_coders_in_the_reading_view(window, qtbot):
    doc_id = window.reading.columns[0].document.id
    a, b, c = _two_coders(window.project, doc_id)
    window.refresh_annotations(doc_id)
    dialog = window.coders.open_agreement()
    assert window.coders.agreement_dock.isVisible() and window.coders.agreement_dock.widget() is dialog
    assert isinstance(dialog, AgreementPanel)
    assert dialog.report is not None and dialog.report.coders == ("ann", "bob")
    assert dialog.table.rowCount() == 2  # the code, then all codes
    assert dialog.disagreements.rowCount() == 1
    with qtbot.waitSignal(dialog.disagreement_activated) as signal:
        dialog.on_disagreement_activated(0)
    document_id, coders, start, end = signal.args
    assert document_id == doc_id and coders == ("bob", "ann") and start <= window.project.annotation(c).start_offset
    window.coders.open_compare_at(document_id, coders, start, end)
    view = window.reading.column_for(doc_id).view
    assert window.coders.compared == ("bob", "ann")
    assert view.coder_lanes() == {b: 0, c: 0, a: 1}
    assert view.focus_span() == (start, end) and view.selected_span() is None  # outlined; lanes stay visible
    _paint(view)
    assert view.painted_lanes()[c] == 0  # bob's span of the disagreement, in the upper lane
    assert view.painted_lanes().get(a, 1) == 1
    # another disagreement of the same two coders keeps their lanes where they are
    window.coders.open_compare_at(document_id, ("ann", "bob"), start, end)
    assert window.coders.compared == ("bob", "ann")
    dialog.close_requested.emit()
    assert not window.coders.agreement_dock.isVisible()


def test_opening_another_project_ends_the_comparison(window, tmp_path):
    from rednote_desk.store.project import Project

    doc_id = window.reading.columns[0].document.id
    _two_coders(window.project, doc_id)
    window.coders.open_agreement()
    window.coders.set_compared(("ann", "bob"))
    window.set_project(Project.open(tmp_path / "other.sqlite"))
    assert window.coders.compared is None and not window.coders.compare_action.isChecked()
    assert window.coders.agreement_dock.widget() is None  # no panel left reading the old project
    assert all(c.view.coder_lanes() is None for c in window.reading.columns)


def test_merge_a_colleagues_project_from_the_file_menu(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from rednote_desk.gui.merge_project import merge_project_dialog
    from rednote_desk.store.project import Project

    other = tmp_path / "colleague.sqlite"
    with Project.open(other) as p:
        text = "A colleague's own article. It has two sentences."
        import hashlib

        doc = p.add_document(title="Colleague", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
        doc_id = (doc.value if hasattr(doc, "value") else doc[0]).id
        p.add_annotation(document_id=doc_id, start=0, end=11, coder="bob")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    assert window.coders.merge_action.text().startswith("&Merge")
    rows_before = window.library.model.rowCount()
    summary = merge_project_dialog(window, window.session, path=str(other))
    assert summary.documents_added == 1 and summary.annotations_added == 1
    assert window.library.model.rowCount() == rows_before + 1  # the views heard the change
    assert "documents: 1 added" in shown[0]
    window.undo()
    assert window.library.model.rowCount() == rows_before


def test_refi_export_and_codebook_import_from_the_file_menu(window, tmp_path, monkeypatch):
    import zipfile

    from PySide6.QtWidgets import QMessageBox
    from refi_rules import check_project

    texts = [a.text() for a in window.coders.refi.actions]
    assert any(".qdpx" in t for t in texts) and any(".qdc" in t for t in texts)
    out = tmp_path / "p.qdpx"
    window.coders.refi.export_qdpx(path=str(out))
    with zipfile.ZipFile(out) as z:
        assert check_project(z.read("project.qde"), set(z.namelist())) == []
    book = tmp_path / "b.qdc"
    book.write_text('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    '<Code guid="6f1d2c3a-5b7e-4c21-9a43-2f1e0d9c8b7a" name="From QualCoder" isCodable="true" '
                    'color="#00FF00"/></Codes></CodeBook>', encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    summary = window.coders.refi.import_file(path=str(book))
    assert summary.codes_added == 1 and "1 added" in shown[0]
    assert any(t.name == "From QualCoder" and t.color == "#00ff00" for t in window.project.tags())
    assert summary.changes is not None and summary.changes.tag_ids  # what the views were told
