"""The remaining views under a light and a dark Fusion palette (the `palette` fixture): coverage, word choice and
sources tables, suggestions, the copies banner, import review, the tag popup's error line, the coder dialog and
the agreement table. Every text colour each one uses meets WCAG AA (4.5:1) on what it is drawn on."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableWidget
from workspace_helpers import COLOR, STYLE, close_window, open_window

from rednote_desk.core.ingest.html_diagnose import SHORT_TEXT_PREFIX
from rednote_desk.core.ingest.model import BoilerplateSpan, ImportedText
from rednote_desk.gui.colors import contrast_ratio


def _ink(style: str, default: str) -> str:
    found = COLOR.findall(style)
    return found[0] if found else default


def _table_failures(table: QTableWidget) -> list:
    """Every cell with text: its foreground (or the table's text colour) on its background (or the base)."""
    failures = []
    palette = table.palette()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or not item.text().strip():
                continue
            fg = item.foreground()
            bg = item.background()
            ink = fg.color().name() if fg.style() != Qt.BrushStyle.NoBrush else palette.text().color().name()
            paper = bg.color().name() if bg.style() == Qt.BrushStyle.SolidPattern else palette.base().color().name()
            if contrast_ratio(ink, paper) < 4.5:
                failures.append((item.text()[:30], ink, paper))
    return failures


def _html_failures(html: str, background: str) -> list:
    return [(style, color, background) for style in STYLE.findall(html) for color in COLOR.findall(style)
            if contrast_ratio(color, background) < 4.5]


def test_compare_side_tabs_read_under_both_palettes(qtbot, tmp_path, palette):
    w = open_window(qtbot, tmp_path, 1280, 800)
    w.tabs.setCurrentIndex(1)
    view = w.compare_view
    qtbot.waitUntil(lambda: view.comparison is not None and not view.is_busy(), timeout=20000)
    failures = []
    tables = [view.coverage.table, *view.terms.findChildren(QTableWidget), *view.sources.findChildren(QTableWidget)]
    assert view.coverage.table.rowCount() > 0
    for table in tables:
        failures += _table_failures(table)
    for panel in (view.coverage, view.terms, view.sources):
        for label in panel.findChildren(QLabel):
            own = _ink(label.styleSheet(), label.palette().windowText().color().name())
            if contrast_ratio(own, label.palette().window().color().name()) < 4.5:
                failures.append((label.text()[:30], own))
    # suggestions: the details page and the empty line
    suggestions = view.suggestions
    assert suggestions.list.count() > 0
    suggestions.list.setCurrentRow(0)
    base = suggestions.details.palette().base().color().name()
    html = suggestions.details.toHtml()
    failures += _html_failures(html, base)
    assert COLOR.findall(" ".join(STYLE.findall(html)))  # the page does use its own colours
    empty = suggestions.empty
    if contrast_ratio(_ink(empty.styleSheet(), "#000000"), empty.palette().window().color().name()) < 4.5:
        failures.append(("no suggestions line", empty.styleSheet()))
    close_window(w)
    assert failures == []


def test_the_copies_banner_reads_under_both_palettes(qtbot, palette):
    from rednote_desk.gui.copies_panel import CopiesPanel

    panel = CopiesPanel()
    qtbot.addWidget(panel)
    colors = panel.colors
    for role in ("text", "icon", "link"):
        assert contrast_ratio(colors[role], colors["fill"]) >= 4.5, (role, colors)
    assert colors["fill"] in panel.styleSheet() and colors["text"] in panel.styleSheet()
    assert panel.lines.palette().link().color().name() == colors["link"]
    page = panel.evidence.palette()  # the evidence page is drawn on paper, as the text diff
    assert contrast_ratio(page.text().color().name(), page.base().color().name()) >= 4.5


def test_import_review_warnings_and_struck_boilerplate_read_under_both_palettes(qtbot, palette):
    from rednote_desk.gui.import_review import PUBLISHED_COLUMN, WARNINGS_COLUMN, ImportReviewDialog

    text = "Ferry sails at noon.\nShare this story!\n"
    items = [ImportedText(text, "a.html", "html", title="A", published="2025-02-30",
                          boilerplate=(BoilerplateSpan(text.index("Share"), len(text) - 1, "share prompt"),),
                          warnings=(f"{SHORT_TEXT_PREFIX}: 40 characters",))]
    dialog = ImportReviewDialog(items, [("x.bin", "x.bin is not a text file")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.setCurrentCell(0, 1)
    failures = _table_failures(dialog.table)
    warned = [dialog.table.item(0, c).foreground().style() for c in (PUBLISHED_COLUMN, WARNINGS_COLUMN)]
    assert Qt.BrushStyle.NoBrush not in warned  # both cells are marked (bad date, short text)
    window = dialog.palette().window().color().name()
    for label in (dialog.message_label, dialog.preview_warning):
        if contrast_ratio(_ink(label.styleSheet(), "#000000"), window) < 4.5:
            failures.append((label.objectName(), label.styleSheet(), window))
    html = dialog.preview.toHtml()
    assert "line-through" in html
    failures += _html_failures(html, dialog.preview.palette().base().color().name())
    assert failures == []


def test_tag_popup_error_and_coder_dialog_error_read_under_both_palettes(qtbot, project, palette):
    from rednote_desk.gui.coders import CoderDialog
    from rednote_desk.gui.tag_popup import TagPopup

    popup = TagPopup(project)
    qtbot.addWidget(popup)
    base = popup.palette().base().color().name()  # the popup is drawn on its base colour
    error = COLOR.findall(popup.styleSheet().split("QLabel#error", 1)[1])[0]
    assert contrast_ratio(error, base) >= 4.5, (error, base)
    dialog = CoderDialog("ana", ["ana", "ben"])
    qtbot.addWidget(dialog)
    ink = _ink(dialog.error.styleSheet(), "#000000")
    assert contrast_ratio(ink, dialog.palette().window().color().name()) >= 4.5


def test_agreement_table_quiet_cells_read_under_both_palettes(qtbot, palette):
    from rednote_desk.core.agreement import Figure
    from rednote_desk.gui.agreement_view import _cell

    item = _cell(Figure(None, "no units coded by both"))
    ink, base = item.foreground().color().name(), QColor(palette.base().color()).name()
    assert contrast_ratio(ink, base) >= 4.5, (ink, base)
