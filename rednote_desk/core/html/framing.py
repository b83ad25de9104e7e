"""The report's coverage map, word choice and source selection sections (HTML strings, every text escaped).

Same data as the compare view's Coverage, Terms and Sources tabs (:mod:`.compare.framing`): one row
per statement / actor / speaker, one column per document; an empty cell is an omission and is hatched
like the claims matrix; a coverage cell shows where the outlet put the statement (headline, lead,
paragraph n of N).
"""
from __future__ import annotations

import html
from collections.abc import Sequence

from rednote_desk.core.compare.coverage import CoverageCell, CoverageMap
from rednote_desk.core.compare.sources import SourceRow
from rednote_desk.core.compare.terms import TermGroup

MAX_COVERAGE_ROWS = 150  # statements shown; the rest (mostly exclusives) are counted in a note
QUOTE_CHARS = 240

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


def _omitted(what: str) -> str:
    return f"<td class='omitted'>{_e(what)}</td>"


def _header(first: Sequence[str], doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    return "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in first) + "".join(
        f"<th>{_e(labels.get(d, str(d)))}</th>" for d in doc_ids) + "</tr>"


def _coverage_cell(cell: CoverageCell | None) -> str:
    if cell is None:
        return _omitted("not mentioned")
    kind = cell.prominence if cell.prominence in ("headline", "lead") else "paragraph"
    return (f"<td><span class='prominence {kind}'>{_e(cell.prominence)}</span>"
            f"<div>{_e(_short(cell.quote))}</div></td>")


def coverage_section(cmap: CoverageMap | None, doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    out = ["<h2 id='coverage'>Coverage map</h2>"]
    if cmap is None or not cmap.rows:
        out.append("<p class='muted'>No statements to compare (the coverage map needs at least two documents "
                   "with text).</p>")
        return "".join(out)
    shared = sum(not r.exclusive for r in cmap.rows)
    out.append(f"<p class='muted'>Statements clustered across documents by meaning ({_e(cmap.method)}): one row "
               f"per statement, sorted by how many documents carry it; each cell is that document's wording and "
               f"where it stands (headline, lead = first three sentences, or paragraph n of N); hatched cells are "
               f"omissions. {shared} statement{'s' * (shared != 1)} in more than one document, "
               f"{len(cmap.rows) - shared} exclusive.</p>")
    if cmap.note:
        out.append(f"<p class='muted'>{_e(cmap.note)}</p>")
    rows = []
    for r in cmap.rows[:MAX_COVERAGE_ROWS]:
        badge = "<span class='badge exclusive'>EXCLUSIVE</span>" if r.exclusive else ""
        rows.append(f"<tr><td class='claim'>{badge}{r.outlets} of {len(doc_ids)}</td>"
                    + "".join(_coverage_cell(r.cell(d)) for d in doc_ids) + "</tr>")
    out.append(f"<table class='grid'>{_header(['Documents'], doc_ids, labels)}{''.join(rows)}</table>")
    if len(cmap.rows) > MAX_COVERAGE_ROWS:
        left = len(cmap.rows) - MAX_COVERAGE_ROWS
        out.append(f"<p class='muted'>{left:,} more statement{'s' * (left != 1)} (the least shared) are left "
                   "out here; the app's Coverage tab lists them all.</p>")
    return "".join(out)


def terms_section(groups: Sequence[TermGroup], doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    out = ["<h2 id='terms'>Word choice</h2>"]
    if not groups:
        out.append("<p class='muted'>No term is used in two documents or three times.</p>")
        return "".join(out)
    out.append("<p class='muted'>The main actors and things of the event, each a group of the terms that refer "
               "to it, with the terms each document uses (and how often); hatched: the document uses none of "
               "them. Under each group: why its terms were joined.</p>")
    rows = []
    for g in groups:
        why = "; ".join(g.explanation)
        cells = []
        for d in doc_ids:
            used = g.terms.get(d)
            if not used:
                cells.append(_omitted("—"))
                continue
            cells.append("<td class='terms'>" + " ".join(
                f"<span class='term'>{_e(t)} <span class='muted'>×{n}</span></span>"
                for t, n in sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))) + "</td>")
        rows.append(f"<tr><td class='claim'><b>{_e(g.label)}</b><div class='muted why'>{_e(why)}</div></td>"
                    + "".join(cells) + "</tr>")
    out.append(f"<table class='grid'>{_header(['Actor or thing'], doc_ids, labels)}{''.join(rows)}</table>")
    return "".join(out)


_KINDS = {"person": "person", "media": "media outlet", "institution": "institution"}


def sources_section(rows: Sequence[SourceRow], doc_ids: Sequence[int], labels: dict[int, str]) -> str:
    out = ["<h2 id='sources'>Sources</h2>"]
    if not rows:
        out.append("<p class='muted'>No one is quoted or cited by name.</p>")
        return "".join(out)
    out.append("<p class='muted'>Who is quoted or cited in each document: direct quotes, reported speech "
               "(“said”, “told”), “according to”, institutions and other media. One row per speaker (full name "
               "and surname are one person); hatched: not cited.</p>")
    body = []
    for r in rows:
        head = f"<b>{_e(r.name)}</b>" + (f" <span class='muted'>({_e(r.role)})</span>" if r.role else "")
        head += f"<div class='muted why'>{_e(_KINDS.get(r.kind, r.kind))}</div>"
        cells = []
        for d in doc_ids:
            found = r.cells.get(d)
            if not found:
                cells.append(_omitted("not cited"))
                continue
            names = ", ".join(dict.fromkeys(a.name for a in found))
            kinds = ", ".join(dict.fromkeys(a.kind for a in found))
            quotes = " | ".join(dict.fromkeys(_short(a.quote, 160) for a in found))
            cells.append(f"<td title='{_e(quotes)}'>{_e(names)} <span class='muted'>×{len(found)}</span>"
                         f"<div class='muted why'>{_e(kinds)}</div></td>")
        body.append(f"<tr><td class='claim'>{head}</td>{''.join(cells)}</tr>")
    out.append(f"<table class='grid'>{_header(['Speaker'], doc_ids, labels)}{''.join(body)}</table>")
    return "".join(out)


__all__ = ["CSS", "MAX_COVERAGE_ROWS", "coverage_section", "sources_section", "terms_section"]
