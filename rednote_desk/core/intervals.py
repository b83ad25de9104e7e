"""A bucketed interval index for painting highlights: which spans overlap a range, and a lane per span so
overlapping spans can be drawn apart. Building is O(n log n); a query touches only nearby spans; one span can be
added or removed without rebuilding (adding an annotation must not cost a pass over all the others)."""
from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Sequence
from operator import itemgetter
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

BUCKET = 2048


class IntervalIndex(Generic[K]):
    """Spans (key, start, end) with end exclusive. ``overlapping(a, b)`` lists the spans that intersect
    [a, b), ordered by start then end."""

    def __init__(self, spans: Sequence[tuple[K, int, int]] = (), *, bucket: int = BUCKET):
        self.bucket = bucket
        ordered = sorted(spans, key=itemgetter(1, 2))
        self._spans: dict[K, tuple[int, int]] = {}
        self._buckets: dict[int, list[K]] = {}
        for key, start, end in ordered:
            self._insert(key, start, end)
        self.lanes: dict[K, int] = _assign_lanes(ordered)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, key: K) -> bool:
        return key in self._spans

    def _bucket_range(self, start: int, end: int) -> range:
        return range(start // self.bucket, max(start, end - 1) // self.bucket + 1)

    def _insert(self, key: K, start: int, end: int) -> None:
        self._spans[key] = (start, end)
        for b in self._bucket_range(start, end):
            self._buckets.setdefault(b, []).append(key)

    def add(self, key: K, start: int, end: int) -> None:
        """Add (or move) one span; it takes the lowest lane free among the spans it overlaps."""
        if key in self._spans:
            self.remove(key)
        taken = {self.lanes.get(k) for k, _s, _e in self.overlapping(start, end)}
        lane = 0
        while lane in taken:
            lane += 1
        self._insert(key, start, end)
        self.lanes[key] = lane

    def remove(self, key: K) -> None:
        span = self._spans.pop(key, None)
        if span is None:
            return
        for b in self._bucket_range(*span):
            keys = self._buckets.get(b)
            if keys is not None:
                keys.remove(key)
        self.lanes.pop(key, None)

    def overlapping(self, start: int, end: int) -> list[tuple[K, int, int]]:
        if end <= start:
            end = start + 1
        seen: set[K] = set()
        hits: list[tuple[K, int, int]] = []
        spans = self._spans
        for b in range(start // self.bucket, (end - 1) // self.bucket + 1):
            for key in self._buckets.get(b, ()):
                if key in seen:
                    continue
                seen.add(key)
                s, e = spans[key]
                if s < end and (e > start or (s == e and s >= start)):
                    hits.append((key, s, e))
        hits.sort(key=itemgetter(1, 2))
        return hits

    def containing(self, position: int) -> list[tuple[K, int, int]]:
        return [s for s in self.overlapping(position, position + 1) if s[1] <= position < s[2]]

    def keys(self) -> Iterable[K]:
        return self._spans.keys()


def _assign_lanes(ordered: Sequence[tuple[K, int, int]]) -> dict[K, int]:
    """Greedy interval colouring: each span takes the lowest lane free at its start."""
    lanes: dict[K, int] = {}
    busy: list[tuple[int, int]] = []  # (end, lane)
    free: list[int] = []
    next_lane = 0
    for key, start, end in ordered:
        while busy and busy[0][0] <= start:
            _, lane = heapq.heappop(busy)
            heapq.heappush(free, lane)
        if free:
            lane = heapq.heappop(free)
        else:
            lane = next_lane
            next_lane += 1
        lanes[key] = lane
        heapq.heappush(busy, (max(end, start + 1), lane))
    return lanes
