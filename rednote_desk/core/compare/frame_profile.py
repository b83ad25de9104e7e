"""Frame profile: how many annotations and what share of each document fall under each frame.

A frame is a codebook tag with its whole subtree: an annotation tagged with any tag of the subtree
counts for the frame. Characters are counted as the union of the annotated intervals, so
overlapping annotations never count a character twice. Orphaned annotations (whose place in the
text is unknown) are left out.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rednote_desk.core.models import Annotation, Tag
from rednote_desk.core.tags import tag_paths  # noqa: F401 - also imported from here by callers


@dataclass(frozen=True)
class Frame:
    """A frame of the profile: a tag and the ids of its subtree (itself included)."""

    tag_id: int
    name: str
    path: str
    color: str
    subtree: frozenset[int]


@dataclass(frozen=True)
class FrameShare:
    annotations: int
    characters: int
    share: float  # characters / document length, 0..1


@dataclass(frozen=True)
class DocumentProfile:
    document_id: int
    length: int
    shares: tuple[FrameShare, ...]  # one per frame, in frame order


@dataclass(frozen=True)
class FrameProfile:
    frames: tuple[Frame, ...]
    documents: tuple[DocumentProfile, ...]

    def share(self, document_id: int, tag_id: int) -> FrameShare:
        """The share of one frame in one document."""
        column = next(i for i, f in enumerate(self.frames) if f.tag_id == tag_id)
        row = next(d for d in self.documents if d.document_id == document_id)
        return row.shares[column]

    def to_json(self) -> dict:
        return {
            "frames": [{"tag_id": f.tag_id, "name": f.name, "path": f.path, "color": f.color}
                       for f in self.frames],
            "documents": [
                {"document_id": d.document_id, "characters": d.length,
                 "frames": [{"tag_id": f.tag_id, "path": f.path, "annotations": s.annotations,
                             "characters": s.characters, "share": round(s.share, 6)}
                            for f, s in zip(self.frames, d.shares, strict=True)]}
                for d in self.documents
            ],
        }


def frames_for(tags: Sequence[Tag], roots: Iterable[int] | None = None) -> tuple[Frame, ...]:
    """Frames for ``roots`` (tag ids), by default the top-level tags, in codebook order."""
    children: dict[int | None, list[Tag]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t)
    by_id = {t.id: t for t in tags}
    if roots is None:
        chosen = [t for t in tags if t.parent_id is None or t.parent_id not in by_id]
    else:
        chosen = [by_id[r] for r in roots if r in by_id]
    paths = tag_paths(tags)
    out = []
    for root in chosen:
        subtree, stack = {root.id}, [root.id]
        while stack:
            for child in children.get(stack.pop(), []):
                if child.id not in subtree:
                    subtree.add(child.id)
                    stack.append(child.id)
        out.append(Frame(root.id, root.name, paths[root.id], root.color, frozenset(subtree)))
    return tuple(out)


def union_length(intervals: Iterable[tuple[int, int]]) -> int:
    """Number of positions covered by half-open intervals (start, end)."""
    total, reach = 0, None
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if reach is None or start >= reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def frame_profile(
    documents: Sequence[tuple[int, int]],
    annotations: Iterable[Annotation],
    tags: Sequence[Tag],
    *,
    roots: Iterable[int] | None = None,
) -> FrameProfile:
    """Profile of ``documents`` given as (id, length in code points) under the frames of ``roots``."""
    frames = frames_for(tags, roots)
    lengths = dict(documents)
    tag_to_frames: dict[int, list[int]] = {}
    for n, frame in enumerate(frames):
        for tag_id in frame.subtree:
            tag_to_frames.setdefault(tag_id, []).append(n)
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for a in annotations:
        if a.document_id not in lengths or a.status == "orphaned":
            continue
        hit = {n for t in a.tag_ids for n in tag_to_frames.get(t, ())}
        for n in hit:
            spans.setdefault((a.document_id, n), []).append((a.start_offset, a.end_offset))
    rows = []
    for doc_id, length in documents:
        shares = []
        for n in range(len(frames)):
            found = spans.get((doc_id, n), [])
            chars = union_length((max(0, s), min(length, e)) for s, e in found)
            shares.append(FrameShare(len(found), chars, chars / length if length else 0.0))
        rows.append(DocumentProfile(doc_id, length, tuple(shares)))
    return FrameProfile(frames, tuple(rows))
