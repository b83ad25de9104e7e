"""Keyboard paths through the workspace: Esc from the find bar or the note field returns to the text, shortcuts
focus the Library, Codebook and Annotation panels, and a code chosen in the codebook (double-click or Enter)
tags the current selection."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from rednote_desk.gui.tab_order import TabOrder

PANEL_SHORTCUTS = (  # (menu text, shortcut, dock attribute, widget to focus in it)
    ("Go to &Library", "Ctrl+Alt+L", "library_dock", lambda w: w.library.table),
    ("Go to &Codebook", "Ctrl+Alt+C", "codebook_dock", lambda w: getattr(w.codebook, "tree", w.codebook)),
    ("Go to the &Annotation note", "Ctrl+Alt+N", "inspector_dock", lambda w: w.inspector.note),
)


class KeyboardPaths(QObject):
    def __init__(self, window, menu):
        super().__init__(window)
        self.window = window
        for widget in (window.find_bar.edit, window.inspector.note):
            widget.installEventFilter(self)
        window.inspector.note.setTabChangesFocus(True)  # Tab moves on through the panels
        window.library.table.setTabKeyNavigation(False)  # not from cell to cell: on to the next panel
        self.tab_order = TabOrder(window)  # Tab goes through the panels in reading order
        menu.addSeparator()
        for text, shortcut, dock_name, target in PANEL_SHORTCUTS:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, d=dock_name, t=target: self.focus_panel(d, t))
            menu.addAction(action)
            window.addAction(action)
        back = QAction("Back to the &text", window)
        back.setShortcut(QKeySequence("Ctrl+Alt+R"))
        back.triggered.connect(self.back_to_text)
        menu.addAction(back)
        window.addAction(back)

    def focus_panel(self, dock_name: str, target) -> None:
        dock = getattr(self.window, dock_name)
        side_panels = getattr(self.window, "side_panels", None)
        if side_panels is not None and side_panels.action.isChecked() and not side_panels.by_layout:
            side_panels.set_hidden(False)  # hidden by the person: all come back (folded for the texts: this one)
        dock.show()
        dock.raise_()
        target(self.window).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def back_to_text(self) -> None:
        """Focus the active column's text (or the first one)."""
        reading = self.window.reading
        column = reading.active or (reading.columns[0] if reading.columns else None)
        if column is not None:
            self.window.tabs.setCurrentIndex(0)
            column.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            if watched is self.window.find_bar.edit:
                self.window.find_bar.hide()
            else:
                self.window.inspector.flush_note()  # the note is saved, not dropped
            self.back_to_text()
            return True
        return False

    def apply_code(self, tag_id: int | None) -> None:
        """Tag the active column's selection with a code from the codebook, or add it to the selected
        annotation; says so when there is nothing to tag."""
        window = self.window
        column = window.reading.active
        if tag_id is None or column is None:
            return
        span = column.view.selected_span()
        if span is not None:
            window.apply_tags(column.document.id, span, None, [tag_id])
        elif column.view.selected_annotation() is not None:
            annotation = window.project.annotation(column.view.selected_annotation())
            if tag_id not in annotation.tag_ids:
                window.apply_tags(column.document.id, None, annotation.id, [*annotation.tag_ids, tag_id])
        else:
            window.statusBar().showMessage("Select text in a column first, then double-click a code.", 5000)
            return
        column.view.setFocus()
