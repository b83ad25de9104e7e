"""Streaming CSV export of annotations.

By default a cell that a spreadsheet would evaluate as a formula is neutralised with a leading apostrophe;
``raw=True`` writes every value exactly, for pandas or Python's csv module.

:func:`write_csv` writes any table, a row at a time. :func:`write_annotations_csv` writes the annotation export
(``CSV_COLUMNS``) byte for byte as :func:`write_csv` would, several times faster: the store hands it batches of
annotation rows (``ANNOTATION_ROW``: no document or claim fields, the tags as ids beside them) and the few documents,
claims and tag paths once; their cells are formatted once each, and a row is one f-string.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

CSV_COLUMNS = (
    "annotation_id", "document_id", "document_title", "outlet", "author", "published", "url",
    "start_offset", "end_offset", "quote", "prefix", "suffix", "tags", "claim_id", "claim_label",
    "note", "coder", "created_at", "updated_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# One annotation as the store reads it for the export; the document's and the claim's fields are looked up by
# id, its tags come beside the rows (see write_annotations_csv).
ANNOTATION_ROW = (
    "annotation_id", "document_id", "start_offset", "end_offset", "quote", "prefix", "suffix", "claim_id", "note",
    "coder", "created_at", "updated_at",
)


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
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # each one character
_CHUNK_ROWS = 500


def csv_cell(value: Any, *, raw: bool = False) -> str:
    """One value as a CSV cell, by the rules of :func:`write_csv`: None is empty, text that a spreadsheet
    would evaluate gets a leading apostrophe (unless ``raw``), text with a comma, quote, CR or LF is quoted,
    anything else is ``str(value)``."""
    if value is None:
        return ""
    if value.__class__ is str:
        if not raw and value.startswith(FORMULA_STARTS):
            value = "'" + value
        return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES.search(value) else value
    return str(value)


def tags_cell(tag_ids: str | int | None, paths: Mapping[int, str]) -> str:
    """The export's tags column: the paths of the tags in ``tag_ids`` ("3,7" or 3), sorted, joined by "; " (an
    id that is not a number or not a tag is left out)."""
    if tag_ids is None or tag_ids == "":
        return ""
    return "; ".join(sorted(paths[i] for i in _integers(str(tag_ids).split(",")) if i in paths))


def _integers(texts: Iterable[str]) -> Iterable[int]:
    for text in texts:
        try:
            yield int(text)
        except ValueError:
            pass


def write_annotations_csv(
    batches: Iterable[tuple[list[tuple], Mapping[Any, Any]]],
    out: TextIO,
    *,
    documents: Mapping[Any, tuple],
    claims: Mapping[Any, Any],
    tag_paths: Mapping[int, str],
    raw: bool = False,
    excel: bool = False,
) -> int:
    """The annotation export: ``CSV_COLUMNS``, byte for byte what :func:`write_csv` writes for the same
    annotations; returns the number of data rows.

    ``batches`` are pairs (rows: tuples in the order of ``ANNOTATION_ROW``, tags: {annotation id: its tag id
    or its tag ids joined by commas}, no entry for none); ``documents`` maps a document id to
    (title, outlet, author, published, url), ``claims`` a claim id to its label, ``tag_paths`` a tag id to its
    "Parent/Child" path. A missing document or claim gives empty cells. Each batch is formatted, then written
    with one ``out.write``: memory holds one batch, whatever the number of rows.
    """
    end = "\r\n" if excel else "\n"
    if excel:
        out.write("\ufeff")
    out.write(",".join(_quote(c) for c in CSV_COLUMNS) + end)

    def cell(value: Any) -> str:
        return csv_cell(value, raw=raw)

    no_document = (None,) * 5
    # "document_id,title,outlet,author,published,url" and "claim_id,claim_label", formatted once per id
    document_cells = _Formatted(lambda key: ",".join(map(cell, (key, *documents.get(key, no_document)))))
    claim_cells = _Formatted(lambda key: cell(key) + "," + cell(claims.get(key)))
    tag_cells = _Formatted(lambda key: cell(tags_cell(key, tag_paths)))
    text = _text_cell_raw if raw else _text_cell_safe
    integer = int.__repr__  # refuses anything but an int: such a batch takes the general way below
    count = 0
    for rows, tags in batches:
        tags_of = tags.get
        try:
            lines = [
                f"{integer(annotation_id)},{document_cells[document_id]},{integer(start)},{integer(stop)},"
                f"{text(quote)},{text(prefix)},{text(suffix)},{tag_cells[tags_of(annotation_id)]},"
                f"{claim_cells[claim_id]},{text(note)},{text(coder)},{text(created)},{text(updated)}"
                for (annotation_id, document_id, start, stop, quote, prefix, suffix, claim_id, note, coder, created,
                     updated) in rows
            ]
        except (TypeError, AttributeError):  # a value of another type (a damaged or foreign file): cell by cell
            lines = [_general_line(row, tags_of(row[0]), cell, document_cells, claim_cells, tag_cells)
                     for row in rows]
        if lines:
            out.write(end.join(lines) + end)
            count += len(lines)
    return count


class _Formatted(dict):
    """Cells made by ``make(key)`` the first time a key is asked for."""

    def __init__(self, make: Callable[[Any], str]):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> str:
        value = self[key] = self.make(key)
        return value


def _general_line(row: tuple, tag_ids: Any, cell: Callable[[Any], str], document_cells: _Formatted,
                  claim_cells: _Formatted, tag_cells: _Formatted) -> str:
    (annotation_id, document_id, start, stop, quote, prefix, suffix, claim_id, note, coder, created, updated) = row
    return ",".join((
        cell(annotation_id), document_cells[document_id], cell(start), cell(stop), cell(quote), cell(prefix),
        cell(suffix), tag_cells[tag_ids], claim_cells[claim_id], cell(note), cell(coder), cell(created),
        cell(updated),
    ))


def _text_cell_raw(value: str) -> str:
    """csv_cell(value, raw=True) for a str (``in`` is faster than a regular expression here); anything else
    raises TypeError."""
    if '"' in value or "," in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _text_cell_safe(value: str) -> str:
    """csv_cell(value) for a str; anything else raises TypeError. (A set lookup of the first character is
    faster than ``startswith`` with a tuple.)"""
    if value[:1] in _FORMULA_FIRST:
        value = "'" + value
    if '"' in value or "," in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value
