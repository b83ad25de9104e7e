"""File menu actions for REFI-QDA exchange: export the project (.qdpx) or the codebook (.qdc), import either.

Work goes through :mod:`rednote_desk.services.refi`; an import runs off the GUI thread with progress and Cancel
(:mod:`rednote_desk.gui.background_ops`) and the session tells every view (one undo step)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rednote_desk.core.errors import UserError
from rednote_desk.gui.plain import plain


class RefiActions:
    """Adds the three actions to the window's File menu (before Quit) and runs them."""

    def __init__(self, window, controller):
        self.window = window
        self.controller = controller  # the CodersController: it knows the current session
        bar = window.menuBar()
        file_menu = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "File"), None)
        if file_menu is None:
            return
        before = next((a for a in file_menu.actions() if a.text().replace("&", "") == "Quit"), None)
        self.actions = []
        for text, slot, tip in (
            ("Export as REFI-QDA project (.qdpx)…", self.export_qdpx,
             "For QualCoder, MAXQDA, ATLAS.ti, NVivo: documents, codes, coded selections, coders, notes"),
            ("Export codebook as REFI-QDA (.qdc)…", self.export_qdc, "The codebook with hierarchy and colours"),
            ("Import REFI-QDA project or codebook…", self.import_file,
             "A .qdpx project into an empty project, or a .qdc codebook into any project"),
        ):
            action = QAction(text, window)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            file_menu.insertAction(before, action)
            self.actions.append(action)
        file_menu.insertSeparator(before)

    @property
    def session(self):
        return self.controller.session

    def _save_path(self, title: str, suffix: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, f"project{suffix}", f"REFI-QDA (*{suffix})")
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path or None

    def export_qdpx(self, _checked=False, path: str | None = None) -> None:
        from rednote_desk.services.refi import export_qdpx

        path = path or self._save_path("Export as REFI-QDA project", ".qdpx")
        if path and self.session is not None:
            self._report(lambda: export_qdpx(self.session.project, path), f"Exported to {path}")

    def export_qdc(self, _checked=False, path: str | None = None) -> None:
        from rednote_desk.services.refi import export_qdc

        path = path or self._save_path("Export codebook as REFI-QDA", ".qdc")
        if path and self.session is not None:
            self._report(lambda: export_qdc(self.session.project, path), f"Codebook exported to {path}")

    def _report(self, work, message: str) -> None:
        try:
            work()
        except (UserError, OSError) as exc:
            QMessageBox.warning(self.window, "Export", plain(str(exc)))
            return
        self.window.statusBar().showMessage(message, 8000)

    def import_file(self, _checked=False, path: str | None = None):
        from rednote_desk.services.refi import import_refi_file

        if self.session is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import REFI-QDA", "",
                                                  "REFI-QDA (*.qdpx *.qdc);;All files (*)")
            if not path:
                return None
        from rednote_desk.gui.background_ops import run_project_work

        summary = run_project_work(  # off the GUI thread: a 10,000-annotation project takes seconds
            self.window, self.session, f"Import {Path(path).name}",
            lambda project, report, cancelled: import_refi_file(project, path, report=report,
                                                                is_cancelled=cancelled))
        if summary is not None:
            QMessageBox.information(self.window, "Import REFI-QDA", plain("\n".join(summary.lines())))
        return summary
