"""Remove chosen boilerplate spans from an ImportedText and tidy the blank lines where they were."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest.model import BoilerplateSpan, ImportedText

_MAX_BLANK_NEWLINES = 2  # at most one empty line where something was cut out


def trim_boilerplate(doc: ImportedText, spans: Iterable[BoilerplateSpan] | None = None) -> ImportedText:
    """A copy of doc without the given spans (default: all detected), remaining spans re-offset."""
    text = doc.text
    chosen = list(doc.boilerplate if spans is None else spans)
    for span in chosen:
        if not 0 <= span.start <= span.end <= len(text):
            raise ValueError(f"span {span.start}-{span.end} lies outside the text (length {len(text)})")
    removed = _merge_removals(text, [(s.start, s.end) for s in chosen if s.end > s.start])
    if not removed:
        return doc
    kept = _kept_ranges(text, removed)
    new_text = "".join(text[a:b] for a, b in kept)
    if not new_text.strip():
        raise IngestError("Cannot trim: that would remove all of the text; keep at least the article itself.")
    remaining = []
    for span in doc.boilerplate:
        if any(span.start < e and s < span.end for s, e in removed):
            continue
        start, end = _map_offset(kept, span.start), _map_offset(kept, span.end)
        if end > start:
            remaining.append(BoilerplateSpan(start, end, span.reason))
    return replace(doc, text=new_text, boilerplate=tuple(remaining))


def _merge_removals(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping or whitespace-separated ranges joined."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _kept_ranges(text: str, removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges to keep: the text between removals, minus surplus blank space at each seam.

    Only characters are dropped, never added, so old offsets map onto the new text in order.
    """
    kept: list[tuple[int, int]] = []
    cursor = 0  # start of the kept piece that is still open
    length = len(text)
    for index, (start, end) in enumerate(removed):
        limit = removed[index + 1][0] if index + 1 < len(removed) else length
        w1 = start
        while w1 > cursor and text[w1 - 1].isspace():
            w1 -= 1
        w2 = end
        while w2 < limit and text[w2].isspace():
            w2 += 1
        before, after = text[w1:start], text[end:w2]
        kept.append((cursor, w1))
        if w1 == 0:  # cut at the very start: no blank lines before the first kept line
            newline = after.rfind("\n")
            cursor = end + newline + 1 if newline >= 0 else w2
        elif w2 == length:  # cut at the very end: keep a final newline if the text had one
            if text.endswith("\n"):
                kept.append((length - 1, length))
            cursor = length
        elif before.count("\n") == after.count("\n") == 0:  # cut inside a line: keep one side's spaces
            if before:
                kept.append((w1, start))
                cursor = w2
            else:
                cursor = end
        else:
            wanted = min(max(before.count("\n"), after.count("\n")), _MAX_BLANK_NEWLINES)
            from_after = min(after.count("\n"), wanted)
            kept.append((w1 + _last_newlines_at(before, wanted - from_after), start))
            cursor = end + _last_newlines_at(after, from_after)
    kept.append((cursor, length))
    return [(a, b) for a, b in kept if b > a]


def _last_newlines_at(run: str, n: int) -> int:
    """Index in run where its last n newlines (and what follows them) begin; len(run) when n == 0."""
    if n == 0:
        return len(run)
    index = len(run)
    for _ in range(n):
        index = run.rfind("\n", 0, index)
    return index


def _map_offset(kept: list[tuple[int, int]], offset: int) -> int:
    """Where an old offset lands in the trimmed text."""
    new = 0
    for a, b in kept:
        if offset <= a:
            return new
        if offset <= b:
            return new + offset - a
        new += b - a
    return new
