"""The comparison service shared by the CLI and the GUI: read the project, compute, write files.

No Qt here. The GUI calls :func:`read_comparison_input` on its own thread and
:func:`rednote_desk.core.compare.comparison.compute_comparison` on a worker thread.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rednote_desk.core.claims.models import SuggestedClaim
from rednote_desk.core.compare.comparison import Comparison, ComparisonInput, compute_comparison
from rednote_desk.core.compare.matrix import MATRIX_CSV_COLUMNS, matrix_csv_rows
from rednote_desk.core.errors import NotFoundError
from rednote_desk.core.export import write_csv
from rednote_desk.services import output
from rednote_desk.store.project import Project

__all__ = [
    "Comparison", "ComparisonInput", "build_comparison", "read_comparison_input", "find_suggestion",
    "write_matrix_csv", "write_comparison_json",
]


def read_comparison_input(
    project: Project, document_ids: Sequence[int] | None = None, *, frame_roots: Sequence[int] | None = None
) -> ComparisonInput:
    """Everything a comparison of these documents (default: all) needs, read from the project.

    With chosen documents only their rows are read (documents, their annotations and the claims those belong
    to): a comparison of 3 documents in a project of a million annotations reads a few hundred."""
    if document_ids:
        documents = tuple(project.documents_by_ids(document_ids))
        wanted = [d.id for d in documents]
        annotations = tuple(project.annotations_of_documents(wanted))
        claims = tuple(project.claims_of_documents(wanted))
    else:
        documents = tuple(project.documents())
        annotations = tuple(project.annotations())
        claims = tuple(project.claims())
    return ComparisonInput(
        documents=documents,
        annotations=annotations,
        claims=claims,
        tags=tuple(project.tags()),
        dismissed=frozenset(project.dismissed_suggestion_keys()),
        frame_roots=None if frame_roots is None else tuple(frame_roots),
    )


def build_comparison(
    project: Project, document_ids: Sequence[int] | None = None, *, alignments: bool = True
) -> Comparison:
    """Compare these documents (default: all): claims matrix, suggestions, frame profile, alignments, copies."""
    return compute_comparison(read_comparison_input(project, document_ids), alignments=alignments)


def find_suggestion(project: Project, key: str, document_ids: Sequence[int] | None = None) -> SuggestedClaim:
    """The open suggestion with this key among these documents (default: all)."""
    comparison = compute_comparison(read_comparison_input(project, document_ids), alignments=False)
    found = comparison.suggestion(key)
    if found is None:
        raise NotFoundError(
            f"no open suggestion with key “{key}” (it may be dismissed or accepted already, or need "
            "the same --docs; list them with: rednote-desk suggestions)"
        )
    return found


def write_matrix_csv(comparison: Comparison, destination: str | Path | TextIO, *, raw: bool = False,
                     excel: bool = False, protect: Sequence[str | Path | None] = ()) -> int:
    """The claims × documents matrix as CSV (columns: ``MATRIX_CSV_COLUMNS``); returns the data rows.

    A path is written through :mod:`rednote_desk.services.output` (never the project files in ``protect``)."""
    rows = matrix_csv_rows(comparison.rows, comparison.labels)

    def write(fh: TextIO) -> int:
        return write_csv(rows, fh, raw=raw, excel=excel, columns=MATRIX_CSV_COLUMNS)

    return output.write_text(destination, write, newline="", protect=protect)


def write_comparison_json(comparison: Comparison, destination: str | Path | TextIO, *,
                          protect: Sequence[str | Path | None] = ()) -> None:
    """The whole comparison as JSON (UTF-8, indented)."""

    def write(fh: TextIO) -> None:
        json.dump(comparison.to_json(), fh, ensure_ascii=False, indent=2)
        fh.write("\n")

    output.write_text(destination, write, protect=protect)
