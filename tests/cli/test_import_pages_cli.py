"""`rednote-desk import` on saved news pages: a page with too little text is imported with a clear warning;
cleaned titles, authors and outlets are what gets stored (issue 14)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from cli_helpers import run_main  # noqa: E402
from news_pages import js_shell_page, title_suffix_page  # noqa: E402


def test_short_page_warns_on_the_cli_and_is_still_imported(tmp_path, capsys):
    page = js_shell_page()
    path = tmp_path / page.name
    path.write_text(page.markup, encoding="utf-8")
    result = run_main(capsys, "--db", str(tmp_path / "p.sqlite"), "import", str(path))
    assert result.code == 0
    assert result.out.split("\t")[1].strip() == page.title
    warning = next(line for line in result.err.splitlines() if "very little text" in line)
    assert warning.startswith(f"rednote-desk: warning: {path}: very little text: only 127 characters")
    assert "JavaScript" in warning and "Paste article" in warning


def test_clean_metadata_is_stored(tmp_path, capsys):
    from rednote_desk.store.project import Project

    page = title_suffix_page()
    path = tmp_path / page.name
    path.write_text(page.markup, encoding="utf-8")
    db = tmp_path / "p.sqlite"
    result = run_main(capsys, "--db", str(db), "import", str(path))
    assert result.code == 0 and "very little text" not in result.err
    project = Project.open(db)
    try:
        document = project.document(int(result.out.split("\t")[0]))
        assert (document.title, document.author, document.outlet, document.published) == (
            "Berlin confronts its colonial past with new initiative", "staff", "Deutsche Welle", "2020-01-19")
    finally:
        project.close()
