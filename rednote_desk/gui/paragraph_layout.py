"""Visible spacing between paragraphs in a QPlainTextEdit, without touching the text.

QPlainTextDocumentLayout ignores block margins and line heights (QTextBlockFormat.topMargin/bottomMargin/
lineHeight have no effect there), and inserting blank lines would shift every offset. Instead the layout reports
each paragraph's bounding rectangle a little taller: QPlainTextEdit paints, hit-tests, scrolls and maps cursors
through ``blockBoundingRect``, so the text of the next paragraph simply starts lower. Characters, blocks and
positions are unchanged: code point <-> UTF-16 offsets, selections and the paint-only highlights are unaffected
(they are drawn from the same block geometry).

A paragraph followed by another gets ``gap`` pixels below it; an empty line, or one of spaces only (a text that
separates paragraphs with a blank line), is drawn ``gap`` pixels high, so both kinds of text get the same
spacing.
"""
from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit


class ParagraphLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument, gap: int = 8):
        super().__init__(document)
        self.gap = gap

    def blockBoundingRect(self, block):  # noqa: N802 - Qt override
        rect = super().blockBoundingRect(block)
        if not block.isVisible() or rect.height() <= 0:
            return rect
        if _blank(block):  # an empty line between paragraphs: the gap, not a whole line
            rect.setHeight(min(rect.height(), self.gap))
        else:
            following = block.next()
            if following.isValid() and not _blank(following):
                rect.setHeight(rect.height() + self.gap)
        return rect


def _blank(block) -> bool:
    """An empty line, or one of a few spaces (only short blocks are read: a paragraph is never blank)."""
    length = block.length()
    return length <= 1 or (length <= 16 and not block.text().strip())


def use_paragraph_spacing(view: QPlainTextEdit, share: float = 0.6) -> ParagraphLayout:
    """Give ``view`` a fresh document laid out with paragraph spacing of ``share`` of a line (call before the
    text is set; the document's margin and default font are kept)."""
    old = view.document()
    document = QTextDocument(view)
    document.setDocumentMargin(old.documentMargin())
    document.setDefaultFont(old.defaultFont())
    layout = ParagraphLayout(document, round(view.fontMetrics().lineSpacing() * share))
    document.setDocumentLayout(layout)
    view.setDocument(document)
    return layout
