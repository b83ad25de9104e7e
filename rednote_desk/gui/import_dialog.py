"""The GUI import path: files (parsed off the GUI thread, then reviewed) and pasted text, stored on the GUI thread."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from rednote_desk import services
from rednote_desk.core import ingest
from rednote_desk.core.errors import UserError
from rednote_desk.gui.import_review import ImportReviewDialog, ReviewChoice
from rednote_desk.gui.paste_dialog import PasteTextDialog
from rednote_desk.gui.plain import plain
from rednote_desk.gui.session import HANDLED_ERRORS, error_message
from rednote_desk.gui.workers import IsCancelled, Report, run_with_progress
from rednote_desk.store.project import Project
from rednote_desk.store.undo import Changes

__all__ = ["ImportController", "ImportReviewDialog", "PasteTextDialog", "ParsedFiles", "files_from_mime",
           "parse_files"]


@dataclass
class ParsedFiles:
    """What the worker read: parsed texts in input order, and (file name, one-line error) for the rest."""

    items: list = field(default_factory=list)  # list[ingest.ImportedText]
    failures: list[tuple[str, str]] = field(default_factory=list)


def parse_files(paths: Sequence[Path], report: Report, is_cancelled: IsCancelled) -> ParsedFiles:
    """Read and parse each file (services.read_files, as the command line does); a bad file is recorded and never
    stops the batch. Pure: safe off-thread."""
    parsed = ParsedFiles()
    total = len(paths)

    def progress(index: int, count: int, name: str) -> bool | None:
        if is_cancelled():
            return False
        report(index, count, f"Reading {index + 1} of {count}: {Path(name).name}")
        return None

    for item in services.read_files(paths, progress=progress):
        if item.imported is None:
            parsed.failures.append((Path(item.name).name, item.error or "could not be read"))
        else:
            parsed.items.append(item.imported)
    report(total, total, "Done")
    return parsed


def files_from_mime(mime: QMimeData) -> list[Path]:
    """Local files of a drop that RedNote Desk can import (folders expanded), without repeats, in drop order."""
    if not mime.hasUrls():
        return []
    supported = tuple(ingest.SUPPORTED_EXTENSIONS)
    out: list[Path] = []
    seen: set[Path] = set()
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        for candidate in services.iter_paths([path]):
            if candidate.suffix.lower() in supported and candidate.is_file() and candidate not in seen:
                seen.add(candidate)
                out.append(candidate)
    return out


@dataclass
class _Outcome:
    ids: list[int] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    changes: Changes | None = None  # what the import changed, one undo step


class ImportController(QObject):
    """Runs imports for a window: parse with progress, review, store; tells views what changed."""

    imported = Signal(list)  # ids of documents now in the project (new or already present)
    changed = Signal(object)  # store Changes

    def __init__(self, project: Project, parent_window: QWidget):
        super().__init__(parent_window)
        self.project = project
        self.parent_window = parent_window

    # --- hooks (tests override these instead of clicking modal dialogs) -----------------------------------------
    def exec_review(self, dialog: ImportReviewDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def exec_paste(self, dialog: PasteTextDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_summary(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent_window, title, plain(text))

    # --- files ---------------------------------------------------------------------------------------------------
    def import_files(self, paths: Sequence[str | Path]) -> None:
        """Parse the files with progress, let the user review them, store the accepted ones."""
        files = services.iter_paths(paths)
        if not files:
            return
        try:
            parsed = run_with_progress(
                self.parent_window,
                "Importing files",
                lambda report, is_cancelled: parse_files(files, report, is_cancelled),
                total=len(files),
            )
        except UserError as exc:
            self.show_summary("Import failed", str(exc))
            return
        if parsed is None:  # cancelled
            return
        if not parsed.items:
            self.show_summary("Nothing imported", _summary(_Outcome(), parsed.failures))
            return
        dialog = ImportReviewDialog(parsed.items, parsed.failures, notes=self._known_notes(parsed.items),
                                    parent=self.parent_window)
        try:
            if not self.exec_review(dialog):
                return
            choices = dialog.choices()
        finally:
            dialog.deleteLater()
        outcome = self._store(choices)
        self._finish(outcome, parsed.failures)

    def _known_notes(self, items: Sequence) -> list[str]:
        notes = []
        for imported in items:
            existing = self.project.document_by_hash(ingest.text_sha256(imported.text))
            notes.append(f"already in the project as “{existing.title}”" if existing else "")
        return notes

    def _store(self, choices: Sequence[ReviewChoice]) -> _Outcome:
        """Store the accepted texts as one undo step (the same services.store_batch as the command line)."""
        items = [services.ToStore(choice.imported.source_name, choice.imported, choice.overrides, choice.trim)
                 for choice in choices]
        try:
            stored, changes = services.store_batch(self.project, items)
        except HANDLED_ERRORS as exc:  # e.g. a read-only, locked or full project: nothing was stored
            return _Outcome(errors=[error_message(exc)])
        outcome = _Outcome(changes=changes)
        for one in stored:
            if one.document is None:
                outcome.errors.append(f"{one.path}: {one.error}")
                continue
            outcome.ids.append(one.document.id)
            if one.created:
                outcome.created.append(one.document.id)
            else:
                outcome.duplicates.append(f"{one.path} (same text as “{one.document.title}”)")
        return outcome

    def _finish(self, outcome: _Outcome, failures: Sequence[tuple[str, str]] = ()) -> None:
        if failures or outcome.errors or outcome.duplicates:
            self.show_summary("Import finished with problems", _summary(outcome, failures))
        if outcome.ids:
            self.imported.emit(list(outcome.ids))
        if outcome.changes is not None and not outcome.changes.empty:
            self.changed.emit(outcome.changes)

    # --- pasted text -----------------------------------------------------------------------------------------
    def import_pasted_text(self) -> None:
        """Ask for pasted text and its metadata, then store it."""
        dialog = PasteTextDialog(parent=self.parent_window)
        try:
            if not self.exec_paste(dialog):
                return
            choice = dialog.choice()
        finally:
            dialog.deleteLater()
        self._finish(self._store([choice]))


def _summary(outcome: _Outcome, failures: Sequence[tuple[str, str]]) -> str:
    lines = []
    if outcome.created:
        count = len(outcome.created)
        lines.append(f"Imported {count} document{'s' if count != 1 else ''}.")
    if outcome.duplicates:
        lines.append("Already in the project, not stored again:")
        lines.extend(f"  • {item}" for item in outcome.duplicates)
    problems = [f"{name}: {message}" for name, message in failures] + outcome.errors
    if problems:
        lines.append("Could not be imported:")
        lines.extend(f"  • {item}" for item in problems)
    return "\n".join(lines)
