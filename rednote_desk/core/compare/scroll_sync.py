"""Content-aligned synchronised scrolling: where the text at the top of one column continues in another.

From a sentence alignment, the aligned sentence starts that come in the same order in both texts are anchors;
an offset between two anchors maps proportionally between their counterparts, and before the first or after
the last anchor the distance to it is kept. Without anchors there is no mapping (the caller falls back to
proportional scrolling).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from rednote_desk.core.compare.align import Alignment


def scroll_anchors(alignments: Mapping[tuple[int, int], Alignment], doc_id: int,
                   other_id: int) -> list[tuple[int, int]]:
    """(offset in doc, offset in other) of the sentence pairs aligned in order, increasing in both."""
    al = alignments.get((doc_id, other_id)) or alignments.get((other_id, doc_id))
    if al is None:
        return []
    ordered = al.in_order()
    if al.doc_a == doc_id:
        pairs = [(p.a_start, p.b_start) for p in ordered]
    else:
        pairs = [(p.b_start, p.a_start) for p in ordered]
    pairs.sort()
    out: list[tuple[int, int]] = []
    for a, b in pairs:  # strictly increasing in both, so the mapping never runs backwards
        if not out or (a > out[-1][0] and b > out[-1][1]):
            out.append((a, b))
    return out


def counterpart_offset(anchors: list[tuple[int, int]], offset: int) -> int | None:
    """Where ``offset`` of one text continues in the other (None without anchors)."""
    if not anchors:
        return None
    keys = [a for a, _ in anchors]
    i = bisect_right(keys, offset)
    if i == 0:
        a, b = anchors[0]
        return max(0, b - (a - offset))
    if i == len(anchors):
        a, b = anchors[-1]
        return b + (offset - a)
    (a1, b1), (a2, b2) = anchors[i - 1], anchors[i]
    return b1 + round((offset - a1) * (b2 - b1) / (a2 - a1))
