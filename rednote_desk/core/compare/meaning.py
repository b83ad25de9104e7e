"""How alike two statements are in meaning: sentence embeddings + shared content words + anchors + word order.

Scores are in 0..1 and combine four signals, each cheap over thousands of sentences:

- ``cosine``: WordLlama sentence vectors (see :mod:`.embed`); absent when the model is not available;
- ``words``: cosine of idf-weighted content words (function words dropped, plural/past endings cut;
  a word most of the compared sentences share weighs little), one sparse product for all pairs;
- ``anchors``: shared numbers ("48,000" = "48000"), names (capitalised words inside the sentence) and
  quoted phrases — what two outlets keep when they word the same fact differently —, idf-weighted, so
  the event's own name (in every other sentence) does not tie unrelated sentences together;
- ``order``: rapidfuzz's normalised Indel similarity of the word sequences (the lexical alignment's
  score), which catches verbatim and lightly edited sentences.

``combined = max(order, w_cos·cosine + w_words·words + w_anchors·anchors)`` with weights that differ
with and without the model; :data:`SAME_STATEMENT` is the threshold from which two sentences state
the same thing (chosen on the ground-truth sets in ``tests/core/framing_sets.py``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from rednote_desk.core.compare.align import WordCodes
from rednote_desk.core.compare.body import Statement
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.shared import per_text
from rednote_desk.core.compare.stopwords import STOPWORDS
from rednote_desk.core.compare.tokens import is_cjk, sentence_tokens, token_kind

WEIGHTS_MODEL = (0.45, 0.35, 0.2)  # cosine, content words, anchors
WEIGHTS_LEXICAL = (0.0, 0.7, 0.3)
SAME_STATEMENT = 0.32  # with the model
SAME_STATEMENT_LEXICAL = 0.33  # without it

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_QUOTED = re.compile(r"[“\"«]([^”\"»]{3,80})[”\"»]")
_SUFFIXES = ("ing", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)  # pure, and called for every word of every compared sentence
def stem(word: str) -> str:
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def content_words(text: str) -> set[str]:
    """Stems of the words (and CJK characters) that carry meaning."""
    out = set()
    for tok in sentence_tokens(text):
        kind = token_kind(tok)
        if kind == "word" and tok.casefold() not in STOPWORDS and not tok[0].isdigit():
            out.add(stem(tok))
        elif kind == "cjk" and tok not in STOPWORDS:
            out.add(tok)
    return out


def anchors(text: str) -> set[str]:
    """Numbers, names and quoted phrases of a sentence, normalised."""
    out = {"#" + m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}
    words = [t for t in sentence_tokens(text) if token_kind(t) == "word"]
    name: list[str] = []
    for n, w in enumerate([*words, ""]):
        if n and w and w[0].isupper() and w.casefold() not in STOPWORDS and not is_cjk(w):
            name.append(stem(w))  # "Harbour Bridge" is one name, not two anchors
        elif name:
            out.add("@" + " ".join(name))
            name = []
    out.update("“" + " ".join(m.group(1).casefold().split()[:4]) for m in _QUOTED.finditer(text))
    return out


_content_words = per_text("content words", content_words)
_anchors = per_text("anchors", anchors)


class _Postings:
    """A sparse items × terms matrix of weights as numpy arrays (what a CSR matrix holds, without scipy.sparse,
    whose import costs a comparison process ~0.1 s): item k's terms are ``terms[ptr[k]:ptr[k + 1]]`` with
    their weights in ``values``; zero weights are not stored (they add nothing to a product)."""

    __slots__ = ("ptr", "terms", "values", "n_terms")

    def __init__(self, ptr: np.ndarray, terms: np.ndarray, values: np.ndarray, n_terms: int) -> None:
        self.ptr, self.terms, self.values, self.n_terms = ptr, terms, values, n_terms

    @classmethod
    def of(cls, items: np.ndarray, terms: np.ndarray, values: np.ndarray, n_items: int, n_terms: int) -> _Postings:
        keep = values != 0
        items, terms, values = items[keep], terms[keep], values[keep]
        ptr = np.zeros(n_items + 1, dtype=np.int64)
        np.cumsum(np.bincount(items, minlength=n_items), out=ptr[1:])
        return cls(ptr, terms, values, n_terms)

    def select(self, items: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(position in ``items``, term, weight) of every posting of those items, item after item."""
        starts = self.ptr[items]
        lengths = self.ptr[items + 1] - starts
        pos = np.repeat(np.arange(len(items), dtype=np.int64), lengths)
        at = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return pos, self.terms[at], self.values[at]


_CHUNK = 1 << 16  # matched (row, col, term) postings at a time: ~3 MB of temporaries, however many documents


def _products(left: _Postings, right: _Postings, rows: np.ndarray, cols: np.ndarray,
              ones: bool = False) -> np.ndarray:
    """rows × cols float32 matrix: for each pair, the sum over their shared terms of left weight × right
    weight (the left weight taken as 1 with ``ones``), added up in the order of the row's postings, in float32
    — what a CSR product computes. Built from the postings of each shared term, never an items × terms array."""
    out = np.zeros(len(rows) * len(cols), dtype=np.float32)
    c_pos, c_terms, c_vals = right.select(cols)
    by_term = np.argsort(c_terms, kind="stable")  # the col postings grouped by term
    count = np.bincount(c_terms, minlength=right.n_terms)
    first = np.cumsum(count) - count
    r_pos, r_terms, r_vals = left.select(rows)
    matches = count[r_terms]  # col postings sharing each row posting's term
    ends = np.cumsum(matches)
    start = 0
    while start < len(r_pos):  # a chunk of row postings, in order: each cell's sum keeps its order
        base = int(ends[start - 1]) if start else 0
        stop = max(int(np.searchsorted(ends, base + _CHUNK, side="right")), start + 1)
        n = matches[start:stop]
        rep = np.repeat(np.arange(start, stop, dtype=np.int64), n)
        within = np.arange(len(rep), dtype=np.int64) - np.repeat(ends[start:stop] - n - base, n)
        k = by_term[first[r_terms[rep]] + within]
        np.add.at(out, r_pos[rep] * len(cols) + c_pos[k], c_vals[k] if ones else r_vals[rep] * c_vals[k])
        start = stop
    return out.reshape(len(rows), len(cols))


def _idf_postings(sets: Sequence[set[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(item, term, idf weight) of every (item, term) and the number of terms: a term most items share weighs little."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for w in sorted(s):  # not the set's order, which changes with the hash seed: the sums' order, their last bits
            rows.append(i)
            cols.append(index.setdefault(w, len(index)))
    n = len(sets)
    items, terms = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    df = np.bincount(terms, minlength=max(len(index), 1)).astype(np.float32)
    idf = np.log((1.0 + n) / (1.0 + df)).astype(np.float32)
    order = np.lexsort((terms, items))  # item after item, terms ascending (as a CSR matrix keeps them)
    return items[order], terms[order], idf[terms[order]], max(len(index), 1)


def _normalised(sets: Sequence[set[str]]) -> _Postings:
    """The items' idf weights divided by the length of their vector (float32, as scipy.sparse computed it: the
    squares summed by np.add.reduceat; each item's terms kept in descending order, the order its product
    with the diagonal left them in, so the later sums add up in the same order)."""
    items, terms, values, n_terms = _idf_postings(sets)
    keep = values != 0
    items, terms, values = items[keep], terms[keep], values[keep]
    norms = np.zeros(len(sets), dtype=np.float32)
    if len(values):
        squares = values * values
        starts = np.flatnonzero(np.r_[True, items[1:] != items[:-1]])
        norms[items[starts]] = np.add.reduceat(squares, starts)
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    values = (1.0 / norms)[items] * values
    order = np.lexsort((-terms, items))
    return _Postings.of(items[order], terms[order], values[order], len(sets), n_terms)


class StatementIndex:
    """The statements of several documents, ready to be scored against one another."""

    def __init__(self, items: Sequence[Statement], model: SentenceModel | None = None) -> None:
        self.items = list(items)
        self.model = model
        texts = [s.compared for s in self.items]
        self.vectors = model.embed(texts) if model is not None and texts else None
        words = [_content_words(t) for t in texts]  # once per sentence in a comparison (copies and coverage)
        marks = [_anchors(t) for t in texts]
        self._words = _normalised(words)
        holders, terms, idf, n_terms = _idf_postings(marks)
        self._anchors = _Postings.of(holders, terms, idf, len(marks), n_terms)
        # Sharing anchors worth two rare ones (each in one sentence per document) counts fully.
        self._anchor_full = 2.0 * float(np.log((1.0 + len(texts)) / 3.0)) if texts else 1.0
        vocab = WordCodes()
        self.codes = [vocab.encode(t) for t in texts]
        self.weights = WEIGHTS_MODEL if self.vectors is not None else WEIGHTS_LEXICAL
        self.threshold = SAME_STATEMENT if self.vectors is not None else SAME_STATEMENT_LEXICAL

    def __len__(self) -> int:
        return len(self.items)

    def parts(self, rows: Sequence[int], cols: Sequence[int]) -> dict[str, np.ndarray]:
        """The four signals for every (row, col) pair of item indexes."""
        rows, cols = list(rows), list(cols)
        shape = (len(rows), len(cols))
        if not rows or not cols:
            z = np.zeros(shape, dtype=np.float32)
            return {"cosine": z, "words": z, "anchors": z, "order": z}
        r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        words = _products(self._words, self._words, r, c)
        shared = _products(self._anchors, self._anchors, r, c, ones=True)  # idf of the shared anchors, summed
        anchor = np.minimum(shared / max(self._anchor_full, 1e-6), 1.0).astype(np.float32)
        if self.vectors is not None:
            cosine = np.clip(self.vectors[rows] @ self.vectors[cols].T, 0.0, 1.0)
        else:
            cosine = np.zeros(shape, dtype=np.float32)
        order = process.cdist([self.codes[i] for i in rows], [self.codes[j] for j in cols],
                              scorer=fuzz.ratio, dtype=np.float32) / 100.0
        return {"cosine": cosine, "words": words, "anchors": anchor, "order": order}

    def scores(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Combined similarity (0..1) of every (row, col) pair of item indexes."""
        p = self.parts(rows, cols)
        wc, ww, wa = self.weights
        return np.maximum(p["order"], wc * p["cosine"] + ww * p["words"] + wa * p["anchors"])


def pair_by_meaning(index: StatementIndex, rows: Sequence[int], cols: Sequence[int],
                    threshold: float | None = None) -> list[tuple[int, int, float]]:
    """One-to-one pairs (row item, col item, score) at or above the threshold, best total first."""
    rows, cols = list(rows), list(cols)
    if not rows or not cols:
        return []
    scores = index.scores(rows, cols)
    limit = index.threshold if threshold is None else threshold
    accepted = np.where(scores >= limit, scores, 0.0)
    from rednote_desk.core.compare.assignment import linear_sum_assignment

    r, c = linear_sum_assignment(accepted, maximize=True)
    return [(rows[i], cols[j], float(scores[i, j])) for i, j in zip(r.tolist(), c.tolist(), strict=True) if accepted[i, j] > 0]


__all__ = ["SAME_STATEMENT", "SAME_STATEMENT_LEXICAL", "StatementIndex", "anchors", "content_words",
           "pair_by_meaning", "stem"]
