"""`rednote-desk import` on news-database downloads: one document per article, one undo step; a file that is
not a download is refused with one clear line and nothing is imported (issue 12, item 5)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from cli_helpers import run_main  # noqa: E402
from newsdb_files import docx_bytes, factiva_lines, nexis_uni_docx, rtf, stories  # noqa: E402


def _documents(db):
    from rednote_desk.store.project import Project

    project = Project.open(db)
    try:
        return project.documents(), project.undo_label()
    finally:
        project.close()


def test_fifty_article_download_becomes_fifty_documents(tmp_path, capsys):
    items = stories(50, missing_date_at=7)
    path = tmp_path / "Files (50).docx"
    path.write_bytes(nexis_uni_docx(items))
    db = tmp_path / "p.sqlite"
    result = run_main(capsys, "--db", str(db), "import", str(path))
    assert result.code == 0, result.err
    assert [line.split("\t")[1] for line in result.out.splitlines()] == [s.title for s in items]
    assert "no publication date" in result.err and "[8/50]" in result.err
    documents, label = _documents(db)
    assert len(documents) == 50 and label == "Import 50 documents"
    first = next(d for d in documents if d.title == items[0].title)
    assert (first.outlet, first.author, first.published) == (items[0].outlet, items[0].byline, items[0].published)
    assert "Nexis Uni download" in first.note and "section: NEWS; Pg. 3" in first.note and "120 words" in first.note
    assert first.source_name == "Files (50).docx [1/50]"


def test_factiva_rtf_next_to_an_html_page(tmp_path, capsys):
    batch = tmp_path / "Factiva-20240112.rtf"
    batch.write_bytes(rtf(factiva_lines(stories(3))))
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><h1>Harbour</h1><p>The harbour reopened on Friday after repairs, "
                    "officials said.</p></article></body></html>", encoding="utf-8")
    result = run_main(capsys, "--db", str(tmp_path / "p.sqlite"), "import", str(batch), str(page))
    assert result.code == 0 and len(result.out.splitlines()) == 4


def test_a_file_that_is_not_a_download_imports_nothing(tmp_path, capsys):
    path = tmp_path / "minutes.docx"
    path.write_bytes(docx_bytes(["Minutes of the meeting", "Present: all members.", "The meeting closed at 9."]))
    db = tmp_path / "p.sqlite"
    result = run_main(capsys, "--db", str(db), "import", str(path))
    assert result.code == 1 and result.out == ""
    errors = [line for line in result.err.splitlines() if line.startswith("rednote-desk: error:")]
    assert len(errors) == 1 and "minutes.docx" in errors[0] and "not a Nexis Uni or Factiva download" in errors[0]
    assert _documents(db)[0] == []
