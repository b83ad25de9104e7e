"""A document's statements: its sentences, each with a role (headline, byline, boilerplate, body) and prominence.

Used wherever texts are compared statement by statement (coverage map, copies, meaning-aware diff):
the headline, byline and site chrome do not count as the article's body, the dateline in front of the
first sentence ("VELMORA, March 3 (Wire) - ") and footnote markers ("users[8]") are left out of the
text that is compared, and each body sentence knows its place: lead (first three body sentences) or
paragraph n of N.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rednote_desk.core.compare.sentences import Sentence, split_sentences
from rednote_desk.core.compare.shared import current
from rednote_desk.core.ingest.boilerplate import detect_boilerplate
from rednote_desk.core.ingest.markers import classify_line
from rednote_desk.core.ingest.sniff import parse_byline

Role = Literal["headline", "byline", "boilerplate", "body"]

LEAD_SENTENCES = 3
_FOOTNOTE = re.compile(r"\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*[-–—:]+\s+"
)
_BYLINE_START = re.compile(r"^(?:by|posted by|compiled by|written by|reporting by|from)\b|"
                           r"^(?:staff|newsroom|\w+ desk|staff reporter)\b", re.I)
_HEADLINE_MAX = 200


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of a document; ``compared`` is what is compared (no dateline, no footnote markers)."""

    document_id: int
    index: int  # position among the document's sentences
    start: int
    end: int
    text: str
    compared: str
    role: Role
    paragraph: int  # 1-based paragraph of the body (0 outside the body)
    paragraphs: int  # paragraphs in the body
    body_index: int  # position among the body sentences (-1 outside the body)

    @property
    def prominence(self) -> str:
        """"headline", "lead" or "paragraph n of N" (or the role for other non-body sentences)."""
        if self.role != "body":
            return self.role
        if self.body_index < LEAD_SENTENCES:
            return "lead"
        return f"paragraph {self.paragraph} of {self.paragraphs}"

    @property
    def prominence_rank(self) -> int:
        """Lower is more prominent: headline 0, lead 1, then by paragraph."""
        if self.role == "headline":
            return 0
        if self.role != "body":
            return 999
        return 1 if self.body_index < LEAD_SENTENCES else 1 + self.paragraph


def _is_byline(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 80 and (bool(_BYLINE_START.match(s)) or parse_byline(s) is not None)


def clean_for_comparison(text: str) -> str:
    """``text`` without a leading dateline and footnote markers."""
    text = _FOOTNOTE.sub("", text)
    m = _DATELINE.match(text)
    if m and len(text) - m.end() >= 20:
        text = text[m.end():]
    return text


def _top_lines(text: str, limit: int = 4) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
            if len(out) >= limit:
                break
        pos += len(line) + 1
    return out


_MARKER_CUT = re.compile(r"[.!?…][\"'”’)]*(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(?=\S)")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]\s+(?:Source|See|Retrieved|https?:))")


def _split(text: str) -> list[Sentence]:
    """Sentences, also cut after a footnote marker that follows a sentence end ("districts.[1] More")."""
    out = []
    for sent in split_sentences(text):
        pos = sent.start
        for m in _MARKER_CUT.finditer(sent.text):
            cut = sent.start + m.end()
            end = sent.start + m.end() - (len(m.group()) - len(m.group().rstrip()))
            out.append(Sentence(pos, end, text[pos:end]))
            pos = cut
        out.append(Sentence(pos, sent.end, text[pos:sent.end]))
    return out


def statements(document_id: int, text: str, *, title: str | None = None) -> list[Statement]:
    """Every sentence of ``text`` with its role and prominence (made once per document inside
    :func:`rednote_desk.core.compare.shared.shared_work`)."""
    work = current()
    if work is None:
        return _statements(document_id, text, title)
    key = (document_id, text, title)
    found = work.statements.get(key)
    if found is None:
        found = work.statements[key] = tuple(_statements(document_id, text, title))
    return list(found)


def _statements(document_id: int, text: str, title: str | None) -> list[Statement]:
    sents = _split(text)
    chrome = [(b.start, b.end) for b in detect_boilerplate(text)]
    headline: tuple[int, int] | None = None
    bylines: list[tuple[int, int]] = []
    top = _top_lines(text)
    if top:
        s, e = top[0]
        first = text[s:e].strip()
        titled = title and first.casefold() == title.strip().casefold()
        if titled or (len(first) <= _HEADLINE_MAX and not first.endswith((".", "\"", "”")) and len(top) > 1):
            headline = (s, e)
        for s, e in top[1 if headline else 0:3]:
            if _is_byline(text[s:e]):
                bylines.append((s, e))
            else:
                break
    roles: list[Role] = []
    for sent in sents:
        mid = (sent.start + sent.end) // 2
        if headline and headline[0] <= mid < headline[1]:
            roles.append("headline")
        elif any(s <= mid < e for s, e in bylines):
            roles.append("byline")
        elif any(s <= mid < e for s, e in chrome) or classify_line(sent.text) or _FOOTNOTE_LINE.match(sent.text):
            roles.append("boilerplate")
        else:
            roles.append("body")
    # Paragraphs of the body: a blank line (or a line break) between two body sentences starts a new one.
    paragraph_of: list[int] = []
    n, prev_end = 0, None
    for sent, role in zip(sents, roles, strict=True):
        if role != "body":
            paragraph_of.append(0)
            continue
        if prev_end is None or "\n" in text[prev_end:sent.start]:
            n += 1
        paragraph_of.append(n)
        prev_end = sent.end
    out: list[Statement] = []
    body_index = 0
    for k, (sent, role, para) in enumerate(zip(sents, roles, paragraph_of, strict=True)):
        compared = clean_for_comparison(sent.text) if role == "body" else sent.text
        out.append(Statement(document_id, k, sent.start, sent.end, sent.text, compared, role, para, n,
                             body_index if role == "body" else -1))
        if role == "body":
            body_index += 1
    return out


def body(items: list[Statement]) -> list[Statement]:
    return [s for s in items if s.role == "body"]


__all__ = ["LEAD_SENTENCES", "Statement", "Sentence", "body", "clean_for_comparison", "statements"]
