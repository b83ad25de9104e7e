"""Independent voices: a copy and its source (verbatim, near-verbatim or spun) count as one voice."""
from __future__ import annotations

from collections.abc import Iterable, Sequence


def voice_groups(document_ids: Sequence[int], copies: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Map each document id to its voice: the smallest id among the documents it copies or is copied by.

    ``copies`` are (source, copy) pairs; copying is followed transitively (a copy of a copy is the
    same voice). Pairs naming documents outside ``document_ids`` are ignored.
    """
    parent = {d: d for d in document_ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for source, copy in copies:
        if source in parent and copy in parent:
            a, b = find(source), find(copy)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {d: find(d) for d in document_ids}


def count_voices(stated_by: Iterable[int], voices: dict[int, int]) -> int:
    """Number of independent voices among the documents ``stated_by``."""
    return len({voices.get(d, d) for d in stated_by})
