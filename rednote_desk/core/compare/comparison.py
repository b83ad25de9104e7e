"""The whole comparison of a set of documents, computed from plain data (no project, no Qt).

:func:`compute_comparison` is pure, so the GUI can run it on a worker thread: the caller reads a
:class:`ComparisonInput` from the project first.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rednote_desk.core.claims import suggest_claims
from rednote_desk.core.claims.models import SuggestedClaim
from rednote_desk.core.compare.align import Alignment, align_documents
from rednote_desk.core.compare.embed import model_note, sentence_model
from rednote_desk.core.compare.frame_profile import FrameProfile, frame_profile, tag_paths
from rednote_desk.core.compare.framing import Framing, compute_framing
from rednote_desk.core.compare.matrix import (
    ClaimRow,
    confirmed_rows,
    document_labels,
    open_suggestions,
    suggested_rows,
)
from rednote_desk.core.compare.shared import shared_work
from rednote_desk.core.compare.spin import CopyFinding, find_copies
from rednote_desk.core.compare.voices import voice_groups
from rednote_desk.core.errors import Cancelled
from rednote_desk.core.models import Annotation, Claim, Document, Tag

FORMAT = "rednote-desk/comparison"
VERSION = 2  # 2: rows gained verdict, verdict_note, outliers; cells reference_date; coverage, terms, sources

Report = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ComparisonInput:
    """What a comparison needs from the project, read on the caller's thread."""

    documents: tuple[Document, ...]
    annotations: tuple[Annotation, ...]  # of these documents
    claims: tuple[Claim, ...]
    tags: tuple[Tag, ...]
    dismissed: frozenset[str] = frozenset()
    frame_roots: tuple[int, ...] | None = None  # None: the top-level tags


@dataclass(frozen=True)
class Comparison:
    documents: tuple[Document, ...]
    labels: dict[int, str]  # column header per document id
    rows: tuple[ClaimRow, ...]  # confirmed claims first, then open suggestions
    suggestions: tuple[SuggestedClaim, ...]  # open (not dismissed, not accepted)
    frame_profile: FrameProfile
    alignments: dict[tuple[int, int], Alignment] = field(repr=False)
    copies: tuple[CopyFinding, ...]
    voices: dict[int, int]  # document id -> its voice (smallest id of its copy group)
    framing: Framing | None = None  # coverage map, terms, sources

    def suggestion(self, key: str) -> SuggestedClaim | None:
        return next((s for s in self.suggestions if s.key == key), None)

    def to_json(self, *, alignments: bool = True) -> dict:
        """The JSON form documented in README.md, section "Comparison (compare)"."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "documents": [
                {"id": d.id, "title": d.title, "outlet": d.outlet, "label": self.labels[d.id],
                 "published": d.published, "characters": len(d.text), "voice": self.voices[d.id]}
                for d in self.documents
            ],
            "claims": [r.to_json() for r in self.rows],
            "frame_profile": self.frame_profile.to_json(),
            "alignments": [a.to_json() for a in self.alignments.values()] if alignments else [],
            "copies": [c.to_json() for c in self.copies],
            **(self.framing.to_json() if self.framing else {"coverage": None, "terms": [], "sources": []}),
        }


def compute_comparison(
    data: ComparisonInput,
    *,
    report: Report | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    alignments: bool = True,
) -> Comparison:
    """Matrix, suggestions, frame profile, sentence alignments and copies of ``data.documents``.

    ``alignments=False`` skips the pairwise sentence alignments (copies are still detected). Each document's
    statements and each sentence's embedding are made once and shared by the copy check, the coverage map,
    word choice and sources (:mod:`.shared`).
    """
    with shared_work(), _one_blas_thread():
        return _compute(data, report=report, is_cancelled=is_cancelled, alignments=alignments)


def _one_blas_thread():
    """BLAS (numpy's matrix products) on one thread while the comparison runs: its matrices are small (hundreds
    to a few thousand sentences), so waking a second thread costs more than it saves, and on a busy 2-core
    machine that thread waits for a core (copies of 10 documents: 0.23 s on one thread, 0.66-1.15 s on two)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _compute(data: ComparisonInput, *, report: Report | None, is_cancelled: Callable[[], bool] | None,
             alignments: bool) -> Comparison:
    docs = tuple(d for d in data.documents if d.id is not None)
    steps = 4
    note = report or (lambda *_: None)
    stop = is_cancelled or (lambda: False)
    note(0, steps, "Loading the sentence-meaning model")
    model = sentence_model() if len(docs) > 1 else None  # loaded once, on the caller's (worker) thread
    note(0, steps, "Looking for copies")
    copies = tuple(find_copies(docs, model=model)) if len(docs) > 1 else ()
    voices = voice_groups([d.id for d in docs], ((c.source, c.copy) for c in copies))
    if stop():
        raise Cancelled
    note(1, steps, "Suggesting claims")
    suggestions = open_suggestions(suggest_claims(docs) if len(docs) > 1 else [], dismissed=data.dismissed,
                                   annotations=data.annotations)
    paths = tag_paths(data.tags)
    rows = confirmed_rows(docs, data.annotations, data.claims, tag_paths=paths, voices=voices)
    rows += suggested_rows(docs, suggestions, data.annotations, tag_paths=paths, voices=voices)
    if stop():
        raise Cancelled
    note(2, steps, "Frame profile")
    profile = frame_profile([(d.id, len(d.text)) for d in docs], data.annotations, data.tags,
                            roots=data.frame_roots)
    note(3, steps, "Aligning sentences")
    aligned = align_documents(docs) if alignments and len(docs) > 1 else {}
    if stop():
        raise Cancelled
    note(3, steps, "Coverage map, word choice, sources")
    framing = compute_framing(docs, model=model, note=model_note() if len(docs) > 1 else "")
    note(steps, steps, "")
    return Comparison(docs, document_labels(docs), tuple(rows), tuple(suggestions), profile, aligned, copies,
                      voices, framing)

