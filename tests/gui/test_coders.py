"""Coders in the app: the coder set once and stamped on new annotations, hiding a coder's highlights, the
two-lane comparison and the agreement dialog (click a disagreement -> both coders' spans)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from rednote_desk import services
from rednote_desk.gui.agreement_view import AgreementDialog, CompareCodersDialog
from rednote_desk.gui.coders import SETTING
from rednote_desk.gui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue(SETTING, "ann")
    return s


@pytest.fixture
def window(qtbot, db_path, settings):
    project = services.open_project(None)
    w = MainWindow(project, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


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


def test_compare_lanes_and_agreement_dialog(window, qtbot):
    doc_id = window.reading.columns[0].document.id
    a, b, c = _two_coders(window.project, doc_id)
    lanes = CompareCodersDialog(window.project, document_id=doc_id, coder_a="ann", coder_b="bob")
    qtbot.addWidget(lanes)
    assert lanes.lane_ids(0) == [a] and lanes.lane_ids(1) == [b, c]
    dialog = AgreementDialog(window.project)
    qtbot.addWidget(dialog)
    assert dialog.report is not None and dialog.report.coders == ("ann", "bob")
    assert dialog.table.rowCount() == 2  # the code, then all codes
    assert dialog.disagreements.rowCount() == 1
    with qtbot.waitSignal(dialog.disagreement_activated) as signal:
        dialog.on_disagreement_activated(0)
    document_id, coders, start, end = signal.args
    assert document_id == doc_id and coders == ("bob", "ann") and start <= window.project.annotation(c).start_offset
    window.coders.open_compare_at(document_id, coders, start, end)
    shown = window.coders._dialogs[-1]
    assert shown.views[0].selected_span() is not None


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
