"""Copy / spin findings at the top of the compare view: one line per copy, evidence on demand.

Each line reads "<copy> looks like a synonym-spun copy of <source> (score …) — show evidence · compare
texts". The evidence (substituted words, aligned sentence pairs) opens below; clicking a sentence asks
for it in the reading view (``passage_requested``), "compare texts" asks for the diff view
(``diff_requested(source, copy)``). The panel hides itself when there is nothing to report.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout

from rednote_desk.core.compare.spin import CopyFinding
from rednote_desk.core.html.copies import evidence_html, finding_headline, finding_headline_html
from rednote_desk.core.models import Document
from rednote_desk.gui.colors import blend, contrast_ratio, paper_palette

AMBER = "#ffc107"


def banner_colors(palette) -> dict[str, str]:
    """The banner's colours in this palette: an amber tint of the window colour, the palette's text on it, and
    an icon and link colour that meet WCAG AA on the tint (light or dark palette)."""
    window, text = palette.window().color(), palette.windowText().color()
    fill = blend(QColor(AMBER), window, 0.16)
    return {"fill": fill.name(), "border": blend(QColor(AMBER), window, 0.5).name(), "text": text.name(),
            "icon": next((c for c in ("#8a5a00", "#ffcc66") if contrast_ratio(c, fill.name()) >= 4.5), text.name()),
            "link": next((c for c in ("#0b57d0", "#8ab4f8") if contrast_ratio(c, fill.name()) >= 4.5), text.name())}


class CopiesPanel(QFrame):
    """Lists copy / spin findings; shows the evidence of one at a time."""

    passage_requested = Signal(int, int, int)  # document id, start, end
    diff_requested = Signal(int, int)  # source id, copy id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("copies_panel")
        self.colors = banner_colors(self.palette())
        self.setStyleSheet(f"#copies_panel {{ background: {self.colors['fill']}; border: 1px solid "
                           f"{self.colors['border']}; border-radius: 4px; }}"
                           f" QLabel {{ background: transparent; color: {self.colors['text']}; }}")
        self.findings: list[CopyFinding] = []
        self.labels: dict[int, str] = {}
        self.texts: dict[int, str] = {}
        self.shown: int | None = None  # index of the finding whose evidence is open
        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.lines.linkActivated.connect(self.on_lines_link_activated)
        links = self.lines.palette()
        links.setColor(QPalette.ColorRole.Link, QColor(self.colors["link"]))
        self.lines.setPalette(links)
        self.evidence = QTextBrowser()
        paper_palette(self.evidence)  # the evidence page's tints are made for white paper, as the text diff's
        self.evidence.setOpenLinks(False)
        self.evidence.anchorClicked.connect(self.on_evidence_anchor_clicked)
        self.evidence.setMinimumHeight(160)
        self.evidence.setMaximumHeight(320)
        self.evidence.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.lines)
        layout.addWidget(self.evidence)
        self.hide()

    def set_findings(self, findings: Sequence[CopyFinding], documents: Sequence[Document],
                     labels: Mapping[int, str]) -> None:
        """Show these findings (an empty list hides the panel)."""
        previous = self.findings[self.shown] if self.shown is not None else None
        self.findings = list(findings)
        self.labels = dict(labels)
        self.texts = {d.id: d.text for d in documents if d.id is not None}
        self.shown = None
        if previous is not None:
            self.shown = next((i for i, f in enumerate(self.findings)
                               if (f.source, f.copy) == (previous.source, previous.copy)), None)
        self._render_lines()
        self._render_evidence()
        self.setVisible(bool(self.findings))

    def headlines(self) -> list[str]:
        """The findings as plain sentences (what the banner says)."""
        return [finding_headline(f, self.labels) for f in self.findings]

    def _render_lines(self) -> None:
        icon = f"<span style='color:{self.colors['icon']}; font-weight:bold;'>⚠</span>"
        rows = []
        for i, f in enumerate(self.findings):
            toggle = "hide evidence" if i == self.shown else "show evidence"
            rows.append(f"{icon} {finding_headline_html(f, self.labels)} — "
                        f"<a href='evidence:{i}'>{toggle}</a> · <a href='diff:{i}'>compare texts</a>")
        self.lines.setText("<br>".join(rows))

    def _render_evidence(self) -> None:
        if self.shown is None:
            self.evidence.hide()
            self.evidence.clear()
            return
        finding = self.findings[self.shown]
        self.evidence.setHtml(evidence_html(finding, self.texts, self.labels, links=True))
        self.evidence.show()

    def show_evidence(self, index: int | None) -> None:
        """Open the evidence of finding ``index`` (None closes it)."""
        self.shown = index if index is not None and 0 <= index < len(self.findings) else None
        self._render_lines()
        self._render_evidence()

    def on_lines_link_activated(self, link: str) -> None:
        kind, _, index = link.partition(":")
        if not index.isdigit() or int(index) >= len(self.findings):
            return
        n = int(index)
        if kind == "evidence":
            self.show_evidence(None if self.shown == n else n)
        elif kind == "diff":
            self.diff_requested.emit(self.findings[n].source, self.findings[n].copy)

    def on_evidence_anchor_clicked(self, url: QUrl) -> None:
        parts = url.toString().split(":")
        if len(parts) == 4 and parts[0] == "passage" and all(p.isdigit() for p in parts[1:]):
            self.passage_requested.emit(int(parts[1]), int(parts[2]), int(parts[3]))
