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
from scipy import sparse

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


def _idf_matrix(sets: Sequence[set[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """(items × terms matrix of idf weights, idf per term): a term most sentences share weighs little."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for w in s:
            rows.append(i)
            cols.append(index.setdefault(w, len(index)))
    n = len(sets)
    df = np.bincount(np.array(cols, dtype=np.int64), minlength=max(len(index), 1)).astype(np.float32)
    idf = np.log((1.0 + n) / (1.0 + df)).astype(np.float32)
    data = idf[np.array(cols, dtype=np.int64)] if cols else np.zeros(0, dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(n, max(len(index), 1))), idf


def _normalised(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


class StatementIndex:
    """The statements of several documents, ready to be scored against one another."""

    def __init__(self, items: Sequence[Statement], model: SentenceModel | None = None) -> None:
        self.items = list(items)
        self.model = model
        texts = [s.compared for s in self.items]
        self.vectors = model.embed(texts) if model is not None and texts else None
        words = [_content_words(t) for t in texts]  # once per sentence in a comparison (copies and coverage)
        marks = [_anchors(t) for t in texts]
        self._words = _normalised(_idf_matrix(words)[0])
        self._anchors, idf = _idf_matrix(marks)
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
        words = (self._words[rows] @ self._words[cols].T).toarray().astype(np.float32)
        a_rows = self._anchors[rows].copy()
        a_rows.data = np.ones_like(a_rows.data)
        shared = (a_rows @ self._anchors[cols].T).toarray()  # idf of the shared anchors, summed
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
