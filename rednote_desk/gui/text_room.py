"""The texts keep readable lines: side panels fold to the strip when the columns would be too narrow beside them.

A column is readable when its text is at least READABLE_CHARS average characters wide (45, the measure of a
narrow newspaper column). When a column is opened or the window narrowed so that the columns would fall below
that beside the docked side panels, the panels of the left dock area fold into the strip of their names (then
those on the right, if the texts still need it); when a column is closed or the window widened so that there
is room again, the panels folded this way come back. Only the three panels of the strip fold: one the person
opened for a task (search results, coded passages) stays where it is. So at 1,280 × 800 two columns sit beside
the panels and a third folds them; at 1,600 × 1,000 a third folds Library and Codebook and keeps the Annotation
panel.

The person's choice wins: a panel brought back while the columns are narrow stays (also after a relaunch) until
a column is closed; one more column than that folds again. Panels folded for the texts at a close are still
known as such after a relaunch, so they come back when there is room. The decision is arithmetic on the current
widths (no trial layout), checked by the workspace tests against the characters really laid out on each line.

Columns opened and closed in one go (three closed and three opened for a comparison) are decided on once, for
the columns there are at the end: the decision is a high-priority posted event, so it comes at the start of the
next turn of the event loop, before the layout and paint of what changed (no panel shown at two columns only to
be folded again at the third).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle

from rednote_desk.gui.reading_area import LinkMap
from rednote_desk.gui.window_layout import MIN_PANEL_WIDTH, WIDE, left_width

READABLE_CHARS = 45
AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)  # folded in this order
FOLDED_KEY = "side_panels/folded_for_texts"  # "name=width" of each panel folded for the texts at the last close
KEPT_KEY = "side_panels/kept_beside_columns"  # the person brought them back with this many columns open
COLUMNS_SETTLED = QEvent.Type(QEvent.registerEventType())  # the turn's column changes are done: decide


def docked_in(window: QMainWindow, area) -> list[QDockWidget]:
    return [d for d in window.findChildren(QDockWidget) if d.parent() is window and d.isVisible()
            and not d.isFloating() and window.dockWidgetArea(d) == area]


class TextRoom(QObject):
    def __init__(self, window: QMainWindow, side_panels):
        super().__init__(window)
        self.window = window
        self.side_panels = side_panels
        self._ready = False
        self._columns = 0
        self._chrome = 0  # the tab page's frame around the reading area
        self._widths: dict[QDockWidget, int] = {}  # each folded panel's dock area width when folded
        self._kept_for = 0
        self._armed = False  # an occasion to look (a column opened or closed, the window resized) is pending
        self._posted = False  # a COLUMNS_SETTLED event is on its way
        self._fewest: int | None = None  # the fewest columns open since the last decision (a close in between)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(40)  # once the layout holds still (docks placed, a new column laid out)
        self._timer.timeout.connect(self._settled)
        side_panels.user_unfolded = self.on_user_unfolded
        window.reading.columns_changed.connect(self.columns_changed)  # decided before the next layout
        window.installEventFilter(self)
        window.centralWidget().installEventFilter(self)

    def occasion(self) -> None:
        """Look again once the layout holds still (after the first layout, a resize). Only these occasions and a
        column opened or closed fold or unfold panels: a panel the person opens (the search results, say) makes
        the texts narrower, and that is their choice."""
        self._armed = True
        self._timer.start()

    def columns_changed(self) -> None:
        """A column was opened or closed: decide once this turn's changes are done, before they are laid out."""
        n = len(self.window.reading.columns)
        self._fewest = n if self._fewest is None else min(self._fewest, n)
        if not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self, QEvent(COLUMNS_SETTLED), Qt.EventPriority.HighEventPriority.value)

    def event(self, event):  # noqa: D102 - Qt override
        if event.type() == COLUMNS_SETTLED:
            self._posted = False
            self.evaluate()
            return True
        return super().event(event)

    def _settled(self) -> None:
        if self._armed:
            self._armed = False
            self.evaluate()

    # -- the widths -----------------------------------------------------------------------------
    def needed(self) -> float:
        """The text width one column needs for READABLE_CHARS average characters."""
        view = self.window.reading.columns[0].view
        return READABLE_CHARS * view.fontMetrics().averageCharWidth()

    def text_width(self, extra: int = 0) -> float:
        """Each column's text width if the reading area were `extra` px wider than now."""
        reading = self.window.reading
        columns = reading.columns
        if reading.isVisible():
            self._chrome = self.window.centralWidget().width() - reading.width()
        width = self.window.centralWidget().width() - self._chrome + extra
        n = len(columns)
        width -= (n - 1) * (LinkMap.WIDTH + 2 * reading.splitter.handleWidth())
        laid_out = [c for c in columns if c.view.viewport().width() > 50 and c.width() > 50]
        if laid_out:
            view = laid_out[0].view
            overhead = laid_out[0].width() - view.viewport().width() + 2 * view.document().documentMargin()
        else:
            overhead = 60
        return width / n - overhead

    def _separator(self) -> int:
        return self.window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self.window)

    def _area_width(self, area) -> int:
        docks = docked_in(self.window, area)
        return max(d.width() for d in docks) + self._separator() if docks else 0

    def _strip_width(self) -> int:
        strip = self.side_panels.strip
        return 0 if strip.isVisible() else strip.sizeHint().width()

    # -- the decision ---------------------------------------------------------------------------
    def layout_ready(self, restored: bool) -> None:
        """The first layout is made (or the last session's restored): from now on the texts are looked after."""
        settings = self.window.settings
        self._kept_for = int(settings.value(KEPT_KEY, 0) or 0)
        saved = settings.value(FOLDED_KEY) or []
        widths = dict(item.rpartition("=")[::2] for item in ([saved] if isinstance(saved, str) else saved))
        folded = [d for d in self.side_panels.panels if d.objectName() in widths and d.isHidden()]
        for dock in folded:  # a hidden panel's own width after a restore says nothing
            width = widths[dock.objectName()]
            self._widths[dock] = int(width) if width.isdigit() else max(MIN_PANEL_WIDTH, dock.width())
        if not restored:  # a first layout: nothing of the last session's choices applies to it
            folded, self._kept_for = [], 0
        if folded:  # folded for the texts when the app was closed: they come back when there is room
            self.side_panels.fold(folded)
        self._columns = len(self.window.reading.columns)
        self._fewest = None  # the columns shown before this layout were no choice of the person's
        self._ready = True
        self.occasion()  # once the first layout's dock sizes are applied

    def evaluate(self) -> None:
        window = self.window
        if not self._ready or not window.isVisible() or window.isMinimized():
            return
        n = len(window.reading.columns)
        fewest = n if self._fewest is None else min(n, self._fewest)
        self._fewest = None
        if fewest < self._columns and fewest < self._kept_for:
            self._kept_for = 0  # a column closed: the panels fold again for the texts when needed
        self._columns = n
        if n == 0:
            return
        need = self.needed()
        if self._unfold(need):
            return
        if n <= self._kept_for or self.text_width() >= need:
            return
        extra = 0
        for area in AREAS:
            if self.text_width(extra) >= need:
                break
            docks = [d for d in docked_in(window, area) if d in self.side_panels.panels]  # not one opened for a task
            if not docks:
                continue
            width = self._area_width(area)
            if not self.side_panels.fold(docks):  # the person has hidden panels: nothing folds for the texts
                break
            extra += width - self._strip_width()
            for dock in docks:
                self._widths[dock] = width
        if extra:
            window.statusBar().showMessage(
                f"Side panels folded to give {n} columns room to read: click a name on the left edge, or press "
                "Ctrl+Shift+H, to bring them back.", 8000)

    def _unfold(self, need: float) -> bool:
        """Bring back the panels folded for the texts, dock area by dock area (the right-hand one first, the
        reverse of folding), as long as the columns keep their READABLE_CHARS beside them."""
        folded = [d for d in self.side_panels.folded_for_texts() if d.isHidden()]
        back: list[QDockWidget] = []
        extra = 0
        for area in reversed(AREAS):
            docks = [d for d in folded if self._area_of(d) == area]
            if not docks:
                continue
            width = max(self._widths.get(d, d.width() + self._separator()) for d in docks)
            if area == Qt.DockWidgetArea.LeftDockWidgetArea and self.window.width() < WIDE:
                width = min(width, left_width(self.window.width()) + 10)  # WidthAdapter keeps it to a fifth
            hidden_after = {d for d in self.side_panels.panels if d.isHidden()} - set(back + docks)
            strip = 0 if hidden_after else self.side_panels.strip.width()
            if self.text_width(extra - width + strip) < need:
                break
            extra += strip - width
            back += docks
        if back:
            for dock in back:
                self._widths.pop(dock, None)
            self.side_panels.unfold_for_texts(back)
        return bool(back)

    def _area_of(self, dock: QDockWidget):
        return self.window.dockWidgetArea(dock)

    def on_user_unfolded(self) -> None:
        """The person brought a folded panel back while the texts were narrow: keep it so for this many columns."""
        self._kept_for = len(self.window.reading.columns)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and self._armed and obj is self.window.centralWidget():
            self._timer.start()  # still settling
        elif obj is self.window and event.type() == QEvent.Type.Close and self._ready:
            settings = self.window.settings
            folded = [f"{d.objectName()}={self._widths.get(d, d.width())}"
                      for d in self.side_panels.folded_for_texts() if d.isHidden()]
            if folded:
                settings.setValue(FOLDED_KEY, folded)
            else:
                settings.remove(FOLDED_KEY)
            settings.setValue(KEPT_KEY, self._kept_for)
        return False
