"""The compare view on the sample corpus: matrix, filters, clicks, accept / edit / dismiss, frame profile."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from rednote_desk import services
from rednote_desk.gui import compare_view as compare_module
from rednote_desk.gui.claim_matrix import FIRST_DOCUMENT_COLUMN, ROW_ROLE
from rednote_desk.gui.compare_view import CompareView


@pytest.fixture
def seeded(project):
    services.seed_default_project(project)
    return project


@pytest.fixture
def make_view(qtbot, seeded):
    def make():
        view = CompareView(seeded)
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        wait(qtbot, view)
        return view

    return make


def wait(qtbot, view):
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)


def visible_rows(view):
    return [view.proxy.index(r, 0).data(ROW_ROLE) for r in range(view.proxy.rowCount())]


def key_of(view, needle):
    return next(r.key for r in view.model.rows if needle in r.values_side_by_side())


def test_matrix_rows_columns_and_omissions(make_view, seeded):
    view = make_view()
    docs = seeded.documents()
    assert view.model.columnCount() == FIRST_DOCUMENT_COLUMN + len(docs)
    rows = visible_rows(view)
    assert len(rows) == 4 and all(r.origin == "suggested" for r in rows)
    posts = next(r for r in rows if "63,000" in r.values_side_by_side())
    assert posts.disagreement and len(posts.omitted_by) == 3
    assert "Suggestions (4)" == view.tabs.tabText(1)
    column = FIRST_DOCUMENT_COLUMN + [d.id for d in docs].index(posts.omitted_by[0])
    row = rows.index(posts)
    assert view.proxy.index(row, column).data() == "— not mentioned —"


def test_clicking_a_cell_emits_the_passage(qtbot, make_view, seeded):
    view = make_view()
    rows = visible_rows(view)
    row = next(i for i, r in enumerate(rows) if "63,000" in r.values_side_by_side())
    doc_id = next(iter(rows[row].cells))
    cell = rows[row].cells[doc_id]
    column = FIRST_DOCUMENT_COLUMN + view.model.document_ids.index(doc_id)
    index = view.proxy.index(row, column)
    view.table.scrollTo(index)
    with qtbot.waitSignal(view.passage_requested, timeout=2000) as blocker:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.table.visualRect(index).center())
    assert blocker.args == [doc_id, cell.start, cell.end]
    assert seeded.document(doc_id).text[cell.start:cell.end] == cell.quote
    assert "63,000" in cell.quote


def test_filters_by_kind_text_and_tag(qtbot, make_view):
    view = make_view()
    view.filter_combo.setCurrentIndex(view.filter_combo.findData("disagreements"))
    assert {r.disagreement for r in visible_rows(view)} == {True} and len(visible_rows(view)) == 2
    view.filter_combo.setCurrentIndex(view.filter_combo.findData("omissions"))
    assert len(visible_rows(view)) == 3
    view.filter_combo.setCurrentIndex(0)
    view.search_edit.setText("hashtag")
    assert [("63,000" in r.values_side_by_side()) for r in visible_rows(view)] == [True]
    view.search_edit.clear()
    view.accept_suggestion(key_of(view, "63,000"))
    wait(qtbot, view)
    index = view.tag_combo.findData("Claim types/Statistic")
    assert index > 0
    view.tag_combo.setCurrentIndex(index)
    rows = visible_rows(view)
    assert len(rows) == 1 and rows[0].origin == "confirmed"


def test_accept_button_creates_annotations_and_claim_and_undo_removes_them(qtbot, make_view, seeded):
    view = make_view()
    key = key_of(view, "63,000")
    view.tabs.setCurrentIndex(1)
    assert view.suggestions.select(key)
    with qtbot.waitSignal(view.session.changed, timeout=2000) as blocker:
        qtbot.mouseClick(view.suggestions.accept_button, Qt.MouseButton.LeftButton)
    assert "annotations" in blocker.args[0].tables
    (claim,) = seeded.claims()
    anns = seeded.annotations_for_claim(claim.id)
    assert len(anns) == 2 and claim.origin == "confirmed"
    wait(qtbot, view)
    assert key not in {r.key for r in view.model.rows}
    assert any(r.origin == "confirmed" and r.claim_id == claim.id for r in view.model.rows)
    assert view.tabs.tabText(1) == "Suggestions (3)"
    assert seeded.undo() is not None
    assert seeded.annotations() == [] and seeded.claims() == []
    view.refresh()
    wait(qtbot, view)
    assert key in {r.key for r in view.model.rows}


def test_edit_then_accept_uses_the_label_and_chosen_mentions(qtbot, make_view, seeded, monkeypatch):
    view = make_view()
    key = key_of(view, "300 million")

    def fake_exec(dialog):
        dialog.label_edit.setText("RedNote monthly users")
        for r in range(2, dialog.mentions.count()):
            dialog.mentions.item(r).setCheckState(Qt.CheckState.Unchecked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(compare_module.AcceptSuggestionDialog, "exec", fake_exec)
    view.on_suggestions_edit_requested(key)
    claim = seeded.claim_by_label("RedNote monthly users")
    assert claim is not None and len(seeded.annotations_for_claim(claim.id)) == 2


def test_errors_are_shown_as_messages(qtbot, make_view, seeded, monkeypatch):
    view = make_view()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    seeded.add_annotation(document_id=seeded.documents()[0].id, start=0, end=5)
    seeded.link_claim([seeded.annotations()[0].id], label="Taken")
    assert view.accept_suggestion(key_of(view, "63,000"), label="Taken") is False
    assert shown and "already named" in shown[0]


def test_dismiss_persists_across_a_new_view(qtbot, make_view, seeded):
    view = make_view()
    key = key_of(view, "170 million")
    with qtbot.waitSignal(view.session.changed, timeout=2000):
        assert view.dismiss_suggestion(key)
    wait(qtbot, view)
    assert key not in {r.key for r in view.model.rows}
    assert key in seeded.dismissed_suggestion_keys()
    fresh = make_view()
    assert key not in {r.key for r in fresh.model.rows} and len(fresh.model.rows) == 3


def test_document_selection_limits_columns(qtbot, make_view, seeded):
    view = make_view()
    ids = [d.id for d in seeded.documents()]
    view.set_documents(ids[3:])
    wait(qtbot, view)
    assert view.model.document_ids == ids[3:]
    assert view.documents_button.text().startswith("Documents: 2 of 5")
    assert [("63,000" in r.values_side_by_side()) for r in view.model.rows].count(True) == 1
    view.document_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: view.model.document_ids == [ids[0], *ids[3:]], timeout=5000)


def test_frame_profile_counts_annotations_and_changes_level(qtbot, make_view, seeded):
    tags = {seeded.tag_path(t.id): t.id for t in seeded.tags()}
    doc = seeded.documents()[0]
    seeded.add_annotation(document_id=doc.id, start=0, end=100, tag_ids=[tags["Generic frames/Conflict"]])
    seeded.add_annotation(document_id=doc.id, start=50, end=200, tag_ids=[tags["Generic frames/Morality"]])
    view = make_view()
    profile = view.comparison.frame_profile
    share = profile.share(doc.id, tags["Generic frames"])
    assert (share.annotations, share.characters) == (2, 200)
    assert view.profile.table.rowCount() == 5
    view.profile.level.setCurrentIndex(view.profile.level.findText("Inside “Generic frames”"))
    frames = [f.name for f in view.profile.chart.profile.frames]
    assert frames[:2] == ["Conflict", "Human interest"]
    assert view.profile.chart.profile.share(doc.id, tags["Generic frames/Conflict"]).characters == 100
    view.profile.grab()  # paints without error
    view.tabs.setCurrentIndex(0)
    view.grab()


def test_export_matrix_csv(qtbot, make_view, monkeypatch, tmp_path):
    import csv

    from PySide6.QtWidgets import QFileDialog

    view = make_view()
    target = tmp_path / "matrix.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kw: (str(target), "CSV for spreadsheets (Excel) (*.csv)"))
    view.export_csv_dialog()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 4 * 5 and {r["origin"] for r in rows} == {"suggested"}
    assert "Wrote 20 rows" in view.status.text()
