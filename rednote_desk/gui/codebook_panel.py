"""The codebook as an editable tree: add, rename, recolour, describe, merge, delete and move tags.

The database holds the truth: every action runs a Project operation through the project session, and the panel
rebuilds its tree when the session says tags changed (whoever changed them: this panel, the tag popup, an undo).
Drag and drop never moves items inside the view; the drop is turned into ``update_tag(parent_id=)``.
"""
from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core.models import Tag
from rednote_desk.core.tags import descendants as _descendants
from rednote_desk.core.tags import tag_paths
from rednote_desk.gui.colors import qcolor, swatch_icon
from rednote_desk.gui.merge_dialog import MergeTargetDialog
from rednote_desk.gui.plain import plain
from rednote_desk.gui.project_reads import ProjectRead
from rednote_desk.gui.session import session_for, value_of

TAG_ID_ROLE = Qt.ItemDataRole.UserRole
MIME_TAG_IDS = "application/x-rednote-desk-tag-ids"
NAME_COLUMN, COUNT_COLUMN = 0, 1


def tag_ids_mime(tag_ids: list[int]) -> QMimeData:
    """Mime data carrying tag ids, as the codebook tree drags them."""
    data = QMimeData()
    data.setData(MIME_TAG_IDS, json.dumps([int(i) for i in tag_ids]).encode("ascii"))
    return data


def tag_ids_from_mime(data: QMimeData | None) -> list[int]:
    if data is None or not data.hasFormat(MIME_TAG_IDS):
        return []
    try:
        ids = json.loads(bytes(data.data(MIME_TAG_IDS)).decode("ascii"))
    except ValueError:
        return []
    return [int(i) for i in ids if isinstance(i, int)]


class CodebookTree(QTreeWidget):
    """A tag tree whose drops are reported as ``tags_dropped(tag_ids, new_parent_id)`` instead of applied."""

    tags_dropped = Signal(list, object)  # tag ids, new parent id (None: top level)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Tag", "Uses"])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformRowHeights(True)
        self.setAnimated(False)

    # Qt overrides ------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_TAG_IDS]

    def mimeData(self, items) -> QMimeData:
        return tag_ids_mime([item.data(NAME_COLUMN, TAG_ID_ROLE) for item in items])

    def dropEvent(self, event) -> None:
        tag_ids = tag_ids_from_mime(event.mimeData())
        if not tag_ids:
            event.ignore()
            return
        parent_id = self.drop_parent_at(event.position().toPoint())
        # accept without an action, so the drag source never removes or moves rows by itself
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        self.tags_dropped.emit(tag_ids, parent_id)

    # helpers -----------------------------------------------------------------------------------
    def drop_parent_at(self, pos: QPoint) -> int | None:
        """The parent a drop at ``pos`` (viewport coordinates) gives: the item under it, the item's parent
        when dropped on its top or bottom edge, or None (top level) on empty space."""
        item = self.itemAt(pos)
        if item is None:
            return None
        rect = self.visualItemRect(item)
        margin = max(2, min(12, round(rect.height() / 5.5)))
        on_edge = pos.y() - rect.top() < margin or rect.bottom() - pos.y() < margin
        if on_edge:
            parent = item.parent()
            return None if parent is None else parent.data(NAME_COLUMN, TAG_ID_ROLE)
        return item.data(NAME_COLUMN, TAG_ID_ROLE)


class CodebookPanel(QWidget):
    """The codebook: a filterable tag tree with usage counts and editing actions."""

    tag_activated = Signal(int)  # double-click / Enter on a tag

    def __init__(self, project, parent: QWidget | None = None):
        """``project``: the ProjectSession to work through (a bare Project gets a session of its own)."""
        super().__init__(parent)
        self.session = session_for(project, self)
        self.project = self.session.project
        # dialogs, as replaceable callables so tests (and other front ends) can answer them
        self.confirm: Callable[[str, str], bool] = self._confirm_dialog
        self.show_error: Callable[[str], None] = self._error_dialog
        self.ask_text: Callable[[str, str, str], str | None] = self._text_dialog
        self.ask_description: Callable[[str, str], str | None] = self._description_dialog
        self.ask_color: Callable[[str, str], str | None] = self._color_dialog
        self.ask_merge_target: Callable[[int], int | None] = self._merge_dialog

        self._tags: dict[int, Tag] = {}
        self._items: dict[int, QTreeWidgetItem] = {}
        self._usage: dict[int, int] = {}
        self._usage_read = ProjectRead(self, lambda project: project.tag_usage(), self._show_usage)
        self._collapsed: set[int] = set()
        self._last_parent: dict[int, int | None] = {}
        self._quiet = False  # True while the panel itself rebuilds, expands or edits items

        self.filter_edit = QLineEdit(placeholderText="Filter tags…")
        self.filter_edit.setClearButtonEnabled(True)
        self.tree = CodebookTree()
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._build_actions()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree)

        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.tree.itemSelectionChanged.connect(self._update_actions)
        self.tree.itemActivated.connect(self.on_tree_item_activated)
        self.tree.itemChanged.connect(self.on_tree_item_changed)
        self.tree.itemExpanded.connect(self.on_tree_item_expanded)
        self.tree.itemCollapsed.connect(self.on_tree_item_collapsed)
        self.tree.customContextMenuRequested.connect(self.on_tree_context_menu_requested)
        self.tree.tags_dropped.connect(self.on_tree_tags_dropped)
        self.session.changed.connect(self.on_session_changed)
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def _action(self, text: str, slot, *, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("Add", self.on_add_action_triggered, tip="Add a top-level tag")
        self.add_child_action = self._action(
            "Add sub-tag", self.on_add_child_action_triggered, shortcut="Ins",
            tip="Add a tag under the selected one (Ins)",
        )
        self.rename_action = self._action("Rename", self.on_rename_action_triggered, shortcut="F2")
        self.color_action = self._action("Change colour…", self.on_color_action_triggered)
        self.describe_action = self._action("Edit description…", self.on_describe_action_triggered)
        self.merge_action = self._action("Merge into…", self.on_merge_action_triggered)
        self.delete_action = self._action(
            "Delete…", self.on_delete_action_triggered, shortcut=QKeySequence.StandardKey.Delete
        )
        self.toolbar.addAction(self.add_action)
        self.toolbar.addAction(self.add_child_action)
        more = QMenu(self)
        for action in self._selection_actions()[1:]:
            more.addAction(action)
        self.more_button = QToolButton(text="More", toolTip="Rename, colour, describe, merge or delete")
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.more_button)

    def _selection_actions(self) -> list[QAction]:
        return [self.add_child_action, self.rename_action, self.color_action, self.describe_action,
                self.merge_action, self.delete_action]

    # -- public --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read tags and usage counts from the project; keep expansion, selection and scroll position."""
        selected = self.selected_tag_id()
        scroll = self.tree.verticalScrollBar().value()
        tags = self.project.tags()
        self._tags = {t.id: t for t in tags}
        self._paths = tag_paths(tags)
        totals = self._subtree_totals(tags)
        self._quiet = True
        try:
            self.tree.clear()
            self._items = {}
            for tag in tags:
                parent_item = self._items.get(tag.parent_id)
                item = QTreeWidgetItem(parent_item) if parent_item is not None else QTreeWidgetItem(self.tree)
                self._fill_item(item, tag, self._usage.get(tag.id, 0), totals[tag.id])
                self._items[tag.id] = item
            self._collapsed &= set(self._items)
            self._apply_filter()
        finally:
            self._quiet = False
        if selected is not None and selected not in self._items:
            gone = selected
            selected = None
            # a deleted tag hands the selection to its old parent when that still exists
            parent = self._last_parent.get(gone)
            if parent in self._items:
                selected = parent
        self._last_parent = {t.id: t.parent_id for t in tags}
        if selected is not None:
            self.select_tag(selected, scroll=False)
        self.tree.verticalScrollBar().setValue(scroll)
        self._update_actions()
        # the use counts are a pass over every tagging: in the background for a large project
        self._usage_read.run(self.project)

    def _show_usage(self, usage: dict[int, int]) -> None:
        self._usage = usage
        self.update_counts(self._items)

    def update_counts(self, tag_ids) -> None:
        """Show the known use counts of these tags (and their sub-tag totals) in the tree."""
        totals = self._subtree_totals(list(self._tags.values()))
        self._quiet = True
        try:
            for tag_id in [t for t in tag_ids if t in self._items]:
                self._fill_item(self._items[tag_id], self._tags[tag_id], self._usage.get(tag_id, 0), totals[tag_id])
        finally:
            self._quiet = False

    def on_session_changed(self, changes, _initiator) -> None:
        """Rebuild the tree when tags changed; else only update the counts of the tags annotations gained or lost."""
        if "tags" in changes.tables:
            self.refresh()
        elif "annotation_tags" in changes.tables:
            self.update_usage(changes.tag_ids)

    def update_usage(self, tag_ids) -> None:
        """Refresh the use counts of a few tags (after annotations changed), without rebuilding the tree."""
        if not tag_ids:
            return
        self._usage.update(self.project.tag_usage_for(tag_ids))
        self.update_counts({t for t in tag_ids if t in self._items} | self._ancestors_of(tag_ids))

    def _ancestors_of(self, tag_ids) -> set[int]:
        out: set[int] = set()
        for tag_id in tag_ids:
            tag = self._tags.get(tag_id)
            while tag is not None and tag.parent_id is not None and tag.parent_id not in out:
                out.add(tag.parent_id)
                tag = self._tags.get(tag.parent_id)
        return {t for t in out if t in self._items}

    def selected_tag_id(self) -> int | None:
        items = self.tree.selectedItems()
        return items[0].data(NAME_COLUMN, TAG_ID_ROLE) if items else None

    def select_tag(self, tag_id: int, *, scroll: bool = True) -> None:
        item = self._items.get(tag_id)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        if scroll:
            self.tree.scrollToItem(item)

    def item_for(self, tag_id: int) -> QTreeWidgetItem | None:
        """The tree item showing a tag (for tests and the main window)."""
        return self._items.get(tag_id)

    # -- operations (the UI actions call these; each shows a UserError instead of raising) ------
    def add_tag(self, name: str, parent_id: int | None = None) -> Tag | None:
        if parent_id is not None:
            self._collapsed.discard(parent_id)  # show the new sub-tag
        result = self.session.run(lambda: self.project.add_tag(name, parent_id=parent_id), initiator=self,
                                  on_error=self.show_error)
        if result is None:
            return None
        tag = value_of(result)
        self.select_tag(tag.id)
        return tag

    def rename_tag(self, tag_id: int, name: str):
        return self._perform(lambda: self.project.update_tag(tag_id, name=name), select=tag_id)

    def recolor_tag(self, tag_id: int, color: str):
        return self._perform(lambda: self.project.update_tag(tag_id, color=color), select=tag_id)

    def describe_tag(self, tag_id: int, description: str):
        return self._perform(lambda: self.project.update_tag(tag_id, description=description), select=tag_id)

    def move_tag(self, tag_id: int, parent_id: int | None):
        """Make ``tag_id`` a child of ``parent_id`` (None: top level). Nothing happens if it is there already."""
        tag = self._tags.get(tag_id)
        if tag is not None and tag.parent_id == parent_id:
            return None
        if parent_id is not None:
            self._collapsed.discard(parent_id)
        return self._perform(lambda: self.project.update_tag(tag_id, parent_id=parent_id), select=tag_id)

    def merge_tags(self, source_id: int, target_id: int):
        return self._perform(lambda: self.project.merge_tags(source_id, target_id), select=target_id)

    def merge_selected_into(self, target_id: int):
        source_id = self.selected_tag_id()
        if source_id is None:
            return None
        return self.merge_tags(source_id, target_id)

    def delete_tag(self, tag_id: int, confirm: bool = True):
        if confirm and not self.confirm("Delete tag", self.delete_confirmation_text(tag_id)):
            return None
        return self._perform(lambda: self.project.delete_tag(tag_id))

    def delete_confirmation_text(self, tag_id: int) -> str:
        """What deleting a tag does: its sub-tags and the number of annotations that lose them."""
        tags = self.project.tags()
        name = next((t.name for t in tags if t.id == tag_id), str(tag_id))
        ids = {tag_id} | _descendants(tags, tag_id)
        used = self.project.annotations_tagged_count(ids)  # an index count, not a read of every annotation
        subs = len(ids) - 1
        head = f"Delete the tag “{name}”"
        if subs:
            head += f" and its {subs} sub-tag{'s' if subs != 1 else ''}"
        them = "them" if subs else "it"
        if used == 0:
            usage = f"No annotation uses {them}."
        else:
            usage = f"{used} annotation{'s use' if used != 1 else ' uses'} {them}."
        kept = "The annotations themselves are kept; they only lose " + ("these tags." if subs else "this tag.")
        return f"{head}?\n\n{usage} {kept}"

    def _perform(self, operation: Callable[[], object], *, select: int | None = None):
        """Run an operation through the session (the tree is rebuilt when it announces the change)."""
        changes = self.session.run(operation, initiator=self, on_error=self._refused)
        if changes is not None and select is not None:
            self.select_tag(select)
        return changes

    def _refused(self, message: str) -> None:
        self.refresh()  # undo what an inline edit showed
        self.show_error(message)

    # -- slots ---------------------------------------------------------------------------------
    def on_add_action_triggered(self) -> None:
        name = self.ask_text("Add tag", "Name of the new tag:", "")
        if name is not None:
            self.add_tag(name)

    def on_add_child_action_triggered(self) -> None:
        parent_id = self.selected_tag_id()
        if parent_id is None:
            return
        name = self.ask_text("Add sub-tag", f"Name of the new tag under “{self._path(parent_id)}”:", "")
        if name is not None:
            self.add_tag(name, parent_id)

    def on_rename_action_triggered(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.isSelected():
            self.tree.editItem(item, NAME_COLUMN)

    def on_color_action_triggered(self) -> None:
        tag_id = self.selected_tag_id()
        if tag_id is None:
            return
        color = self.ask_color(f"Colour of “{self._tags[tag_id].name}”", self._tags[tag_id].color)
        if color:
            self.recolor_tag(tag_id, color)

    def on_describe_action_triggered(self) -> None:
        tag_id = self.selected_tag_id()
        if tag_id is None:
            return
        text = self.ask_description(self._path(tag_id), self._tags[tag_id].description)
        if text is not None:
            self.describe_tag(tag_id, text)

    def on_merge_action_triggered(self) -> None:
        source_id = self.selected_tag_id()
        if source_id is None:
            return
        target_id = self.ask_merge_target(source_id)
        if target_id is not None:
            self.merge_tags(source_id, target_id)

    def on_delete_action_triggered(self) -> None:
        tag_id = self.selected_tag_id()
        if tag_id is not None:
            self.delete_tag(tag_id)

    def on_tree_tags_dropped(self, tag_ids: list, parent_id) -> None:
        for tag_id in tag_ids:
            self.move_tag(tag_id, parent_id)

    def on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.tag_activated.emit(item.data(NAME_COLUMN, TAG_ID_ROLE))

    def on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._quiet or column != NAME_COLUMN:
            return
        tag_id = item.data(NAME_COLUMN, TAG_ID_ROLE)
        name = item.text(NAME_COLUMN)
        tag = self._tags.get(tag_id)
        if tag is None or name == tag.name:
            return
        # rebuilding the tree inside the editor's commit would delete the item under Qt's feet
        QTimer.singleShot(0, lambda: self.rename_tag(tag_id, name))

    def on_tree_item_expanded(self, item: QTreeWidgetItem) -> None:
        if not self._quiet and not self.filter_edit.text().strip():
            self._collapsed.discard(item.data(NAME_COLUMN, TAG_ID_ROLE))

    def on_tree_item_collapsed(self, item: QTreeWidgetItem) -> None:
        if not self._quiet and not self.filter_edit.text().strip():
            self._collapsed.add(item.data(NAME_COLUMN, TAG_ID_ROLE))

    def on_tree_context_menu_requested(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.add_action)
        menu.addSeparator()
        for action in self._selection_actions():
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def on_filter_edit_text_changed(self, _text: str) -> None:
        self._quiet = True
        try:
            self._apply_filter()
        finally:
            self._quiet = False

    # -- internals -----------------------------------------------------------------------------
    def _fill_item(self, item: QTreeWidgetItem, tag: Tag, own: int, total: int) -> None:
        item.setData(NAME_COLUMN, TAG_ID_ROLE, tag.id)
        item.setText(NAME_COLUMN, tag.name)
        item.setIcon(NAME_COLUMN, swatch_icon(qcolor(tag.color).name()))
        item.setText(COUNT_COLUMN, str(own))
        item.setTextAlignment(COUNT_COLUMN, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if own == 0:
            dim = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            item.setForeground(COUNT_COLUMN, QBrush(dim))
        path = self._path(tag.id)
        lines = [path]
        if tag.description:
            lines.append(tag.description)
        uses = f"{own} use{'s' if own != 1 else ''}"
        if total != own:
            uses += f", {total} with sub-tags"
        lines.append(uses)
        tip = "\n".join(lines)
        item.setToolTip(NAME_COLUMN, plain(tip))
        item.setToolTip(COUNT_COLUMN, uses)
        item.setFlags(
            Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        )

    def _subtree_totals(self, tags: list[Tag]) -> dict[int, int]:
        totals = {t.id: self._usage.get(t.id, 0) for t in tags}
        for tag in reversed(tags):  # tree order: children come after their parent
            if tag.parent_id in totals:
                totals[tag.parent_id] += totals[tag.id]
        return totals

    def _path(self, tag_id: int) -> str:
        return self._paths.get(tag_id, "")

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().strip().casefold()

        def visit(item: QTreeWidgetItem) -> bool:
            tag_id = item.data(NAME_COLUMN, TAG_ID_ROLE)
            child_match = False
            for i in range(item.childCount()):
                child_match = visit(item.child(i)) or child_match
            own_match = not needle or needle in self._path(tag_id).casefold()
            item.setHidden(not (own_match or child_match))
            if item.childCount():
                item.setExpanded(child_match if needle else tag_id not in self._collapsed)
            return own_match or child_match

        for i in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(i))

    def _update_actions(self) -> None:
        has = self.selected_tag_id() is not None
        for action in self._selection_actions():
            action.setEnabled(has)
        self.merge_action.setEnabled(has and len(self._tags) > 1)

    # -- default dialogs -----------------------------------------------------------------------
    def _confirm_dialog(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, plain(text), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _error_dialog(self, message: str) -> None:
        QMessageBox.warning(self, "Codebook", plain(message))

    def _text_dialog(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def _description_dialog(self, path: str, text: str) -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, "Edit description", f"Description of “{path}”:", text)
        return value if ok else None

    def _color_dialog(self, title: str, current: str) -> str | None:
        color = QColorDialog.getColor(qcolor(current), self, title)
        return color.name() if color.isValid() else None

    def _merge_dialog(self, source_id: int) -> int | None:
        excluded = {source_id} | _descendants(list(self._tags.values()), source_id)
        candidates = [(t.id, self._path(t.id), t.color) for t in self._tags.values() if t.id not in excluded]
        dialog = MergeTargetDialog(source_path=self._path(source_id), candidates=candidates, parent=self)
        if dialog.exec() != MergeTargetDialog.DialogCode.Accepted:
            return None
        return dialog.chosen_tag_id()
