"""Copy and spin detection between documents.

A synonym-spun copy keeps the structure of its source (sentences align one to one, in order, and
the function words between them survive) while most content words change, so word 5-shingles
barely overlap. A verbatim copy keeps both. Independent reports on the same event keep neither.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from rednote_desk.core.compare.align import (
    NEIGHBOUR,
    Alignment,
    PreparedText,
    WordCodes,
    align_prepared,
    doc_key,
    similarity,
)
from rednote_desk.core.compare.anchors import increasing_chain
from rednote_desk.core.compare.body import Statement, statements
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.meaning import StatementIndex, pair_by_meaning
from rednote_desk.core.compare.sentences import Sentence
from rednote_desk.core.compare.stopwords import STOPWORDS
from rednote_desk.core.compare.worddiff import word_diff
from rednote_desk.core.models import Document

CopyKind = Literal["verbatim", "near-verbatim", "spun", "rewritten", "independent"]

CONTENT_WORDS = 4  # sentences with fewer words (datelines, "New York") do not count
SHINGLE = 5
STOP_GRAM = 6
MAX_SUBSTITUTION_WORDS = 4
SHORT_BODY = 5  # a shorter text with fewer body sentences than this ...
SHORT_MIN_PAIRS = 3  # ... needs this many matched sentences to be called a copy
REWRITTEN_SHARE = 0.9  # share of the shorter body paraphrased sentence by sentence, in order


@dataclass(frozen=True)
class CopyFinding:
    """``copy`` reproduces ``source`` (document ids, or list positions); kind "independent" if not."""

    source: int
    copy: int
    kind: CopyKind
    score: float
    evidence: dict = field(repr=False)
    metrics: dict

    def to_json(self) -> dict:
        basis = self.metrics.get("direction", "")
        return {"source": self.source, "copy": self.copy, "kind": self.kind, "score": round(self.score, 4),
                "direction": {"basis": basis, "known": basis == "published", "note": direction_note(basis)},
                "evidence": self.evidence, "metrics": self.metrics}


@dataclass(frozen=True)
class _Features:
    doc: Document
    key: int
    prepared: PreparedText
    content: list[int]  # indices of content sentences
    shingles: frozenset[str]  # word 5-grams, as strings of word codes
    stop_grams: frozenset[str]  # 6-grams of the function words alone


def _grams(codes: str, n: int) -> frozenset[str]:
    return frozenset(codes[i:i + n] for i in range(len(codes) - n + 1))


def _features(doc: Document, key: int, vocab: WordCodes) -> _Features:
    # Only the body counts: headline, byline and site chrome get no codes (never aligned), the
    # dateline and footnote markers are left out of the compared words.
    items = statements(key, doc.text, title=doc.title)
    sents = tuple(Sentence(s.start, s.end, s.text) for s in items)
    prepared = PreparedText(doc.text, sents, tuple(vocab.encode(s.compared) if s.role == "body" else ""
                                                   for s in items))
    codes = "".join(prepared.codes)
    stop = vocab.codes_of(STOPWORDS)
    return _Features(
        doc, key, prepared,
        [i for i, c in enumerate(prepared.codes) if len(c) >= CONTENT_WORDS],
        _grams(codes, SHINGLE),
        _grams("".join(c for c in codes if c in stop), STOP_GRAM),
    )


def _overlap(a: frozenset, b: frozenset) -> tuple[float, float]:
    """(Jaccard, containment in the smaller set)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b) if len(a) <= len(b) else len(b & a)
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def _metrics(fa: _Features, fb: _Features, al: Alignment) -> dict:
    content_a, content_b = set(fa.content), set(fb.content)
    ordered = [p for p in al.in_order() if p.a_index in content_a and p.b_index in content_b]
    shorter = min(len(fa.content), len(fb.content))
    jac, cont = _overlap(fa.shingles, fb.shingles)
    _, stop = _overlap(fa.stop_grams, fb.stop_grams)
    return {
        "shorter_body": shorter,
        "aligned_share": len(ordered) / shorter if shorter else 0.0,
        "aligned_pairs": len(ordered),
        # Same words in the same order (punctuation, case and spacing aside).
        "identical_share": sum(p.score >= 0.999 for p in ordered) / len(ordered) if ordered else 0.0,
        "mean_pair_score": float(np.mean([p.score for p in ordered])) if ordered else 0.0,
        "shingle_jaccard": jac,
        "shingle_containment": cont,
        "stopword_gram_containment": stop,
    }


def _kind(m: dict) -> CopyKind:
    share, cont, stop = m["aligned_share"], m["shingle_containment"], m["stopword_gram_containment"]
    same = m["identical_share"]
    if m["shorter_body"] < SHORT_BODY and m["aligned_pairs"] < SHORT_MIN_PAIRS:
        return "independent"  # two briefs sharing a sentence or two are not copies
    if cont >= 0.95 and share >= 0.8 and same >= 0.99:
        return "verbatim"  # every aligned sentence word for word; added or dropped sentences allowed
    structure = share >= 0.8 or (share >= 0.5 and stop >= 0.4)
    if structure and same < 0.5:
        if stop < 0.4 and m["mean_pair_score"] < 0.65:
            # Sentence by sentence, but the function words and word order did not survive: a rewrite
            # of the same (wire) story, not synonyms swapped into a copy.
            return "rewritten"
        return "spun"  # the same sentences in the same order, most of them reworded
    if structure or cont >= 0.5:
        return "near-verbatim"
    return "independent"


_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def _clean(phrase: str) -> str:
    return " ".join(_EDGE_PUNCT.sub("", phrase).split())


_PAIR_BREAK = "\nzqxpairbreakzqx\n"  # a long word: no change is ever merged across it


def _substitutions(src: str, cpy: str, pairs: list[tuple[int, int, int, int]]) -> list[tuple[str, str, int]]:
    """Word substitutions from source to copy inside aligned sentence pairs, most frequent first."""
    pairs = [p for p in pairs if src[p[0]:p[1]] != cpy[p[2]:p[3]]]
    # One diff over all pairs, joined by a separator that always stays equal.
    sa = _PAIR_BREAK.join(src[a0:a1] for a0, a1, _, _ in pairs)
    sb = _PAIR_BREAK.join(cpy[b0:b1] for _, _, b0, b1 in pairs)
    counts: Counter[tuple[str, str]] = Counter()
    shown: dict[tuple[str, str], tuple[str, str]] = {}
    for c in word_diff(sa, sb, ignore_case=True):
        if c.tag != "replace":
            continue
        old, new = _clean(sa[c.a_start:c.a_end]), _clean(sb[c.b_start:c.b_end])
        if _PAIR_BREAK.strip() in old or _PAIR_BREAK.strip() in new:
            continue
        if not old or not new or max(len(old.split()), len(new.split())) > MAX_SUBSTITUTION_WORDS:
            continue
        key = (old.casefold(), new.casefold())
        counts[key] += 1
        shown.setdefault(key, (old, new))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(*shown[k], n) for k, n in ranked]


def _direction(fa: _Features, fb: _Features, kind: CopyKind, subs_ab: list[tuple[str, str, int]]) -> tuple[bool, str]:
    """(True if A is the source, basis of the decision)."""
    pa, pb = fa.doc.published, fb.doc.published
    if pa and pb and pa != pb:
        return pa < pb, "published"
    if kind == "spun" and subs_ab:
        # Spinners swap common words for longer, rarer phrases ("court" -> "court docket").
        old = sum(n * len(o) for o, _, n in subs_ab)
        new = sum(n * len(w) for _, w, n in subs_ab)
        if old != new:
            return old < new, "substitutions"
    return len(fa.prepared.text) >= len(fb.prepared.text), "fuller text"


def direction_note(basis: str) -> str:
    """How the copy's direction was decided, for people: dates, or a stated guess."""
    if basis == "published":
        return "the source was published first"
    reason = {"substitutions": "the copy swaps common words for rarer ones",
              "fuller text": "the source is the fuller text"}.get(basis, basis)
    return f"direction is a guess (no publication dates to compare; {reason})"


def _finding(fa: _Features, fb: _Features, scores: np.ndarray | None) -> CopyFinding:
    al = align_prepared(fa.prepared, fb.prepared, scores, doc_a=fa.key, doc_b=fb.key)
    m = _metrics(fa, fb, al)
    kind = _kind(m)
    score = max(m["aligned_share"], m["shingle_containment"])
    if kind == "independent":
        return CopyFinding(fa.key, fb.key, kind, score, {"pairs": [], "substitutions": []}, m)
    spans = [(p.a_start, p.a_end, p.b_start, p.b_end) for p in al.pairs]
    subs = _substitutions(fa.doc.text, fb.doc.text, spans)
    a_is_source, basis = _direction(fa, fb, kind, subs)
    pairs = [{"source_start": p.a_start, "source_end": p.a_end, "copy_start": p.b_start,
              "copy_end": p.b_end, "score": round(p.score, 4), "kind": p.kind} for p in al.pairs]
    if not a_is_source:
        fa, fb = fb, fa
        pairs = [{"source_start": p["copy_start"], "source_end": p["copy_end"], "copy_start": p["source_start"],
                  "copy_end": p["source_end"], "score": p["score"], "kind": p["kind"]} for p in pairs]
        pairs.sort(key=lambda p: p["source_start"])
        subs = _substitutions(fa.doc.text, fb.doc.text, sorted((c0, c1, s0, s1) for s0, s1, c0, c1 in spans))
    m["direction"] = basis
    return CopyFinding(fa.key, fb.key, kind, score, {"pairs": pairs, "substitutions": [list(s) for s in subs]}, m)


def classify_pair(doc_a: Document, doc_b: Document) -> CopyFinding:
    """Whether one document copies the other, and how."""
    vocab = WordCodes()
    return _finding(_features(doc_a, doc_key(doc_a, 0), vocab), _features(doc_b, doc_key(doc_b, 1), vocab), None)


def _could_be_copy(fa: _Features, fb: _Features, block: np.ndarray) -> bool:
    """Cheap bound: enough content sentences of the shorter text have some candidate, or shingles overlap."""
    shorter = min(len(fa.content), len(fb.content))
    if not shorter:
        return False
    sub = block[np.ix_(fa.content, fb.content)] >= NEIGHBOUR
    candidates = min(int(sub.any(axis=1).sum()), int(sub.any(axis=0).sum()))
    return candidates >= 0.5 * shorter or _overlap(fa.shingles, fb.shingles)[1] >= 0.5


class _Meaning:
    """Body sentences of all documents scored by meaning, for "rewritten from a common source"."""

    def __init__(self, feats: Sequence[_Features], model: SentenceModel | None) -> None:
        items: list[Statement] = []
        self.of: list[list[int]] = []
        for f in feats:
            own = statements(f.key, f.doc.text, title=f.doc.title)
            start = len(items)
            items += [own[i] for i in f.content]
            self.of.append(list(range(start, len(items))))
        self.index = StatementIndex(items, model)
        self.best = None
        if self.index.vectors is not None and items:
            self.best = np.clip(self.index.vectors @ self.index.vectors.T, 0.0, 1.0)

    def chain(self, a: int, b: int) -> list[tuple[int, int, float]]:
        """Sentence pairs (item a, item b, score) paired by meaning that keep their order in both texts."""
        rows, cols = self.of[a], self.of[b]
        shorter = min(len(rows), len(cols))
        if shorter < SHORT_BODY:
            return []
        if self.best is not None:  # cheap bound: most sentences need a candidate close in meaning
            close = (self.best[np.ix_(rows, cols)] >= 0.3)
            if min(int(close.any(axis=1).sum()), int(close.any(axis=0).sum())) < REWRITTEN_SHARE * shorter:
                return []
        pairs = sorted(pair_by_meaning(self.index, rows, cols))
        kept = increasing_chain([(i, j) for i, j, _ in pairs])
        score = {(i, j): sc for i, j, sc in pairs}
        return [(i, j, score[(i, j)]) for i, j in kept]


def _rewritten(fa: _Features, fb: _Features, meaning: _Meaning, a: int, b: int) -> CopyFinding | None:
    """A sentence-by-sentence paraphrase (a wire story rewritten), or None."""
    chain = meaning.chain(a, b)
    shorter = min(len(fa.content), len(fb.content))
    if not shorter or len(chain) < REWRITTEN_SHARE * shorter:
        return None
    items = meaning.index.items
    share = len(chain) / shorter
    m: dict[str, float | str] = {"shorter_body": shorter, "aligned_pairs": len(chain), "aligned_share": share,
                                 "mean_pair_score": float(np.mean([sc for _, _, sc in chain]))}
    a_is_source, basis = _direction(fa, fb, "rewritten", [])
    if not a_is_source:
        fa, fb = fb, fa
        chain = sorted(((j, i, sc) for i, j, sc in chain), key=lambda c: items[c[0]].start)
    pairs = [{"source_start": items[i].start, "source_end": items[i].end, "copy_start": items[j].start,
              "copy_end": items[j].end, "score": round(sc, 4), "kind": "paraphrase"} for i, j, sc in chain]
    m["direction"] = basis
    return CopyFinding(fa.key, fb.key, "rewritten", share, {"pairs": pairs, "substitutions": []}, m)


def find_copies(docs: Sequence[Document], *, model: SentenceModel | None = None) -> list[CopyFinding]:
    """All pairs in which one document copies another (verbatim, near-verbatim, spun or rewritten).

    ``model`` (optional) lets paraphrased sentences pair by meaning, to find texts rewritten sentence by
    sentence from a common source; without it only shared words and anchors pair them.
    """
    vocab = WordCodes()
    feats = [_features(d, doc_key(d, n), vocab) for n, d in enumerate(docs)]
    bounds = np.cumsum([0] + [len(f.prepared.codes) for f in feats]).tolist()
    all_codes = [c for f in feats for c in f.prepared.codes]
    meaning = _Meaning(feats, model) if len(feats) > 1 else None
    out: list[CopyFinding] = []
    for i in range(len(feats) - 1):
        # One similarity block per document against all later ones.
        rows = similarity(feats[i].prepared.codes, all_codes[bounds[i + 1]:])
        for j in range(i + 1, len(feats)):
            block = rows[:, bounds[j] - bounds[i + 1]:bounds[j + 1] - bounds[i + 1]]
            finding = _finding(feats[i], feats[j], block) if _could_be_copy(feats[i], feats[j], block) else None
            if finding is None or finding.kind == "independent":
                finding = _rewritten(feats[i], feats[j], meaning, i, j) if meaning else None
            if finding is not None and finding.kind != "independent":
                out.append(finding)
    return out


__all__ = ["CopyFinding", "CopyKind", "classify_pair", "direction_note", "find_copies"]
