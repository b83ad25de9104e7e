"""The comparison report service shared by the CLI (`rednote-desk report`) and the GUI (File → Export report).

No Qt here. The GUI reads a :class:`ReportInput` with :func:`read_report_input` on its own thread, then runs
:func:`write_report_data` on a worker (``gui.workers.run_with_progress``); the CLI calls :func:`write_report`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from rednote_desk.core.errors import UserError
from rednote_desk.core.html.report import ReportInput, render_report
from rednote_desk.services import output
from rednote_desk.services.comparison import read_comparison_input
from rednote_desk.store.project import Project

Progress = Callable[[int, int, str], None]

__all__ = ["ReportInput", "read_report_input", "write_report", "write_report_data"]


def read_report_input(project: Project, document_ids: Sequence[int] | None = None, *,
                      title: str = "Framing comparison") -> ReportInput:
    """Everything the report of these documents (default: all) needs, read from the project."""
    data = read_comparison_input(project, document_ids)
    if not data.documents:
        raise UserError("there are no documents to report on; import some articles first")
    counts: dict[int, int] = {}
    for a in data.annotations:
        counts[a.document_id] = counts.get(a.document_id, 0) + 1
    generated = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    return ReportInput(data, counts, title, generated)


def write_report_data(data: ReportInput, destination: str | Path | TextIO, *, progress: Progress | None = None,
                      is_cancelled: Callable[[], bool] | None = None,
                      protect: Sequence[str | Path | None] = ()) -> None:
    """Render the report and write it (UTF-8) to a path (atomically, never onto the project files in
    ``protect``: see :mod:`rednote_desk.services.output`) or an open text file."""
    if not hasattr(destination, "write"):
        output.check_destination(destination, protect=protect)  # refuse before the long rendering
    text = render_report(data, progress=progress, is_cancelled=is_cancelled)
    output.write_text(destination, lambda fh: fh.write(text), protect=protect)


def write_report(project: Project, document_ids: Sequence[int] | None, destination: str | Path | TextIO, *,
                 progress: Progress | None = None) -> int:
    """Write the self-contained HTML report of these documents (default: all); returns how many documents."""
    data = read_report_input(project, document_ids)
    write_report_data(data, destination, progress=progress, protect=[project.path])
    return len(data.comparison.documents)
