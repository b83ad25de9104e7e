"""Word-level diff of two texts, in code-point offsets of the original texts.

Each distinct token is mapped to one code point and the token strings are diffed by the C++
diff-match-patch (``fast_diff_match_patch``). Large texts are first cut into aligned blocks at
unique shared word sequences (see :mod:`.anchors`), so no quadratic diff runs over a whole document.

diff-match-patch runs without its own cleanup: its semantic cleanup works on characters (here:
tokens) and would swallow an unchanged word between two whitespace edits. Instead, the token-aware
``_deconfetti`` merges a change, a separator or one short word, and a change into one change.
"""
from __future__ import annotations

from itertools import accumulate
from typing import Literal, NamedTuple

import fast_diff_match_patch as fdmp

from rednote_desk.core.compare.anchors import anchored_blocks
from rednote_desk.core.compare.tokens import token_kind, token_strings

ChunkTag = Literal["equal", "insert", "delete", "replace"]

# Up to this many tokens per side, one diff-match-patch call (a 10 KB text has ~2,000 tokens).
_DIRECT_LIMIT = 4000
# Between anchors, gaps up to this many tokens per side are diffed; larger unanchored gaps are
# reported as one replacement (they share no word sequence worth showing).
_GAP_LIMIT = 6000
# One word this short between two word changes is absorbed ("a", "the", "of").
_TINY_WORD_CHARS = 3

_FIRST_CODE = 0x4E00  # from here up there is no whitespace, so DMP's boundary heuristics stay neutral


class DiffChunk(NamedTuple):
    """A region of A (``a_start:a_end``) and its counterpart in B; a named tuple, like Meld's DiffChunk."""

    tag: ChunkTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def to_json(self) -> dict:
        return {"tag": self.tag, "a_start": self.a_start, "a_end": self.a_end,
                "b_start": self.b_start, "b_end": self.b_end}


class _Vocab:
    """Maps token keys to single code points."""

    def __init__(self, *, ignore_case: bool, ignore_punctuation: bool, ignore_whitespace: bool) -> None:
        self._ignore_case = ignore_case
        self._ignored = {k for k, on in (("space", ignore_whitespace), ("punct", ignore_punctuation)) if on}
        self._by_token: dict[str, str] = {}  # token -> code char, "" if ignored
        self._by_key: dict[str, str] = {}

    def _code(self, tok: str) -> str:
        if self._ignored and token_kind(tok) in self._ignored:
            ch = ""
        else:
            key = tok.casefold() if self._ignore_case else tok
            ch = self._by_key.get(key, "")
            if not ch:
                n = len(self._by_key) + _FIRST_CODE
                if n >= 0xD800:
                    n += 0x800  # skip surrogates
                if n > 0x10FFFF:
                    raise ValueError("too many distinct words to diff")
                ch = chr(n)
                self._by_key[key] = ch
        self._by_token[tok] = ch
        return ch

    def encode(self, text: str) -> tuple[str, list[int], list[int], list[str]]:
        """Code string of the kept tokens, their start and end offsets, and the kept tokens."""
        toks = token_strings(text)
        bounds = list(accumulate(map(len, toks), initial=0))
        by_token = self._by_token
        for t in dict.fromkeys(toks):  # first-seen order keeps code assignment deterministic
            if t not in by_token:
                self._code(t)
        codes = list(map(by_token.__getitem__, toks))
        if not self._ignored:
            return "".join(codes), bounds[:-1], bounds[1:], toks
        keep = [i for i, c in enumerate(codes) if c]
        return ("".join(codes),
                [bounds[i] for i in keep], [bounds[i + 1] for i in keep], [toks[i] for i in keep])


def _dmp(sa: str, sb: str) -> list[tuple[str, int]]:
    if not sa or not sb:
        return [("-", len(sa))] * bool(sa) + [("+", len(sb))] * bool(sb)
    return fdmp.diff(sa, sb, checklines=False, cleanup="No", counts_only=True)


def _runs(sa: str, sb: str) -> list[tuple[str, int]]:
    """Diff runs of two code strings; large inputs are diffed block by block between anchors."""
    if len(sa) <= _DIRECT_LIMIT and len(sb) <= _DIRECT_LIMIT:
        return _dmp(sa, sb)
    out: list[tuple[str, int]] = []
    for (i0, i1), (j0, j1) in anchored_blocks(sa, sb, max_gap=_GAP_LIMIT):
        if i1 - i0 > _GAP_LIMIT and j1 - j0 > _GAP_LIMIT:
            out += [("-", i1 - i0), ("+", j1 - j0)]
        else:
            out += _dmp(sa[i0:i1], sb[j0:j1])
    return out


def _segments(runs: list[tuple[str, int]]) -> list[list[int]]:
    """Runs -> alternating segments [is_change, a_i, a_j, b_i, b_j] in kept-token indices."""
    segs: list[list[int]] = []
    i = j = 0
    for op, n in runs:
        if not n:
            continue
        if op == "=":
            if segs and not segs[-1][0]:
                segs[-1][2] += n
                segs[-1][4] += n
            else:
                segs.append([0, i, i + n, j, j + n])
            i += n
            j += n
            continue
        if not segs or not segs[-1][0]:
            segs.append([1, i, i, j, j])
        if op == "-":
            i += n
            segs[-1][2] = i
        else:
            j += n
            segs[-1][4] = j
    return segs


_WORDISH = ("word", "cjk")


def _absorbable(seg: list[int], left: list[int], right: list[int], toks_a: list[str], toks_b: list[str]) -> bool:
    """True if the equal run ``seg`` between two changes is confetti.

    Separators (whitespace, punctuation) between word changes and one short word ("a", "the", "of")
    between two word changes are absorbed; changes of whitespace or punctuation alone stay precise.
    """
    if seg[2] - seg[1] > 8:
        return False
    words = [t for t in toks_a[seg[1]:seg[2]] if token_kind(t) in _WORDISH]
    if len(words) > 1 or (words and len(words[0]) > _TINY_WORD_CHARS):
        return False
    lw = any(token_kind(t) in _WORDISH for t in toks_a[left[1]:left[2]]) or any(
        token_kind(t) in _WORDISH for t in toks_b[left[3]:left[4]])
    rw = any(token_kind(t) in _WORDISH for t in toks_a[right[1]:right[2]]) or any(
        token_kind(t) in _WORDISH for t in toks_b[right[3]:right[4]])
    return (lw or rw) if not words else (lw and rw)


def _deconfetti(segs: list[list[int]], toks_a: list[str], toks_b: list[str]) -> list[list[int]]:
    """Merge change + tiny equal run + change into one change."""
    out: list[list[int]] = []
    k = 0
    while k < len(segs):
        seg = segs[k]
        if (not seg[0] and out and out[-1][0] and k + 1 < len(segs)
                and _absorbable(seg, out[-1], segs[k + 1], toks_a, toks_b)):
            nxt = segs[k + 1]
            out[-1][2], out[-1][4] = nxt[2], nxt[4]
            k += 2
            continue
        if seg[0] and out and out[-1][0]:
            out[-1][2], out[-1][4] = seg[2], seg[4]
        else:
            out.append(list(seg))
        k += 1
    return out


def word_diff(a: str, b: str, *, ignore_case: bool = False, ignore_punctuation: bool = False,
              ignore_whitespace: bool = False) -> list[DiffChunk]:
    """Chunks that tile both texts in order: equal runs and insert/delete/replace changes.

    With an ignore option, ignored differences fall inside "equal" chunks, whose A and B text may
    then differ in case, punctuation or whitespace.
    """
    vocab = _Vocab(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation,
                   ignore_whitespace=ignore_whitespace)
    sa, sta, ena, toks_a = vocab.encode(a)
    sb, stb, enb, toks_b = vocab.encode(b)
    segs = _deconfetti(_segments(_runs(sa, sb)), toks_a, toks_b)
    chunks: list[DiffChunk] = []
    pa = pb = 0
    for is_change, i0, i1, j0, j1 in segs:
        if not is_change:
            continue
        a0 = sta[i0] if i0 < i1 else (sta[i0] if i0 < len(sta) else len(a))
        a1 = ena[i1 - 1] if i0 < i1 else a0
        b0 = stb[j0] if j0 < j1 else (stb[j0] if j0 < len(stb) else len(b))
        b1 = enb[j1 - 1] if j0 < j1 else b0
        if a0 > pa or b0 > pb:
            chunks.append(DiffChunk("equal", pa, a0, pb, b0))
        tag: ChunkTag = "replace" if a1 > a0 and b1 > b0 else ("delete" if a1 > a0 else "insert")
        chunks.append(DiffChunk(tag, a0, a1, b0, b1))
        pa, pb = a1, b1
    if pa < len(a) or pb < len(b):
        chunks.append(DiffChunk("equal", pa, len(a), pb, len(b)))
    return chunks


def changes(chunks: list[DiffChunk]) -> list[DiffChunk]:
    """Only the non-equal chunks."""
    return [c for c in chunks if c.tag != "equal"]
