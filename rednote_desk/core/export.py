"""Streaming CSV export of annotations.

By default a cell that a spreadsheet would evaluate as a formula is neutralised with a leading apostrophe;
``raw=True`` writes every value exactly, for pandas or Python's csv module.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
    "annotation_id", "document_id", "document_title", "outlet", "author", "published", "url",
    "start_offset", "end_offset", "quote", "prefix", "suffix", "tags", "claim_id", "claim_label",
    "note", "coder", "created_at", "updated_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(
    rows: Iterable[dict[str, Any] | tuple],
    out: TextIO,
    *,
    raw: bool = False,
    excel: bool = False,
    columns: tuple[str, ...] = CSV_COLUMNS,
) -> int:
    """Write rows (dicts with ``columns`` keys, or tuples in that order) as RFC 4180 CSV; returns the number
    of data rows.

    ``out`` must be opened with ``newline=""``. ``excel`` adds a UTF-8 BOM and CRLF line ends.
    Output is written in chunks of rows, so memory stays flat whatever the number of rows.
    """
    end = "\r\n" if excel else "\n"
    if excel:
        out.write("\ufeff")
    out.write(",".join(_quote(c) for c in columns) + end)
    needs_quotes = _NEEDS_QUOTES.search
    formula = FORMULA_STARTS
    count = 0
    chunk: list[str] = []
    for row in rows:
        cells: list[str] = []
        append = cells.append
        # a tuple is taken to be in the order of ``columns``; a dict is looked up by name
        for value in (row if isinstance(row, tuple) else [row.get(c) for c in columns]):
            if value is None:
                append("")
            elif value.__class__ is str:
                if not raw and value.startswith(formula):
                    value = "'" + value
                append('"' + value.replace('"', '""') + '"' if needs_quotes(value) else value)
            else:
                append(str(value))
        chunk.append(",".join(cells))
        count += 1
        if len(chunk) >= _CHUNK_ROWS:
            out.write(end.join(chunk) + end)
            chunk.clear()
    if chunk:
        out.write(end.join(chunk) + end)
    return count


def _quote(value: str) -> str:
    """RFC 4180 quoting: a cell with a comma, quote, CR or LF is wrapped in quotes, quotes doubled.

    (Python 3.11's csv module leaves a lone CR unquoted when the line end is LF, which breaks round trips.)
    """
    return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES.search(value) else value


_NEEDS_QUOTES = re.compile('[,"\r\n]')
_CHUNK_ROWS = 500
