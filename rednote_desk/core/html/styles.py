"""Word diff -> pygments token stream -> self-contained HTML (for the GUI view and exported reports).

Two-tier colouring: a sentence that contains a change gets a pale tint (``Changed``), and the
changed words themselves a strong one (``Generic.Inserted`` / ``Generic.Deleted``). Unchanged text
is ``Text``. All HTML is escaped and styled inline: no external resources.
"""
from __future__ import annotations

import html
import io
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from pygments.formatters import HtmlFormatter
from pygments.style import Style
from pygments.token import Generic, Text, Token, _TokenType

from rednote_desk.core.compare.sentences import split_sentences
from rednote_desk.core.compare.worddiff import DiffChunk

# Unchanged words inside a changed sentence (pale tint): inline view, left (old) and right (new) columns.
Changed = Token.Generic.Changed
ChangedOld = Token.Generic.Changed.Old
ChangedNew = Token.Generic.Changed.New

TokenList = list[tuple[_TokenType, str]]

COLLAPSE_CHARS = 600  # unchanged stretches longer than this fold away (inline view)
CONTEXT_CHARS = 160  # ... keeping this much visible on each side
COLLAPSE_ROWS = 3  # runs of this many unchanged rows fold away (side-by-side view)

_FONT = "font-family: Georgia, 'Noto Serif', 'Noto Serif CJK SC', serif; line-height: 1.5;"
_SUMMARY = "display: inline; cursor: pointer; color: #6b6b6b; font-style: italic;"


class RedNoteDiffStyle(Style):
    """Pale tints for changed sentences, strong ones for changed words."""

    name = "rednote-diff"
    background_color = "#ffffff"
    highlight_color = "#fff5cc"
    styles = {
        Token: "#1f1f1f",
        Generic.Inserted: "bg:#abf2bc #0b3d17",
        Generic.Deleted: "bg:#ffc4c8 #5c0b12",
        Changed: "bg:#fff4cf",
        ChangedOld: "bg:#fff0f1",
        ChangedNew: "bg:#eefbf0",
    }


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter:
    return HtmlFormatter(noclasses=True, style=RedNoteDiffStyle, nowrap=True)


def _html(tokens: TokenList) -> str:
    """Spans for ``tokens`` (escaped), without the newline the formatter appends."""
    if not tokens:
        return ""
    out = io.StringIO()
    _formatter().format(tokens, out)
    s = out.getvalue()
    if s.endswith("\n") and not tokens[-1][1].endswith("\n"):
        s = s[:-1]
    return s


@dataclass(frozen=True)
class _Spans:
    """Sorted, non-overlapping spans of changed sentences."""

    spans: list[tuple[int, int]]
    starts: list[int]


def _changed_sentences(text: str, ranges: Iterable[tuple[int, int]]) -> _Spans:
    """Spans of the sentences of ``text`` touched by the given changed ranges, sorted."""
    sents = split_sentences(text)
    starts = [s.start for s in sents]
    hit: set[int] = set()
    for lo, hi in ranges:
        k = max(bisect_right(starts, lo) - 1, 0)
        while k < len(sents) and sents[k].start <= max(hi, lo):
            s = sents[k]
            if (s.start < hi and lo < s.end) if hi > lo else (s.start <= lo <= s.end):
                hit.add(k)
            k += 1
    spans = [(sents[k].start, sents[k].end) for k in sorted(hit)]
    return _Spans(spans, [s for s, _ in spans])


def _tinted(text: str, start: int, end: int, changed: _Spans, pale: _TokenType) -> TokenList:
    """Unchanged ``text[start:end]``, pale where it lies inside a changed sentence."""
    out: TokenList = []
    spans = changed.spans
    k = max(bisect_right(changed.starts, start) - 1, 0)
    pos = start
    while pos < end:
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos:
            stop = min(end, spans[k][1])
            out.append((pale, text[pos:stop]))
        else:
            stop = min(end, spans[k][0]) if k < len(spans) else end
            out.append((Text, text[pos:stop]))
        pos = stop
    return out


def _merge(tokens: TokenList) -> TokenList:
    out: TokenList = []
    for ttype, value in tokens:
        if not value:
            continue
        if out and out[-1][0] is ttype:
            out[-1] = (ttype, out[-1][1] + value)
        else:
            out.append((ttype, value))
    return out


def diff_tokens(a: str, b: str, chunks: Sequence[DiffChunk]) -> TokenList:
    """Inline (unified) view: unchanged text from B, deletions from A, insertions from B."""
    changes = [c for c in chunks if c.tag != "equal"]
    spans_b = _changed_sentences(b, [(c.b_start, c.b_end) for c in changes])
    out: TokenList = []
    for c in chunks:
        if c.tag == "equal":
            out += _tinted(b, c.b_start, c.b_end, spans_b, Changed)
            continue
        if c.a_end > c.a_start:
            out.append((Generic.Deleted, a[c.a_start:c.a_end]))
        if c.b_end > c.b_start:
            out.append((Generic.Inserted, b[c.b_start:c.b_end]))
    return _merge(out)


@dataclass(frozen=True)
class Row:
    """One aligned passage of the side-by-side view."""

    left: TokenList
    right: TokenList
    changed: bool


def side_by_side_rows(a: str, b: str, chunks: Sequence[DiffChunk]) -> list[Row]:
    """Aligned passages (rows end at line breaks inside unchanged text), each side as tokens."""
    changes = [c for c in chunks if c.tag != "equal"]
    spans_a = _changed_sentences(a, [(c.a_start, c.a_end) for c in changes])
    spans_b = _changed_sentences(b, [(c.b_start, c.b_end) for c in changes])
    rows: list[Row] = []
    left: TokenList = []
    right: TokenList = []
    changed = False

    def close() -> None:
        nonlocal left, right, changed
        if changed or "".join(v for _, v in left + right).strip():
            rows.append(Row(_merge(left), _merge(right), changed))
        left, right, changed = [], [], False

    for c in chunks:
        if c.tag != "equal":
            left.append((Generic.Deleted, a[c.a_start:c.a_end]))
            right.append((Generic.Inserted, b[c.b_start:c.b_end]))
            changed = True
            continue
        if a[c.a_start:c.a_end] != b[c.b_start:c.b_end]:  # equal up to ignored differences
            left += _tinted(a, c.a_start, c.a_end, spans_a, ChangedOld)
            right += _tinted(b, c.b_start, c.b_end, spans_b, ChangedNew)
            continue
        pos, shift = c.a_start, c.b_start - c.a_start
        while pos < c.a_end:
            nl = a.find("\n", pos, c.a_end)
            stop = c.a_end if nl < 0 else nl
            left += _tinted(a, pos, stop, spans_a, ChangedOld)
            right += _tinted(b, pos + shift, stop + shift, spans_b, ChangedNew)
            if nl < 0:
                break
            close()
            pos = nl + 1
    close()
    return rows


def _collapsible_text(value: str) -> str:
    """HTML for a long unchanged stretch: head and tail visible, the middle folded in <details>."""
    head_end = value.rfind(" ", 0, CONTEXT_CHARS) + 1 or CONTEXT_CHARS
    tail_start = value.find(" ", len(value) - CONTEXT_CHARS)
    tail_start = len(value) - CONTEXT_CHARS if tail_start < 0 else tail_start
    middle = value[head_end:tail_start]
    label = f"[… {len(middle.split()):,} unchanged words …]"
    return (_html([(Text, value[:head_end])])
            + f'<details style="display: inline;"><summary style="{_SUMMARY}">{html.escape(label)}</summary>'
            + _html([(Text, middle)]) + "</details>" + _html([(Text, value[tail_start:])]))


def _document(body: str, title: str) -> str:
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{style_css()}</style></head>"
            f"<body>{body}</body></html>\n")


def render_inline_html(a: str, b: str, chunks: Sequence[DiffChunk], *, full: bool = False,
                       collapse: bool = True, title: str = "Comparison") -> str:
    """Inline view as HTML: a fragment, or with ``full`` a standalone document."""
    parts: list[str] = []
    pending: TokenList = []
    for ttype, value in diff_tokens(a, b, chunks):
        if collapse and ttype is Text and len(value) > COLLAPSE_CHARS:
            parts.append(_html(pending))
            pending = []
            parts.append(_collapsible_text(value))
        else:
            pending.append((ttype, value))
    parts.append(_html(pending))
    body = f'<div class="rednote-diff" style="white-space: pre-wrap; {_FONT}">{"".join(parts)}</div>'
    return _document(body, title) if full else body


def _row_html(row: Row) -> str:
    cell = "vertical-align: top; padding: 4px 8px; white-space: pre-wrap; border-bottom: 1px solid #eeeeee;"
    mark = ' class="changed"' if row.changed else ""
    return (f"<tr{mark}><td class=\"old\" style=\"{cell} border-right: 1px solid #dddddd;\">{_html(row.left)}</td>"
            f"<td class=\"new\" style=\"{cell}\">{_html(row.right)}</td></tr>")


def render_side_by_side_html(a: str, b: str, chunks: Sequence[DiffChunk], *, full: bool = False,
                             collapse: bool = True, title: str = "Comparison",
                             headers: tuple[str, str] | None = None) -> str:
    """Two columns of aligned passages; runs of unchanged rows fold into <details>."""
    table = f'style="border-collapse: collapse; width: 100%; table-layout: fixed; {_FONT}"'
    out = [f'<table class="rednote-sbs" {table}>']
    if headers:
        out.append("<tr>" + "".join(f'<th style="text-align: left; padding: 4px 8px;">{html.escape(h)}</th>'
                                    for h in headers) + "</tr>")
    rows = side_by_side_rows(a, b, chunks)
    k = 0
    while k < len(rows):
        run = k
        while run < len(rows) and not rows[run].changed:
            run += 1
        if collapse and run - k >= COLLAPSE_ROWS:
            label = f"{run - k} unchanged passages"
            inner = "".join(_row_html(r) for r in rows[k:run])
            out.append(f'<tr><td colspan="2" style="padding: 2px 8px;"><details><summary style="{_SUMMARY}">'
                       f"{html.escape(label)}</summary><table {table}>{inner}</table></details></td></tr>")
            k = run
            continue
        out.extend(_row_html(r) for r in rows[k:max(run, k + 1)])
        k = max(run, k + 1)
    out.append("</table>")
    body = "".join(out)
    return _document(body, title) if full else body


def style_css() -> str:
    """CSS for the diff views: token classes of :class:`RedNoteDiffStyle` and the layout."""
    tokens = HtmlFormatter(style=RedNoteDiffStyle).get_style_defs(".rednote-diff, .rednote-sbs")
    layout = (
        "body { margin: 1.5em; color: #1f1f1f; background: #ffffff; }\n"
        ".rednote-diff, .rednote-sbs { font-family: Georgia, 'Noto Serif', serif; line-height: 1.5; }\n"
        ".rednote-diff { white-space: pre-wrap; }\n"
        ".rednote-sbs { border-collapse: collapse; width: 100%; table-layout: fixed; }\n"
        ".rednote-sbs td { vertical-align: top; padding: 4px 8px; white-space: pre-wrap; }\n"
        "details > summary { cursor: pointer; color: #6b6b6b; font-style: italic; }\n"
    )
    return tokens + "\n" + layout
