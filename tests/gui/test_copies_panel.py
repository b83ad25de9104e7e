"""Copy / spin findings at the top of the compare view, with evidence on demand."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QUrl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from compare_texts import INDEPENDENT, ORIGINAL, SPUN  # noqa: E402

from rednote_desk.core.compare.spin import find_copies  # noqa: E402
from rednote_desk.core.models import Document  # noqa: E402
from rednote_desk.gui.compare_view import CompareView  # noqa: E402
from rednote_desk.gui.copies_panel import CopiesPanel  # noqa: E402


def add(project, title, text, outlet):
    doc, _ = project.add_document(title=title, text=text, outlet=outlet,
                                  text_sha256=hashlib.sha256(text.encode()).hexdigest())
    return doc.id


def test_compare_view_names_the_spun_copy_and_shows_its_evidence(qtbot, project):
    original = add(project, "Ferry workers walk out", ORIGINAL, "Northport Herald")
    add(project, "Commuters scramble", INDEPENDENT, "Bay Times")
    spun = add(project, "Ferry employees stroll out", SPUN, "Content <Farm>")
    view = CompareView(project)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)
    panel = view.copies_panel
    assert panel.isVisible()
    (headline,) = panel.headlines()
    assert headline.startswith(f"{spun} Content <Farm> looks like a synonym-spun copy of {original} Northport Herald")
    assert "&lt;Farm&gt;" in panel.lines.text() and "<Farm>" not in panel.lines.text()
    assert not panel.evidence.isVisible()
    panel.on_lines_link_activated("evidence:0")
    assert panel.evidence.isVisible() and "hide evidence" in panel.lines.text()
    evidence = panel.evidence.toPlainText()
    assert "Substituted words" in evidence and "Aligned sentences" in evidence
    assert "chilly" in evidence and "Business owners near the main pier are worried." in evidence
    with qtbot.waitSignal(view.passage_requested) as signal:
        panel.on_evidence_anchor_clicked(QUrl(f"passage:{spun}:10:20"))
    assert signal.args == [spun, 10, 20]
    with qtbot.waitSignal(panel.diff_requested) as signal:
        panel.on_lines_link_activated("diff:0")
    assert signal.args == [original, spun]
    panel.on_lines_link_activated("evidence:0")
    assert not panel.evidence.isVisible()


def test_panel_hides_without_copies_and_keeps_the_open_evidence_on_refresh(qtbot):
    panel = CopiesPanel()
    qtbot.addWidget(panel)
    panel.show()
    docs = [Document(id=1, title="a", text=ORIGINAL), Document(id=2, title="b", text=SPUN)]
    findings = find_copies(docs)
    panel.set_findings(findings, docs, {1: "Herald", 2: "Farm"})
    assert panel.isVisible() and len(panel.headlines()) == 1
    panel.show_evidence(0)
    panel.set_findings(findings, docs, {1: "Herald", 2: "Farm"})
    assert panel.shown == 0 and panel.evidence.isVisible()
    panel.set_findings([], docs, {})
    assert not panel.isVisible() and panel.shown is None
