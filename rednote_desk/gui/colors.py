"""Small colour helpers shared by the GUI: tag swatches and readable text on a coloured background."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

FALLBACK_COLOR = "#999999"
# one colour for everything that says "linked as the same claim": the curves between columns and the corner
# marker of a linked highlight (blue: the active column's border is red); 3:1 on white and on a dark base
LINK_COLOR = "#3b82f6"


def qcolor(color: str | None) -> QColor:
    """A QColor for ``#RRGGBB``; grey when the text is not a valid colour."""
    result = QColor(color or "")
    return result if result.isValid() else QColor(FALLBACK_COLOR)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a colour, 0 (black) to 1 (white)."""
    c = qcolor(color)

    def channel(value: int) -> float:
        s = value / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = relative_luminance(first), relative_luminance(second)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def readable_text_color(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``."""
    return "#000000" if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#ffffff") else "#ffffff"


def paint_swatch(painter: QPainter, rect: QRectF, color: str) -> None:
    """A rounded square of ``color`` with a thin darker outline (so pale colours stay visible)."""
    fill = qcolor(color)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(fill.darker(160), 1))
    painter.setBrush(fill)
    radius = max(1.0, rect.height() / 5)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    painter.restore()


@lru_cache(maxsize=512)
def swatch_icon(color: str, size: int = 12) -> QIcon:
    """An icon showing a colour swatch, crisp at 1x and 2x."""
    icon = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_swatch(painter, QRectF(0, 0, size, size), color)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def dim_text_color(palette) -> str:
    """A quieter text colour for secondary lines that still meets WCAG AA (4.5:1) on the palette's window
    colour, light or dark."""
    return dim_on(palette.windowText().color(), palette.window().color())


def dim_on(text: QColor, background: QColor) -> str:
    """``text`` moved towards ``background`` as far as WCAG AA (4.5:1) allows."""
    for share in (0.4, 0.3, 0.2, 0.1, 0.0):
        mixed = blend(background, text, share)
        if contrast_ratio(mixed.name(), background.name()) >= 4.5:
            return mixed.name()
    return text.name()


def blend(front: QColor, back: QColor, alpha: float) -> QColor:
    """``front`` painted with opacity ``alpha`` over ``back``, as an opaque colour."""
    return QColor(round(front.red() * alpha + back.red() * (1 - alpha)),
                  round(front.green() * alpha + back.green() * (1 - alpha)),
                  round(front.blue() * alpha + back.blue() * (1 - alpha)))


def alert_text_color(palette) -> str:
    """Red for warnings in text, readable (AA) on the palette's window colour."""
    return alert_on(palette.windowText().color(), palette.window().color())


def alert_on(text: QColor, background: QColor) -> str:
    """Red for warnings in text, readable (AA) on ``background`` (``text`` when no red is)."""
    for color in ("#b00020", "#ff8a80"):
        if contrast_ratio(color, background.name()) >= 4.5:
            return color
    return text.name()


def view_inks(widget) -> tuple[str, str, str]:
    """(text, dim, alert) colours for rich text shown on a view's base (a text browser, a list): each meets
    WCAG AA on that base in a light or a dark palette."""
    palette = widget.palette()
    text, base = palette.text().color(), palette.base().color()
    return text.name(), dim_on(text, base), alert_on(text, base)


PAPER = "#ffffff"
INK = "#1f1f1f"


def paper_palette(widget) -> None:
    """Give a view of a light HTML page (the diff, whose tints are made for white paper) a white base and dark
    text whatever the system palette, so a dark theme does not put pale boxes on black or dark text on dark."""
    from PySide6.QtGui import QPalette

    palette = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        palette.setColor(group, QPalette.ColorRole.Base, QColor(PAPER))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(INK))
    widget.setPalette(palette)
