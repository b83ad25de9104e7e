"""The reading workspace under a light and a dark Fusion palette: every text colour it uses meets WCAG AA
(4.5:1) on what it is drawn on — labels with coloured spans, the Annotation panel, highlights under text."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from workspace_helpers import BACKGROUND, COLOR, STYLE, close_window, open_window

from rednote_desk.gui.colors import contrast_ratio

SELECTED_ALPHA = 110  # the strongest highlight fill (annotated_view)


def _blend(color: str, base: QColor, alpha: int) -> str:
    c, a = QColor(color), alpha / 255
    return QColor(round(c.red() * a + base.red() * (1 - a)), round(c.green() * a + base.green() * (1 - a)),
                  round(c.blue() * a + base.blue() * (1 - a))).name()


def test_text_colours_of_the_workspace_meet_aa(qtbot, tmp_path, palette):
    w = open_window(qtbot, tmp_path, 1280, 800)
    doc_id = w.reading.active.document.id
    text = w.reading.active.view.text()
    start = text.index("RedNote")
    [statistic] = w.project.find_tags("Claim types/Statistic")
    annotation_id = w.apply_tags(doc_id, (start, start + 7), None, [statistic.id])
    other = w.reading.columns[1] if w.reading.columns[0] is w.reading.active else w.reading.columns[0]
    o_start = other.view.text().index("RedNote")
    other_id = w.apply_tags(other.document.id, (o_start, o_start + 7), None, [statistic.id])
    w.link_annotations([annotation_id, other_id], "the app")
    w.select_annotation(doc_id, annotation_id)
    w.passages_dock.show()
    w.passages.show_code(statistic.id)
    qtbot.waitUntil(lambda: not w.passages.is_busy(), timeout=5000)
    qtbot.wait(50)
    failures = []
    labels = [label for label in w.findChildren(QLabel) if label.isVisible()]
    assert len(labels) > 5
    for label in labels:
        background = label.palette().window().color().name()
        own = label.palette().windowText().color().name()
        if contrast_ratio(own, background) < 4.5:
            failures.append((label.text()[:40], own, background))
        for style in [*STYLE.findall(label.text()), label.styleSheet()]:
            behind = BACKGROUND.search(style)  # a span with its own background: text on that
            for color in COLOR.findall(style):
                against = behind.group(1) if behind else background
                if contrast_ratio(color, against) < 4.5:
                    failures.append((label.text()[:40], color, against))
    # text over the strongest highlight fill of every code in the codebook
    view = w.reading.active.view
    base, ink = view.palette().base().color(), view.palette().text().color().name()
    for tag in w.project.tags():
        fill = _blend(tag.color, base, SELECTED_ALPHA)
        if contrast_ratio(ink, fill) < 4.5:
            failures.append((f"highlight {tag.name}", ink, fill))
    close_window(w)
    assert failures == []


def test_frame_profile_cells_meet_aa_at_every_share(qtbot, palette):
    from rednote_desk.gui.frame_profile import FrameProfileChart

    chart = FrameProfileChart()
    qtbot.addWidget(chart)
    chart.setPalette(palette)
    colors = ["#e6194b", "#ffe119", "#4363d8", "#46f0f0", "#fffac8", "#000075", "#808080", "#aaffc3"]
    for color in colors:
        for strength in (None, 0.013, 0.1, 0.3, 0.55, 0.56, 0.8, 1.0):  # 1.3 % of the largest share included
            fill, ink = chart.cell_colors(color, strength)
            assert contrast_ratio(ink.name(), fill.name()) >= 4.5, (color, strength, ink.name(), fill.name())


def test_compare_matrix_text_stays_readable_on_its_fills(palette):
    from types import SimpleNamespace

    from rednote_desk.gui.claim_matrix import VALUE_MARK, row_fill, text_inks

    for disagreement in (False, True):
        fill = row_fill(palette, SimpleNamespace(disagreement=disagreement))
        for ink in text_inks(palette, fill):
            assert contrast_ratio(ink, fill) >= 4.5, (disagreement, ink, fill)
    assert contrast_ratio("#000000", VALUE_MARK) >= 4.5  # the marked amount is drawn black on its yellow


def test_the_text_diff_reads_under_both_palettes(qtbot, tmp_path, palette):
    w = open_window(qtbot, tmp_path, 1280, 800)
    view = w.diff_view  # built, not run: the colours do not depend on a comparison (which takes seconds)
    view.summary.setText("5 shared statements (3 reworded); 9 only in A, 21 only in B")
    background = view.summary.palette().window().color().name()
    for label in (view.summary, view.legend, view.position_label):
        own = COLOR.findall(label.styleSheet())
        ink = own[0] if own else label.palette().windowText().color().name()
        assert contrast_ratio(ink, background) >= 4.5, (label.text()[:30], ink, background)
    page = view.browser.palette()
    assert contrast_ratio(page.text().color().name(), page.base().color().name()) >= 4.5
    assert page.base().color().lightness() > 200  # the page's pale tints sit on paper, not on black
    close_window(w)
