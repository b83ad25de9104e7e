"""Annotation selectors and re-anchoring after the text changed.

A selector keeps the annotated span's offsets plus its quote and a little context on each side (the W3C
"text position" and "text quote" selectors together). Re-anchoring on a new text tries, in order:

1. **position** – when the old text is given (and the selector matches it), a character diff decides: the span
   carried over unchanged, else the search below starts where the diff puts it. Without the old text, the
   quote is still at the stored offsets and the context there still agrees. (With the old text an unchanged
   quote at the old offset is *not* taken first: on repetitive text it may be another copy of the quote.)
2. **quote** – an exact occurrence of the quote, the one whose context agrees best (ties: nearest to where
   the span is expected: mapped through the diff, else scaled by the change in text length);
3. **fuzzy** – an approximate match of an edited quote, scored on quote similarity, context similarity and
   distance, accepted only above strict thresholds;
4. **orphaned** – nothing convincing: the caller shows it for review. A wrong placement is worse than an orphan.

Offsets are code points, end exclusive.
"""
from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import fast_diff_match_patch
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT_CHARS = 32

_DIFF_SECONDS = 2.0  # time limit of the old->new character diff (a slower diff is still valid, only coarser)
# Weights of the combined score (quote similarity, context similarity, closeness to the expected place).
_W_QUOTE, _W_CONTEXT, _W_POSITION = 0.5, 0.4, 0.1
# Context on both sides agrees this much: the stored position is still right.
_POSITION_MIN_CONTEXT = 0.75
# An empty quote has only its context to go by.
_POINT_MIN_CONTEXT = 0.9
# A quote with this many non-blank characters identifies itself; shorter ones need their context to agree.
_LONG_QUOTE = 16
# Context agreement an exact occurrence of a short quote needs (random English context scores ~0.1-0.3).
_EXACT_MIN_CONTEXT = 0.5
# Above this an exact occurrence is taken without looking for an edited quote elsewhere.
_EXACT_SURE_CONTEXT = 0.8
# Fuzzy matching: not for quotes with fewer non-blank characters than this.
_FUZZY_MIN_CHARS = 4
_SLACK = 4  # characters of shift tolerated when comparing context next to a candidate
_CANDIDATES_REFINED = 8  # exact occurrences that get the precise (slower) context comparison
_FUZZY_CHUNK = 4096  # the fuzzy search scans the text in chunks of this size (at least 4x the quote)
_FUZZY_SEEDS = 6  # best chunk alignments (and context anchors) that get refined and scored
_MAX_SNAP = 24  # at most this many characters added to reach a word boundary
_ANCHOR_CHARS, _ANCHOR_MIN = 16, 6  # context next to the quote searched exactly to seed the fuzzy search


@dataclass(frozen=True)
class Selector:
    """Where an annotation was: offsets in the text it was made on, its quote and context."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class AnchorResult:
    """Where a selector lands in a new text; start/end are None when orphaned. score is in [0, 1]."""

    start: int | None
    end: int | None
    method: str  # "position" | "quote" | "fuzzy" | "orphaned"
    score: float

    @property
    def anchored(self) -> bool:
        return self.start is not None


def make_selector(text: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> Selector:
    """Selector for ``text[start:end]`` with up to ``context`` code points of prefix and suffix."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} outside 0..{len(text)}")
    return Selector(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def reanchor(
    new_text: str, selector: Selector, *, old_text_length: int | None = None, old_text: str | None = None
) -> AnchorResult:
    """Place ``selector`` in ``new_text`` (see the module docstring for the order of strategies).

    Pass ``old_text`` when it is still known (re-import, user edit): offsets are then mapped through a diff,
    which places quotes that repeat in the text far more reliably than the length ratio alone.
    """
    return _Anchorer(new_text, old_text_length, old_text).anchor(selector)


def reanchor_many(
    new_text: str,
    selectors: Sequence[Selector],
    *,
    old_text_length: int | None = None,
    old_text: str | None = None,
) -> list[AnchorResult]:
    """``reanchor`` for many selectors on one text, sharing the per-text work (and the diff)."""
    anchorer = _Anchorer(new_text, old_text_length, old_text)
    return [anchorer.anchor(sel) for sel in selectors]


def _orphan(score: float = 0.0) -> AnchorResult:
    return AnchorResult(None, None, "orphaned", round(score, 4))


class _Anchorer:
    """Re-anchoring state for one new text (occurrence cache shared across selectors)."""

    def __init__(self, text: str, old_text_length: int | None, old_text: str | None = None) -> None:
        self.text = text
        self.n = len(text)
        if old_text is not None:
            old_text_length = len(old_text)
        self.ratio = self.n / old_text_length if old_text_length else 1.0
        self.offsets = OffsetMap(old_text, text) if old_text is not None and old_text != text else None
        self.old_text = old_text
        self._occurrences: dict[str, list[int]] = {}

    # ---- strategies ---------------------------------------------------------------------------------

    def anchor(self, sel: Selector) -> AnchorResult:
        offsets, old_text = self.offsets, self.old_text
        if offsets is not None and old_text is not None and old_text[sel.start : sel.end] == sel.quote:
            # the diff's offset map decides; the old offset may hold another copy of the quote
            mapped = self._by_mapped_position(sel, offsets)
            if mapped is not None:
                return mapped
        else:
            position = self._by_position(sel)
            if position is not None:
                return position
        if offsets is not None:
            hint = offsets.map(sel.start)
        else:
            hint = min(self.n, round(sel.start * self.ratio))
        if not sel.quote:
            return self._point_by_context(sel, hint)
        exact = self._by_quote(sel, hint)
        informative = len(sel.quote.strip())
        if exact is not None and exact[1] >= _EXACT_SURE_CONTEXT:
            return self._result(exact, "quote")
        # Context only partly agrees: an edited quote at the right place may beat an exact copy elsewhere.
        fuzzy = self._by_fuzzy(sel, hint, informative) if informative >= _FUZZY_MIN_CHARS else None
        good_exact = None
        if exact is not None and (exact[1] >= _EXACT_MIN_CONTEXT or informative >= _LONG_QUOTE):
            good_exact = exact
        if fuzzy is not None and (good_exact is None or fuzzy[0] > good_exact[0]):
            return self._result(fuzzy, "fuzzy")
        if good_exact is not None:
            return self._result(good_exact, "quote")
        best = max((c[0] for c in (exact, fuzzy) if c is not None), default=0.0)
        return _orphan(best)

    def _by_position(self, sel: Selector) -> AnchorResult | None:
        if sel.end > self.n or self.text[sel.start : sel.end] != sel.quote:
            return None
        ctx = self._context(sel, sel.start, sel.end, slack=_SLACK)
        if ctx < (_POSITION_MIN_CONTEXT if sel.quote else _POINT_MIN_CONTEXT):
            return None
        return AnchorResult(sel.start, sel.end, "position", round(_W_QUOTE + _W_CONTEXT * ctx + _W_POSITION, 4))

    def _by_mapped_position(self, sel: Selector, offsets: OffsetMap) -> AnchorResult | None:
        """The span carried through the diff, when the diff kept every character of it."""
        if not sel.quote or not offsets.kept(sel.start, sel.end):
            return None
        start = offsets.map(sel.start)
        end = start + (sel.end - sel.start)
        if self.text[start:end] != sel.quote:  # the old text does not match this selector
            return None
        ctx = self._context(sel, start, end, slack=_SLACK)
        return AnchorResult(start, end, "position", round(_W_QUOTE + _W_CONTEXT * ctx + _W_POSITION, 4))

    def _point_by_context(self, sel: Selector, hint: int) -> AnchorResult:
        """An empty quote: find where its prefix and suffix meet."""
        joined = sel.prefix + sel.suffix
        if not joined:
            return _orphan()
        spots = [i + len(sel.prefix) for i in self._find_all(joined)]
        if not spots:
            return _orphan()
        spot = min(spots, key=lambda i: (abs(i - hint), i))
        return AnchorResult(spot, spot, "quote", round(self._total(1.0, 1.0, spot, hint), 4))

    def _by_quote(self, sel: Selector, hint: int) -> tuple[float, float, int, int] | None:
        """Best exact occurrence as (total score, context score, start, end), or None."""
        starts = self._find_all(sel.quote)
        if not starts:
            return None
        length = len(sel.quote)
        if len(starts) > _CANDIDATES_REFINED:
            cheap = heapq.nlargest(
                _CANDIDATES_REFINED, starts, key=lambda s: (self._context(sel, s, s + length, slack=0), -abs(s - hint))
            )
            nearest = min(starts, key=lambda s: abs(s - hint))
            starts = list(dict.fromkeys([*cheap, nearest]))
        best: tuple[float, float, int, int] | None = None
        for s in starts:
            ctx = self._context(sel, s, s + length, slack=_SLACK)
            cand = (self._total(1.0, ctx, s, hint), ctx, s, s + length)
            if best is None or (cand[0], -abs(s - hint)) > (best[0], -abs(best[2] - hint)):
                best = cand
        return best

    def _by_fuzzy(self, sel: Selector, hint: int, informative: int) -> tuple[float, float, int, int] | None:
        """Best approximate match passing the strict thresholds, as (total, context, start, end), or None."""
        quote = sel.quote
        best: tuple[float, float, int, int] | None = None
        for seed_start, seed_end in self._fuzzy_seeds(sel, hint):
            start, end = self._snap_to_words(sel, *self._refine(quote, seed_start, seed_end))
            q = Levenshtein.normalized_similarity(quote, self.text[start:end])
            ctx = self._context(sel, start, end, slack=_SLACK)
            if not _fuzzy_acceptable(q, ctx, informative):
                continue
            cand = (self._total(q, ctx, start, hint), ctx, start, end)
            if best is None or cand[0] > best[0]:
                best = cand
        return best

    # ---- helpers --------------------------------------------------------------------------------------

    def _result(self, cand: tuple[float, float, int, int], method: str) -> AnchorResult:
        return AnchorResult(cand[2], cand[3], method, round(cand[0], 4))

    def _total(self, quote_sim: float, ctx: float, start: int, hint: int) -> float:
        closeness = 1.0 - min(1.0, abs(start - hint) / max(1, self.n))
        return _W_QUOTE * quote_sim + _W_CONTEXT * ctx + _W_POSITION * closeness

    def _find_all(self, needle: str) -> list[int]:
        cached = self._occurrences.get(needle)
        if cached is not None:
            return cached
        found, i = [], self.text.find(needle)
        while i != -1:
            found.append(i)
            i = self.text.find(needle, i + 1)
        self._occurrences[needle] = found
        return found

    def _context(self, sel: Selector, start: int, end: int, *, slack: int) -> float:
        """Mean similarity of the stored prefix/suffix to the text around ``[start, end)``."""
        return (self._prefix_sim(sel.prefix, start, slack) + self._suffix_sim(sel.suffix, end, slack)) / 2

    def _prefix_sim(self, prefix: str, start: int, slack: int) -> float:
        if not prefix:
            return 1.0 if start == 0 else 0.5  # stored span began the text
        size = len(prefix)
        window = self.text[max(0, start - size - slack) : start]
        best = 0.0
        for k in _lengths(size, slack, len(window)):
            best = max(best, Levenshtein.normalized_similarity(prefix, window[len(window) - k :]))
        return best

    def _suffix_sim(self, suffix: str, end: int, slack: int) -> float:
        if not suffix:
            return 1.0 if end == self.n else 0.5  # stored span ended the text
        size = len(suffix)
        window = self.text[end : end + size + slack]
        best = 0.0
        for k in _lengths(size, slack, len(window)):
            best = max(best, Levenshtein.normalized_similarity(suffix, window[:k]))
        return best

    def _fuzzy_seeds(self, sel: Selector, hint: int) -> list[tuple[int, int]]:
        """Approximate spans worth refining: next to the surviving context, near the expected place, and
        the best alignment of the quote in each chunk of the text."""
        quote, n, size = sel.quote, self.n, len(sel.quote)
        seeds: list[tuple[int, int]] = []
        head, tail = sel.prefix[-_ANCHOR_CHARS:], sel.suffix[:_ANCHOR_CHARS]
        if len(head) >= _ANCHOR_MIN:
            seeds += [(i + len(head), min(n, i + len(head) + size)) for i in self._find_all(head)[:_FUZZY_SEEDS]]
        if len(tail) >= _ANCHOR_MIN:
            seeds += [(max(0, i - size), i) for i in self._find_all(tail)[:_FUZZY_SEEDS]]
        lo = max(0, hint - size)
        near = fuzz.partial_ratio_alignment(quote, self.text[lo : hint + 2 * size], score_cutoff=50)
        if near is not None and near.score:
            seeds.append((lo + near.dest_start, lo + near.dest_end))
        chunk = max(_FUZZY_CHUNK, 4 * size)
        scored = []
        for lo in range(0, max(1, n - size + 1), chunk):
            al = fuzz.partial_ratio_alignment(quote, self.text[lo : lo + chunk + size], score_cutoff=50)
            if al is not None and al.score:
                scored.append((al.score, lo + al.dest_start, lo + al.dest_end))
        scored.sort(reverse=True)
        seeds += [(s, e) for _score, s, e in scored[:_FUZZY_SEEDS]]
        return list(dict.fromkeys(seeds))

    def _snap_to_words(self, sel: Selector, start: int, end: int) -> tuple[int, int]:
        """If the stored span began/ended on a word boundary, let the match do so too (not mid-word)."""
        text, quote = self.text, sel.quote
        if quote[:1].isalnum() and not sel.prefix[-1:].isalnum():
            lo = max(0, start - _MAX_SNAP)
            while start > lo and text[start - 1].isalnum():
                start -= 1
        if quote[-1:].isalnum() and not sel.suffix[:1].isalnum():
            hi = min(self.n, end + _MAX_SNAP)
            while end < hi and text[end].isalnum():
                end += 1
        return start, end

    def _refine(self, quote: str, start: int, end: int) -> tuple[int, int]:
        """Move the ends of an approximate span to where the quote is most similar."""
        reach = min(max(8, len(quote) // 4), 200)
        text = self.text

        def sim(s: int, e: int) -> float:
            return Levenshtein.normalized_similarity(quote, text[s:e])

        for _ in range(2):
            end = max(
                range(max(start, end - reach), min(self.n, end + reach) + 1),
                key=lambda e: (sim(start, e), -abs(e - end)),
            )
            start = max(
                range(max(0, start - reach), min(end, start + reach) + 1),
                key=lambda s: (sim(s, end), -abs(s - start)),
            )
        return start, end


def _lengths(size: int, slack: int, available: int) -> range:
    """Context lengths to try: ``size`` give or take ``slack``, never more than is available."""
    hi = min(available, size + slack)
    return range(min(max(0, size - slack), hi), hi + 1)


def _fuzzy_acceptable(quote_sim: float, ctx: float, informative: int) -> bool:
    """The strict acceptance rule for approximate matches.

    The context must agree on both sides (a foreign side usually means part of the quote was deleted),
    unless the quote is long and nearly intact. Short quotes need more of both.
    """
    if informative < _LONG_QUOTE:
        return quote_sim >= 0.8 and ctx >= 0.85
    if quote_sim >= 0.75 and ctx >= 0.75:
        return True
    return quote_sim >= 0.95 and ctx >= 0.5 and informative >= 2 * _LONG_QUOTE


class OffsetMap:
    """Maps code-point offsets of an old text to a new one through a character diff."""

    def __init__(self, old: str, new: str) -> None:
        self._old_starts: list[int] = []  # start of each diff segment in the old text
        self._new_starts: list[int] = []
        self._equal: list[bool] = []
        o = n = 0
        for op, length in fast_diff_match_patch.diff(
            old, new, counts_only=True, cleanup="No", checklines=False, timelimit=_DIFF_SECONDS
        ):
            if op == "+":
                n += length
                continue
            self._old_starts.append(o)
            self._new_starts.append(n)
            self._equal.append(op == "=")
            o += length
            if op == "=":
                n += length
        self._old_starts.append(o)  # sentinel: end of the old text
        self._new_starts.append(n)
        self._equal.append(True)

    def map(self, pos: int) -> int:
        """New offset of old offset ``pos`` (inside deleted text: where the deletion was)."""
        i = bisect_right(self._old_starts, pos) - 1
        if self._equal[i]:
            return self._new_starts[i] + pos - self._old_starts[i]
        return self._new_starts[i]

    def kept(self, start: int, end: int) -> bool:
        """True when old ``[start, end)`` lies inside one unchanged stretch of the diff."""
        i = bisect_right(self._old_starts, start) - 1
        if i + 1 >= len(self._old_starts):  # the end of the old text
            return start == end
        return self._equal[i] and end <= self._old_starts[i + 1]
