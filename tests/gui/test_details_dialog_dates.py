"""The document details dialog checks the published date with the store's rule (issue 9: it used to store
"2025-W05-4" and "20250130", which Python's date.fromisoformat accepts but the CLI refused)."""
from __future__ import annotations

import pytest

from rednote_desk.gui.dialogs import DocumentDetailsDialog


@pytest.fixture
def dialog(qtbot, project):
    project.add_document(title="T", text="Some text.", text_sha256="t")
    [document] = project.documents()  # (not the return value: its shape changed, and this also runs on older code)
    widget = DocumentDetailsDialog(document)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("value", ["2025-W05-4", "20250130", "2025-02-30", "30.01.2025"])
def test_the_dialog_refuses_what_the_store_refuses(dialog, value):
    dialog.edits["published"].setText(value)
    assert "YYYY-MM-DD" in dialog.problem()
    dialog.accept()
    assert dialog.result() == 0 and value in dialog.error.text()


@pytest.mark.parametrize("value", ["", "2025-01-30", "2024-02-29"])
def test_the_dialog_accepts_an_iso_day_or_nothing(dialog, value):
    dialog.edits["published"].setText(value)
    assert dialog.problem() is None
