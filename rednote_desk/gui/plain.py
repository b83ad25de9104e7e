"""User text shown by Qt widgets that guess whether a string is rich text (QLabel, QMessageBox, tooltips).

A title such as ``<h1>Read</h1><a href=…>Download the fix</a>`` must show as those characters, never as a
heading with a link. :func:`plain` keeps an ordinary string as it is and turns a string that Qt would take for
markup into HTML that displays exactly the original characters. Labels that show user text set
``Qt.TextFormat.PlainText`` instead (:func:`plain_label`).
"""
from __future__ import annotations

import html
import re

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

might_be_rich_text = QtGui.Qt.mightBeRichText

COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def plain(text: str | None) -> str:
    """``text`` as Qt will show it literally (for message boxes, tooltips, rich-text-guessing labels)."""
    text = text or ""
    if not might_be_rich_text(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def safe_color(value: str | None, default: str = "#999999") -> str:
    """A colour from a project file as ``#RRGGBB``, or ``default`` (a value put into CSS must be exactly that)."""
    return value if isinstance(value, str) and COLOR.fullmatch(value) else default
