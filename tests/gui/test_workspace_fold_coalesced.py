"""Columns closed and opened in one turn of the event loop are decided on once, for the columns there are at the end:
no side panel comes back at two columns only to fold again at the third (the Compare step of bench_large)."""
from __future__ import annotations

from test_workspace_fold import _click_name, _open_third_from_the_library, _panels
from workspace_helpers import close_window, open_window, settle_layout


def _spy(monkeypatch, side_panels, name):
    calls = []
    real = getattr(side_panels, name)
    monkeypatch.setattr(side_panels, name, lambda docks: (calls.append([d.objectName() for d in docks]),
                                                          real(docks))[1])
    return calls


def _replace_all_columns(w, ids):
    for column in list(w.reading.columns):
        w.reading.close_column(column)
    for document_id in ids:
        w.open_document(document_id, new_column=True)


def test_closing_three_and_opening_three_columns_in_one_turn_unfolds_nothing(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1280, 800)
    _open_third_from_the_library(qtbot, w)
    assert not any(d.isVisible() for d in _panels(w))
    unfolds = _spy(monkeypatch, w.side_panels, "unfold_for_texts")
    folds = _spy(monkeypatch, w.side_panels, "fold")
    others = [d.id for d in w.project.documents() if d.id not in w.reading.document_ids()]
    _replace_all_columns(w, [*others[:2], w.reading.document_ids()[0]])
    assert len(w.reading.columns) == 3
    settle_layout(qtbot, w)
    assert unfolds == [] and folds == []  # the panels never came back at two columns
    assert not any(d.isVisible() for d in _panels(w)) and w.side_panels.strip.isVisible()
    close_window(w)


def test_the_decision_is_made_on_the_next_turn_for_the_columns_at_its_end(qtbot, tmp_path, monkeypatch):
    w = open_window(qtbot, tmp_path, 1280, 800)
    _open_third_from_the_library(qtbot, w)
    unfolds = _spy(monkeypatch, w.side_panels, "unfold_for_texts")
    w.reading.close_column(w.reading.columns[-1])
    w.reading.close_column(w.reading.columns[-1])
    assert unfolds == []  # not yet: more changes may come in this turn
    qtbot.waitUntil(lambda: len(unfolds) == 1, timeout=3000)  # then once, for the one column left
    settle_layout(qtbot, w)
    assert all(d.isVisible() for d in _panels(w))
    close_window(w)


def test_a_close_within_the_turn_still_ends_the_persons_choice(qtbot, tmp_path):
    """A panel brought back beside three columns stays until a column is closed: a close and an open in the same
    turn is such a close, so the panel folds again for the three columns."""
    w = open_window(qtbot, tmp_path, 1280, 800)
    _open_third_from_the_library(qtbot, w)
    _click_name(qtbot, w, w.codebook_dock)
    assert w.codebook_dock.isVisible()
    spare = next(d.id for d in w.project.documents() if d.id not in w.reading.document_ids())
    kept = w.reading.document_ids()[:2]
    _replace_all_columns(w, [*kept, spare])
    settle_layout(qtbot, w)
    assert not w.codebook_dock.isVisible()
    close_window(w)
