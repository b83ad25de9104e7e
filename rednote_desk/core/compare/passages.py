"""Side-by-side passages of two texts: aligned sentence pairs, each with its own word diff.

The rows of the diff view and of the report. Sentences are anchored through a word diff of the
whole texts (linear, so a 1 MB pair stays fast): a sentence of A pairs with the sentence of B that
receives most of its unchanged text, if their word sequences are similar enough. Between two such
anchors, the leftover sentences are aligned like the reading view does
(:func:`.align.align_prepared`), so reworded (spun) sentences still pair up. What stays unpaired is
"only in A" or "only in B". Each pair carries a word diff of its two sentences.

Texts written independently share few sentences word for word: when the lexical alignment pairs less
than half of the shorter text, sentences are paired by meaning instead (:mod:`.statement_pairs`, the
coverage map's similarity). Such a pair that is not (nearly) word for word is *reworded*: it carries
no word diff (every word would differ), and a pair that crosses the reading order is *moved* (both
sentences stay on their own rows, each naming its partner). The summary then counts statements:
"5 shared statements (3 reworded); 9 only in A, 21 only in B".
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from rednote_desk.core.compare.align import (
    NEAR_IDENTICAL,
    NEIGHBOUR,
    PARAPHRASE,
    PreparedText,
    WordCodes,
    align_prepared,
)
from rednote_desk.core.compare.anchors import increasing_chain
from rednote_desk.core.compare.embed import SentenceModel, sentence_model
from rednote_desk.core.compare.sentences import Sentence, split_sentences
from rednote_desk.core.compare.statement_pairs import looks_copied, meaning_pairs
from rednote_desk.core.compare.tokens import token_kind, token_strings
from rednote_desk.core.compare.worddiff import DiffChunk, word_diff
from rednote_desk.core.errors import Cancelled  # re-exported: callers catch it from here too

RowKind = Literal["pair", "only_a", "only_b"]
Report = Callable[[int, int, str], None]

ANCHOR_SHARE = 0.25  # unchanged characters a sentence must share with its candidate counterpart
GAP_CELLS = 250_000  # gaps up to this many sentence pairs (500 x 500) are aligned by similarity


@dataclass(frozen=True, slots=True)
class Row:
    """One passage: a sentence pair (with its word diff, offsets relative to each sentence) or a lone sentence."""

    kind: RowKind
    a: tuple[int, int] | None  # span in A (code points)
    b: tuple[int, int] | None
    chunks: tuple[DiffChunk, ...] = ()
    score: float = 0.0
    pair_kind: str = ""  # identical / near-identical / paraphrase / reworded (paired by meaning), for pairs
    paragraph: bool = False  # starts a new paragraph (in B, or in A for a sentence only in A)
    moved: tuple[int, int] | None = None  # a lone sentence's partner elsewhere in the other text (by meaning)

    @property
    def changed(self) -> bool:
        return self.kind != "pair" or any(c.tag != "equal" for c in self.chunks)

    @property
    def reworded(self) -> bool:
        """Paired (or moved) with a sentence that states it in other words."""
        return self.pair_kind in ("paraphrase", "reworded")


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
    meaning: str = ""  # the similarity that paired sentences by meaning ("" when paired word by word)

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
        """Words changed and sentences changed (in word-diffed pairs), sentences only in A and only in B,
        and statements shared (pairs and moved pairs), reworded among them, and moved."""
        words = sentences = only_a = only_b = shared = reworded = moved = 0
        for row in self.rows:
            if row.moved is not None:
                if row.kind == "only_a":  # a moved pair has one row per side: count it once
                    shared, moved, reworded = shared + 1, moved + 1, reworded + row.reworded
            elif row.kind == "only_a":
                only_a += 1
            elif row.kind == "only_b":
                only_b += 1
            else:
                shared += 1
                reworded += row.reworded
            if row.kind != "pair" or row.pair_kind == "reworded":  # reworded: no word diff
                continue
            if row.changed:
                sentences += 1
                sa, sb = self.a[row.a[0]:row.a[1]], self.b[row.b[0]:row.b[1]]  # type: ignore[index]
                for c in row.chunks:
                    if c.tag != "equal":
                        words += max(_words(sa[c.a_start:c.a_end]), _words(sb[c.b_start:c.b_end]), 1)
        return {"words_changed": words, "sentences_changed": sentences, "only_a": only_a, "only_b": only_b,
                "shared": shared, "reworded": reworded, "moved": moved}

    def summary(self) -> str:
        """"142 words changed in 31 sentences; 12 sentences only in A, 9 only in B", or for sentences
        paired by meaning "5 shared statements (3 reworded, 1 moved); 9 only in A, 21 only in B"."""
        c = self.counts()
        if self.meaning:
            details = ", ".join(f"{c[k]:,} {k}" for k in ("reworded", "moved") if c[k])
            return (f"{c['shared']:,} shared {_plural(c['shared'], 'statement')}"
                    + (f" ({details})" if details else "")
                    + f"; {c['only_a']:,} only in A, {c['only_b']:,} only in B")
        if not any(c[k] for k in ("words_changed", "sentences_changed", "only_a", "only_b", "reworded", "moved")):
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
    return [(ia[p.a_index], ib[p.b_index]) for p in align_prepared(pa, pb).in_order()]


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


def _meaning_kind(sa: Sentence, sb: Sentence, score: float) -> str:
    """A pair found by meaning: identical, near-identical, paraphrase (enough words in common for a word
    diff), or reworded (too few: no word diff)."""
    kind = _pair_kind(sa, sb, score)
    return "reworded" if kind == "paraphrase" and score < PARAPHRASE else kind


def _lone(kind: RowKind, span: tuple[int, int], paragraph: bool,
          moved: tuple[tuple[int, int], float, str] | None) -> Row:
    """A sentence facing a gap; ``moved``: (its partner's span in the other text, score, pair kind)."""
    a, b = (span, None) if kind == "only_a" else (None, span)
    if moved is None:
        return Row(kind, a, b, paragraph=paragraph)
    return Row(kind, a, b, score=moved[1], pair_kind=moved[2], paragraph=paragraph, moved=moved[0])


def passage_diff(a: str, b: str, *, ignore_case: bool = False, ignore_punctuation: bool = False,
                 ignore_whitespace: bool = False, report: Report | None = None,
                 is_cancelled: Callable[[], bool] | None = None,
                 model: SentenceModel | None | Literal["auto"] = "auto") -> PassageDiff:
    """Aligned passages of ``a`` and ``b``; raises :class:`Cancelled` if ``is_cancelled()`` turns true.

    ``model``: the sentence model for pairing independent texts by meaning; "auto" loads the shared
    one (:func:`.embed.sentence_model`) only when the texts turn out to be independent, None pairs
    them on shared words and anchors only.
    """
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
    meaning, by_meaning, moved_a, moved_b = "", {}, {}, {}
    if not looks_copied(len(pairs), sa, sb):
        note(45, 100, "Pairing statements by meaning")
        found = meaning_pairs(a, b, sa, sb, sentence_model() if model == "auto" else model)
        if found is not None:
            meaning = found.method
            pairs = [(i, j) for i, j, _ in found.aligned]
            by_meaning = {(i, j): score for i, j, score in found.aligned}
            for i, j, score in found.moved:
                kind = _meaning_kind(sa[i], sb[j], _score(codes_a[i], codes_b[j]))
                moved_a[i] = ((sb[j].start, sb[j].end), score, kind)
                moved_b[j] = ((sa[i].start, sa[i].end), score, kind)
        if stop():
            raise Cancelled
    rows: list[Row] = []
    pi = pj = 0
    total = max(len(pairs), 1)
    for n, (i, j) in enumerate([*pairs, (len(sa), len(sb))]):
        rows += [_lone("only_a", (s.start, s.end), _paragraph(a, sa, k), moved_a.get(k))
                 for k, s in enumerate(sa[pi:i], pi) if s.text]
        rows += [_lone("only_b", (s.start, s.end), _paragraph(b, sb, k), moved_b.get(k))
                 for k, s in enumerate(sb[pj:j], pj) if s.text]
        if i < len(sa):
            score = _score(codes_a[i], codes_b[j])
            ta, tb = sa[i].text, sb[j].text
            kind = _meaning_kind(sa[i], sb[j], score) if meaning else _pair_kind(sa[i], sb[j], score)
            if kind == "reworded":  # no word diff: every word would differ
                chunks: tuple[DiffChunk, ...] = (DiffChunk("replace", 0, len(ta), 0, len(tb)),)
            elif ta == tb:
                chunks = (DiffChunk("equal", 0, len(ta), 0, len(tb)),)
            else:
                chunks = tuple(word_diff(ta, tb, **options.as_kwargs()))
            rows.append(Row("pair", (sa[i].start, sa[i].end), (sb[j].start, sb[j].end), chunks,
                            by_meaning.get((i, j), score), kind, _paragraph(b, sb, j)))
            if n % 256 == 0:
                if stop():
                    raise Cancelled
                note(40 + 60 * n // total, 100, "Comparing sentences")
        pi, pj = i + 1, j + 1
    note(100, 100, "")
    return PassageDiff(a, b, tuple(rows), options, meaning)


__all__ = ["Cancelled", "Options", "PassageDiff", "Row", "passage_diff"]
