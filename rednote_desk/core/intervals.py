"""A static interval index for painting highlights: which spans overlap a range, and a lane per span so
overlapping spans can be drawn apart. Building is O(n log n); a query touches only nearby spans."""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from typing import Generic, Hashable, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)

BUCKET = 2048


class IntervalIndex(Generic[K]):
    """Spans (key, start, end) with end exclusive. ``overlapping(a, b)`` lists keys of spans that intersect
    [a, b), ordered by start."""

    def __init__(self, spans: Sequence[tuple[K, int, int]], *, bucket: int = BUCKET):
        self.bucket = bucket
        ordered = sorted(spans, key=lambda s: (s[1], s[2]))
        self._spans = ordered
        self._buckets: dict[int, list[int]] = {}
        for i, (_key, start, end) in enumerate(ordered):
            last = max(start, end - 1)
            for b in range(start // bucket, last // bucket + 1):
                self._buckets.setdefault(b, []).append(i)
        self.lanes: dict[K, int] = _assign_lanes(ordered)
        self._starts = [s[1] for s in ordered]

    def __len__(self) -> int:
        return len(self._spans)

    def overlapping(self, start: int, end: int) -> list[tuple[K, int, int]]:
        if end <= start:
            end = start + 1
        seen: set[int] = set()
        hits: list[int] = []
        for b in range(start // self.bucket, (end - 1) // self.bucket + 1):
            for i in self._buckets.get(b, ()):
                if i in seen:
                    continue
                seen.add(i)
                _key, s, e = self._spans[i]
                if s < end and (e > start or (s == e and s >= start)):
                    hits.append(i)
        hits.sort()
        return [self._spans[i] for i in hits]

    def containing(self, position: int) -> list[tuple[K, int, int]]:
        return [s for s in self.overlapping(position, position + 1) if s[1] <= position < s[2]]

    def first_at_or_after(self, position: int) -> tuple[K, int, int] | None:
        i = bisect_left(self._starts, position)
        return self._spans[i] if i < len(self._spans) else None

    def last_before(self, position: int) -> tuple[K, int, int] | None:
        i = bisect_right(self._starts, position - 1) - 1
        return self._spans[i] if i >= 0 else None

    @property
    def max_lane(self) -> int:
        return max(self.lanes.values(), default=-1)


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
