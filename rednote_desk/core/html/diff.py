"""Passage diffs (:mod:`.compare.passages`) as HTML, for the GUI's diff view and the exported report.

Each passage becomes a pygments token stream (``Text``, the pale ``Changed*`` tints of a changed
sentence, the strong ``Generic.Inserted`` / ``Generic.Deleted`` of changed words), rendered by an
``HtmlFormatter`` with :class:`~.render.RedNoteDiffStyle`, inline styles only. The same function
serves both readers: the GUI asks for a window of rows with fold *links* (QTextBrowser cannot fold
``<details>``) and gets back where each passage sits, to map a click to a document offset; the
report asks for every row with ``<details>`` folds.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from pygments.formatters import HtmlFormatter
from pygments.token import Generic, Text, _TokenType

from rednote_desk.core.compare.passages import PassageDiff, Row
from rednote_desk.core.html.styles import Changed, ChangedNew, ChangedOld, RedNoteDiffStyle, Reworded

Layout = Literal["side_by_side", "inline"]
Folds = Literal["links", "details", "none"]

FOLD_ROWS = 3  # a run of at least this many unchanged passages folds away ...
CONTEXT_ROWS = 1  # ... keeping this many visible at each end
FONT = "Georgia, 'Noto Serif', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif"
MUTED = "#6b6b6b"
CURRENT = "#c0392b"
_CJK_STOPS = "。！？"


class Piece(NamedTuple):
    """A stretch of document text in a rendered cell: UTF-16 offsets in the cell, the side, its start offset."""

    u16_start: int
    u16_end: int
    side: str  # "a" or "b"
    doc_start: int  # code points
    row: int  # index into PassageDiff.rows


@dataclass
class Page:
    """A rendered range of rows: the HTML table and, per (table row, column), the pieces of text in it."""

    html: str
    lo: int
    hi: int
    cells: dict[tuple[int, int], list[Piece]] = field(default_factory=dict)
    anchors: dict[int, str] = field(default_factory=dict)  # diff row -> anchor name
    table_rows: dict[int, int] = field(default_factory=dict)  # diff row -> row of the table (gutter marker)


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter:
    return HtmlFormatter(noclasses=True, style=RedNoteDiffStyle, nowrap=True)


def tokens_html(tokens: list[tuple[_TokenType, str]]) -> str:
    """Escaped, inline-styled spans for a token list (no trailing newline)."""
    tokens = [(t, v) for t, v in tokens if v]
    if not tokens:
        return ""
    out = io.StringIO()
    _formatter().format(tokens, out)
    s = out.getvalue()
    return s[:-1] if s.endswith("\n") and not tokens[-1][1].endswith("\n") else s


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def side_tokens(diff: PassageDiff, row: Row, side: str) -> list[tuple[_TokenType, str]]:
    """One side of a passage as tokens; empty if the passage has no sentence on that side."""
    span = row.a if side == "a" else row.b
    if span is None:
        return []
    text = (diff.a if side == "a" else diff.b)[span[0]:span[1]]
    pale = ChangedOld if side == "a" else ChangedNew
    if row.moved is not None or row.pair_kind == "reworded":  # the same statement in other words
        return [(Reworded, text)]
    if row.kind != "pair":
        return [(pale, text)]
    if not row.changed:
        return [(Text, text)]
    strong = Generic.Deleted if side == "a" else Generic.Inserted
    out = []
    for c in row.chunks:
        lo, hi = (c.a_start, c.a_end) if side == "a" else (c.b_start, c.b_end)
        if hi > lo:
            out.append((pale if c.tag == "equal" else strong, text[lo:hi]))
    return out


def inline_tokens(diff: PassageDiff, row: Row) -> list[tuple[_TokenType, str, str, int]]:
    """A passage in the unified view: (token type, text, side, document offset) in reading order."""
    if row.kind == "only_a":
        return [(ChangedOld, diff.a[row.a[0]:row.a[1]], "a", row.a[0])]  # type: ignore[index]
    if row.kind == "only_b":
        return [(ChangedNew, diff.b[row.b[0]:row.b[1]], "b", row.b[0])]  # type: ignore[index]
    a0, b0 = row.a[0], row.b[0]  # type: ignore[index]
    if row.pair_kind == "reworded":  # both statements whole, no word diff
        return [(ChangedOld, diff.a[a0:row.a[1]], "a", a0), (ChangedNew, diff.b[b0:row.b[1]], "b", b0)]  # type: ignore[index]
    if not row.changed:
        return [(Text, diff.b[b0:row.b[1]], "b", b0)]  # type: ignore[index]
    out = []
    for c in row.chunks:
        if c.tag == "equal":
            out.append((Changed, diff.b[b0 + c.b_start:b0 + c.b_end], "b", b0 + c.b_start))
            continue
        if c.a_end > c.a_start:
            out.append((Generic.Deleted, diff.a[a0 + c.a_start:a0 + c.a_end], "a", a0 + c.a_start))
        if c.b_end > c.b_start:
            out.append((Generic.Inserted, diff.b[b0 + c.b_start:b0 + c.b_end], "b", b0 + c.b_start))
    return [t for t in out if t[1]]


def fold_runs(diff: PassageDiff) -> list[tuple[int, int]]:
    """Row ranges that fold away: the middle of each long run of unchanged passages."""
    out = []
    k = 0
    rows = diff.rows
    while k < len(rows):
        if rows[k].changed:
            k += 1
            continue
        end = k
        while end < len(rows) and not rows[end].changed:
            end += 1
        lo = k + (CONTEXT_ROWS if k else 0)
        hi = end - (CONTEXT_ROWS if end < len(rows) else 0)
        if hi - lo >= FOLD_ROWS:
            out.append((lo, hi))
        k = end
    return out


def row_weight(diff: PassageDiff, row: Row) -> int:
    """Characters a passage puts on screen (for windowing)."""
    return sum(s[1] - s[0] for s in (row.a, row.b) if s) + 1


class _Builder:
    """Accumulates table rows and the pieces each cell holds."""

    def __init__(self, page: Page, columns: int):
        self.page = page
        self.parts: list[str] = []
        self.table_row = 0
        self.columns = columns

    def raw(self, html_text: str) -> None:
        self.parts.append(html_text)

    def row(self, cells: list[tuple[str, list[Piece], str]]) -> None:
        """One <tr>: each cell as (inner html, pieces, extra td attributes)."""
        out = ["<tr>"]
        for col, (inner, pieces, attrs) in enumerate(cells):
            if pieces:
                self.page.cells[(self.table_row, col)] = pieces
            out.append(f"<td{attrs}>{inner}</td>")
        out.append("</tr>")
        self.parts.append("".join(out))
        self.table_row += 1

    def note(self, inner: str) -> None:
        self.row([(inner, [], f' colspan="{self.columns}" style="color: {MUTED}; font-style: italic; '
                              'padding: 6px 8px;"')])


_CELL = "vertical-align: top; padding: 3px 8px; white-space: pre-wrap; border-bottom: 1px solid #ececec;"


def _cell_attrs(row: Row | None, *, first: bool, extra: str = "", width: str = "") -> str:
    top = " padding-top: 12px;" if row is not None and row.paragraph and not first else ""
    return (f' width="{width}"' if width else "") + f' style="{_CELL}{top}{extra}"'


def moved_note(diff: PassageDiff, index: int) -> str:
    """For a sentence paired by meaning with one elsewhere in the other text: where its partner is."""
    row = diff.rows[index]
    if row.moved is None:
        return ""
    other = "B" if row.kind == "only_a" else "A"
    partner = next((n for n, r in enumerate(diff.rows) if (r.b if other == "B" else r.a) == row.moved), index)
    return f" ≈ also in {other}, further {'down' if partner > index else 'up'} (moved)"


def _note_html(note: str) -> str:
    return f'<span style="color: {MUTED}; font-size: small;">{html.escape(note)}</span>' if note else ""


def _gutter(current: bool, row: Row | None) -> tuple[str, list[Piece], str]:
    mark = f'<span style="color: {CURRENT}; font-weight: bold;">▶</span>' if current else ""
    if not current and row is not None and row.kind == "pair" and row.pair_kind == "reworded":
        mark = f'<span style="color: {MUTED};" title="the same statement in other words">≈</span>'
    style = f"{_CELL} color: {MUTED}; text-align: right; font-size: small;"
    if row is not None and row.paragraph:
        style += " padding-top: 12px;"
    return mark, [], f' width="22" style="{style}"'


def _side_cell(diff: PassageDiff, rows: list[tuple[int, Row]], side: str) -> tuple[str, list[Piece]]:
    pieces: list[Piece] = []
    parts: list[str] = []
    pos = 0
    for index, row in rows:
        span = row.a if side == "a" else row.b
        if span is None:
            continue
        text_len = _u16((diff.a if side == "a" else diff.b)[span[0]:span[1]])
        pieces.append(Piece(pos, pos + text_len, side, span[0], index))
        parts.append(tokens_html(side_tokens(diff, row, side)))
        note = moved_note(diff, index)
        parts.append(_note_html(note))
        pos += text_len + _u16(note)
    return "".join(parts), pieces


def _fold_label(n: int) -> str:
    return f"⋯ {n:,} unchanged {'sentence' if n == 1 else 'sentences'}"


def render_page(diff: PassageDiff, *, layout: Layout = "side_by_side", lo: int = 0, hi: int | None = None,
                folds: Folds = "links", expanded: frozenset[int] = frozenset(), current: int | None = None,
                headers: tuple[str, str] | None = None) -> Page:
    """Rows ``lo:hi`` as one HTML table.

    ``folds``: "links" renders a folded run as one line linking to ``fold:<first row>`` (unless its
    first row is in ``expanded``), "details" as ``<details>`` for browsers, "none" shows every row.
    Rows before ``lo`` / after ``hi`` are announced with ``window:earlier`` / ``window:later`` links.
    ``current`` (a row index) gets a marker in the gutter (column 0) and the anchor ``current``; every
    row gets the anchor ``r<index>``.
    """
    rows = diff.rows
    hi = len(rows) if hi is None else min(hi, len(rows))
    lo = max(0, min(lo, hi))
    page = Page("", lo, hi)
    columns = 3 if layout == "side_by_side" else 2
    b = _Builder(page, columns)
    table = (f'<table width="100%" cellspacing="0" cellpadding="0" '
             f'style="border-collapse: collapse; width: 100%; table-layout: fixed; font-family: {FONT}; '
             f'line-height: 1.5;">')
    b.raw(table)
    if layout == "side_by_side":
        b.raw('<colgroup><col style="width: 24px"><col><col></colgroup>')
    if headers and layout == "side_by_side":
        th = ' style="text-align: left; padding: 4px 8px; border-bottom: 2px solid #cccccc; color: #333333;"'
        b.row([("", [], ' width="22"'), (html.escape(headers[0]), [], th + ' width="50%"'),
               (html.escape(headers[1]), [], th + ' width="50%"')])
    elif headers:
        th = ' style="text-align: left; padding: 4px 8px; border-bottom: 2px solid #cccccc;"'
        legend = (f'<span style="background-color: #ffc4c8">{html.escape(headers[0])}</span> → '
                  f'<span style="background-color: #abf2bc">{html.escape(headers[1])}</span>')
        b.row([("", [], ' width="22"'), (legend, [], th)])
    if lo > 0:
        b.note(f'<a href="window:earlier" style="color: {MUTED};">▲ {lo:,} earlier passages — show</a>')
    fold_at = {} if folds == "none" else {s: e for s, e in fold_runs(diff) if s not in expanded or folds != "links"}
    k = lo
    while k < hi:
        end = fold_at.get(k)
        if end is not None:
            end = min(end, hi)
            label = html.escape(_fold_label(end - k))
            if folds == "links":
                b.note(f'<a name="r{k}"></a><a href="fold:{k}" style="color: {MUTED}; text-decoration: none;">'
                       f"{label} — show</a>")
            else:
                inner = _Builder(Page("", k, end), columns)
                inner.raw(table)
                _rows(diff, inner, range(k, end), layout, current)
                inner.raw("</table>")
                b.row([(f'<details><summary style="cursor: pointer; color: {MUTED}; font-style: italic;">'
                        f'{label}</summary>{"".join(inner.parts)}</details>', [],
                        f' colspan="{columns}" style="padding: 4px 8px;"')])
            for r in range(k, end):
                page.anchors[r] = f"r{k}"
            k = end
            continue
        stop = min((s for s in fold_at if k < s < hi), default=hi)
        _rows(diff, b, range(k, stop), layout, current, page)
        k = stop
    if hi < len(rows):
        b.note(f'<a href="window:later" style="color: {MUTED};">▼ {len(rows) - hi:,} later passages — show</a>')
    b.raw("</table>")
    page.html = "".join(b.parts)
    return page


def _rows(diff: PassageDiff, b: _Builder, span: range, layout: Layout, current: int | None,
          page: Page | None = None) -> None:
    if layout == "side_by_side":
        _side_by_side_rows(diff, b, span, current, page)
    else:
        _inline_rows(diff, b, span, current, page)


def _side_by_side_rows(diff: PassageDiff, b: _Builder, span: range, current: int | None,
                       page: Page | None) -> None:
    rows = diff.rows
    k = span.start
    while k < span.stop:
        if rows[k].kind == "pair":
            groups = [([(k, rows[k])], [(k, rows[k])])]
            k += 1
        else:  # a run of lone sentences: those of A face those of B
            end = k
            while end < span.stop and rows[end].kind != "pair":
                end += 1
            lone_a = [(i, rows[i]) for i in range(k, end) if rows[i].kind == "only_a"]
            lone_b = [(i, rows[i]) for i in range(k, end) if rows[i].kind == "only_b"]
            groups = [(lone_a[n:n + 1], lone_b[n:n + 1]) for n in range(max(len(lone_a), len(lone_b)))]
            k = end
        for left, right in groups:
            indexes = [i for i, _ in left + right]
            first_row = (left or right)[0][1]
            anchor = "".join(f'<a name="r{i}"></a>' for i in dict.fromkeys(indexes))
            if current in indexes:
                anchor += '<a name="current"></a>'
            if page is not None:
                for i in indexes:
                    page.anchors[i] = f"r{i}"
                    page.table_rows[i] = b.table_row
            html_a, pieces_a = _side_cell(diff, left, "a")
            html_b, pieces_b = _side_cell(diff, right, "b")
            first = indexes[0] == 0
            empty = " background-color: #f7f7f7;"
            gutter = _gutter(current in indexes, first_row)
            if left:  # anchors name the first character of a text cell
                html_a = anchor + html_a
            else:
                html_b = anchor + html_b
            b.row([(gutter[0], [], gutter[2]),
                   (html_a, pieces_a, _cell_attrs(first_row, first=first, extra="" if left else empty,
                                                  width="50%")),
                   (html_b, pieces_b, _cell_attrs(first_row, first=first, extra="" if right else empty,
                                                  width="50%"))])


def _inline_rows(diff: PassageDiff, b: _Builder, span: range, current: int | None, page: Page | None) -> None:
    """Passages flow into paragraphs: one table row per paragraph of the unified text."""
    rows = diff.rows
    k = span.start
    while k < span.stop:
        end = k + 1
        while end < span.stop and not rows[end].paragraph:
            end += 1
        parts: list[str] = []
        pieces: list[Piece] = []
        pos = 0
        last = ""
        for i in range(k, end):
            prefix = f'<a name="r{i}"></a>'
            if page is not None:
                page.anchors[i] = f"r{i}"
                page.table_rows[i] = b.table_row
            if i > k and last and last[-1] not in _CJK_STOPS:
                parts.append(" ")
                pos += 1
            if i == current:
                prefix += '<a name="current"></a>'
            parts.append(prefix)
            for ttype, value, side, start in inline_tokens(diff, rows[i]):
                n = _u16(value)
                pieces.append(Piece(pos, pos + n, side, start, i))
                parts.append(tokens_html([(ttype, value)]))
                pos += n
                last = value
            note = moved_note(diff, i)
            parts.append(_note_html(note))
            pos += _u16(note)
        gutter = _gutter(current is not None and k <= current < end, rows[k])
        b.row([(gutter[0], [], gutter[2]), ("".join(parts), pieces, _cell_attrs(rows[k], first=k == 0))])
        k = end


def window(diff: PassageDiff, *, around: int, budget: int, expanded: frozenset[int] = frozenset(),
           folds: Folds = "links", max_rows: int = 400) -> tuple[int, int]:
    """A row range containing ``around`` whose visible text is about ``budget`` characters (at most ``max_rows``)."""
    folded: dict[int, int] = {}
    if folds == "links":
        for s, e in fold_runs(diff):
            if s not in expanded:
                for r in range(s, e):
                    folded[r] = s
    def weight(r: int) -> int:
        if r in folded:
            return 40 if folded[r] == r else 0
        return row_weight(diff, diff.rows[r])

    n = len(diff.rows)
    around = max(0, min(around, n - 1)) if n else 0
    lo, hi = around, min(around + 1, n)
    used = weight(around) if n else 0
    # A little context before, most of the budget after.
    while lo > 0 and used < budget // 5 and around - lo < max_rows // 5:
        lo -= 1
        used += weight(lo)
    while hi < n and used < budget and hi - lo < max_rows:
        used += weight(hi)
        hi += 1
    while lo > 0 and used < budget and hi - lo < max_rows:
        lo -= 1
        used += weight(lo)
    while lo > 0 and lo in folded and folded[lo] != lo:  # never start inside a fold
        lo -= 1
    return lo, hi


def passage_diff_html(diff: PassageDiff, *, layout: Layout = "side_by_side",
                      headers: tuple[str, str] | None = None) -> str:
    """The whole diff as one HTML table for a browser (unchanged runs fold in ``<details>``)."""
    return render_page(diff, layout=layout, folds="details", headers=headers).html


__all__ = ["Page", "Piece", "fold_runs", "inline_tokens", "passage_diff_html", "render_page", "side_tokens",
           "tokens_html", "window"]
