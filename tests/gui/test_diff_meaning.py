"""The diff view on two independently written reports: sentences paired by meaning, a legend, clicks still map."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from framing_sets import EVENT_FIRE  # noqa: E402
from test_diff_view import add, cursor_at, shown, view  # noqa: E402,F401 - view: the fixture


def test_independent_pair_shows_shared_statements_and_a_legend(qtbot, project, view):  # noqa: F811 - fixture
    gazette, _, _, radio = EVENT_FIRE.documents()
    a = add(project, "Gazette", gazette.text)
    b = add(project, "Radio", radio.text)
    view.set_pair(a, b)
    shown(qtbot, view)
    c = view.diff.counts()
    assert view.diff.meaning and c["shared"] >= 5 and c["moved"] == 1
    assert view.summary.text() == (f"{c['shared']} shared statements ({c['reworded']} reworded, 1 moved); "
                                   f"{c['only_a']} only in A, {c['only_b']} only in B")
    assert view.legend.isVisibleTo(view) and "paired by meaning" in view.legend.text()
    text = view.browser.toPlainText()
    assert "also in B, further down (moved)" in text and "also in A, further up (moved)" in text
    # A click after a "moved" note still lands in the right sentence of the right document.
    pair = next(r for r in view.diff.rows if r.kind == "pair"
                and radio.text[r.b[0]:r.b[1]].startswith("Chief Lindqvist told"))
    assert gazette.text[pair.a[0]:pair.a[1]].startswith("\"The building was full")
    with qtbot.waitSignal(view.passage_requested) as signal:
        view.on_browser_double_clicked(cursor_at(view, "Chief Lindqvist told", 3))
    assert tuple(signal.args) == (b, *pair.b)


def test_a_copy_hides_the_legend(qtbot, project, view):  # noqa: F811 - the imported fixture
    gazette, digest, _, _ = EVENT_FIRE.documents()
    view.set_pair(add(project, "Gazette", gazette.text), add(project, "Digest", digest.text))
    shown(qtbot, view)
    assert not view.diff.meaning and not view.legend.isVisibleTo(view)
    assert view.summary.text().startswith("0 words changed in 0 sentences;")
