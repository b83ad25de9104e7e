"""The import review singles out a page that gave too little text: red in the table, spelled out above the
preview with the likely cause and what to do (issue 14)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from news_pages import js_shell_page, plain_article_page  # noqa: E402

from rednote_desk.core.ingest import from_bytes  # noqa: E402
from rednote_desk.gui.import_review import WARNINGS_COLUMN, ImportReviewDialog  # noqa: E402


def test_short_text_warning_is_shown_for_its_row_only(qtbot):
    pages = [plain_article_page(), js_shell_page()]
    items = [from_bytes(page.markup.encode(), name=page.name) for page in pages]
    dialog = ImportReviewDialog(items)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.setCurrentCell(0, 1)
    assert not dialog.preview_warning.isVisible()
    assert not dialog.table.item(0, WARNINGS_COLUMN).text().startswith("⚠")
    dialog.table.setCurrentCell(1, 1)
    assert dialog.preview_warning.isVisible()
    text = dialog.preview_warning.text()
    assert "very little text" in text and "JavaScript" in text and "Paste article" in text
    cell = dialog.table.item(1, WARNINGS_COLUMN)
    assert cell.text().startswith("⚠ very little text") and cell.foreground().color().name() == dialog.warning_color
    assert dialog.choices()[1].imported.text.startswith("The former customs house")  # still importable
