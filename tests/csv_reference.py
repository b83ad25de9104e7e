"""A plain reference for the annotation export's bytes (tests of core.export and services.export_csv_file)."""
from __future__ import annotations

from rednote_desk.core.export import ANNOTATION_ROW, CSV_COLUMNS

TRICKY = ['plain', 'a "quoted", b', "comma,", "line\nfeed", "crlf\r\nend", "lone\rcr", "=1+1", "+1", "-2 degrees",
          "@SUM(A1)", "\tindented", "\rstarts with CR", "", "tab\tinside", "𝓞𝓹𝓮𝓻𝓪 🚢", '"', "'already quoted",
          "nul\x00inside", " leading space", "trailing space ", "x" * 300]


def reference_csv(rows: list[tuple], *, raw: bool, excel: bool) -> str:
    """The export's contract, written out plainly: one cell at a time, no shortcuts."""
    def cell(value) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            return str(value)
        if not raw and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            value = "'" + value
        if any(c in value for c in ',"\r\n'):
            value = '"' + value.replace('"', '""') + '"'
        return value

    end = "\r\n" if excel else "\n"
    lines = [",".join(CSV_COLUMNS)] + [",".join(cell(v) for v in row) for row in rows]
    return ("\ufeff" if excel else "") + end.join(lines) + end


# the tests write an annotation as one tuple with its tag ids (or None) after the suffix
WITH_TAGS = ANNOTATION_ROW[:7] + ("tag_ids",) + ANNOTATION_ROW[7:]


def as_batch(rows: list[tuple]) -> tuple[list[tuple], dict]:
    """WITH_TAGS tuples as the store hands them to the writer: (ANNOTATION_ROW tuples, {id: tag ids})."""
    return ([row[:7] + row[8:] for row in rows], {row[0]: row[7] for row in rows if row[7] is not None})


def expand(row: tuple, documents: dict, claims: dict, paths: dict) -> tuple:
    """A WITH_TAGS tuple as the 19 CSV_COLUMNS values."""
    values = dict(zip(WITH_TAGS, row, strict=True))
    title, outlet, author, published, url = documents.get(values["document_id"], (None,) * 5)
    ids = [int(x) for x in str(values["tag_ids"]).split(",")] if values["tag_ids"] not in (None, "") else []
    tags = "; ".join(sorted(paths[i] for i in ids if i in paths))
    full = {**values, "document_title": title, "outlet": outlet, "author": author, "published": published,
            "url": url, "tags": tags, "claim_label": claims.get(values["claim_id"])}
    return tuple(full[c] for c in CSV_COLUMNS)
