"""The diff view: a pair of documents side by side or inline, toggles, navigation, folds, clicks, big pairs."""
from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from compare_texts import ORIGINAL, SPUN, ZH_ORIGINAL, ZH_SPUN  # noqa: E402
from spies import record_calls, record_threads  # noqa: E402

from rednote_desk.gui.diff_view import DiffView  # noqa: E402


def add(project, title, text):
    doc, _ = project.add_document(title=title, text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
    return doc.id


@pytest.fixture
def view(qtbot, project):
    v = DiffView(project)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    return v


def shown(qtbot, view, timeout=20000):
    qtbot.waitUntil(lambda: view.diff is not None and not view.is_busy(), timeout=timeout)


def plain(view):
    return view.browser.toPlainText()


def test_a_pair_shows_both_texts_side_by_side_and_a_summary(qtbot, project, view):
    a = add(project, "Original", ORIGINAL)
    b = add(project, "Edited", ORIGINAL.replace("$18 million", "$20 million"))
    view.refresh_documents()
    view.set_pair(a, b)
    shown(qtbot, view)
    assert view.summary.text() == "1 word changed in 1 sentence; 0 sentences only in A, 0 only in B"
    text = plain(view)
    assert "$18 million" in text and "$20 million" in text and "A · Original" in text
    assert view.combo_a.currentData() == a and view.combo_b.currentData() == b
    # Long unchanged runs are folded into one line.
    assert "unchanged sentences — show" in text and "Mechanics warned" not in text


def test_ignore_toggles_change_the_result(qtbot, project, view):
    a = add(project, "Original", ORIGINAL)
    b = add(project, "Shouting", ORIGINAL.replace("Talks between", "TALKS BETWEEN"))
    view.set_pair(a, b)
    shown(qtbot, view)
    assert view.summary.text().startswith("2 words changed in 1 sentence")
    with qtbot.waitSignal(view.diff_shown, timeout=20000):
        view.ignore_case.setChecked(True)
    assert view.summary.text() == "No differences (with the ignore options)"
    assert view.diff.options.ignore_case


def test_next_and_previous_move_between_changes(qtbot, project, view):
    a = add(project, "Original", ORIGINAL)
    b = add(project, "Spun", SPUN)
    view.set_pair(a, b)
    shown(qtbot, view)
    stops = view.diff.stops
    assert len(stops) > 5 and view.position_label.text() == f"{len(stops)} changes"
    assert view.go_to_change(1) and view.current_row() == stops[0]
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert view.current_row() == stops[1]
    qtbot.keyClick(view.browser, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.current_row() == stops[2] and view.position_label.text() == f"Change 3 of {len(stops)}"
    qtbot.keyClick(view.browser, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_row() == stops[0] and not view.prev_button.isEnabled()
    assert not view.go_to_change(-1)
    while view.go_to_change(1):
        pass
    assert view.current_row() == stops[-1] and not view.next_button.isEnabled()
    marker = view.browser.marker()
    assert marker is not None
    assert marker.currentTable().cellAt(marker).row() == view.page.table_rows[stops[-1]]


def test_inline_mode_and_unfolding(qtbot, project, view):
    a = add(project, "Original", ORIGINAL)
    b = add(project, "Edited", ORIGINAL.replace("$18 million", "$20 million"))
    view.set_pair(a, b)
    shown(qtbot, view)
    view.set_layout_mode("inline")
    before = plain(view)
    assert "A · Original → B · Edited" in before and "spend $1820 million" in before
    assert "unchanged sentences — show" in before and "Mechanics warned" not in before
    fold = int(view.page.html.split('href="fold:')[1].split('"')[0])
    view.on_browser_anchor_clicked(QUrl(f"fold:{fold}"))
    assert len(plain(view)) > len(before) and view.page.lo == 0
    view.fold_box.setChecked(False)
    assert "unchanged sentences" not in plain(view) and "Mechanics warned" in plain(view)
    view.set_layout_mode("side_by_side")
    assert "A · Original" in plain(view) and "→" not in plain(view)


def cursor_at(view, needle: str, shift: int = 0) -> QTextCursor:
    found = view.browser.document().find(needle)
    assert not found.isNull(), needle
    cursor = QTextCursor(view.browser.document())
    cursor.setPosition(found.selectionStart() + shift)
    return cursor


def test_double_click_asks_for_the_passage_in_the_right_document(qtbot, project, view):
    a_text = "Ship 🚢 and 𝓞𝓹𝓮𝓻𝓪 arrive. " + ORIGINAL
    b_text = "Ship 🚢 and 𝓞𝓹𝓮𝓻𝓪 arrived. " + SPUN
    a = add(project, "Original", a_text)
    b = add(project, "Spun", b_text)
    view.set_pair(a, b)
    shown(qtbot, view)
    view.fold_box.setChecked(False)
    for mode in ("side_by_side", "inline"):
        view.set_layout_mode(mode)
        with qtbot.waitSignal(view.passage_requested) as signal:
            view.on_browser_double_clicked(cursor_at(view, "Enterprise homeowners", 3))
        doc, start, end = signal.args
        assert doc == b and b_text[start:end].startswith("Enterprise homeowners")
        piece, pos = view.piece_at(cursor_at(view, "arrived", 2))
        assert b_text[pos:pos + 5] == "rived"  # past the astral characters, in code points
    view.set_layout_mode("side_by_side")
    with qtbot.waitSignal(view.passage_requested) as signal:
        view.on_browser_double_clicked(cursor_at(view, "Business owners"))
    doc, start, end = signal.args
    assert doc == a and a_text[start:end] == "Business owners near the main pier are worried."


def test_chinese_pair_is_diffed_and_aligned(qtbot, project, view):
    a = add(project, "北港渡轮", ZH_ORIGINAL)
    b = add(project, "北港渡轮（改写）", ZH_SPUN)
    view.set_pair(a, b)
    shown(qtbot, view)
    assert {r.kind for r in view.diff.rows} == {"pair"} and len(view.diff.rows) == len(view.diff.stops) == 7
    assert view.summary.text().endswith("in 7 sentences; 0 sentences only in A, 0 only in B")
    text = plain(view)
    assert "市政府官员认为罢工没有必要。" in text and "市政府领导觉得罢工不必要。" in text
    assert view.go_to_change(1)
    with qtbot.waitSignal(view.passage_requested) as signal:
        view.on_browser_double_clicked(cursor_at(view, "领导觉得"))
    doc, start, end = signal.args
    assert doc == b and ZH_SPUN[start:end] == "市政府领导觉得罢工不必要。"


@pytest.mark.timeout(120, method="thread")  # a hang guard, not a speed target (figures: bench_diff_view.py)
def test_a_1mb_pair_is_computed_in_the_background(qtbot, project, view, monkeypatch):
    import rednote_desk.gui.diff_view as diff_view

    para = ORIGINAL.replace("\n\n", "\n")
    a_text = "\n\n".join(f"Part {n}. " + para for n in range(1_000_000 // len(para)))
    b_text = a_text.replace("coldest", "warmest").replace("Part 77.", "Chapter 77.")
    a = add(project, "Big", a_text)
    b = add(project, "Big edited", b_text)
    threads = record_threads(monkeypatch, diff_view, "passage_diff")
    view.set_pair(a, b)
    assert view.is_busy() and view.diff is None  # set_pair returned before the result
    shown(qtbot, view, timeout=60000)
    assert threads and threading.get_ident() not in threads  # the work ran on a worker thread
    assert view.diff.counts()["sentences_changed"] > 400
    assert len(view.page.html) < 2_000_000  # only a window is laid out
    layouts = record_calls(monkeypatch, view.browser, "setHtml")
    inside = 0
    for _ in range(20):
        row = view.diff.stops[view._stop + 1]
        in_window = view.page.lo <= row < view.page.hi and row in view.page.table_rows
        before = len(layouts)
        assert view.go_to_change(1)
        if in_window:
            inside += 1
            assert len(layouts) == before  # moving inside the window needs no new layout
    assert inside >= 10  # most of these moves stay inside the window, so the check above ran
    middle = len(view.diff.stops) // 2
    assert view.show_change(middle)  # far away: a new window
    assert view.page.lo > 0 and view.page.lo <= view.current_row() < view.page.hi
    row = view.diff.rows[view.current_row()]
    assert "warmest" in b_text[row.b[0]:row.b[1]] and b_text[row.b[0]:row.b[1]] in plain(view)


def test_first_shown_it_compares_the_first_two_documents(qtbot, project):
    a = add(project, "Original", ORIGINAL)
    b = add(project, "Spun", SPUN)
    view = DiffView(project)
    qtbot.addWidget(view)
    assert view.document_pair() is None and view.diff is None  # nothing computed while hidden
    view.show()
    shown(qtbot, view)
    assert view.document_pair() == (a, b) and "Enterprise homeowners" in plain(view)
    view.swap()
    shown(qtbot, view)
    assert view.document_pair() == (b, a) and view.combo_a.currentData() == b
