"""The GUI import shows a news-database download split into its articles before anything is stored."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from newsdb_files import factiva_tagged_lines, rtf, stories  # noqa: E402
from test_import_dialog import Scripted, window  # noqa: E402,F401 - the scripted controller and its window


def test_review_shows_one_row_per_article_before_storing(project, window, tmp_path):  # noqa: F811 - fixture
    items = stories(3, missing_date_at=1)
    path = tmp_path / "factiva.rtf"
    path.write_bytes(rtf(factiva_tagged_lines(items), table=True))
    seen = {}

    def review(dialog):
        seen["rows"] = [(dialog.table.item(r, 0).text(), dialog.value(r, "title"), dialog.value(r, "outlet"),
                         dialog.value(r, "published")) for r in range(dialog.row_count())]
        seen["stored_while_reviewing"] = len(project.documents())
        assert "no publication date" in dialog.table.item(1, 6).text()
        dialog.set_value(1, "published", "2024-01-05")
        dialog.set_included(2, False)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    Scripted(project, window, review=review).import_files([path])
    assert seen["stored_while_reviewing"] == 0
    assert seen["rows"] == [(f"factiva.rtf [{i + 1}/3]", s.title, s.outlet, s.published or "")
                            for i, s in enumerate(items)]
    documents = sorted(project.documents(), key=lambda d: d.source_name)
    assert [(d.title, d.published) for d in documents] == [(items[0].title, items[0].published),
                                                          (items[1].title, "2024-01-05")]
    assert project.undo_label() == "Import 2 documents"
