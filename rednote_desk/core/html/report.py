"""The comparison report as one self-contained HTML file (no Qt, no SQL, no external resource).

Sections: documents, copies and spin, claims matrix, coverage map, word choice, sources
(:mod:`.framing`), frame profile (inline SVG heat maps), pairwise text diffs (paired by meaning for
independent texts). Styles are inline CSS (the diff colours come from the pygments style of
:mod:`.render`), charts are inline SVG, every text is escaped. The pairwise diffs go through the
same :mod:`.diff_html` code as the GUI's diff view.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from rednote_desk.core.compare.comparison import Comparison, ComparisonInput, compute_comparison
from rednote_desk.core.compare.frame_profile import FrameProfile, frame_profile
from rednote_desk.core.compare.matrix import ClaimRow, cell_values_text
from rednote_desk.core.compare.passages import passage_diff
from rednote_desk.core.errors import Cancelled
from rednote_desk.core.html.copies import evidence_html, finding_headline_html
from rednote_desk.core.html.diff import passage_diff_html
from rednote_desk.core.html.framing import CSS as FRAMING_CSS
from rednote_desk.core.html.framing import coverage_section, sources_section, terms_section
from rednote_desk.core.html.styles import style_css

Report = Callable[[int, int, str], None]

ALL_PAIRS_UP_TO = 6  # documents; above this, only the pairs flagged as copies get a text diff
QUOTE_CHARS = 320

_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif;
       color: #1f1f1f; background: #ffffff; margin: 2em auto; max-width: 1400px; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid #e4e4e4; padding-bottom: 0.2em; }
h3 { font-size: 1.05em; margin: 1.4em 0 0.3em 0; }
.muted { color: #6b6b6b; }
nav a { margin-right: 1em; color: #2b5797; }
table.grid { border-collapse: collapse; width: 100%; font-size: 0.92em; }
table.grid th { text-align: left; background: #f4f4f4; border: 1px solid #dddddd; padding: 4px 8px;
                vertical-align: bottom; }
table.grid td { border: 1px solid #e2e2e2; padding: 4px 8px; vertical-align: top; }
td.omitted { background: repeating-linear-gradient(135deg, #f6f6f6, #f6f6f6 6px, #ececec 6px, #ececec 12px);
             color: #8a8a8a; font-style: italic; text-align: center; }
tr.disagree td.claim { background: #fdecea; }
.badge { display: inline-block; font-size: 0.72em; font-weight: bold; padding: 1px 6px; border-radius: 8px;
         margin-right: 4px; vertical-align: middle; }
.badge.suggested { color: #8a5a00; border: 1px solid #d9a300; }
.badge.confirmed { color: #1e6b34; border: 1px solid #3c9a5f; }
.badge.disagree { color: #ffffff; background: #c0392b; }
.badge.growth { color: #ffffff; background: #1f618d; }
.badge.differs { color: #7a4d00; border: 1px solid #d9a300; }
.badge.same { color: #1e6b34; border: 1px solid #3c9a5f; }
.value { font-weight: bold; }
.copy { background: #fff8e1; border: 1px solid #f0d98a; border-radius: 4px; padding: 8px 12px; margin: 8px 0; }
.copy details summary { cursor: pointer; color: #6b6b6b; }
.diff { margin: 0.5em 0 1.5em 0; }
svg text { font-family: system-ui, 'Noto Sans', sans-serif; }
"""


@dataclass(frozen=True)
class ReportInput:
    """What a report needs, read from the project on the caller's thread."""

    comparison: ComparisonInput
    annotation_counts: dict[int, int] = field(default_factory=dict)
    title: str = "Framing comparison"
    generated: str = ""  # a date and time to print, already formatted


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _short(text: str, n: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _documents_section(comparison: Comparison, counts: dict[int, int]) -> str:
    rows = []
    for d in comparison.documents:
        rows.append(
            "<tr>" + "".join(f"<td>{c}</td>" for c in (
                _e(d.id), f"<b>{_e(comparison.labels[d.id])}</b>", _e(d.title), _e(d.outlet or ""),
                _e(d.author or ""), _e(d.published or ""), f"<span class='muted'>{_e(d.url or '')}</span>",
                f"{len(d.text):,}", f"{counts.get(d.id, 0):,}",
                _e(comparison.voices.get(d.id, d.id)))) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Id", "Column", "Title", "Outlet", "Author", "Published", "Address",
                                               "Characters", "Annotations", "Voice"))
    return (f"<h2 id='documents'>Documents ({len(comparison.documents)})</h2>"
            "<p class='muted'>Voice: documents that copy one another count as one voice (the smallest id of the "
            "group).</p>"
            f"<table class='grid'><tr>{head}</tr>{''.join(rows)}</table>")


def _copies_section(comparison: Comparison) -> str:
    out = ["<h2 id='copies'>Copies and spin</h2>"]
    if not comparison.copies:
        out.append("<p class='muted'>No document looks like a copy of another (verbatim, near-verbatim or "
                   "synonym-spun).</p>")
        return "".join(out)
    texts = {d.id: d.text for d in comparison.documents}
    for f in comparison.copies:
        out.append(f"<div class='copy'><p style='margin: 2px 0;'>⚠ {finding_headline_html(f, comparison.labels)}"
                   "</p><details><summary>Evidence: substituted words and aligned sentences</summary>"
                   f"{evidence_html(f, texts, comparison.labels)}</details></div>")
    return "".join(out)


#: verdict -> (badge text, CSS class); a conflict keeps the old "disagree" look.
VERDICT_BADGES = {"conflict": ("CONFLICT", "disagree"), "growth": ("GROWTH", "growth"),
                  "differs": ("DIFFERS", "differs"), "same": ("SAME", "same")}


def _cell_html(row: ClaimRow, doc_id: int) -> str:
    cell = row.cells.get(doc_id)
    if cell is None:
        return "<td class='omitted'>not mentioned</td>"
    value = f"<div class='value'>{_e(cell_values_text(cell))}</div>" if cell.compared else ""
    when = (f"<div class='muted' style='font-size: 0.85em;' title='{_e(cell.reference_reason)}'>"
            f"as of {_e(cell.reference_date)}</div>") if cell.compared and cell.reference_date else ""
    outlier = "<div class='badge disagree'>OUT OF LINE</div>" if doc_id in row.outliers else ""
    tags = f"<div class='muted' style='font-size: 0.85em;'>{_e(', '.join(cell.tags))}</div>" if cell.tags else ""
    return f"<td>{outlier}{value}{when}{_e(_short(cell.quote))}{tags}</td>"


def _matrix_section(comparison: Comparison) -> str:
    out = [f"<h2 id='claims'>Claims matrix ({len(comparison.rows)})</h2>"]
    if not comparison.rows:
        out.append("<p class='muted'>No claims yet: link annotations as claims, or accept suggested claims.</p>")
        return "".join(out)
    counts = {v: sum(r.verdict == v for r in comparison.rows) for v in VERDICT_BADGES}
    out.append("<p class='muted'>One row per claim, one column per document; hatched cells are omissions; each "
               "figure shows the date it refers to. Verdicts: "
               + ", ".join(f"{n} {VERDICT_BADGES[v][0].lower()}" for v, n in counts.items() if n)
               + (" (a conflict cannot all be true on the same date; growth is a later report of a higher figure)."
                  if any(counts.values()) else "none.") + "</p>")
    docs = comparison.documents
    head = "<th>Claim</th><th>Voices</th>" + "".join(f"<th>{_e(comparison.labels[d.id])}</th>" for d in docs)
    rows = []
    for r in comparison.rows:
        badges = f"<span class='badge {_e(r.origin)}'>{_e(r.origin.upper())}</span>"
        if r.verdict in VERDICT_BADGES:
            text, css = VERDICT_BADGES[r.verdict]
            badges += f"<span class='badge {css}'>{text}</span>"
        values = (f"<div style='color: #a93226;'>{_e(r.values_side_by_side())}</div>"
                  if r.disagreement else "")
        if r.verdict_note or r.outliers:
            out_of_line = ", ".join(comparison.labels.get(d, str(d)) for d in r.outliers)
            note = "; ".join(x for x in (r.verdict_note, f"out of line: {out_of_line}" if out_of_line else "") if x)
            values += f"<div class='muted' style='font-size: 0.85em;'>{_e(note)}</div>"
        reason = f"<div class='muted' style='font-size: 0.85em;'>{_e(r.reason)}</div>" if r.reason else ""
        rows.append(f"<tr class='{'disagree' if r.disagreement else ''}'><td class='claim'>{badges}"
                    f"<div><b>{_e(r.label)}</b></div>{values}{reason}</td><td>{r.voices} of {len(docs)}</td>"
                    + "".join(_cell_html(r, d.id) for d in docs) + "</tr>")
    out.append(f"<table class='grid'><tr>{head}</tr>{''.join(rows)}</table>")
    return "".join(out)


def _mix(color: str, share: float) -> str:
    """``color`` faded towards white: ``share`` 0 is white, 1 is the full colour."""
    c = color.lstrip("#")
    if len(c) != 6:
        c = "999999"
    rgb = [int(c[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(255 + (v - 255) * share):02x}" for v in rgb)


def heat_map_svg(profile: FrameProfile, labels: dict[int, str]) -> str:
    """An inline SVG heat map: documents × frames, each cell tinted by the share of annotated text."""
    frames, docs = profile.frames, profile.documents
    label_w, cell_w, cell_h, head_h = 260, 118, 34, 64
    width = label_w + cell_w * len(frames) + 10
    height = head_h + cell_h * len(docs) + 10
    top = max((s.share for d in docs for s in d.shares), default=0.0) or 1.0
    out = [f"<svg width='{width}' height='{height}' "
           f"viewBox='0 0 {width} {height}' role='img' aria-label='Frame profile heat map'>"]
    for n, f in enumerate(frames):
        x = label_w + n * cell_w + cell_w / 2
        parent = f.path.rsplit("/", 1)[0] if "/" in f.path else ""
        out.append(f"<text x='{x:.0f}' y='{head_h - (26 if parent else 12)}' text-anchor='middle' font-size='12' "
                   f"fill='#333'>{_e(_short(f.name, 17))}<title>{_e(f.path)}</title></text>")
        if parent:
            out.append(f"<text x='{x:.0f}' y='{head_h - 12}' text-anchor='middle' font-size='10' fill='#888'>"
                       f"{_e(_short(parent.split('/')[-1], 20))}</text>")
        out.append(f"<rect x='{label_w + n * cell_w + 8}' y='{head_h - 6}' width='{cell_w - 16}' height='3' "
                   f"fill='{_e(_mix(f.color, 1.0))}'/>")
    for r, d in enumerate(docs):
        y = head_h + r * cell_h
        out.append(f"<text x='{label_w - 10}' y='{y + cell_h / 2 + 4:.0f}' text-anchor='end' font-size='12' "
                   f"fill='#1f1f1f'>{_e(_short(labels.get(d.document_id, str(d.document_id)), 36))}</text>")
        for n, (f, s) in enumerate(zip(frames, d.shares, strict=True)):
            x = label_w + n * cell_w
            fill = _mix(f.color, min(1.0, s.share / top) * 0.85)
            ink = "#ffffff" if s.share / top > 0.6 else "#1f1f1f"
            out.append(f"<rect x='{x + 2}' y='{y + 2}' width='{cell_w - 4}' height='{cell_h - 4}' rx='3' "
                       f"fill='{fill}' stroke='#e0e0e0'><title>{_e(f.path)}: {s.share:.1%} of the text, "
                       f"{s.annotations} annotations</title></rect>")
            out.append(f"<text x='{x + cell_w / 2:.0f}' y='{y + cell_h / 2 + 4:.0f}' text-anchor='middle' "
                       f"font-size='12' fill='{ink}'>{s.share:.1%} · {s.annotations}</text>")
    out.append("</svg>")
    return "".join(out)


def _profile_section(comparison: Comparison, data: ComparisonInput) -> str:
    out = ["<h2 id='frames'>Frame profile</h2>"]
    profile = comparison.frame_profile
    if not profile.frames or not any(s.annotations for d in profile.documents for s in d.shares):
        out.append("<p class='muted'>No annotations yet: the frame profile shows, per document, the share of "
                   "the text annotated with each frame of the codebook.</p>")
        return "".join(out)
    out.append("<p class='muted'>Share of each document's text annotated with each frame (and the number of "
               "annotations); darker is more.</p>")
    out.append(f"<div style='overflow-x: auto;'>{heat_map_svg(profile, comparison.labels)}</div>")
    # One level down: the frames inside the top-level ones that are used at all.
    top_ids = {f.tag_id for f in profile.frames}
    children = [t.id for t in data.tags if t.parent_id in top_ids]
    if children:
        detail = frame_profile([(d.id, len(d.text)) for d in comparison.documents], data.annotations, data.tags,
                               roots=children)
        used = [n for n in range(len(detail.frames)) if any(d.shares[n].annotations for d in detail.documents)]
        if used:
            trimmed = FrameProfile(tuple(detail.frames[n] for n in used),
                                   tuple(type(d)(d.document_id, d.length, tuple(d.shares[n] for n in used))
                                         for d in detail.documents))
            out.append("<h3>In detail</h3>")
            out.append(f"<div style='overflow-x: auto;'>{heat_map_svg(trimmed, comparison.labels)}</div>")
    return "".join(out)


def _framing_sections(comparison: Comparison) -> list[str]:
    """Coverage map, word choice and sources (:mod:`.framing`)."""
    ids = [d.id for d in comparison.documents]
    framing = comparison.framing
    return [coverage_section(framing.coverage if framing else None, ids, comparison.labels),
            terms_section(framing.terms if framing else (), ids, comparison.labels),
            sources_section(framing.sources if framing else (), ids, comparison.labels)]


def diff_pairs(comparison: Comparison) -> tuple[list[tuple[int, int]], str]:
    """The document pairs whose text diff the report includes, and a note on what was left out."""
    ids = [d.id for d in comparison.documents]
    copies = [(c.source, c.copy) for c in comparison.copies]
    if len(ids) <= ALL_PAIRS_UP_TO:
        flagged = {frozenset(p) for p in copies}
        pairs = copies + [p for p in combinations(ids, 2) if frozenset(p) not in flagged]
        return pairs, ""
    total = len(ids) * (len(ids) - 1) // 2
    return copies, (f"{len(ids)} documents make {total:,} pairs: only the pairs flagged as copies are included "
                    "here. Compare any other pair in the app's diff view.")


def _diffs_section(comparison: Comparison, note: Report, stop: Callable[[], bool], first_step: int,
                   steps: int) -> str:
    pairs, left_out = diff_pairs(comparison)
    docs = {d.id: d for d in comparison.documents}
    out = ["<h2 id='diffs'>Text differences</h2>",
           "<p class='muted'>Sentence by sentence: pale tint for a changed sentence, strong tint for the changed "
           "words; a sentence facing an empty cell is only in one document. Runs of unchanged sentences are "
           "folded (click to open). Texts written independently are paired by meaning: pale blue (≈) marks the "
           "same statement in other words, and a statement found elsewhere in the other text says so (moved).</p>"]
    if left_out:
        out.append(f"<p class='muted'>{_e(left_out)}</p>")
    if not pairs:
        out.append("<p class='muted'>No pair to show.</p>")
    for n, (a, b) in enumerate(pairs):
        if stop():
            raise Cancelled
        note(first_step + n, steps, f"Comparing texts {n + 1} of {len(pairs)}")
        diff = passage_diff(docs[a].text, docs[b].text)
        la, lb = comparison.labels[a], comparison.labels[b]
        out.append(f"<h3 id='diff-{a}-{b}'>{_e(la)} ({a}) ↔ {_e(lb)} ({b})</h3>")
        out.append(f"<p class='muted'>{_e(diff.summary())}</p>")
        out.append(f"<div class='diff'>{passage_diff_html(diff, headers=(f'A · {la}', f'B · {lb}'))}</div>")
    return "".join(out)


def report_steps(data: ReportInput) -> int:
    n = len(data.comparison.documents)
    return 2 + (n * (n - 1) // 2 if n <= ALL_PAIRS_UP_TO else n)


def render_report(data: ReportInput, *, progress: Report | None = None,
                  is_cancelled: Callable[[], bool] | None = None) -> str:
    """The whole report as one HTML document (a string)."""
    note = progress or (lambda *_: None)
    stop = is_cancelled or (lambda: False)
    steps = report_steps(data)
    note(0, steps, "Comparing documents")
    comparison = compute_comparison(data.comparison, alignments=False, is_cancelled=stop)
    note(1, steps, "Claims and frames")
    body = [
        f"<h1>{_e(data.title)}</h1>",
        f"<p class='muted'>{len(comparison.documents)} documents"
        + (f" · generated {_e(data.generated)}" if data.generated else "") + " · RedNote Desk</p>",
        "<nav><a href='#documents'>Documents</a><a href='#copies'>Copies and spin</a>"
        "<a href='#claims'>Claims matrix</a><a href='#coverage'>Coverage map</a><a href='#terms'>Word choice</a>"
        "<a href='#sources'>Sources</a><a href='#frames'>Frame profile</a>"
        "<a href='#diffs'>Text differences</a></nav>",
        _documents_section(comparison, data.annotation_counts),
        _copies_section(comparison),
        _matrix_section(comparison),
        *_framing_sections(comparison),
        _profile_section(comparison, data.comparison),
    ]
    body.append(_diffs_section(comparison, note, stop, 2, steps))
    note(steps, steps, "")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(data.title)} — RedNote Desk</title>"
            f"<style>{style_css()}{_CSS}{FRAMING_CSS}</style></head><body>{''.join(body)}</body></html>\n")


__all__ = ["ALL_PAIRS_UP_TO", "ReportInput", "diff_pairs", "heat_map_svg", "render_report", "report_steps"]
