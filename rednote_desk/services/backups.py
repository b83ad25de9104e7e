"""Copies of a project that the user asks for: a backup, or a copy for sharing.

A plain backup keeps everything, including the undo history: a deleted document can still be restored from it
by undo. A copy for sharing has no undo history, and it is written with ``VACUUM INTO`` and its full-text index
rebuilt, so no free page or index remnant still holds deleted text. Both go through the one output writer
(never onto the project or another database) and check the free space first.
"""
from __future__ import annotations

import os
from pathlib import Path

from rednote_desk.services import output
from rednote_desk.store.project import Project


def backup_project(project: Project, destination: str | Path, *, for_sharing: bool = False) -> Path:
    real, _ = output.check_destination(destination, protect=[project.path], allow_special=False)
    folder = os.path.dirname(real) or "."
    if not project.copy_fits(folder, margin=1024 * 1024):
        raise output.OutputError(f"not enough free space in {folder} for a copy of about "
                                 f"{project.copy_size() // 1024 + 1} KB; nothing was written")
    output.write_file(destination, lambda temporary: project.write_copy(temporary, for_sharing=for_sharing),
                      protect=[project.path])
    return Path(destination)
