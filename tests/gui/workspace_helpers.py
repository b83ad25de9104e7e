"""A main window on the seeded sample project, at a given size (shared by the workspace tests)."""
from __future__ import annotations

import re
import statistics

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette

from rednote_desk import services
from rednote_desk.gui.main_window import MainWindow


def open_window(qtbot, tmp_path, width: int, height: int) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services.open_project(None), settings=settings)
    qtbot.addWidget(w)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    # the first-launch dock proportions are applied after the first paint: wait until the layout holds still
    qtbot.waitUntil(lambda: getattr(w, "_layout_checked", False), timeout=5000)
    previous = None
    for _ in range(50):
        qtbot.wait(30)
        sizes = [d.width() for d in (w.library_dock, w.codebook_dock, w.inspector_dock)]
        if sizes == previous:
            break
        previous = sizes
    return w


def settle_layout(qtbot, w: MainWindow) -> None:
    """Wait until the columns' widths and the side panels hold still, as they have by the time a person clicks:
    a column opened or closed is decided on at the next turn, and the layout looks again once it is still."""
    previous = None
    for _ in range(40):
        qtbot.wait(30)
        state = [c.width() for c in w.reading.columns] + [
            d.isVisible() for d in (w.library_dock, w.codebook_dock, w.inspector_dock)]
        if state == previous:
            return
        previous = state


def close_window(w: MainWindow) -> None:
    project = w.project
    w.close()
    project.close()


def median_chars_per_line(view) -> float:
    """The median number of characters on a full (wrapped, not last) line of a reading view."""
    lengths = []
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]  # full lines only
        block = block.next()
    return statistics.median(lengths)


STYLE = re.compile(r"style=['\"]([^'\"]*)['\"]")
COLOR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})")


def dark_palette() -> QPalette:
    p = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#2b2b2b"),
                        (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.Button, "#353535"),
                        (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#2f65ca"),
                        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#353535"),
                        (QPalette.ColorRole.ToolTipText, "#e8e8e8"), (QPalette.ColorRole.PlaceholderText, "#a0a0a0")):
        p.setColor(role, QColor(color))
    return p
