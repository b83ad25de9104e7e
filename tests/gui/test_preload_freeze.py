"""What a worker imports for a view (numpy & co. for Compare) is left out of later garbage collections: a full
collection walking it ran on the GUI thread for 80-100 ms while the comparison of a large project was shown
(issue 10, "never stall on a large project")."""
from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QWidget

from rednote_desk.gui.preload import when_imported


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the other tests run with the collector as usual


def test_what_a_worker_imported_for_a_view_is_no_longer_walked_by_the_collector(qtbot, tmp_path, monkeypatch,
                                                                               unfrozen):
    (tmp_path / "heavy_view_for_test.py").write_text("TABLES = [[] for _ in range(500)]\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "heavy_view_for_test", raising=False)
    owner = QWidget()
    qtbot.addWidget(owner)
    built = []
    assert when_imported(owner, ["heavy_view_for_test"], lambda: built.append("view")) is not None
    qtbot.waitUntil(lambda: built == ["view"], timeout=5000)
    import heavy_view_for_test

    tables = heavy_view_for_test.TABLES
    assert gc.get_freeze_count() >= len(tables)
    assert not any(o is tables for o in gc.get_objects())  # not in any generation the collector walks
    later = [[]]  # what is made afterwards is collected as usual
    assert any(o is later for o in gc.get_objects())
