"""Reading-view marks from sentence alignments: sentences only one outlet has, and their counterparts.

Input is what :func:`rednote_desk.core.compare.align.align_documents` returns: ``{(id_a, id_b): Alignment}``.
Offsets are code points into each document's text.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from rednote_desk.core.compare.align import Alignment
from rednote_desk.core.compare.sentences import Sentence

ONLY_HERE = "Only this outlet says this"


class SentenceMark(NamedTuple):
    """A sentence to mark in the reading view (unpacks as ``start, end, tooltip``)."""

    start: int
    end: int
    tooltip: str


class Counterpart(NamedTuple):
    """The sentence of another document aligned with a given one."""

    document_id: int
    start: int
    end: int
    score: float
    kind: str


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _sides(alignments: Mapping[tuple[int, int], Alignment], doc_id: int,
           others: set[int] | None) -> Iterable[tuple[int, tuple[Sentence, ...], dict[int, tuple]]]:
    """Per alignment involving ``doc_id``: (other id, doc's sentences, {sentence index: counterpart})."""
    for (a, b), al in alignments.items():
        if a == b or doc_id not in (a, b):
            continue
        other = b if a == doc_id else a
        if others is not None and other not in others:
            continue
        if a == doc_id:
            found = {p.a_index: (other, p.b_start, p.b_end, p.score, p.kind) for p in al.pairs}
            yield other, al.sentences_a, found
        else:
            found = {p.b_index: (other, p.a_start, p.a_end, p.score, p.kind) for p in al.pairs}
            yield other, al.sentences_b, found


def _label(labels: Mapping[int, str] | None, doc_id: int) -> str:
    return (labels or {}).get(doc_id) or f"document {doc_id}"


def unique_sentence_spans(alignments: Mapping[tuple[int, int], Alignment], document_ids: Iterable[int], *,
                          labels: Mapping[int, str] | None = None,
                          include_shared: bool = False) -> dict[int, list[SentenceMark]]:
    """Per open document, the sentences no other open document has a counterpart for.

    Each mark's tooltip is "Only this outlet says this". With ``include_shared``, every aligned
    sentence is marked too, its tooltip naming where else it appears ("Also in: X (paraphrase 0.62)").
    Sentences without letters or digits are never marked; a document with no alignment to another
    open document gets no marks (there is nothing to compare it with).
    """
    open_ids = list(dict.fromkeys(document_ids))
    wanted = set(open_ids)
    out: dict[int, list[SentenceMark]] = {}
    for doc_id in open_ids:
        sentences: tuple[Sentence, ...] = ()
        found: dict[int, list[tuple]] = {}
        compared = False
        for _other, sents, matched in _sides(alignments, doc_id, wanted - {doc_id}):
            compared = True
            sentences = sentences or sents
            for index, counterpart in matched.items():
                found.setdefault(index, []).append(counterpart)
        if not compared:
            continue
        marks: list[SentenceMark] = []
        for index, sentence in enumerate(sentences):
            if not _has_words(sentence.text):
                continue
            hits = found.get(index)
            if not hits:
                marks.append(SentenceMark(sentence.start, sentence.end, ONLY_HERE))
            elif include_shared:
                hits = sorted(hits, key=lambda h: (-h[3], h[0]))
                where = ", ".join(f"{_label(labels, h[0])} ({h[4]} {h[3]:.2f})" for h in hits)
                marks.append(SentenceMark(sentence.start, sentence.end, f"Also in: {where}"))
        out[doc_id] = marks
    return out


def counterparts(alignments: Mapping[tuple[int, int], Alignment], doc_id: int, start: int, *,
                 document_ids: Iterable[int] | None = None) -> list[Counterpart]:
    """The sentences other documents align with the sentence of ``doc_id`` containing offset ``start``.

    Best score first; empty if ``start`` lies in no sentence or the sentence has no counterpart.
    ``document_ids`` limits the other documents considered.
    """
    others = None if document_ids is None else set(document_ids) - {doc_id}
    out: list[Counterpart] = []
    for _other, sents, matched in _sides(alignments, doc_id, others):
        index = _sentence_at(sents, start)
        if index is not None and index in matched:
            out.append(Counterpart(*matched[index]))
    out.sort(key=lambda c: (-c.score, c.document_id))
    return out


def _sentence_at(sentences: tuple[Sentence, ...], offset: int) -> int | None:
    """Index of the sentence containing ``offset`` (its end counts too, for a caret after the full stop)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end < offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= offset <= sentences[lo].end:
        return lo
    return None


__all__ = ["ONLY_HERE", "Counterpart", "SentenceMark", "counterparts", "unique_sentence_spans"]
