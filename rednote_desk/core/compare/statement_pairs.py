"""Sentence pairs of two independently written texts, by meaning (the text diff's Meld-style rows).

When two texts share few sentences word for word (independent coverage, or a wire story rewritten by
two sites), the lexical alignment of :mod:`.passages` pairs almost nothing. Then each sentence of A is
paired with the sentence of B that states the same thing, scored by :class:`.meaning.StatementIndex`
(sentence embeddings + content words + anchors + word order, the coverage map's similarity) and
matched one-to-one (:func:`.meaning.pair_by_meaning`, Hungarian algorithm).

A side-by-side diff reads top to bottom in both texts, so only pairs in the same order in A and in B
(the longest such chain) face each other; a pair that crosses it is *moved*: both sentences stay on
their own rows, each pointing at its partner. A sentence with no partner faces a gap.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rednote_desk.core.compare.anchors import increasing_chain
from rednote_desk.core.compare.body import Statement, clean_for_comparison, statements
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.sentences import Sentence

# The lexical alignment pairing at least this share of the shorter text's sentences means the texts
# share wording (a copy, an excerpt, an edit): diff them word by word as before.
COPY_SHARE = 0.5
MAX_CELLS = 1_000_000  # sentence pairs scored at most (1,000 x 1,000); beyond, the lexical rows stay


@dataclass(frozen=True)
class MeaningPairs:
    """Pairs (A index, B index, score): ``aligned`` face each other in reading order, ``moved`` cross them."""

    aligned: tuple[tuple[int, int, float], ...]
    moved: tuple[tuple[int, int, float], ...]
    method: str  # the similarity used: the model's name, or "shared words and anchors"


def looks_copied(lexical_pairs: int, sa: Sequence[Sentence], sb: Sequence[Sentence]) -> bool:
    """True when the word-based alignment already pairs most of the shorter text (diff word by word)."""
    shorter = min(sum(bool(s.text) for s in sa), sum(bool(s.text) for s in sb))
    return shorter == 0 or lexical_pairs >= COPY_SHARE * shorter


def _statement(doc: int, k: int, s: Sentence) -> Statement:
    return Statement(doc, k, s.start, s.end, s.text, clean_for_comparison(s.text), "body", 0, 0, k)


def _roles(text: str, sents: Sequence[Sentence]) -> list[str]:
    """Per sentence: "headline", "body", or "" (empty, byline, site chrome, footnote: never paired)."""
    found = [(s.start, s.end, s.role) for s in statements(0, text) if s.role != "body"]
    out = []
    for s in sents:
        mid = (s.start + s.end) // 2
        role = next((r for lo, hi, r in found if lo <= mid < hi), "body")
        out.append("" if not s.text.strip() or role in ("byline", "boilerplate") else role)
    return out


def meaning_pairs(a: str, b: str, sa: Sequence[Sentence], sb: Sequence[Sentence],
                  model: SentenceModel | None) -> MeaningPairs | None:
    """Sentences ``sa`` of ``a`` and ``sb`` of ``b`` paired by meaning (bylines and boilerplate stay
    unpaired); None when the texts are too long to score every pair."""
    if len(sa) * len(sb) > MAX_CELLS:
        return None
    # Imported on first use: numpy and the sentence model would cost the diff view's first opening on the GUI thread.
    from rednote_desk.core.compare.meaning import StatementIndex, pair_by_meaning

    items = [_statement(0, k, s) for k, s in enumerate(sa)] + [_statement(1, k, s) for k, s in enumerate(sb)]
    index = StatementIndex(items, model)
    roles_a, roles_b = _roles(a, sa), _roles(b, sb)
    found = []
    for role in ("headline", "body"):  # a headline pairs only with the other headline
        rows = [k for k, r in enumerate(roles_a) if r == role]
        cols = [len(sa) + k for k, r in enumerate(roles_b) if r == role]
        found += [(i, j - len(sa), score) for i, j, score in pair_by_meaning(index, rows, cols)]
    found.sort()
    chain = set(increasing_chain([(i, j) for i, j, _ in found]))
    aligned = tuple(p for p in found if (p[0], p[1]) in chain)
    moved = tuple(p for p in found if (p[0], p[1]) not in chain)
    method = model.name if index.vectors is not None and model is not None else "shared words and anchors"
    return MeaningPairs(aligned, moved, method)


__all__ = ["COPY_SHARE", "MAX_CELLS", "MeaningPairs", "looks_copied", "meaning_pairs"]
