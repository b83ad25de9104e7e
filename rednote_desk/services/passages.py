"""Coded passages: read them (only the rows needed; from a worker thread on a connection of its own) and
export them as CSV through the one atomic writer."""
from __future__ import annotations

from rednote_desk.core.export import write_csv
from rednote_desk.core.retrieval import PASSAGE_COLUMNS, CodedPassage, passage_from_row
from rednote_desk.core.tags import descendants
from rednote_desk.services import output
from rednote_desk.services.projects import ExportCancelled
from rednote_desk.store.project import Project

LIMIT = 20000


def code_ids(project, tag_id: int, *, subtree: bool) -> list[int]:
    """The code and, with ``subtree``, every code below it."""
    return [tag_id, *sorted(descendants(project.tags(), tag_id))] if subtree else [tag_id]


def coded_passages(project, tag_ids, *, limit: int = LIMIT) -> list[CodedPassage]:
    """On the project's own connection (in-memory projects, tests, the CLI)."""
    return [passage_from_row(r) for r in project.coded_passages(tag_ids, limit=limit)]


def coded_passages_from_file(path, tag_ids, *, limit: int = LIMIT) -> list[CodedPassage]:
    """On a read-only connection of its own: safe to call from a worker thread."""
    with Project.open_reader(path) as reader:
        return coded_passages(reader, tag_ids, limit=limit)


def export_passages_csv(passages: list[CodedPassage], tag_paths: dict[int, str], destination, *,
                        excel: bool = True, protect=(), progress=None, is_cancelled=None) -> int:
    """Write the passages as CSV (Excel-safe by default: BOM, CRLF, formulas neutralised); returns rows.

    The passages are already read, so this touches no database and may run on a worker thread:
    ``progress(done, total, text)`` hears every few thousand rows, and once ``is_cancelled()`` turns true the
    export stops with ExportCancelled, leaving a path destination as it was (no partial file)."""
    rows = _passage_rows(passages, tag_paths, progress, is_cancelled)
    return output.write_text(destination, lambda fh: write_csv(rows, fh, excel=excel, columns=PASSAGE_COLUMNS),
                             newline="", protect=list(protect))


def _passage_rows(passages: list[CodedPassage], tag_paths: dict[int, str], progress, is_cancelled,
                  every: int = 2000):
    total = len(passages)
    for first in range(0, total, every):
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled("export cancelled")
        for passage in passages[first:first + every]:
            yield passage.row(tag_paths)
        if progress is not None:
            written = min(first + every, total)
            progress(written, total, f"{written:,} of {total:,} passages")
    if is_cancelled is not None and is_cancelled():  # cancelled during the last slice: still nothing written
        raise ExportCancelled("export cancelled")
