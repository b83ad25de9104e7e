"""Cut two long code strings into aligned blocks at shared unique k-grams (patience-style anchors).

Used by the word diff on large texts: diffing block by block keeps the work near-linear.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import pairwise

import numpy as np

_K = 8  # tokens per anchor gram (about four words with their spaces)
_BLOCK = 600  # target block length in tokens
_SAMPLE_MOD = 8  # on long inputs about one position in this many starts a candidate gram


def _sampler(sa: str, sb: str, span: int) -> tuple[int, int]:
    """(modulus, residue): grams whose first code has ``ord % modulus == residue`` are candidates.

    The choice depends only on content, so every occurrence of a candidate gram is a candidate
    and uniqueness counts stay exact; the most frequent codes (space, "the") are never chosen.
    """
    mod = max(1, min(_SAMPLE_MOD, span // 2000))
    if mod == 1:
        return 1, 0
    frequent = {ord(c) % mod for c, _ in Counter(sa[:20000] + sb[:20000]).most_common(4)}
    residue = next((r for r in range(mod) if r not in frequent), 0)
    return mod, residue


def _unique_grams(s: str, lo: int, hi: int, k: int, mod: int, residue: int) -> dict[str, int]:
    first: dict[str, int] = {}
    dup: set[str] = set()
    end = hi - k + 1
    if mod == 1:
        starts: range | list[int] = range(lo, end)
    else:
        codes = np.frombuffer(s[lo:end].encode("utf-32-le"), dtype=np.uint32)
        starts = (np.flatnonzero(codes % mod == residue) + lo).tolist()
    for i in starts:
        g = s[i:i + k]
        if g in first:
            dup.add(g)
        else:
            first[g] = i
    for g in dup:
        del first[g]
    return first


def increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (sorted by first item) strictly increasing in the second item."""
    tails: list[int] = []  # smallest second item ending an increasing run of each length
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(n)
        else:
            tails[pos] = j
            tail_idx[pos] = n
        prev[n] = tail_idx[pos - 1] if pos else -1
    out: list[tuple[int, int]] = []
    n = tail_idx[-1] if tail_idx else -1
    while n >= 0:
        out.append(pairs[n])
        n = prev[n]
    out.reverse()
    return out


def _anchors(sa: str, sb: str, a: tuple[int, int], b: tuple[int, int], k: int) -> list[tuple[int, int]]:
    mod, residue = _sampler(sa, sb, min(a[1] - a[0], b[1] - b[0]))
    ua = _unique_grams(sa, a[0], a[1], k, mod, residue)
    ub = _unique_grams(sb, b[0], b[1], k, mod, residue)
    pairs = sorted((i, ub[g]) for g, i in ua.items() if g in ub)
    return increasing_chain(pairs)


Block = tuple[tuple[int, int], tuple[int, int]]


def anchored_blocks(sa: str, sb: str, *, max_gap: int, a: tuple[int, int] | None = None,
                    b: tuple[int, int] | None = None, k: int = _K, block: int = _BLOCK) -> list[Block]:
    """Pairs of ranges ``((a0, a1), (b0, b1))`` that tile ``sa`` and ``sb`` in order.

    Cuts fall just before or after a k-gram that occurs exactly once in each string, so each block
    can be diffed on its own. A gap wider than ``max_gap`` on both sides is searched again with
    shorter grams; it is returned as is if it still has no anchor.
    """
    a = a or (0, len(sa))
    b = b or (0, len(sb))
    cuts: list[tuple[int, int]] = [(a[0], b[0])]
    last = (a[0] - k, b[0] - k)  # previous anchor
    for i, j in _anchors(sa, sb, a, b, k):
        ci, cj = cuts[-1]
        big_gap = i - last[0] > block and j - last[1] > block
        if big_gap and last[0] + k > ci and last[1] + k > cj and last[0] >= a[0]:
            cuts.append((last[0] + k, last[1] + k))  # end the block right after the previous anchor
            ci, cj = cuts[-1]
        if (i - ci >= block or j - cj >= block or big_gap) and i > ci and j > cj:
            cuts.append((i, j))
        last = (i, j)
    cuts.append((a[1], b[1]))
    out: list[Block] = []
    for (i0, j0), (i1, j1) in pairwise(cuts):
        if i1 - i0 > max_gap and j1 - j0 > max_gap and k > 2:
            out += anchored_blocks(sa, sb, max_gap=max_gap, a=(i0, i1), b=(j0, j1), k=k // 2, block=block)
        elif i1 > i0 or j1 > j0:
            out.append(((i0, i1), (j0, j1)))
    return out
