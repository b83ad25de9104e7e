"""Sentence alignment between documents: which sentence of A has a counterpart in B.

Sentences are compared as word sequences (case-folded words and CJK characters, one code point
each), scored with rapidfuzz's normalised Indel similarity (``fuzz.ratio``) over a whole
similarity matrix (``process.cdist``), and paired one-to-one with the Hungarian algorithm
(``scipy.optimize.linear_sum_assignment``). Word-level scoring keeps function words and word
order, so a synonym-spun sentence still scores high while an unrelated one on the same topic
does not (character-level ratios put any two English sentences near 0.5).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from rednote_desk.core.compare.sentences import Sentence, split_sentences
from rednote_desk.core.compare.tokens import sentence_tokens, token_kind
from rednote_desk.core.models import Document

PairKind = Literal["identical", "near-identical", "paraphrase", "unique"]

NEAR_IDENTICAL = 0.85  # word-sequence similarity from which a pair counts as near-identical
PARAPHRASE = 0.45  # below this, a sentence has no counterpart ...
SHORT_PARAPHRASE = 0.6  # ... or below this if either sentence is short
SHORT_WORDS = 8
# A sentence next to an aligned pair may pair with the next sentence of B at this lower score
# (heavily spun sentences between two aligned ones); on the sample corpus, 90% of false best
# candidates score below 0.23.
NEIGHBOUR = 0.3


@dataclass(frozen=True, slots=True)
class SentencePair:
    """A sentence of A and its counterpart in B; the missing side is None for a unique sentence.

    For a unique sentence, ``score`` is the similarity of its best (rejected) candidate.
    """

    a_index: int | None
    b_index: int | None
    a_start: int | None
    a_end: int | None
    b_start: int | None
    b_end: int | None
    score: float
    kind: PairKind

    def to_json(self) -> dict:
        return {"a_index": self.a_index, "b_index": self.b_index, "a_start": self.a_start,
                "a_end": self.a_end, "b_start": self.b_start, "b_end": self.b_end,
                "score": round(self.score, 4), "kind": self.kind}


@dataclass(frozen=True)
class MatchedPair(SentencePair):
    """A sentence of A aligned with one of B: both sides are known."""

    a_index: int
    b_index: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)

class Alignment:
    """Sentence alignment of two documents (ids, or positions when a document has no id)."""

    doc_a: int
    doc_b: int
    pairs: tuple[MatchedPair, ...]  # matched, ordered by a_index
    unique_a: tuple[SentencePair, ...]
    unique_b: tuple[SentencePair, ...]
    sentences_a: tuple[Sentence, ...] = field(default=(), repr=False)
    sentences_b: tuple[Sentence, ...] = field(default=(), repr=False)

    def in_order(self) -> list[MatchedPair]:
        """Largest subset of ``pairs`` whose B sentences come in the same order as in A."""
        tails: list[int] = []
        tail_at: list[int] = []
        prev = [-1] * len(self.pairs)
        for n, p in enumerate(self.pairs):
            pos = bisect_left(tails, p.b_index)
            if pos == len(tails):
                tails.append(p.b_index)
                tail_at.append(n)
            else:
                tails[pos] = p.b_index
                tail_at[pos] = n
            prev[n] = tail_at[pos - 1] if pos else -1
        out: list[MatchedPair] = []
        n = tail_at[-1] if tail_at else -1
        while n >= 0:
            out.append(self.pairs[n])
            n = prev[n]
        return out[::-1]

    def to_json(self) -> dict:
        return {"doc_a": self.doc_a, "doc_b": self.doc_b,
                "pairs": [p.to_json() for p in self.pairs],
                "unique_a": [p.to_json() for p in self.unique_a],
                "unique_b": [p.to_json() for p in self.unique_b]}


class WordCodes:
    """Maps case-folded words (and CJK characters) to single code points, shared across documents."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._by_token: dict[str, str] = {}  # token -> its code, "" for spaces and punctuation

    def _code(self, tok: str) -> str:
        ch = ""
        if token_kind(tok) in ("word", "cjk"):
            key = tok.casefold().replace("’", "'")
            ch = self._codes.get(key, "")
            if not ch:
                n = 0x4E00 + len(self._codes)
                ch = self._codes[key] = chr(n + 0x800 if n >= 0xD800 else n)
        self._by_token[tok] = ch
        return ch

    def encode(self, text: str) -> str:
        """One code point per word of ``text``."""
        get = self._by_token.get
        return "".join([c if (c := get(t)) is not None else self._code(t) for t in sentence_tokens(text)])

    def codes_of(self, words: frozenset[str]) -> set[str]:
        """Codes of those ``words`` seen so far."""
        return {c for w, c in self._codes.items() if w in words}


@dataclass(frozen=True)
class PreparedText:
    """A text split into sentences, each encoded as a word-code string."""

    text: str
    sentences: tuple[Sentence, ...]
    codes: tuple[str, ...]


def prepare(text: str, vocab: WordCodes) -> PreparedText:
    """Split and encode ``text`` for alignment."""
    sents = tuple(split_sentences(text))
    return PreparedText(text, sents, tuple(vocab.encode(s.text) for s in sents))


def similarity(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Matrix of word-sequence similarities (0..1) between two lists of encoded sentences."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32) / 100.0


def _kind(sa: Sentence, sb: Sentence, score: float) -> PairKind:
    if score >= 0.999 and " ".join(sa.text.split()) == " ".join(sb.text.split()):
        return "identical"
    return "near-identical" if score >= NEAR_IDENTICAL else "paraphrase"


def _accepted(pa: PreparedText, pb: PreparedText, scores: np.ndarray) -> np.ndarray:
    """``scores`` with pairs below the (length-dependent) threshold set to 0."""
    la = np.array([len(c) for c in pa.codes])
    lb = np.array([len(c) for c in pb.codes])
    short = np.minimum.outer(la, lb) < SHORT_WORDS
    return np.where(scores >= np.where(short, SHORT_PARAPHRASE, PARAPHRASE), scores, 0.0)


def _fill_neighbours(match: dict[int, int], scores: np.ndarray, pa: PreparedText) -> None:
    """Pair unmatched sentences that sit between or next to aligned pairs, in place."""
    used = set(match.values())
    changed = True
    while changed:
        changed = False
        for i in range(len(pa.codes)):
            if i in match or not pa.codes[i]:
                continue
            for j in (match[i - 1] + 1 if i - 1 in match else None, match[i + 1] - 1 if i + 1 in match else None):
                if j is not None and 0 <= j < scores.shape[1] and j not in used and scores[i, j] >= NEIGHBOUR:
                    match[i] = j
                    used.add(j)
                    changed = True
                    break


def align_prepared(pa: PreparedText, pb: PreparedText, scores: np.ndarray | None = None, *,
                   doc_a: int = 0, doc_b: int = 1) -> Alignment:
    """Alignment of two prepared texts, optionally from a precomputed similarity matrix."""
    if scores is None:
        scores = similarity(pa.codes, pb.codes)
    match: dict[int, int] = {}
    if scores.size:
        accepted = _accepted(pa, pb, scores)
        from rednote_desk.core.compare.assignment import linear_sum_assignment  # scipy's, on first use

        rows, cols = linear_sum_assignment(accepted, maximize=True)
        match = {i: j for i, j in zip(rows.tolist(), cols.tolist(), strict=True) if accepted[i, j] > 0 and pa.codes[i]}
        if match:
            _fill_neighbours(match, scores, pa)
    pairs: list[MatchedPair] = []
    for i, j in sorted(match.items()):
        sa, sb = pa.sentences[i], pb.sentences[j]
        score = float(scores[i, j])
        pairs.append(MatchedPair(i, j, sa.start, sa.end, sb.start, sb.end, score, _kind(sa, sb, score)))
    matched_b = set(match.values())
    best_a = scores.max(axis=1) if scores.size else np.zeros(len(pa.sentences))
    best_b = scores.max(axis=0) if scores.size else np.zeros(len(pb.sentences))
    unique_a = tuple(SentencePair(i, None, s.start, s.end, None, None, float(best_a[i]), "unique")
                     for i, s in enumerate(pa.sentences) if i not in match)
    unique_b = tuple(SentencePair(None, j, None, None, s.start, s.end, float(best_b[j]), "unique")
                     for j, s in enumerate(pb.sentences) if j not in matched_b)
    return Alignment(doc_a, doc_b, tuple(pairs), unique_a, unique_b, pa.sentences, pb.sentences)


def doc_key(doc: Document, position: int) -> int:
    """A document's id, or its position in the list when it has none."""
    return doc.id if doc.id is not None else position


def align_documents(docs: Sequence[Document]) -> dict[tuple[int, int], Alignment]:
    """Pairwise alignments of all documents, keyed by (id_a, id_b) in list order."""
    vocab = WordCodes()
    prepared = [prepare(d.text, vocab) for d in docs]
    keys = [doc_key(d, n) for n, d in enumerate(docs)]
    bounds = np.cumsum([0] + [len(p.codes) for p in prepared]).tolist()
    all_codes = [c for p in prepared for c in p.codes]
    out: dict[tuple[int, int], Alignment] = {}
    for i in range(len(docs) - 1):
        # One similarity block per document against all later ones; each pair reads its slice.
        rows = similarity(prepared[i].codes, all_codes[bounds[i + 1]:])
        for j in range(i + 1, len(docs)):
            block = rows[:, bounds[j] - bounds[i + 1]:bounds[j + 1] - bounds[i + 1]]
            out[(keys[i], keys[j])] = align_prepared(prepared[i], prepared[j], block, doc_a=keys[i], doc_b=keys[j])
    return out
