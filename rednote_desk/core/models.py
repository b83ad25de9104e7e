"""Plain domain data: frozen dataclasses, no Qt, no SQL.

Offsets are Unicode code points (Python ``str`` indexes), end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class Document:
    """An article. Domain objects are made from stored rows, so their ``id`` is always the row's id."""

    id: int
    title: str
    text: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    url: str | None = None
    source_name: str | None = None
    source_format: str | None = None  # txt / html / md / paste
    text_sha256: str = ""
    imported_at: str | None = None  # ISO 8601 UTC
    note: str = ""

    @property
    def display_outlet(self) -> str:
        """The outlet, else the web site, else a short title: never a file name (core.labels)."""
        from rednote_desk.core.labels import document_label

        return document_label(self)


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    parent_id: int | None = None
    color: str = "#999999"
    description: str = ""
    position: int = 0


@dataclass(frozen=True)
class Annotation:
    id: int
    document_id: int
    start_offset: int
    end_offset: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    coder: str = ""
    created_at: str | None = None
    updated_at: str | None = None
    status: str = "anchored"  # anchored / orphaned
    claim_id: int | None = None
    tag_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Claim:
    id: int
    label: str
    note: str = ""
    origin: str = "confirmed"  # confirmed / suggested


class AnnotationSpan(NamedTuple):
    """Where an annotation sits and how to paint it, without its texts: what a view of thousands needs."""

    id: int
    document_id: int
    start_offset: int
    end_offset: int
    claim_id: int | None
    status: str
    tag_ids: tuple[int, ...]
