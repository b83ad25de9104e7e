"""Merge a colleague's project file into the open project (CLI and GUI): open it read-only, check it, merge.

No Qt, no SQL: the foreign file is opened and merged by :mod:`rednote_desk.store.merge`.
"""
from __future__ import annotations

from pathlib import Path

from rednote_desk.store.merge import MergeSummary, merge_project, open_foreign
from rednote_desk.store.project import Project
from rednote_desk.store.undo import Result

__all__ = ["MergeSummary", "merge_file"]


def merge_file(project: Project, other: str | Path) -> Result[MergeSummary]:
    """Merge the project file ``other`` into ``project`` as one undo step; ``other`` is never changed."""
    source, cleanup = open_foreign(other)
    try:
        return merge_project(project, source, label=f"Merge {Path(other).name}")
    finally:
        cleanup()
