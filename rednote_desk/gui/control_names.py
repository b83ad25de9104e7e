"""Hand-written accessible names and descriptions for the main controls: what a screen reader says when the
control gets focus. Names are short (what it is), descriptions say what it does and the keys it answers to.

They are set before the generated names of gui.accessibility, which then only fill in what is left (controls
of dialogs, views made later). The comparison views are built on first use: their names are set when the
view is first polished.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

# (attribute path from the main window, name, description)
MAIN_WINDOW = (
    ("library.filter", "Filter documents",
     "Shows only the documents whose outlet, title or date contains the typed text"),
    ("library.table", "Documents",
     "The project's documents: outlet, title, date and number of annotations. Enter opens the selected "
     "document in the reading area, Ctrl+Enter in a new column"),
    ("codebook.filter_edit", "Filter codes", "Shows only the codes whose name contains the typed text"),
    ("codebook.tree", "Codebook",
     "The codes with their colours and how often each is used. Enter or double-click applies the selected "
     "code to the text selected in the reading area"),
    ("codebook.more_button", "More code actions", "Rename, colour, describe, merge or delete the selected code"),
    ("tabs.tabBar()", "Views", "Read and annotate, compare outlets, or the text diff of two documents (Ctrl+1, 2, 3)"),
    ("inspector.note", "Note of the selected annotation",
     "Saved as you type. Esc returns to the text, Tab moves on to the buttons"),
    ("inspector.edit_tags", "Edit the tags of the selected annotation", "Opens the tag chooser (T in the text)"),
    ("inspector.rename_claim", "Rename the claim", "Renames the claim the selected annotation is linked to"),
    ("inspector.unlink", "Unlink from the claim", "The annotation stays; it no longer states the claim"),
    ("inspector.delete", "Delete the selected annotation", "Can be undone with Ctrl+Z (Delete in the text)"),
    ("find_bar.edit", "Find in open documents",
     "Enter finds the next match, Shift+Enter the previous one, Esc returns to the text"),
    ("coders.status_button", "Coder",
     "The coder stamped on every new annotation; press to change who is coding"),
)

COMPARE_VIEW = (
    ("documents_button", "Documents to compare", "Choose which of the project's documents are compared"),
    ("filter_combo", "Which claims",
     "All claims, or only disagreements, claims with omissions, suggested or confirmed claims"),
    ("tag_combo", "Claims with the code", "Shows only claims whose passages carry this code"),
    ("search_edit", "Filter claims", "Shows only claims whose name or wording contains the typed text"),
    ("table", "Claims matrix",
     "One row per claim, one column per outlet with its amount and wording. A click on a cell shows the "
     "passage in the reading view"),
    ("refresh_button", "Compare again", "Recomputes the comparison of the chosen documents"),
    ("export_button", "Export the claims matrix as CSV", ""),
)

DIFF_VIEW = (
    ("combo_a", "Text A", "The document on the left of the diff"),
    ("combo_b", "Text B", "The document on the right of the diff"),
    ("swap_button", "Swap A and B", ""),
    ("side_button", "Side by side", "Shows the two texts in two columns"),
    ("inline_button", "Inline", "Shows the two texts in one column, changes marked"),
    ("prev_button", "Previous change", "Alt+Up or Shift+F7"),
    ("next_button", "Next change", "Alt+Down or F7"),
)

BY_CLASS = {"CompareView": COMPARE_VIEW, "DiffView": DIFF_VIEW}


def _resolve(root, path: str):
    target = root
    for part in path.split("."):
        target = getattr(target, part.removesuffix("()"), None)
        if target is None:
            return None
        if part.endswith("()"):
            target = target()
    return target


def name_controls(root, controls) -> int:
    """Set the hand-written names and descriptions of ``controls`` under ``root``; returns how many were set
    (a control the build does not have is skipped)."""
    named = 0
    for path, name, description in controls:
        widget = _resolve(root, path)
        if isinstance(widget, QWidget):
            widget.setAccessibleName(name)
            if description:
                widget.setAccessibleDescription(description)
            named += 1
    return named


def name_main_controls(window) -> int:
    return name_controls(window, MAIN_WINDOW)


def name_view(widget: QWidget) -> bool:
    """Name a comparison view's controls if ``widget`` is one; True if it was."""
    controls = BY_CLASS.get(type(widget).__name__)
    if controls is None:
        return False
    name_controls(widget, controls)
    return True
