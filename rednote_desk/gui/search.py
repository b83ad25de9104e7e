"""Finding text: a find bar for the open documents (Ctrl+F) and a project-wide full-text search panel."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.labels import count_of
from rednote_desk.gui.workers import Task, bind


class FindBar(QWidget):
    """Find in the open columns: Enter / F3 next, Shift+Enter / Shift+F3 previous, Escape closes."""

    def __init__(self, views_provider, parent=None):
        super().__init__(parent)
        self.views_provider = views_provider  # () -> list[AnnotatedTextView], the active one first
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in open documents")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel()
        prev_button, next_button, close_button = QToolButton(), QToolButton(), QToolButton()
        prev_button.setText("▲")
        prev_button.setToolTip("Previous match (Shift+Enter)")
        next_button.setText("▼")
        next_button.setToolTip("Next match (Enter)")
        close_button.setText("✕")
        prev_button.clicked.connect(lambda: self.find(backward=True))
        next_button.clicked.connect(lambda: self.find())
        close_button.clicked.connect(self.hide)
        self.edit.returnPressed.connect(self.find)
        self.edit.textChanged.connect(self.count_matches)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(self.status)
        layout.addWidget(close_button)

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find(backward=True)
            return
        super().keyPressEvent(event)

    def count_matches(self) -> int:
        needle = self.edit.text().casefold()
        total = sum(view.text().casefold().count(needle) for view in self.views_provider()) if needle else 0
        self.status.setText(count_of(total, "match", "matches") if needle else "")
        return total

    def find(self, *, backward: bool = False) -> bool:
        needle = self.edit.text()
        views = self.views_provider()
        if not needle or not views:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        # search the active view, then the others, wrapping around
        for view in views:
            if view.find(needle, flags):
                view.setFocus()
                self.edit.setFocus()
                return True
        for view in views:
            cursor = view.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            view.setTextCursor(cursor)
            if view.find(needle, flags):
                return True
        self.status.setText("no match")
        return False


class SearchPanel(QWidget):
    """Project-wide search (SQLite FTS5) over document texts, titles, quotes and notes."""

    hit_activated = Signal(int, object, str)  # document id, annotation id or None, the query

    def __init__(self, search_fn, parent=None, *, file_fn=None):
        """``search_fn(query)`` searches on this thread; with ``file_fn() -> project path or None`` the search
        runs on a worker thread with its own read-only connection, so typing never waits for SQLite."""
        super().__init__(parent)
        self.search_fn = search_fn
        self.file_fn = file_fn
        self._generation = 0
        self._task = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Search all documents and notes…")
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.summary = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.returnPressed.connect(self.run)
        self.results.itemActivated.connect(self.on_results_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.edit)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

    def run(self) -> None:
        self._timer.stop()
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        query = self.edit.text().strip()
        if not query:
            self.results.clear()
            self.summary.setText("")
            return
        path = self.file_fn() if self.file_fn is not None else None
        if path is None:
            self.show_hits(self.search_fn(query))
            return
        generation = self._generation
        # imported here, on the GUI thread (never on a worker), and not when the window is built: the store
        # brings sqlite-utils and numpy, which the first paint does not need
        from rednote_desk.store.search import search_file

        task = Task(lambda report, cancelled: search_file(path, query))
        bind(task, self, finished=lambda hits: self._on_done(generation, hits),
             failed=lambda message: self._on_failed(generation, message))
        self._task = task
        self.summary.setText("searching…")
        task.start()

    def _on_done(self, generation: int, hits: list) -> None:
        if generation == self._generation:
            self._task = None
            self.show_hits(hits)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._task = None
            self.results.clear()
            self.summary.setText(f"search failed: {message}")

    def show_hits(self, hits: list) -> None:
        self.results.clear()
        for hit in hits:
            where = "note/quote" if hit["kind"] == "annotation" else "text"
            snippet = " ".join((hit["snippet"] or "").split())
            item = QListWidgetItem(f"{hit['title'][:60]} — {where}\n{snippet}")
            item.setData(Qt.ItemDataRole.UserRole, (hit["document_id"], hit["annotation_id"]))
            self.results.addItem(item)
        self.summary.setText(f"{len(hits)} hits" if hits else "no hits")

    def on_results_item_activated(self, item) -> None:
        document_id, annotation_id = item.data(Qt.ItemDataRole.UserRole)
        self.hit_activated.emit(document_id, annotation_id, self.edit.text().strip())
