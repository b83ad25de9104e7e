"""A keyboard-first popup to choose tags for a text selection.

Type to search, Up/Down to move, Enter to apply, Space (empty search) or Ctrl+Space to check several,
1–9 (empty search) for a recent tag, Escape to close. Emits ``tags_chosen`` once, or ``dismissed``.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.core import tag_search
from rednote_desk.core.models import Tag
from rednote_desk.core.tags import tag_paths
from rednote_desk.gui.colors import paint_swatch, view_inks
from rednote_desk.gui.plain import plain
from rednote_desk.gui.session import session_for, value_of

KIND_ROLE = Qt.ItemDataRole.UserRole
TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
PARENT_PATH_ROLE = Qt.ItemDataRole.UserRole + 3
COLOR_ROLE = Qt.ItemDataRole.UserRole + 4
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 5
CHECKED_ROLE = Qt.ItemDataRole.UserRole + 6
SEPARATOR_ROLE = Qt.ItemDataRole.UserRole + 7

TAG_ROW, CREATE_ROW = "tag", "create"
POPUP_WIDTH = 360
VISIBLE_ROWS = 10
MAX_RECENT = 9
_PAD, _CHECK, _NUMBER, _SWATCH, _GAP = 6, 13, 12, 10, 6
CHECK_AREA = _PAD + _CHECK + _GAP  # clicks left of this x toggle the check mark


def place_popup(size: QSize, anchor: QPoint, available: QRect, *, line_height: int = 20) -> QPoint:
    """Top-left corner for a popup of ``size`` shown below ``anchor``, kept inside ``available``.

    With no room below, the popup goes above the anchor's text line.
    """
    x = min(anchor.x(), available.right() - size.width() + 1)
    x = max(x, available.left())
    y = anchor.y()
    if y + size.height() - 1 > available.bottom():
        above = anchor.y() - line_height - size.height()
        y = above if above >= available.top() else available.bottom() - size.height() + 1
    y = max(y, available.top())
    return QPoint(x, y)


def _mix(front: QColor, back: QColor, amount: float) -> QColor:
    """``amount`` of ``front`` over ``back``, as an opaque colour."""
    return QColor(
        round(front.red() * amount + back.red() * (1 - amount)),
        round(front.green() * amount + back.green() * (1 - amount)),
        round(front.blue() * amount + back.blue() * (1 - amount)),
    )


class _TagRowDelegate(QStyledItemDelegate):
    """Paints a row: check mark, recent number, swatch, name and the dim parent path."""

    def sizeHint(self, option, index) -> QSize:
        return QSize(POPUP_WIDTH - 4, option.fontMetrics.height() + 8)

    def paint(self, painter: QPainter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = QColor(text_color)
        dim.setAlphaF(0.6)
        rect = opt.rect
        fm = opt.fontMetrics
        painter.save()
        if index.data(SEPARATOR_ROLE):
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(rect.left() + _PAD, rect.top(), rect.right() - _PAD, rect.top())
        x = rect.left() + _PAD
        mid_y = rect.center().y()
        if index.data(KIND_ROLE) == CREATE_ROW:
            x += _CHECK + _GAP + _NUMBER + _GAP
            font = QFont(opt.font)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(text_color)
            text = painter.fontMetrics().elidedText(
                index.data(NAME_ROLE), Qt.TextElideMode.ElideRight, max(0, rect.right() - x - _PAD)
            )
            painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter, text)
            painter.restore()
            return
        # check mark
        check_rect = QRect(x, mid_y - _CHECK // 2, _CHECK, _CHECK)
        self._paint_check(painter, check_rect, bool(index.data(CHECKED_ROLE)), text_color, palette, selected)
        x += _CHECK + _GAP
        number = index.data(NUMBER_ROLE)
        if number:
            painter.setPen(dim)
            painter.drawText(QRect(x, rect.top(), _NUMBER, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(number))
        x += _NUMBER + _GAP
        paint_swatch(painter, QRectF(x, mid_y - _SWATCH / 2, _SWATCH, _SWATCH), index.data(COLOR_ROLE))
        x += _SWATCH + _GAP
        available = rect.right() - _PAD - x
        name = index.data(NAME_ROLE)
        parent_path = index.data(PARENT_PATH_ROLE) or ""
        name_width = min(fm.horizontalAdvance(name), available if not parent_path else int(available * 0.7))
        painter.setPen(text_color)
        painter.drawText(QRect(x, rect.top(), name_width + 1, rect.height()), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(name, Qt.TextElideMode.ElideRight, name_width + 1))
        if parent_path:
            x += name_width + 2 * _GAP
            painter.setPen(dim)
            painter.drawText(QRect(x, rect.top(), rect.right() - _PAD - x, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(parent_path, Qt.TextElideMode.ElideLeft, rect.right() - _PAD - x))
        painter.restore()

    @staticmethod
    def _paint_check(painter, rect: QRect, checked: bool, text_color: QColor, palette, selected: bool) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        frame = QColor(text_color)
        frame.setAlphaF(0.85 if checked else 0.35)
        painter.setPen(QPen(frame, 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base) if not selected else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        if checked:
            mark = QColor(palette.color(QPalette.ColorRole.Highlight) if not selected else text_color)
            painter.setPen(QPen(mark, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            r = QRectF(rect)
            painter.drawPolyline([
                r.topLeft() + QPoint(3, 7).toPointF(),
                r.topLeft() + QPoint(5, 10).toPointF(),
                r.topLeft() + QPoint(10, 3).toPointF(),
            ])
        painter.restore()


class TagPopup(QFrame):
    """Choose one or several tags from the keyboard; see the module docstring for the keys."""

    tags_chosen = Signal(list)  # list[int], emitted once when the user confirms
    dismissed = Signal()  # closed without choosing

    def __init__(
        self,
        project,
        *,
        recent_tag_ids: Sequence[int] = (),
        preselected: Sequence[int] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("TagPopup")
        self.setStyleSheet(
            "#TagPopup { background: palette(base); border: 1px solid palette(dark); }"
            "#TagPopup QListWidget { border: none; background: palette(base); }"
            f"#TagPopup QLabel#error {{ color: {view_inks(self)[2]}; }}"  # AA on the popup's base, light or dark
        )
        self.session = session_for(project, self)  # new tags are made through it: every view sees them at once
        self.project = self.session.project
        self._recent_request = list(recent_tag_ids)
        self._checked: list[int] = []
        self._unchecked_by_user: set[int] = set()
        self._had_preselection = False
        self._done = False
        self._load_tags()
        self._checked = [i for i in dict.fromkeys(preselected) if i in self._by_id]
        self._had_preselection = bool(self._checked)

        self.search_edit = QLineEdit(placeholderText="Search tags or type a new one…")
        self.search_edit.setClearButtonEnabled(False)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(_TagRowDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.error_label = QLabel(objectName="error", wordWrap=True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # messages name tags: user text
        self.error_label.hide()
        self.hint_label = QLabel(
            "↑↓ move · Enter apply · Space check · 1–9 recent · Esc close", objectName="hint"
        )
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        self.hint_label.setFont(small)
        hint_palette = self.hint_label.palette()
        hint_palette.setColor(QPalette.ColorRole.WindowText, _mix(
            hint_palette.color(QPalette.ColorRole.Text), hint_palette.color(QPalette.ColorRole.Base), 0.6
        ))
        self.hint_label.setPalette(hint_palette)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint_label)
        self.setFixedWidth(POPUP_WIDTH)

        self.search_edit.installEventFilter(self)
        self.list.viewport().installEventFilter(self)
        self.search_edit.textChanged.connect(self.on_search_edit_text_changed)
        self._rebuild()
        self.search_edit.setFocus()

    # -- public --------------------------------------------------------------------------------
    def popup_at(self, global_pos: QPoint) -> None:
        """Show just below ``global_pos`` (e.g. the end of the selection), kept on the screen."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(global_pos) or self.screen() or QGuiApplication.primaryScreen()
        line = self.fontMetrics().height() + 4
        self.move(place_popup(self.sizeHint(), global_pos, screen.availableGeometry(), line_height=line))
        self.show()
        self.activateWindow()
        self.search_edit.setFocus()

    def checked_tag_ids(self) -> list[int]:
        return list(self._checked)

    def visible_rows(self) -> list[tuple[str, int | None, str]]:
        """(kind, tag id, label) of each row, top to bottom (for tests and accessibility)."""
        rows = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            rows.append((item.data(KIND_ROLE), item.data(TAG_ID_ROLE), item.text()))
        return rows

    def confirm(self) -> None:
        """Apply the checked tags plus the highlighted row (creating the tag if that row offers it)."""
        ids = list(self._checked)
        item = self.list.currentItem()
        if item is not None and item.data(KIND_ROLE) == CREATE_ROW:
            tag = self._create_typed_tag()
            if tag is None:
                return
            ids.append(tag.id)
        elif item is not None:
            tag_id = item.data(TAG_ID_ROLE)
            if tag_id not in ids and tag_id not in self._unchecked_by_user:
                ids.append(tag_id)
        if not ids and not self._had_preselection:
            return
        self._finish(ids)

    def pick_recent(self, number: int) -> bool:
        """Apply recent tag ``number`` (1-based) with the checked ones; False if there is no such tag."""
        if not 1 <= number <= len(self._recent):
            return False
        ids = list(self._checked)
        tag_id = self._recent[number - 1]
        if tag_id not in ids:
            ids.append(tag_id)
        self._finish(ids)
        return True

    def toggle_current(self) -> None:
        """Check or uncheck the highlighted tag (the create row creates the tag and checks it)."""
        item = self.list.currentItem()
        if item is None:
            return
        if item.data(KIND_ROLE) == CREATE_ROW:
            tag = self._create_typed_tag()
            if tag is None:
                return
            self._checked.append(tag.id)
            self._load_tags()
            self.search_edit.clear()
            self._select_tag_row(tag.id)
            return
        tag_id = item.data(TAG_ID_ROLE)
        if tag_id in self._checked:
            self._checked.remove(tag_id)
            self._unchecked_by_user.add(tag_id)
        else:
            self._checked.append(tag_id)
            self._unchecked_by_user.discard(tag_id)
        item.setData(CHECKED_ROLE, tag_id in self._checked)
        if self.search_edit.text():
            self.search_edit.selectAll()  # the next word typed starts a new search

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            return self._handle_key(event)
        if watched is self.list.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index = self.list.indexAt(event.position().toPoint())
            if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
                self.list.setCurrentRow(index.row())
                if event.position().x() < CHECK_AREA and index.data(KIND_ROLE) == TAG_ROW:
                    self.toggle_current()
                else:
                    self.confirm()
                return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        if not self._done:
            self._done = True
            self.dismissed.emit()
        super().closeEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        empty = not self.search_edit.text()
        ctrl = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._move(key)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        if key == Qt.Key.Key_Space and (empty or ctrl):
            self.toggle_current()
            return True
        if empty and not ctrl and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return self.pick_recent(key - Qt.Key.Key_0)
        return False

    def on_search_edit_text_changed(self, _text: str) -> None:
        self.error_label.hide()
        self._rebuild()

    # -- internals -----------------------------------------------------------------------------
    def _load_tags(self) -> None:
        self._tags: list[Tag] = self.project.tags()
        self._by_id = {t.id: t for t in self._tags}
        self._paths = tag_paths(self._tags)
        self._recent = [i for i in dict.fromkeys(self._recent_request) if i in self._by_id][:MAX_RECENT]


    def _rebuild(self) -> None:
        text = self.search_edit.text().strip()
        self.list.clear()
        if not text:
            recent = [self._by_id[i] for i in self._recent]
            for number, tag in enumerate(recent, start=1):
                self._add_tag_row(tag, number=number)
            # the ticked tags come right after the recent ones, so clearing the search never hides them
            shown = set(self._recent)
            ticked = [self._by_id[i] for i in self._checked if i in self._by_id and i not in shown]
            shown.update(t.id for t in ticked)
            first_other = True
            for tag in [*ticked, *(t for t in self._tags if t.id not in shown)]:
                self._add_tag_row(tag, separator=bool(recent) and first_other)
                first_other = False
        else:
            recent_rank = {tag_id: n for n, tag_id in enumerate(self._recent)}
            ordered = sorted(self._tags, key=lambda t: recent_rank.get(t.id, MAX_RECENT))  # stable: codebook order
            for tag in tag_search.rank(text, ordered, name_of=lambda t: t.name, path_of=lambda t: self._paths[t.id]):
                self._add_tag_row(tag)
            if not self._names_match(text):
                item = QListWidgetItem(f"Create tag “{text}”")
                item.setData(KIND_ROLE, CREATE_ROW)
                item.setData(NAME_ROLE, f"+  Create tag “{text}”")
                item.setData(SEPARATOR_ROLE, self.list.count() > 0)
                self.list.addItem(item)
        if self.list.count() and (text or self._recent or self._checked):
            self.list.setCurrentRow(0)  # a search hit, recent tag 1, or a tag already ticked
        else:  # nothing preselected until typing, so Enter never applies a top-level frame by accident
            self.list.setCurrentRow(-1)
        rows = max(1, min(self.list.count(), VISIBLE_ROWS))
        row_height = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height() + 8
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth())
        self.adjustSize()

    def _add_tag_row(self, tag: Tag, *, number: int | None = None, separator: bool = False) -> None:
        path = self._paths[tag.id]
        parent_path = path[: -len(tag.name) - 1] if tag.parent_id is not None else ""
        label = f"{number}  {tag.name}" if number else tag.name
        item = QListWidgetItem(label)
        item.setToolTip(plain(path + (f"\n{tag.description}" if tag.description else "")))
        item.setData(KIND_ROLE, TAG_ROW)
        item.setData(TAG_ID_ROLE, tag.id)
        item.setData(NAME_ROLE, tag.name)
        item.setData(PARENT_PATH_ROLE, parent_path)
        item.setData(COLOR_ROLE, tag.color)
        item.setData(NUMBER_ROLE, number or 0)
        item.setData(CHECKED_ROLE, tag.id in self._checked)
        item.setData(SEPARATOR_ROLE, separator)
        self.list.addItem(item)

    def _names_match(self, text: str) -> bool:
        """True when the typed text already names a tag (by name, or by full path if it contains "/")."""
        wanted = "/".join(p.strip() for p in text.split("/")).casefold()
        if "/" in text:
            return any(path.casefold() == wanted for path in self._paths.values())
        return any(" ".join(t.name.split()).casefold() == " ".join(wanted.split()) for t in self._tags)

    def _create_typed_tag(self) -> Tag | None:
        """Create the tag the search box names ("Parent/Name" creates it under Parent, and Parent if it is
        missing: the store's rule, the same as the command line's); show errors."""
        path = self.search_edit.text().strip()
        result = self.session.run(lambda: self.project.add_tag_path(path), initiator=self,
                                  on_error=self._show_error)
        return None if result is None else value_of(result)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.adjustSize()

    def _select_tag_row(self, tag_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(TAG_ID_ROLE) == tag_id:
                self.list.setCurrentRow(i)
                return

    def _move(self, key: int) -> None:
        count = self.list.count()
        if not count:
            return
        row = self.list.currentRow()
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -VISIBLE_ROWS,
                Qt.Key.Key_PageDown: VISIBLE_ROWS}[key]
        if row < 0:
            row = 0
        elif abs(step) == 1:
            row = (row + step) % count  # wrap around at the ends
        else:
            row = max(0, min(count - 1, row + step))
        self.list.setCurrentRow(row)

    def _finish(self, tag_ids: list[int]) -> None:
        if self._done:
            return
        self._done = True
        self.tags_chosen.emit(list(dict.fromkeys(tag_ids)))
        self.close()
