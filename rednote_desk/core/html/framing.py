"""The report's coverage map, word choice and source selection sections (HTML strings, every text escaped).

Same data as the compare view's Coverage, Terms and Sources tabs (:mod:`.compare.framing`): one row
per statement / actor / speaker, one column per document; an empty cell is an omission and is hatched
like the claims matrix; a coverage cell shows where the outlet put the statement (headline, lead,
paragraph n of N).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from rednote_desk.core.compare.coverage import CoverageCell, CoverageMap
from rednote_desk.core.compare.sources import SourceRow
from rednote_desk.core.compare.terms import TermGroup

MAX_COVERAGE_ROWS = 150  # statements shown; the rest (mostly exclusives) are counted in a note
QUOTE_CHARS = 240
T = TypeVar("T")

CSS = """
.prominence { display: inline-block; font-size: 0.75em; padding: 0 5px; border-radius: 6px; margin-bottom: 2px;
              color: #5a5a5a; border: 1px solid #dddddd; }
.prominence.headline { background: #fde2b8; border-color: #e8b86b; color: #6b4300; }
.prominence.lead { background: #fff3d6; border-color: #ecd395; color: #6b5300; }
.badge.exclusive { color: #2b5797; border: 1px solid #7fa2d6; }
.terms span.term { white-space: nowrap; margin-right: 0.6em; }
.why { font-size: 0.8em; }
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _short(text: str, n: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _muted(markup: str) -> str:
    return f"<p class='muted'>{markup}</p>"


def _omitted(what: str) -> str:
    return f"<td class='omitted'>{_e(what)}</td>"


def _section(anchor: str, title: str, parts: Sequence[str]) -> str:
    return f"<h2 id='{anchor}'>{title}</h2>" + "".join(parts)


def _grid(first: str, items: Iterable[T], doc_ids: Sequence[int], labels: dict[int, str], *,
          head: Callable[[T], str], cell: Callable[[T, int], str]) -> str:
    """One row per item: its ``head`` cell, then its ``cell`` for each document (both HTML)."""
    header = f"<tr><th>{_e(first)}</th>" + "".join(f"<th>{_e(labels.get(d, str(d)))}</th>" for d in doc_ids)
    rows = "".join(f"<tr><td class='claim'>{head(item)}</td>" + "".join(cell(item, d) for d in doc_ids) + "</tr>"
                   for item in items)
    return f"<table class='grid'>{header}</tr>{rows}</table>"


def _coverage_cell(cell: CoverageCell | None) -> str:
    if cell is None:
        return _omitted("not mentioned")
    kind = cell.prominence if cell.prominence in ("headline", "lead") else "paragraph"
    return (f"<td><span class='prominence {kind}'>{_e(cell.prominence)}</span>"
            f"<div>{_e(_short(cell.quote))}</div></td>")


def coverage_section(cmap: CoverageMap | None, doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    if cmap is None or not cmap.rows:
        return _section("coverage", "Coverage map", [_muted(
            "No statements to compare (the coverage map needs at least two documents with text).")])
    shared = sum(not r.exclusive for r in cmap.rows)
    parts = [_muted(f"Statements clustered across documents by meaning ({_e(cmap.method)}): one row per statement, "
                    f"sorted by how many documents carry it; each cell is that document's wording and where it "
                    f"stands (headline, lead = first three sentences, or paragraph n of N); hatched cells are "
                    f"omissions. {shared} statement{'s' * (shared != 1)} in more than one document, "
                    f"{len(cmap.rows) - shared} exclusive.")]
    if cmap.note:
        parts.append(_muted(_e(cmap.note)))
    parts.append(_grid(
        "Documents", cmap.rows[:MAX_COVERAGE_ROWS], doc_ids, labels,
        head=lambda r: ("<span class='badge exclusive'>EXCLUSIVE</span>" if r.exclusive else "")
        + f"{r.outlets} of {len(doc_ids)}",
        cell=lambda r, d: _coverage_cell(r.cell(d)),
    ))
    if len(cmap.rows) > MAX_COVERAGE_ROWS:
        left = len(cmap.rows) - MAX_COVERAGE_ROWS
        parts.append(_muted(f"{left:,} more statement{'s' * (left != 1)} (the least shared) are left out here; "
                            "the app's Coverage tab lists them all."))
    return _section("coverage", "Coverage map", parts)


def _terms_cell(group: TermGroup, doc_id: int) -> str:
    used = group.terms.get(doc_id)
    if not used:
        return _omitted("—")
    return "<td class='terms'>" + " ".join(
        f"<span class='term'>{_e(t)} <span class='muted'>×{n}</span></span>"
        for t, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))) + "</td>"


def terms_section(groups: Sequence[TermGroup], doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    body = [
        _muted("The main actors and things of the event, each a group of the terms that refer to it, with the "
               "terms each document uses (and how often); hatched: the document uses none of them. Under each "
               "group: why its terms were joined."),
        _grid("Actor or thing", groups, doc_ids, labels,
              head=lambda g: f"<b>{_e(g.label)}</b><div class='muted why'>{_e('; '.join(g.explanation))}</div>",
              cell=_terms_cell),
    ] if groups else [_muted("No term is used in two documents or three times.")]
    return _section("terms", "Word choice", body)


_KINDS = {"person": "person", "media": "media outlet", "institution": "institution"}


def _speaker_head(row: SourceRow) -> str:
    head = f"<b>{_e(row.name)}</b>" + (f" <span class='muted'>({_e(row.role)})</span>" if row.role else "")
    return head + f"<div class='muted why'>{_e(_KINDS.get(row.kind, row.kind))}</div>"


def _sources_cell(row: SourceRow, doc_id: int) -> str:
    found = row.cells.get(doc_id)
    if not found:
        return _omitted("not cited")
    names = ", ".join(dict.fromkeys(a.name for a in found))
    kinds = ", ".join(dict.fromkeys(a.kind for a in found))
    quotes = " | ".join(dict.fromkeys(_short(a.quote, 160) for a in found))
    return (f"<td title='{_e(quotes)}'>{_e(names)} <span class='muted'>×{len(found)}</span>"
            f"<div class='muted why'>{_e(kinds)}</div></td>")


def sources_section(rows: Sequence[SourceRow], doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    body = [
        _muted("Who is quoted or cited in each document: direct quotes, reported speech (“said”, “told”), "
               "“according to”, institutions and other media. One row per speaker (full name and surname are one "
               "person); hatched: not cited."),
        _grid("Speaker", rows, doc_ids, labels, head=_speaker_head, cell=_sources_cell),
    ] if rows else [_muted("No one is quoted or cited by name.")]
    return _section("sources", "Sources", body)


__all__ = ["CSS", "MAX_COVERAGE_ROWS", "coverage_section", "sources_section", "terms_section"]
