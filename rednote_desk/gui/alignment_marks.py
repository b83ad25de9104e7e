"""Sentence alignment in the reading area: mark what only one outlet says, follow a sentence across columns.

Alignment is computed off the GUI thread (pure core code on Document objects); the marks are drawn by the
columns' views.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from rednote_desk.gui.annotated_view import Mark
from rednote_desk.gui.reading_area import ReadingArea
from rednote_desk.gui.workers import Task

UNIQUE_COLOR = "#ff7f0e"


class AlignmentMarker(QObject):
    updated = Signal()

    def __init__(self, reading: ReadingArea, parent=None):
        super().__init__(parent)
        self.reading = reading
        self.enabled = False  # marks shown
        self.for_scrolling = False  # synchronised scrolling follows the alignment
        self._scroll_wanted = False  # set by the first scroll of a person: no alignment work before it
        self.alignments: dict = {}
        self._aligned_ids: tuple[int, ...] = ()
        self._task: Task | None = None
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.recompute)
        reading.columns_changed.connect(self.schedule)
        reading.user_scrolled.connect(self._on_user_scrolled)

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.recompute()
        else:
            self._clear()

    def set_for_scrolling(self, enabled: bool) -> None:
        """Align the open columns for content-aligned synchronised scrolling (off the GUI thread), once a
        person starts scrolling: opening the app or a document starts no alignment work."""
        self.for_scrolling = enabled
        if enabled and self._scroll_wanted:
            self._timer.start()

    def _on_user_scrolled(self) -> None:
        if self.for_scrolling and not self._scroll_wanted:
            self._scroll_wanted = True
            self._timer.start()

    def schedule(self) -> None:
        if self.enabled or (self.for_scrolling and self._scroll_wanted):
            self._timer.start()

    def documents_changed(self) -> None:
        """A text changed (re-import or undo): align again."""
        self._aligned_ids = ()
        self.schedule()

    def recompute(self) -> None:
        columns = self.reading.columns
        ids = tuple(c.document.id for c in columns)
        if not (self.enabled or (self.for_scrolling and self._scroll_wanted)):
            return
        if len(ids) < 2:
            self._clear()
            return
        if ids == self._aligned_ids:
            self._apply()
            return
        documents = [c.document for c in columns]
        self._generation += 1
        generation = self._generation
        if self._task is not None:
            self._task.cancel()
        task = Task(lambda report, is_cancelled: _align(documents), self)
        task.finished.connect(lambda result, g=generation, i=ids: self._on_finished(g, i, result))
        self._task = task
        task.start()

    def _on_finished(self, generation: int, ids: tuple[int, ...], alignments) -> None:
        if generation != self._generation:
            return  # a newer request is under way
        self.alignments = alignments
        self._aligned_ids = ids
        self._apply()

    def _apply(self) -> None:
        from rednote_desk.core.compare.marks import unique_sentence_spans

        self.reading.set_scroll_alignments(self.alignments)
        if not self.enabled:
            self.updated.emit()
            return
        open_ids = self.reading.document_ids()
        labels = {c.document.id: c.document.display_outlet for c in self.reading.columns}
        spans = unique_sentence_spans(self.alignments, open_ids, labels=labels)
        for document_id in open_ids:
            marks = [Mark(m.start, m.end, UNIQUE_COLOR, m.tooltip) for m in spans.get(document_id, [])]
            self.reading.set_marks(document_id, marks)
        self.updated.emit()

    def _clear(self) -> None:
        for document_id in self.reading.document_ids():
            self.reading.set_marks(document_id, [])

    def follow(self, document_id: int, offset: int) -> int:
        """Scroll the other columns to the sentences aligned with the one at ``offset``; returns how many."""
        if not self.alignments:
            return 0
        from rednote_desk.core.compare.marks import counterparts

        source = self.reading.column_for(document_id)
        if source is None:
            return 0
        found = counterparts(self.alignments, document_id, offset, document_ids=self.reading.document_ids())
        y = source.view.offset_y(offset)
        moved = 0
        for part in found:
            column = self.reading.column_for(part.document_id)
            if column is not None:
                column.view.scroll_offset_to_y(part.start, y)
                column.view.select_span(part.start, part.end)
                moved += 1
        return moved


def _align(documents):
    # numpy, rapidfuzz: imported on the worker thread, only when marks or content-aligned scrolling are wanted
    from rednote_desk.core.compare.align import align_documents

    return align_documents(documents)
