"""Streaming CSV export of annotations.

By default a cell that a spreadsheet would evaluate as a formula is neutralised with a leading apostrophe;
``raw=True`` writes every value exactly, for pandas or Python's csv module.
"""
from __future__ import annotations

from typing import Any, Iterable, TextIO

CSV_COLUMNS = (
    "annotation_id", "document_id", "document_title", "outlet", "author", "published", "url",
    "start_offset", "end_offset", "quote", "prefix", "suffix", "tags", "claim_id", "claim_label",
    "note", "coder", "created_at", "updated_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with ``'``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(
    rows: Iterable[dict[str, Any]],
    out: TextIO,
    *,
    raw: bool = False,
    excel: bool = False,
    columns: tuple[str, ...] = CSV_COLUMNS,
) -> int:
    """Write rows (dicts with ``columns`` keys) as RFC 4180 CSV; returns the number of data rows.

    ``out`` must be opened with ``newline=""``. ``excel`` adds a UTF-8 BOM and CRLF line ends.
    """
    end = "\r\n" if excel else "\n"
    if excel:
        out.write("\ufeff")
    out.write(",".join(_quote(c) for c in columns) + end)
    count = 0
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if value is None:
                cells.append("")
            elif isinstance(value, str):
                cells.append(_quote(value if raw else neutralise(value)))
            else:
                cells.append(str(value))
        out.write(",".join(cells) + end)
        count += 1
    return count


def _quote(value: str) -> str:
    """RFC 4180 quoting: a cell with a comma, quote, CR or LF is wrapped in quotes, quotes doubled.

    (Python 3.11's csv module leaves a lone CR unquoted when the line end is LF, which breaks round trips.)
    """
    if any(ch in value for ch in _SPECIAL):
        return '"' + value.replace('"', '""') + '"'
    return value


_SPECIAL = (",", '"', "\r", "\n")
