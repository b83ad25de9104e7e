"""Source selection: who is quoted or cited in each outlet, as speakers × outlets.

Found per body sentence: direct quotations with their speaker (:func:`core.claims.quotes.quotations_in`),
reported speech ("Ferreira said …", "… told reporters", "said Mayor Voss"), "according to …", and
media cited ("told Northfield Radio"). A role written in front of a name ("Mayor", "fire chief",
"Union leader") is kept as the speaker's role. The same person under two names — full name and
surname ("Helena Voss" / "Voss") — is one row when exactly one full name in the compared documents
has that surname; two people sharing a surname stay apart.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rednote_desk.core.claims.quotes import quotations_in
from rednote_desk.core.compare.body import statements
from rednote_desk.core.models import Document

_VERB = (r"(?:said|says|told|tells|added|adds|wrote|writes|stated|states|warned|explained|argued|called|"
         r"repeated|insisted|confirmed|announced|declined|estimates|estimated|complain|complained)")
_CAP = r"[A-Z][\w'’\-]*"
_NAME = rf"{_CAP}(?:\s+(?:de|van|von|da|di|del|la|le)?\s*{_CAP}){{0,3}}"
_ROLE_WORDS = frozenset(
    """mayor minister president premier governor senator chief chair chairman chairwoman director engineer
    spokesperson spokesman spokeswoman leader head officer official councillor councilor judge professor dr
    mr mrs ms baker analyst secretary inspector fire union education inspection police economist""".split())
_NOT_NAMES = frozenset(
    """the a an he she they it we i this that these those city officials residents people parents some many
    critics local union teachers workers police government ministry company its their our his her""".split())
_SAID_AFTER = re.compile(rf"(?P<name>{_NAME})(?:,\s[^,“”\"]{{1,80}},)?\s+(?:has\s+|had\s+|also\s+)?{_VERB}\b")
_ROLE = "(?:" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + ")"
_SAID_BEFORE = re.compile(rf"\b(?:said|told|added|wrote|says)\s+(?P<role>(?:{_ROLE}\s+){{0,2}})(?P<name>{_NAME})",
                          re.I)
_ACCORDING = re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>(?:{_CAP}\s+)*[\w\-]+(?:\s+[a-z]+){{0,3}}?"
                        rf"(?:office|ministry|department|agency|police|union|council|government|{_CAP}))", re.I)
_TOLD_MEDIA = re.compile(rf"\btold\s+(?:the\s+)?(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})")


@dataclass(frozen=True)
class Attribution:
    document_id: int
    start: int  # the sentence holding it
    end: int
    quote: str
    name: str  # as written, role removed
    role: str
    kind: str  # "quote", "said", "according to", "media"

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "start_offset": self.start, "end_offset": self.end,
                "quote": self.quote, "name": self.name, "role": self.role, "kind": self.kind}


@dataclass(frozen=True)
class SourceRow:
    name: str  # the fullest form
    role: str
    kind: str  # "person" or "media"
    names: tuple[str, ...]  # every form written
    cells: dict[int, tuple[Attribution, ...]] = field(default_factory=dict)  # document id -> attributions
    omitted_by: tuple[int, ...] = ()

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "kind": self.kind, "names": list(self.names),
                "cited_by": sorted(self.cells), "omitted_by": list(self.omitted_by),
                "cells": [{"document_id": d, "count": len(a), "names": sorted({x.name for x in a}),
                           "mentions": [x.to_json() for x in a]} for d, a in sorted(self.cells.items())]}


def _split_role(raw: str, before: str) -> tuple[str, str] | None:
    """(name, role) from a captured name and the words in front of it, or None if it is no person's name."""
    words = raw.split()
    role: list[str] = []
    while words and words[0].casefold().strip(".") in _ROLE_WORDS:
        role.append(words.pop(0))
    words = [w for w in words if w.casefold() not in _NOT_NAMES]
    if not words or any(not w[0].isupper() for w in words):
        return None
    prev = before.split()[-2:]
    while prev and prev[-1].casefold().strip(",") in _ROLE_WORDS and not role:
        role.insert(0, prev.pop())
    return " ".join(words), " ".join(role).strip(",")


def attributions(doc: Document) -> list[Attribution]:
    """Who is quoted or cited in one document's body."""
    assert doc.id is not None
    body = [s for s in statements(doc.id, doc.text, title=doc.title) if s.role == "body"]
    out: list[Attribution] = []
    seen: set[tuple[int, str]] = set()

    def add(sentence, raw: str, kind: str, at: int) -> None:
        found = _split_role(raw, doc.text[max(sentence.start, at - 40):at])
        if found is None:
            return
        name, role = found
        key = (sentence.start, name.split()[-1].casefold())
        if key in seen:
            return
        seen.add(key)
        out.append(Attribution(doc.id, sentence.start, sentence.end, sentence.text, name, role, kind))  # type: ignore[arg-type]

    quotes = quotations_in(doc.text, document_id=doc.id, order=0)
    for s in body:
        for q in quotes:
            if q.start < s.end and s.start < q.end:
                at = doc.text.find(q.speaker, s.start, s.end)
                add(s, q.speaker, "quote" if q.direct else "according to", at if at >= 0 else s.start)
        for m in _TOLD_MEDIA.finditer(s.text):
            if m.group("name").casefold() not in _NOT_NAMES and not m.group("name").split()[0].casefold() in _NOT_NAMES:
                key = (s.start, "media:" + m.group("name").casefold())
                if key not in seen:
                    seen.add(key)
                    out.append(Attribution(doc.id, s.start, s.end, s.text, m.group("name"), "", "media"))
        for pattern, kind in ((_SAID_AFTER, "said"), (_SAID_BEFORE, "said"), (_ACCORDING, "according to")):
            for m in pattern.finditer(s.text):
                if m.group("name")[0].isupper():
                    add(s, m.group("name"), kind, s.start + m.start("name"))
    return out


def source_rows(docs: Sequence[Document]) -> list[SourceRow]:
    """Speakers and cited media × documents, most widely cited first."""
    docs = [d for d in docs if d.id is not None]
    found = [a for d in docs for a in attributions(d)]
    people = [a for a in found if a.kind != "media"]
    media_names = {a.name.casefold() for a in found if a.kind == "media"}
    people = [a for a in people if a.name.casefold() not in media_names]
    # One person per surname when exactly one full name has it.
    full: dict[str, set[str]] = {}
    for a in people:
        if len(a.name.split()) > 1:
            full.setdefault(a.name.split()[-1].casefold(), set()).add(a.name)
    groups: dict[str, list[Attribution]] = {}
    for a in people:
        surname = a.name.split()[-1].casefold()
        names = full.get(surname, set())
        key = next(iter(names)) if len(a.name.split()) == 1 and len(names) == 1 else a.name
        groups.setdefault(key.casefold(), []).append(a)
    for a in found:
        if a.kind == "media":
            groups.setdefault("media:" + a.name.casefold(), []).append(a)
    rows = []
    ids = [d.id for d in docs]
    for key, members in groups.items():
        cells: dict[int, tuple[Attribution, ...]] = {}
        for a in members:
            cells[a.document_id] = cells.get(a.document_id, ()) + (a,)
        names = tuple(dict.fromkeys(a.name for a in members))
        role = next((a.role for a in members if a.role), "")
        rows.append(SourceRow(max(names, key=len), role, "media" if key.startswith("media:") else "person", names,
                              cells, tuple(d for d in ids if d not in cells)))  # type: ignore[misc]
    rows.sort(key=lambda r: (-len(r.cells), r.kind != "person", r.name))
    return rows


__all__ = ["Attribution", "SourceRow", "attributions", "source_rows"]
