"""File actions of the main window: projects, import, export, report, copies, re-import and orphan review."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from rednote_desk.gui.plain import plain
from rednote_desk.gui.session import HANDLED_ERRORS, show_error


class FileActionsMixin:
    """Mixed into MainWindow; uses its project, reading area, importer, docks and status bar."""

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home() / "project.rednote.sqlite"),
                                              "RedNote Desk projects (*.sqlite *.db)")
        if not path:
            return
        if Path(path).exists():
            QMessageBox.warning(self, "New project", plain(f"{path} exists already; use Open project to open it."))
            return
        self._open_path(path, seed_codebook=True)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()),
                                              "RedNote Desk projects (*.sqlite *.db);;All files (*)")
        if path:
            self._open_path(path)

    def _open_path(self, path: str, *, seed_codebook: bool = False) -> None:
        from rednote_desk import services
        from rednote_desk.gui.project_safety import guard, open_project_safely
        from rednote_desk.store.project import Project

        opened, failure = self._open_off_the_gui_thread(path)
        if opened is None and failure is None:
            return  # cancelled: nothing opened, the current project stays
        if opened is not None:
            project = guard(opened)
        else:  # said here, with a repaired copy offered where it can be (the file is not checked again)
            project = open_project_safely(self, Project.open, path, services.default_project_path, failed=failure)
        if project is None:
            return
        try:
            if seed_codebook:
                services.load_codebook_file(project, services.default_codebook_path())
        except HANDLED_ERRORS as exc:
            project.close()
            show_error(self, exc, title="Open project")
            return
        self.set_project(project, in_turns=True)  # its columns and reads in later turns: the window stays live
    def _open_off_the_gui_thread(self, path: str):
        """(project, None) once ``path`` is checked and opened on a worker (a large file's whole-file check takes
        a second or more: the window stays live, with progress and Cancel), (None, error) when that failed, or
        (None, None) when the person cancelled (a project opened meanwhile is closed again)."""
        from PySide6.QtCore import QEventLoop

        from rednote_desk.gui.workers import start_with_progress
        from rednote_desk.store.project import Project

        opened: list = []

        def work(report, cancelled):
            report(0, 0, f"Checking {Path(path).name}…")
            project = Project.open(path, handover=True)
            opened.append(project)
            return project

        loop = QEventLoop()
        task = start_with_progress(self, "Open project", work, done=loop.quit)
        if not task.is_done:
            loop.exec()
        if task.was_cancelled or task.error is not None:
            for project in opened:
                project.close()  # nothing was written: closed cleanly, as any close
            return None, None if task.was_cancelled else task.error
        return task.result, None

    def import_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()),
            "Articles and news-database downloads (*.txt *.text *.html *.htm *.md *.markdown *.docx *.rtf);;"
            "Nexis Uni / Factiva downloads (*.docx *.rtf *.txt);;All files (*)")
        if paths:
            self.importer.import_files(paths)

    def on_importer_imported(self, document_ids: list) -> None:
        for document_id in document_ids[:1]:
            # beside the open ones; with all four columns open the reading area asks which one to replace
            self.open_document(document_id, new_column=True)

    def dragEnterEvent(self, event):  # noqa: N802 - Qt override
        from rednote_desk.gui.import_dialog import files_from_mime

        if files_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802 - Qt override
        from rednote_desk.gui.import_dialog import files_from_mime

        paths = files_from_mime(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.importer.import_files(paths)

    def export_csv_dialog(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export annotations", str(Path.home() / "annotations.csv"),
            "CSV for spreadsheets (Excel) (*.csv);;CSV, exact values (pandas, scripts) (*.csv)")
        if not path:
            return
        self.export_csv_to(path, excel="Excel" in chosen)

    def export_csv_to(self, path, *, excel: bool = False):
        """Export every annotation to ``path`` in the background (progress, Cancel); returns the Task."""
        from rednote_desk.gui.csv_export import export_csv_in_background

        return export_csv_in_background(self, self.project, path, excel=excel,
                                        show_message=lambda text: self.statusBar().showMessage(text, 8000))

    def export_report_dialog(self) -> None:
        from rednote_desk.gui.workers import run_with_progress
        from rednote_desk.services.report import read_report_input, write_report_data

        ids = self.reading.document_ids()
        if len(ids) < 2:
            ids = self.project.existing_document_ids()
        path, _ = QFileDialog.getSaveFileName(self, "Export report", str(Path.home() / "framing-report.html"),
                                              "HTML report (*.html)")
        if not path:
            return
        try:
            data = read_report_input(self.project, ids)  # on this thread: the project stays here
            done = run_with_progress(self, "Writing the report", lambda report, cancelled: write_report_data(
                data, path, progress=report, is_cancelled=cancelled, protect=[self.project.path]) or True)
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title="Export report")
            return
        if done:
            self.statusBar().showMessage(f"Report of {len(ids)} documents written to {path}", 8000)

    def save_copy_dialog(self) -> None:
        self._save_copy(for_sharing=False)

    def save_sharing_copy_dialog(self) -> None:
        """A copy without the undo history or traces of deleted text, to give to others."""
        self._save_copy(for_sharing=True)

    def _save_copy(self, *, for_sharing: bool) -> None:
        title = "Save a copy for sharing" if for_sharing else "Save a copy"
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / "copy.rednote.sqlite"),
                                              "RedNote Desk projects (*.sqlite)")
        if not path:
            return
        from rednote_desk.services.backups import backup_project

        try:
            backup_project(self.project, path, for_sharing=for_sharing)
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title=title)
            return
        self.statusBar().showMessage(f"Saved a copy{' for sharing' if for_sharing else ''} to {path}", 8000)
    def reimport_dialog(self) -> None:
        column = self.reading.active
        if column is None:
            self.statusBar().showMessage("Open the document to update first.", 5000)
            return
        path, _ = QFileDialog.getOpenFileName(
            self, f"New version of “{column.document.title[:60]}”", str(Path.home()),
            "Articles (*.txt *.text *.html *.htm *.md *.markdown);;All files (*)")
        if path:
            self.reimport_document(column.document.id, path)

    def reimport_document(self, document_id: int, path: str) -> dict | None:
        from rednote_desk import services
        from rednote_desk.core import ingest
        from rednote_desk.gui.workers import run_with_progress

        try:
            self.project.document(document_id)
            # reading and parsing a big file takes seconds: off the GUI thread; storing stays here
            imported = run_with_progress(self, "Reading the new version",
                                         lambda report, cancelled: ingest.read_file(path))
        except HANDLED_ERRORS as exc:
            show_error(self, exc, title="Re-import")
            return None
        if imported is None:
            return None  # cancelled
        outcome = self._run(lambda: services.reimport_text(self.project, document_id, imported))
        if outcome is None:
            return None
        counts = outcome.counts
        message = (f"Re-imported: kept {counts.get('position', 0)}, moved {counts.get('quote', 0)}, "
                   f"fuzzy {counts.get('fuzzy', 0)}, orphaned {counts.get('orphaned', 0)} annotations.")
        self.statusBar().showMessage(message, 10000)
        if counts.get("orphaned"):
            # not a modal box: the review list opens beside the text, where the work is done
            self.orphans_dock.show()
            self.orphans_dock.raise_()
        return counts

    def refresh_orphans(self):
        """List the annotations waiting for review (a pass over every annotation: in the background for a
        large project); returns the background Task, if any."""
        from rednote_desk.gui.project_reads import ProjectRead

        if getattr(self, "_orphan_read", None) is None:
            self._orphan_read = ProjectRead(self.orphans, _read_orphans, self._show_orphans)
        return self._orphan_read.run(self.project)

    def _show_orphans(self, found) -> None:
        orphans, titles = found
        self._orphan_ids = {a.id for a in orphans}
        self.orphans.refresh(orphans, titles)
        if orphans and not self.orphans_dock.isVisible():
            self.orphans_dock.show()

    def on_orphans_show_requested(self, annotation_id: int) -> None:
        annotation = self.project.annotation(annotation_id)
        column = self.open_document(annotation.document_id)
        if column is not None:
            column.view.scroll_to_offset(min(annotation.start_offset, len(column.view.text())))

    def on_orphans_reattach_requested(self, annotation_id: int) -> None:
        annotation = self.project.annotation(annotation_id)
        column = self.reading.column_for(annotation.document_id)
        span = column.view.selected_span() if column is not None else None
        if span is None:
            QMessageBox.information(self, "Re-attach", "Select the text this annotation belongs to in its document "
                                    "first, then press “Re-attach to selection”.")
            self.on_orphans_show_requested(annotation_id)
            return
        self._run(lambda: self.project.update_annotation(annotation_id, start=span[0], end=span[1]))


def _read_orphans(project) -> tuple[list, dict[int, str]]:
    orphans = project.orphaned_annotations()
    titles = {d["id"]: d["title"] for d in project.document_headers({a.document_id for a in orphans})}
    return orphans, titles
