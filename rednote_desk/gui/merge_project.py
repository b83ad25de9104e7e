"""File → Merge a colleague's project…: choose the file, merge it off the GUI thread with progress and Cancel
(one undo step; cancel stores nothing), show the summary of what was added, matched and skipped."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rednote_desk.gui.plain import plain


def merge_project_dialog(parent: QWidget, session, path: str | None = None) -> object | None:
    """Ask for a project file (unless ``path`` is given), merge it and report; returns the summary or None."""
    from rednote_desk.services.merge import merge_file

    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Merge a colleague's project", "",
                                              "RedNote Desk projects (*.sqlite *.rednote.sqlite);;All files (*)")
        if not path:
            return None
    from pathlib import Path

    from rednote_desk.gui.background_ops import run_project_work

    result = run_project_work(parent, session, f"Merge {Path(path).name}",
                              lambda project, _report, _cancelled: merge_file(project, path))
    if result is None:
        return None
    summary = result.value
    QMessageBox.information(parent, "Merge project",
                            plain("Merged (Edit → Undo takes it all back):\n\n" + "\n".join(summary.lines())))
    return summary
