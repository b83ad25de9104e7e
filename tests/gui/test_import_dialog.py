"""The GUI import path: parse off-thread -> review -> store; pasted text; dropped files."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QDialog, QWidget

from rednote_desk.core import ingest
from rednote_desk.gui.import_dialog import (
    ImportController,
    ImportReviewDialog,
    PasteTextDialog,
    files_from_mime,
    parse_files,
)

GOOD_TXT = (
    "Storm closes port\nBy Jane Doe\nPublished 2025-03-04\n\n"
    "The port closed on Monday after the storm 🚢.\nOfficials said 𝓞𝓹𝓮𝓻𝓪 night was cancelled.\n\n"
    "Share this article on Facebook\nCopyright © 2025 Coast News. All rights reserved.\n"
)
PAGE_HTML = (
    "<html><head><title>Harbour reopens | Coast Times</title><meta name='author' content='Sam Lee'>"
    "<meta property='og:site_name' content='Coast Times'></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Harbour reopens</h1><p>The harbour reopened on Friday after three days of repairs, "
    "officials said.</p><p>Ships queued outside the breakwater for most of the morning as pilots guided them "
    "in one by one.</p><p>The port authority expects normal traffic by the weekend.</p></article>"
    "<footer>© Coast Times</footer></body></html>"
)


@pytest.fixture
def files(tmp_path) -> list[Path]:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TXT, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(PAGE_HTML, encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return [good, binary, page]


class Scripted(ImportController):
    """A controller whose modal steps are scripted: review(dialog) / paste(dialog) return accept or not."""

    def __init__(self, project, window, *, review=None, paste=None):
        super().__init__(project, window)
        self.review, self.paste = review, paste
        self.summaries: list[tuple[str, str]] = []
        self.dialogs: list[QDialog] = []
        self.ids: list[list[int]] = []
        self.changes = []
        self.imported.connect(self.ids.append)
        self.changed.connect(self.changes.append)

    def exec_review(self, dialog: ImportReviewDialog) -> bool:
        self.dialogs.append(dialog)
        return self.review(dialog)

    def exec_paste(self, dialog: PasteTextDialog) -> bool:
        self.dialogs.append(dialog)
        return self.paste(dialog)

    def show_summary(self, title: str, text: str) -> None:
        self.summaries.append((title, text))


@pytest.fixture
def window(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def row_of(dialog: ImportReviewDialog, name: str) -> int:
    names = [dialog.table.item(row, 0).text() for row in range(dialog.row_count())]
    return names.index(name)


def accept(dialog: QDialog) -> bool:
    dialog.accept()
    return dialog.result() == QDialog.DialogCode.Accepted


def test_import_three_files_stores_two_with_edited_title_and_reports_the_binary(project, window, files):
    def review(dialog):
        assert dialog.row_count() == 2
        failures = [dialog.failures_list.item(i).text() for i in range(dialog.failures_list.count())]
        assert len(failures) == 1 and failures[0].startswith("photo.txt — ")
        good = row_of(dialog, "good.txt")
        assert dialog.value(good, "author") == "Jane Doe" and dialog.value(good, "published") == "2025-03-04"
        dialog.set_value(row_of(dialog, "page.html"), "title", "Harbour reopens after repairs")
        return accept(dialog)

    controller = Scripted(project, window, review=review)
    controller.import_files(files)

    documents = {d.source_name: d for d in project.documents()}
    assert set(documents) == {"good.txt", "page.html"}
    assert documents["page.html"].title == "Harbour reopens after repairs"
    assert documents["good.txt"].title == "Storm closes port" and documents["good.txt"].author == "Jane Doe"
    assert documents["good.txt"].text == GOOD_TXT  # untrimmed by default
    assert len(controller.summaries) == 1 and "photo.txt" in controller.summaries[0][1]
    assert sorted(controller.ids[0]) == sorted(d.id for d in documents.values())
    assert controller.changes[0].tables == {"documents"}
    assert controller.changes[0].document_ids == {d.id for d in documents.values()}
    assert project.undo_label() == "Import 2 documents"  # one undo step for the whole batch
    project.undo()
    assert project.documents() == [] and project.undo_label() is None
    project.redo()
    assert {d.source_name for d in project.documents()} == {"good.txt", "page.html"}


def test_trimming_one_row_removes_its_boilerplate_only(project, window, files):
    def review(dialog):
        row = row_of(dialog, "good.txt")
        assert dialog.table.item(row, 5).text().startswith("2 blocks")
        dialog.set_trim(row, True)
        return accept(dialog)

    Scripted(project, window, review=review).import_files([files[0], files[2]])
    documents = {d.source_name: d for d in project.documents()}
    good = documents["good.txt"].text
    assert "Copyright" not in good and "Share this article" not in good
    assert "𝓞𝓹𝓮𝓻𝓪 night was cancelled." in good and good.startswith("Storm closes port")
    assert documents["page.html"].text == ingest.read_file(files[2]).text


def test_cancelling_the_review_stores_nothing(project, window, files):
    controller = Scripted(project, window, review=lambda dialog: False)
    controller.import_files(files)
    assert project.documents() == []
    assert controller.ids == [] and controller.changes == [] and controller.summaries == []
    assert len(controller.dialogs) == 1


def test_bad_date_blocks_ok_and_nothing_is_stored(project, window, files):
    outcome = {}

    def review(dialog):
        row = row_of(dialog, "good.txt")
        dialog.set_value(row, "published", "2025-13-04")
        outcome["accepted"] = accept(dialog)
        outcome["message"] = dialog.message_label.text()
        return outcome["accepted"]

    Scripted(project, window, review=review).import_files(files)
    assert outcome["accepted"] is False
    assert "Row 1 (good.txt)" in outcome["message"] or "Row 2 (good.txt)" in outcome["message"]
    assert project.documents() == []


def test_duplicates_are_reported_not_stored_again(project, window, files):
    first = Scripted(project, window, review=accept)
    first.import_files([files[0]])
    [stored] = project.documents()
    notes = {}

    def review(dialog):
        notes["warning"] = dialog.table.item(0, 6).text()
        return accept(dialog)

    again = Scripted(project, window, review=review)
    again.import_files([files[0]])
    assert len(project.documents()) == 1
    assert "already in the project" in notes["warning"]
    assert again.ids == [[stored.id]] and again.changes == []
    assert "Already in the project" in again.summaries[0][1] and "good.txt" in again.summaries[0][1]


def test_only_failures_skip_the_review(project, window, files):
    controller = Scripted(project, window, review=pytest.fail)
    controller.import_files([files[1]])
    assert controller.summaries and "photo.txt" in controller.summaries[0][1]
    assert project.documents() == []


def test_folders_are_expanded(project, window, files, tmp_path):
    controller = Scripted(project, window, review=accept)
    controller.import_files([tmp_path])
    assert {d.source_name for d in project.documents()} == {"good.txt", "page.html"}


def test_parse_files_reports_progress_and_stops_when_cancelled(files):
    reports = []
    parsed = parse_files(files, lambda done, total, text: reports.append((done, total, text)), lambda: False)
    assert [item.source_name for item in parsed.items] == ["good.txt", "page.html"]
    assert [name for name, _ in parsed.failures] == ["photo.txt"]
    assert reports[0] == (0, 3, "Reading 1 of 3: good.txt") and reports[-1][:2] == (3, 3)
    calls = iter([False, True])
    stopped = parse_files(files, lambda *a: None, lambda: next(calls, True))
    assert [item.source_name for item in stopped.items] == ["good.txt"]


def test_files_from_mime_keeps_local_supported_files_and_expands_folders(tmp_path, files):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "b.md").write_text("# B\n\ntext\n", encoding="utf-8")
    (folder / "skip.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    mime = QMimeData()
    mime.setUrls([
        QUrl.fromLocalFile(str(files[0])),
        QUrl.fromLocalFile(str(tmp_path / "notes.pdf")),
        QUrl("https://example.com/story.html"),
        QUrl.fromLocalFile(str(folder)),
        QUrl.fromLocalFile(str(files[0])),
    ])
    assert files_from_mime(mime) == [files[0], folder / "b.md"]
    text_only = QMimeData()
    text_only.setText("just text")
    assert files_from_mime(text_only) == []


def test_paste_prefills_metadata_keeps_typed_fields_and_trims(project, window, qtbot):
    def paste(dialog):
        qtbot.keyClicks(dialog.fields["outlet"], "Coast News")
        dialog.text_edit.setPlainText(GOOD_TXT)
        qtbot.waitUntil(lambda: dialog.fields["title"].text() == "Storm closes port", timeout=2000)
        assert dialog.fields["author"].text() == "Jane Doe"
        assert dialog.fields["published"].text() == "2025-03-04"
        assert dialog.fields["outlet"].text() == "Coast News"
        assert dialog.trim_check.isEnabled() and not dialog.trim_check.isChecked()
        dialog.trim_check.setChecked(True)
        return accept(dialog)

    controller = Scripted(project, window, paste=paste)
    controller.import_pasted_text()
    [document] = project.documents()
    assert (document.title, document.author, document.outlet, document.published) == (
        "Storm closes port", "Jane Doe", "Coast News", "2025-03-04")
    assert document.source_format == "paste" and "Copyright" not in document.text
    assert controller.ids == [[document.id]] and controller.summaries == []
    assert project.undo_label() == "Import “Storm closes port”"  # a single document keeps its own label
    assert controller.changes[0].document_ids == {document.id}


def test_paste_refuses_empty_text_and_bad_date(qtbot):
    dialog = PasteTextDialog()
    qtbot.addWidget(dialog)
    assert not accept(dialog) and "Paste some text" in dialog.message_label.text()
    dialog.text_edit.setPlainText("Some words 🚢 here.\n")
    qtbot.keyClicks(dialog.fields["published"], "4 March")
    assert not accept(dialog) and "4 March" in dialog.message_label.text()
