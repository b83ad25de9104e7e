"""Copy / spin findings in words and as HTML evidence (aligned sentence pairs, substituted words).

Shared by the compare view's copies panel (with links to passages) and the exported report (without).
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

from rednote_desk.core.compare.spin import CopyFinding

KIND_PHRASES = {
    "verbatim": "a verbatim copy",
    "near-verbatim": "a near-verbatim copy",
    "spun": "a synonym-spun copy",
}
PAIR_KINDS = {"identical": "identical", "near-identical": "near-identical", "paraphrase": "reworded"}
MAX_PAIRS = 40
MAX_SUBSTITUTIONS = 60

_TH = "text-align: left; padding: 3px 8px; border-bottom: 1px solid #cccccc; color: #444444;"
_TD = "vertical-align: top; padding: 3px 8px; border-bottom: 1px solid #eeeeee;"


def label_of(labels: Mapping[int, str], doc_id: int) -> str:
    return labels.get(doc_id) or f"Document {doc_id}"


def finding_headline(finding: CopyFinding, labels: Mapping[int, str]) -> str:
    """"<copy> looks like a synonym-spun copy of <source> (score 0.92)", plain text."""
    phrase = KIND_PHRASES.get(finding.kind, f"a {finding.kind} copy")
    return (f"{finding.copy} {label_of(labels, finding.copy)} looks like {phrase} of {finding.source} "
            f"{label_of(labels, finding.source)} (score {finding.score:.2f})")


def finding_headline_html(finding: CopyFinding, labels: Mapping[int, str]) -> str:
    phrase = KIND_PHRASES.get(finding.kind, f"a {finding.kind} copy")
    return (f"<b>{escape(label_of(labels, finding.copy))}</b> <span style='color:#777'>({finding.copy})</span> "
            f"looks like {escape(phrase)} of <b>{escape(label_of(labels, finding.source))}</b> "
            f"<span style='color:#777'>({finding.source})</span> (score {finding.score:.2f})")


def _metrics_line(finding: CopyFinding) -> str:
    m = finding.metrics
    parts = []
    if "aligned_pairs" in m:
        parts.append(f"{m['aligned_pairs']} sentences align in order ({m.get('aligned_share', 0):.0%} of the "
                     "shorter text)")
    if "identical_share" in m:
        parts.append(f"{m['identical_share']:.0%} of them word for word")
    if "shingle_containment" in m:
        parts.append(f"{m['shingle_containment']:.0%} of five-word sequences shared")
    basis = {"published": "the publication dates", "substitutions": "the direction of the word swaps",
             "fuller text": "which text is fuller"}.get(m.get("direction", ""))
    if basis:
        parts.append(f"source chosen by {basis}")
    return "; ".join(parts)


def evidence_html(finding: CopyFinding, texts: Mapping[int, str], labels: Mapping[int, str], *,
                  links: bool = False, max_pairs: int = MAX_PAIRS) -> str:
    """The substituted words and the aligned sentence pairs of a finding, as HTML tables.

    With ``links``, each sentence links to ``passage:<doc id>:<start>:<end>``.
    """
    src, cpy = texts.get(finding.source, ""), texts.get(finding.copy, "")
    out = [f"<p style='color:#555555; margin: 4px 0;'>{escape(_metrics_line(finding))}</p>"]
    subs = finding.evidence.get("substitutions") or []
    if subs:
        out.append(f"<p style='margin: 8px 0 2px 0;'><b>Substituted words</b> ({len(subs)})</p>")
        out.append("<table cellspacing='0' style='border-collapse: collapse;'>"
                   f"<tr><th style='{_TH}'>{escape(label_of(labels, finding.source))}</th><th style='{_TH}'></th>"
                   f"<th style='{_TH}'>{escape(label_of(labels, finding.copy))}</th><th style='{_TH}'>times</th></tr>")
        for old, new, count in subs[:MAX_SUBSTITUTIONS]:
            out.append(f"<tr><td style='{_TD} background-color: #fff0f1;'>{escape(old)}</td>"
                       f"<td style='{_TD} color: #999999;'>→</td>"
                       f"<td style='{_TD} background-color: #eefbf0;'>{escape(new)}</td>"
                       f"<td style='{_TD} text-align: right;'>{count}</td></tr>")
        out.append("</table>")
        if len(subs) > MAX_SUBSTITUTIONS:
            out.append(f"<p style='color:#777777'>… and {len(subs) - MAX_SUBSTITUTIONS} more</p>")
    pairs = finding.evidence.get("pairs") or []
    if pairs:
        out.append(f"<p style='margin: 10px 0 2px 0;'><b>Aligned sentences</b> ({len(pairs)})</p>")
        out.append("<table cellspacing='0' width='100%' style='border-collapse: collapse; width: 100%;'>"
                   f"<tr><th style='{_TH}' width='45%'>{escape(label_of(labels, finding.source))}</th>"
                   f"<th style='{_TH}' width='45%'>{escape(label_of(labels, finding.copy))}</th>"
                   f"<th style='{_TH}'>similarity</th></tr>")
        for p in pairs[:max_pairs]:
            left = _sentence(src, finding.source, p["source_start"], p["source_end"], links)
            right = _sentence(cpy, finding.copy, p["copy_start"], p["copy_end"], links)
            kind = PAIR_KINDS.get(p.get("kind", ""), p.get("kind", ""))
            out.append(f"<tr><td style='{_TD}'>{left}</td><td style='{_TD}'>{right}</td>"
                       f"<td style='{_TD} color: #555555;'>{p['score']:.2f} {escape(kind)}</td></tr>")
        out.append("</table>")
        if len(pairs) > max_pairs:
            out.append(f"<p style='color:#777777'>… and {len(pairs) - max_pairs} more pairs</p>")
    return "".join(out)


def _sentence(text: str, doc_id: int, start: int | None, end: int | None, links: bool) -> str:
    if start is None or end is None:
        return ""
    body = escape(text[start:end])
    if not links:
        return body
    return f"<a href='passage:{doc_id}:{start}:{end}' style='color: #1f1f1f; text-decoration: none;'>{body}</a>"


__all__ = ["KIND_PHRASES", "evidence_html", "finding_headline", "finding_headline_html"]
