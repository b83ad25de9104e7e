"""Coverage, Terms and Sources tabs: cells show wording and prominence, omissions hatched, click -> passage."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from rednote_desk.core.compare.embed import sentence_model
from rednote_desk.core.compare.framing import compute_framing
from rednote_desk.gui.framing_view import CoveragePanel, SourcesPanel, TermsPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from framing_sets import EVENTS  # noqa: E402


def _framing():
    docs = EVENTS[0].documents()
    return docs, compute_framing(docs, model=sentence_model()), {d.id: d.outlet for d in docs}


def test_coverage_cells_click_and_accept(qtbot):
    docs, framing, labels = _framing()
    panel = CoveragePanel()
    qtbot.addWidget(panel)
    panel.set_coverage(framing.coverage, labels)
    assert panel.table.rowCount() == len(framing.coverage.rows)
    assert panel.table.horizontalHeaderItem(1).text() == "Coastal Wire"
    first = framing.coverage.rows[0]
    assert panel.table.item(0, 1).text().startswith(f"[{first.cells[0].prominence}]")
    omitted = next(r for r, row in enumerate(framing.coverage.rows) if 4 in row.omitted_by)
    assert panel.table.item(omitted, 4).background().style() == Qt.BrushStyle.BDiagPattern
    with qtbot.waitSignal(panel.passage_requested) as got:
        panel.on_table_cell_clicked(0, 2)
    cell = first.cell(2)
    assert got.args == [2, cell.start, cell.end]
    panel.table.setCurrentCell(0, 1)
    with qtbot.waitSignal(panel.accept_requested) as accepted:
        panel.accept_button.click()
    assert accepted.args == [first.key]
    assert "matched by WordLlama" in panel.note.text()


def test_terms_and_sources_tables_and_screenshots(qtbot):
    docs, framing, labels = _framing()
    ids = [d.id for d in docs]
    terms, sources, coverage = TermsPanel(), SourcesPanel(), CoveragePanel()
    for w in (terms, sources, coverage):
        qtbot.addWidget(w)
    terms.set_terms(framing.terms, ids, labels)
    sources.set_sources(framing.sources, ids, labels)
    coverage.set_coverage(framing.coverage, labels)
    assert sources.table.item(0, 0).text() == "Helena Voss (Mayor)"
    assert terms.table.rowCount() == len(framing.terms)
    for w, name in ((coverage, "coverage"), (terms, "terms"), (sources, "sources")):
        for width, height in ((1600, 1000), (1024, 700)):
            w.resize(width, height)
            w.show()
            qtbot.waitExposed(w)
            assert w.grab().save(f"/tmp/rednote-{name}-{width}x{height}.png")
