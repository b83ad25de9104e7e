"""Source selection: who is quoted or cited in each outlet, as speakers × outlets.

Found per body sentence: direct quotations with their speaker (:func:`core.claims.quotes.quotations_in`),
reported speech ("Ferreira said …", "… told reporters", "said Mayor Voss"), "according to …", and
media cited ("told Northfield Radio"). A role written in front of a name ("Mayor", "fire chief",
"Union leader") is kept as the speaker's role. The same person under two names — full name and
surname ("Helena Voss" / "Voss") — is one row when exactly one full name in the compared documents
has that surname; two people sharing a surname stay apart. A surname alone with no full name among
the attributions takes the one full name ending in it that its document writes ("wrote Yi" / "Ren
Yi, a blogger").

Institutions are sources too: a named organisation ("Brennick Industries said in a statement"), or an
office, ministry, union, council… named by what it is ("according to the city transport office",
"the ministry puts the number at 9,500", "city transport officials say"); "the municipal transport
office" and "city transport officials" are one row (same last words, official = office). Media
cited are "told Northfield Radio", "as CN Digital reported", "according to Reuters". Each row says
what it is (person, institution, media); an attribution in a sentence holding a quotation of three
words or more is a direct quote, whichever pattern found it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rednote_desk.core.claims.quotes import quotations_in
from rednote_desk.core.compare.body import statements
from rednote_desk.core.compare.meaning import stem
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
_MEDIA_WORDS = frozenset(
    """news times post radio tv television reuters ap afp bloomberg xinhua digital journal gazette herald
    tribune daily press wire agency bbc cnn cnbc guardian telegraph observer chronicle courier magazine
    network broadcaster newspaper channel""".split())
_INSTITUTION_NOUNS = (
    "office|offices|ministry|department|agency|police|union|council|government|company|firm|chamber of commerce|"
    "commission|authority|authorities|court|industries|university|institute|hospital|bank|committee|"
    "officials|administration|regulator|board|association|federation|inc|ltd|corp")
_INSTITUTION_WORDS = frozenset(w for w in _INSTITUTION_NOUNS.split("|") if " " not in w)
_INST_VERB = (r"(?:said|says|say|estimates|estimated|puts|put|announced|confirmed|declined|stated|states|"
              r"told|reported|reports|warned|insisted|added|argued)")
# "the city transport office says", "City officials now say", "Brennick Industries, said in a statement"
_INSTITUTION_SAYS = re.compile(
    rf"(?<![\w’'])(?:the\s+|its\s+)?(?P<name>(?:[A-Za-z][\w'’\-]*\s+){{0,3}}?(?:{_INSTITUTION_NOUNS}))"
    rf",?\s+(?:now\s+|also\s+|has\s+|have\s+|had\s+)?{_INST_VERB}\b", re.I)
_ACCORDING_ANY = re.compile(
    rf"\baccording to\s+(?:the\s+|a\s+)?(?P<name>(?:[A-Za-z][\w'’\-]*\s+){{0,3}}?(?:{_INSTITUTION_NOUNS}))\b",
    re.I)
_MEDIA_REPORTED = re.compile(
    rf"(?:\b[Aa]s\s+|\breported by\s+|\baccording to\s+)(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})"
    rf"(?:\s+(?:reported|reports|said|wrote))?")
_QUOTED_WORDS = re.compile(r"[“\"«]\s?(?:[^”\"»\s]+\s+){2,}[^”\"»]*[”\"»]")
_FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'’\-]*(?:\s+[A-Z][a-z][\w'’\-]*){1,2}\b")
_GENERIC_LEAD = frozenset("the a an its their his her this that these those some many most".split())


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
    kind: str  # "person", "institution" or "media"
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
        out.append(Attribution(doc.id, sentence.start, sentence.end, sentence.text, name, role, kind))

    quotes = quotations_in(doc.text, document_id=doc.id, order=0)
    for s in body:
        for q in quotes:
            if q.start < s.end and s.start < q.end:
                at = doc.text.find(q.speaker, s.start, s.end)
                add(s, q.speaker, "quote" if q.direct else "according to", at if at >= 0 else s.start)
        for m in _TOLD_MEDIA.finditer(s.text):
            if m.group("name").casefold() not in _NOT_NAMES and m.group("name").split()[0].casefold() not in _NOT_NAMES:
                key = (s.start, "media:" + m.group("name").casefold())
                if key not in seen:
                    seen.add(key)
                    out.append(Attribution(doc.id, s.start, s.end, s.text, m.group("name"), "", "media"))
        for pattern, kind in ((_SAID_AFTER, "said"), (_SAID_BEFORE, "said"), (_ACCORDING, "according to")):
            for m in pattern.finditer(s.text):
                if m.group("name")[0].isupper():
                    add(s, m.group("name"), kind, s.start + m.start("name"))
        for pattern, kind in ((_INSTITUTION_SAYS, "said"), (_ACCORDING_ANY, "according to")):
            for m in pattern.finditer(s.text):
                name = _institution_name(m.group("name"))
                key = (s.start, "institution:" + _institution_key(name))
                if name and key not in seen:
                    seen.add(key)
                    stated = kind == "said" and "in a statement" in s.text[m.end():m.end() + 30]
                    out.append(Attribution(doc.id, s.start, s.end, s.text, name, "",
                                           "statement" if stated else kind))
        for m in _MEDIA_REPORTED.finditer(s.text):
            name = m.group("name")
            key = (s.start, "media:" + name.casefold())
            if _is_media(name) and key not in seen:
                seen.add(key)
                out.append(Attribution(doc.id, s.start, s.end, s.text, name, "", "media"))
    # Whatever found it, an attribution in a sentence that quotes three words or more is a direct quote.
    return [replace(a, kind="quote") if a.kind == "said" and _QUOTED_WORDS.search(a.quote) else a for a in out]


def _institution_name(raw: str) -> str:
    """"the city transport office" -> "city transport office" (leading articles and pronouns dropped)."""
    words = raw.split()
    while words and words[0].casefold() in _GENERIC_LEAD:
        words.pop(0)
    return " ".join(words)


def _institution_key(name: str) -> str:
    """Last two words, stemmed, "officials" = "office": "municipal transport office" ~ "city transport officials"."""
    words = [w.casefold() for w in name.split()][-2:]
    words = ["office" if w in ("officials", "official", "offices") else
             "authority" if w == "authorities" else stem(w) for w in words]
    return " ".join(words)


def _is_media(name: str) -> bool:
    return any(w.casefold().strip(".") in _MEDIA_WORDS for w in name.split())


def _is_institution(name: str) -> bool:
    return not name[:1].isupper() or name.split()[-1].casefold() in _INSTITUTION_WORDS


def _row_kind(a: Attribution) -> str:
    if a.kind == "media" or _is_media(a.name):
        return "media"
    return "institution" if _is_institution(a.name) else "person"


def source_rows(docs: Sequence[Document]) -> list[SourceRow]:
    """Speakers and cited media × documents, most widely cited first."""
    docs = [d for d in docs if d.id is not None]
    found = [a for d in docs for a in attributions(d)]
    kinds = [_row_kind(a) for a in found]
    media_names = {a.name.casefold() for a, k in zip(found, kinds, strict=True) if k == "media"}
    people = [a for a, k in zip(found, kinds, strict=True) if k == "person" and a.name.casefold() not in media_names]
    # One person per surname when exactly one full name has it.
    full: dict[str, set[str]] = {}
    for a in people:
        if len(a.name.split()) > 1:
            full.setdefault(a.name.split()[-1].casefold(), set()).add(a.name)
    texts = {d.id: d.text for d in docs}
    for a in people:  # a surname alone: the one full name ending in it that its document writes
        if len(a.name.split()) == 1 and a.name.casefold() not in full:
            written = {m.group() for m in _FULL_NAME.finditer(texts[a.document_id])
                       if m.group().split()[-1] == a.name and m.group().split()[0].casefold() not in _GENERIC_LEAD
                       and m.group().split()[0].casefold() not in _ROLE_WORDS and not _is_media(m.group())}
            if len(written) == 1:
                full[a.name.casefold()] = written
    groups: dict[str, list[Attribution]] = {}
    display: dict[str, str] = {}
    for a in people:
        surname = a.name.split()[-1].casefold()
        names = full.get(surname, set())
        key = next(iter(names)) if len(a.name.split()) == 1 and len(names) == 1 else a.name
        groups.setdefault(key.casefold(), []).append(a)
        display[key.casefold()] = key
    for a, kind in zip(found, kinds, strict=True):
        if kind == "media":
            groups.setdefault("media:" + a.name.casefold(), []).append(a)
        elif kind == "institution":
            groups.setdefault("institution:" + _institution_key(a.name), []).append(a)
    rows = []
    ids = [d.id for d in docs]
    for key, members in groups.items():
        cells: dict[int, tuple[Attribution, ...]] = {}
        for a in members:
            cells[a.document_id] = cells.get(a.document_id, ()) + (a,)
        forms = tuple(dict.fromkeys(a.name for a in members))
        role = next((a.role for a in members if a.role), "")
        kind = key.split(":", 1)[0] if key.startswith(("media:", "institution:")) else "person"
        rows.append(SourceRow(max([*forms, display.get(key, "")], key=len), role, kind, forms,
                              cells, tuple(d for d in ids if d not in cells)))
    rows.sort(key=lambda r: (-len(r.cells), r.kind != "person", r.name))
    return rows


__all__ = ["Attribution", "SourceRow", "attributions", "source_rows"]
