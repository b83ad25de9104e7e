"""The diff colours: pygments token types and style shared by the diff view (``core.html.diff``) and the report.

Two-tier colouring: a sentence that contains a change gets a pale tint (``Changed``), and the
changed words themselves a strong one (``Generic.Inserted`` / ``Generic.Deleted``). Unchanged text
is ``Text``.
"""
from __future__ import annotations

from pygments.formatters import HtmlFormatter
from pygments.style import Style
from pygments.token import Generic, Token

# Unchanged words inside a changed sentence (pale tint): inline view, left (old) and right (new) columns.
Changed = Token.Generic.Changed
ChangedOld = Token.Generic.Changed.Old
ChangedNew = Token.Generic.Changed.New
# A sentence paired by meaning with one stating the same thing in other words (no word diff).
Reworded = Token.Generic.Changed.Reworded


class RedNoteDiffStyle(Style):
    """Pale tints for changed sentences, strong ones for changed words."""

    name = "rednote-diff"
    background_color = "#ffffff"
    highlight_color = "#fff5cc"
    styles = {
        Token: "#1f1f1f",
        Generic.Inserted: "bg:#abf2bc #0b3d17",
        Generic.Deleted: "bg:#ffc4c8 #5c0b12",
        Changed: "bg:#fff4cf",
        ChangedOld: "bg:#fff0f1",
        ChangedNew: "bg:#eefbf0",
        Reworded: "bg:#e9f1fb",
    }


def style_css() -> str:
    """CSS for the diff views: token classes of :class:`RedNoteDiffStyle` and the layout."""
    tokens = HtmlFormatter(style=RedNoteDiffStyle).get_style_defs(".rednote-diff, .rednote-sbs")
    layout = (
        "body { margin: 1.5em; color: #1f1f1f; background: #ffffff; }\n"
        ".rednote-diff, .rednote-sbs { font-family: Georgia, 'Noto Serif', serif; line-height: 1.5; }\n"
        ".rednote-diff { white-space: pre-wrap; }\n"
        ".rednote-sbs { border-collapse: collapse; width: 100%; table-layout: fixed; }\n"
        ".rednote-sbs td { vertical-align: top; padding: 4px 8px; white-space: pre-wrap; }\n"
        "details > summary { cursor: pointer; color: #6b6b6b; font-style: italic; }\n"
    )
    return tokens + "\n" + layout
