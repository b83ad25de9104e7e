"""Annotating actions of the main window: tag a selection, retag, notes, delete, link and unlink claims."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from rednote_desk.core.errors import UserError
from rednote_desk.core.labels import short_text
from rednote_desk.gui.session import HANDLED_ERRORS, value_of
from rednote_desk.store.undo_merge import merge_undo_entries, undo_mark

RECENT_TAGS = 9


class AnnotateActionsMixin:
    """Mixed into MainWindow; uses its project, reading area, inspector and refresh machinery."""

    def tag_selection(self) -> None:
        column = self.reading.active
        if column is None:
            self.statusBar().showMessage("Open a document first (double-click it in the Library).", 5000)
            return
        span = column.view.selected_span()
        annotation_id = column.view.selected_annotation()
        if span is None and annotation_id is None:
            self.statusBar().showMessage("Select some text to tag, or click a highlight to retag it.", 5000)
            return
        preselected = self.project.annotation(annotation_id).tag_ids if span is None else ()
        from rednote_desk.gui.tag_popup import TagPopup  # built on first use: not needed to paint the window

        mark = undo_mark(self.project)  # a tag the popup creates joins the annotation's undo step
        popup = TagPopup(self.session, recent_tag_ids=self.recent_tag_ids, preselected=preselected, parent=self)
        popup.tags_chosen.connect(lambda tag_ids: self.apply_tags(column.document.id, span, annotation_id, tag_ids,
                                                                  undo_mark=mark))
        rect = column.view.cursorRect()
        popup.popup_at(column.view.viewport().mapToGlobal(rect.bottomRight()))
        self._popup = popup

    def apply_tags(self, document_id: int, span, annotation_id, tag_ids: list, *,
                   undo_mark: int | None = None) -> int | None:
        """Create an annotation on ``span`` with the tags, or set the tags of an existing annotation.

        With ``undo_mark`` (taken when the tag popup opened), tags the popup created since then become one undo
        step with the annotation.
        """
        for tag_id in tag_ids:
            if tag_id in self.recent_tag_ids:
                self.recent_tag_ids.remove(tag_id)
            self.recent_tag_ids.insert(0, tag_id)
        del self.recent_tag_ids[RECENT_TAGS:]
        if span is not None:
            result = self._run(lambda: self.project.add_annotation(document_id=document_id, start=span[0],
                                                                   end=span[1], tag_ids=tag_ids))
            if result is None:
                return None
            annotation = value_of(result)
            self._merge_undo_steps(undo_mark)
            column = self.reading.column_for(document_id)
            if column is not None:
                cursor = column.view.textCursor()
                cursor.clearSelection()
                column.view.setTextCursor(cursor)
            self.select_annotation(document_id, annotation.id, scroll=False)
            return annotation.id
        if self._run(lambda: self.project.update_annotation(annotation_id, tag_ids=tag_ids)) is not None:
            self._merge_undo_steps(undo_mark)
        return annotation_id

    def _merge_undo_steps(self, mark: int | None) -> None:
        if mark is None:
            return
        try:
            merge_undo_entries(self.project, mark)
        except HANDLED_ERRORS:
            return  # the steps stay separate; nothing is lost
        self.update_actions()

    def focus_note(self) -> None:
        if self.inspector.annotation is not None:
            self.inspector_dock.show()
            self.inspector.note.setFocus()

    def on_inspector_note_edited(self, annotation_id: int, text: str) -> None:
        try:
            self.project.annotation(annotation_id)
        except UserError:
            return  # deleted meanwhile (e.g. by an undo): nothing to save the note to
        # the inspector initiated it: it keeps the editor the user types in
        self._run(lambda: self.project.update_annotation(annotation_id, note=text), initiator=self.inspector)

    def selected_annotation_ids(self) -> list[int]:
        return [c.view.selected_annotation() for c in self.reading.columns if c.view.selected_annotation()]

    def delete_selected_annotation(self) -> None:
        column = self.reading.active
        if column is not None and column.view.selected_annotation() is not None:
            self.delete_annotations([column.view.selected_annotation()])

    def delete_annotations(self, annotation_ids: list[int]) -> None:
        self._run(lambda: self.project.delete_annotations(annotation_ids))
        self.inspector.show_annotation(None)
        self.statusBar().showMessage("Annotation deleted — Ctrl+Z brings it back.", 6000)

    def link_claim(self) -> None:
        ids = self.selected_annotation_ids()
        if not ids:
            self.statusBar().showMessage(
                "Click a highlight in each column you want to link, then press Ctrl+L.", 6000)
            return
        annotations = [self.project.annotation(i) for i in ids]
        existing = next((self.project.claim(a.claim_id).label for a in annotations if a.claim_id), "")
        suggestion = existing or short_text(annotations[0].quote, 60).rstrip("…")  # cut at a word
        labels = [c.label for c in self.project.claims()]
        label, ok = QInputDialog.getItem(self, "Link as the same claim",
                                         f"Name of the claim stated by these {len(ids)} annotations:",
                                         [suggestion, *[x for x in labels if x != suggestion]], 0, True)
        if ok and label.strip():
            self.link_annotations(ids, label.strip())

    def link_annotations(self, annotation_ids: list[int], label: str) -> None:
        self._run(lambda: self.project.link_claim(annotation_ids, label=label))

    def unlink_claim(self) -> None:
        ids = self.selected_annotation_ids()
        if ids:
            self._run(lambda: self.project.unlink_claim(ids))

    def rename_claim(self, claim_id: int) -> None:
        claim = self.project.claim(claim_id)
        label, ok = QInputDialog.getText(self, "Rename claim", "Claim name:", text=claim.label)
        if ok and label.strip():
            self._run(lambda: self.project.update_claim(claim_id, label=label))

    def step_annotation(self, step: int) -> None:
        column = self.reading.active
        if column is None:
            return
        annotations = self.project.annotations(column.document.id)
        if not annotations:
            return
        current = column.view.selected_annotation()
        ids = [a.id for a in annotations]
        index = ids.index(current) + step if current in ids else (0 if step > 0 else len(ids) - 1)
        self.select_annotation(column.document.id, ids[index % len(ids)])
