"""Side-by-side passages of two texts: aligned sentence pairs, each with its own word diff.

The rows of the diff view and of the report. Sentences are anchored through a word diff of the
whole texts (linear, so a 1 MB pair stays fast): a sentence of A pairs with the sentence of B that
receives most of its unchanged text, if their word sequences are similar enough. Between two such
anchors, the leftover sentences are aligned like the reading view does
(:func:`.align.align_prepared`), so reworded (spun) sentences still pair up. What stays unpaired is
"only in A" or "only in B". Each pair carries a word diff of its two sentences.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from rednote_desk.core.compare.align import NEAR_IDENTICAL, NEIGHBOUR, PreparedText, WordCodes, align_prepared
from rednote_desk.core.compare.anchors import increasing_chain
from rednote_desk.core.compare.sentences import Sentence, split_sentences
from rednote_desk.core.compare.tokens import token_kind, token_strings
from rednote_desk.core.compare.worddiff import DiffChunk, word_diff

RowKind = Literal["pair", "only_a", "only_b"]
Report = Callable[[int, int, str], None]

ANCHOR_SHARE = 0.25  # unchanged characters a sentence must share with its candidate counterpart
GAP_CELLS = 250_000  # gaps up to this many sentence pairs (500 x 500) are aligned by similarity


class Cancelled(Exception):
    """The caller asked to stop."""


@dataclass(frozen=True, slots=True)
class Row:
    """One passage: a sentence pair (with its word diff, offsets relative to each sentence) or a lone sentence."""

    kind: RowKind
    a: tuple[int, int] | None  # span in A (code points)
    b: tuple[int, int] | None
    chunks: tuple[DiffChunk, ...] = ()
    score: float = 0.0
    pair_kind: str = ""  # identical / near-identical / paraphrase, for pairs
    paragraph: bool = False  # starts a new paragraph (in B, or in A for a sentence only in A)

    @property
    def changed(self) -> bool:
        return self.kind != "pair" or any(c.tag != "equal" for c in self.chunks)


@dataclass(frozen=True)
class Options:
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_whitespace: bool = False

    def as_kwargs(self) -> dict[str, bool]:
        return {"ignore_case": self.ignore_case, "ignore_punctuation": self.ignore_punctuation,
                "ignore_whitespace": self.ignore_whitespace}


@dataclass(frozen=True)
class PassageDiff:
    """Rows of two texts in reading order, and the figures for a summary line."""

    a: str
    b: str
    rows: tuple[Row, ...]
    options: Options = field(default_factory=Options)

    @property
    def stops(self) -> list[int]:
        """Row indexes where a change starts: each changed pair, and each run of lone sentences."""
        out = []
        for i, row in enumerate(self.rows):
            if not row.changed:
                continue
            if row.kind != "pair" and i and self.rows[i - 1].kind != "pair":
                continue
            out.append(i)
        return out

    def counts(self) -> dict[str, int]:
        """Words changed and sentences changed (in pairs), sentences only in A and only in B."""
        words = sentences = only_a = only_b = 0
        for row in self.rows:
            if row.kind == "only_a":
                only_a += 1
            elif row.kind == "only_b":
                only_b += 1
            elif row.changed:
                sentences += 1
                sa, sb = self.a[row.a[0]:row.a[1]], self.b[row.b[0]:row.b[1]]  # type: ignore[index]
                for c in row.chunks:
                    if c.tag != "equal":
                        words += max(_words(sa[c.a_start:c.a_end]), _words(sb[c.b_start:c.b_end]), 1)
        return {"words_changed": words, "sentences_changed": sentences, "only_a": only_a, "only_b": only_b}

    def summary(self) -> str:
        """"142 words changed in 31 sentences; 12 sentences only in A, 9 only in B"."""
        c = self.counts()
        if not any(c.values()):
            return "No differences" + (" (with the ignore options)" if self.options != Options() else "")
        return (f"{c['words_changed']:,} {_plural(c['words_changed'], 'word')} changed in "
                f"{c['sentences_changed']:,} {_plural(c['sentences_changed'], 'sentence')}; "
                f"{c['only_a']:,} {_plural(c['only_a'], 'sentence')} only in A, {c['only_b']:,} only in B")


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _words(text: str) -> int:
    return sum(token_kind(t) in ("word", "cjk") for t in token_strings(text))


def _overlaps(chunks: list[DiffChunk], sa: list[Sentence], sb: list[Sentence]) -> dict[int, dict[int, int]]:
    """Characters of unchanged text each A sentence shares with each B sentence (via the whole-text diff)."""
    a_starts = [s.start for s in sa]
    b_starts = [s.start for s in sb]
    out: dict[int, dict[int, int]] = {}
    for c in chunks:
        if c.tag != "equal" or c.a_end <= c.a_start:
            continue
        ratio = (c.b_end - c.b_start) / (c.a_end - c.a_start)
        i = max(bisect_right(a_starts, c.a_start) - 1, 0)
        while i < len(sa) and sa[i].start < c.a_end:
            lo, hi = max(sa[i].start, c.a_start), min(sa[i].end, c.a_end)
            if hi > lo:
                blo = c.b_start + round((lo - c.a_start) * ratio)
                bhi = c.b_start + round((hi - c.a_start) * ratio)
                j = max(bisect_right(b_starts, blo) - 1, 0)
                while j < len(sb) and sb[j].start < bhi:
                    shared = min(sb[j].end, bhi) - max(sb[j].start, blo)
                    if shared > 0:
                        row = out.setdefault(i, {})
                        row[j] = row.get(j, 0) + shared
                    j += 1
            i += 1
    return out


def _score(ca: str, cb: str) -> float:
    return fuzz.ratio(ca, cb) / 100.0 if ca and cb else 0.0


def _anchors(a: str, b: str, sa: list[Sentence], sb: list[Sentence], codes_a: list[str], codes_b: list[str],
             options: Options) -> list[tuple[int, int]]:
    chunks = word_diff(a, b, **options.as_kwargs())
    candidates = []
    for i, shared in sorted(_overlaps(chunks, sa, sb).items()):
        j, n = max(shared.items(), key=lambda kv: (kv[1], -kv[0]))
        longer = max(sa[i].end - sa[i].start, sb[j].end - sb[j].start)
        if n >= ANCHOR_SHARE * longer and _score(codes_a[i], codes_b[j]) >= NEIGHBOUR:
            candidates.append((i, j))
    return increasing_chain(candidates)


def _gap_pairs(a: str, b: str, sa: list[Sentence], sb: list[Sentence], codes_a: list[str], codes_b: list[str],
               ia: range, ib: range) -> list[tuple[int, int]]:
    """Pairs among the unanchored sentences ``ia`` of A and ``ib`` of B, aligned by similarity, in order."""
    if not ia or not ib or len(ia) * len(ib) > GAP_CELLS:
        return []
    pa = PreparedText(a, tuple(sa[i] for i in ia), tuple(codes_a[i] for i in ia))
    pb = PreparedText(b, tuple(sb[j] for j in ib), tuple(codes_b[j] for j in ib))
    return [(ia[p.a_index], ib[p.b_index]) for p in align_prepared(pa, pb).in_order()]  # type: ignore[index]


def _neighbours(codes_a: list[str], codes_b: list[str], ia: range, ib: range) -> list[tuple[int, int]]:
    """Pairs of leftover sentences next to a pair (or at a text's edge), in step from both ends of a gap.

    A heavily reworded sentence between two aligned ones is still its counterpart if it keeps some
    words (the reading view's alignment does the same).
    """
    head: list[tuple[int, int]] = []
    tail: list[tuple[int, int]] = []
    lo_a, lo_b, hi_a, hi_b = ia.start, ib.start, ia.stop, ib.stop
    while lo_a < hi_a and lo_b < hi_b and _score(codes_a[lo_a], codes_b[lo_b]) >= NEIGHBOUR:
        head.append((lo_a, lo_b))
        lo_a, lo_b = lo_a + 1, lo_b + 1
    while lo_a < hi_a and lo_b < hi_b and _score(codes_a[hi_a - 1], codes_b[hi_b - 1]) >= NEIGHBOUR:
        tail.append((hi_a - 1, hi_b - 1))
        hi_a, hi_b = hi_a - 1, hi_b - 1
    return head + tail[::-1]


def _paragraph(text: str, sents: list[Sentence], k: int) -> bool:
    return k > 0 and "\n" in text[sents[k - 1].end:sents[k].start]


def _pair_kind(sa: Sentence, sb: Sentence, score: float) -> str:
    if " ".join(sa.text.split()) == " ".join(sb.text.split()):
        return "identical"
    return "near-identical" if score >= NEAR_IDENTICAL else "paraphrase"


def passage_diff(a: str, b: str, *, ignore_case: bool = False, ignore_punctuation: bool = False,
                 ignore_whitespace: bool = False, report: Report | None = None,
                 is_cancelled: Callable[[], bool] | None = None) -> PassageDiff:
    """Aligned passages of ``a`` and ``b``; raises :class:`Cancelled` if ``is_cancelled()`` turns true."""
    options = Options(ignore_case, ignore_punctuation, ignore_whitespace)
    note = report or (lambda *_: None)
    stop = is_cancelled or (lambda: False)
    note(0, 100, "Splitting sentences")
    sa, sb = split_sentences(a), split_sentences(b)
    vocab = WordCodes()
    codes_a = [vocab.encode(s.text) for s in sa]
    codes_b = [vocab.encode(s.text) for s in sb]
    note(10, 100, "Comparing words")
    anchors = _anchors(a, b, sa, sb, codes_a, codes_b, options)
    if stop():
        raise Cancelled
    note(40, 100, "Aligning sentences")
    pairs: list[tuple[int, int]] = []
    pi = pj = 0
    for i, j in [*anchors, (len(sa), len(sb))]:
        for gi, gj in [*_gap_pairs(a, b, sa, sb, codes_a, codes_b, range(pi, i), range(pj, j)), (i, j)]:
            pairs += _neighbours(codes_a, codes_b, range(pi, gi), range(pj, gj))
            if gi < len(sa):
                pairs.append((gi, gj))
            pi, pj = gi + 1, gj + 1
    if stop():
        raise Cancelled
    rows: list[Row] = []
    pi = pj = 0
    total = max(len(pairs), 1)
    for n, (i, j) in enumerate([*pairs, (len(sa), len(sb))]):
        rows += [Row("only_a", (s.start, s.end), None, paragraph=_paragraph(a, sa, k))
                 for k, s in enumerate(sa[pi:i], pi) if s.text]
        rows += [Row("only_b", None, (s.start, s.end), paragraph=_paragraph(b, sb, k))
                 for k, s in enumerate(sb[pj:j], pj) if s.text]
        if i < len(sa):
            score = _score(codes_a[i], codes_b[j])
            ta, tb = sa[i].text, sb[j].text
            chunks = ((DiffChunk("equal", 0, len(ta), 0, len(tb)),) if ta == tb
                      else tuple(word_diff(ta, tb, **options.as_kwargs())))
            rows.append(Row("pair", (sa[i].start, sa[i].end), (sb[j].start, sb[j].end), chunks, score,
                            _pair_kind(sa[i], sb[j], score), _paragraph(b, sb, j)))
            if n % 256 == 0:
                if stop():
                    raise Cancelled
                note(40 + 60 * n // total, 100, "Comparing sentences")
        pi, pj = i + 1, j + 1
    note(100, 100, "")
    return PassageDiff(a, b, tuple(rows), options)


__all__ = ["Cancelled", "Options", "PassageDiff", "Row", "passage_diff"]
