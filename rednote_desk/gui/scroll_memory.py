"""Where each open column was scrolled to (the first visible character, in code points), kept in the settings
per project so the texts come back at the same place on the next launch."""
from __future__ import annotations

from PySide6.QtCore import QTimer


def save_scroll_positions(settings, key: str, reading) -> None:
    positions = ",".join(f"{c.document.id}:{c.view.visible_range()[0]}" for c in reading.columns)
    settings.setValue(f"scroll_positions/{key}", positions)


def saved_scroll_positions(settings, key: str) -> dict[int, int]:
    out = {}
    for part in str(settings.value(f"scroll_positions/{key}") or "").split(","):
        document_id, _, offset = part.partition(":")
        if document_id.strip().isdigit() and offset.strip().isdigit():
            out[int(document_id)] = int(offset)
    return out


def restore_scroll_positions(settings, key: str, reading) -> None:
    """Scroll each open column back (once its text is laid out: on the next turn of the event loop)."""
    positions = saved_scroll_positions(settings, key)

    def apply() -> None:
        synchronised, reading.sync_scrolling = reading.sync_scrolling, False  # each column to its own place
        try:
            for column in reading.columns:
                offset = positions.get(column.document.id)
                if offset and offset < len(column.view.text()):
                    column.view.scroll_offset_to_y(offset, 0)
                    column.forget_place()  # a place kept across a reflow before this is out of date
        finally:
            reading.sync_scrolling = synchronised

    if positions:
        apply()
        QTimer.singleShot(0, apply)
