"""A one-line colour legend of the codes used in the open columns (swatch, name, uses), under the texts."""
from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy

from rednote_desk.gui.plain import plain

MAX_SHOWN = 12


class CodeLegend(QLabel):
    def __init__(self, reading, tags_provider, parent=None):
        """``tags_provider()`` -> (tag id -> path, tag id -> colour)."""
        super().__init__(parent)
        self.reading = reading
        self.tags_provider = tags_provider
        self.setTextFormat(Qt.TextFormat.RichText)  # names are escaped below
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setContentsMargins(6, 1, 6, 1)
        self.setAccessibleName("Codes used in the open columns")
        self.counts: Counter[int] = Counter()
        self._timer = QTimer(self, singleShot=True, interval=0)  # one recount per burst of changes
        self._timer.timeout.connect(self.refresh)
        reading.annotations_changed.connect(self._timer.start)
        reading.columns_changed.connect(self._timer.start)
        self.hide()

    def refresh(self) -> None:
        self.counts = self.reading.tags_in_use()
        paths, colors = self.tags_provider()
        shown = [(paths.get(t, "?"), colors.get(t, "#999999"), n) for t, n in self.counts.most_common()]
        if not shown:
            self.hide()
            return
        parts = []
        for path, color, n in shown[:MAX_SHOWN]:
            name = escape(path.rsplit("/", 1)[-1])
            parts.append(f"<span style='background:{escape(color)}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{name}&nbsp;{n}")
        more = f" · +{len(shown) - MAX_SHOWN} more" if len(shown) > MAX_SHOWN else ""
        self.setText("Codes: " + " &nbsp; ".join(parts) + more)
        self.setToolTip(plain("\n".join(f"{path}: {n}" for path, _c, n in shown)))  # a tooltip string: plain text
        self.show()
