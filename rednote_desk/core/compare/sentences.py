"""Sentence spans with code-point offsets.

Splits after . ! ? … (and 。！？ in CJK text) and at line breaks. Does not split after common
abbreviations ("Mr.", "e.g.", "U.S."), initials, or inside numbers ("3.5").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt vs etc e.g i.e cf al approx dept est fig gen gov inc ltd co corp
    no nos vol pp p rep sen rev col lt sgt capt cmdr adm jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u a.m p.m d.c""".split()
)

# A candidate end: terminators, then closing quotes/brackets.
_END_RE = re.compile(r"(?:[.!?…]+|[。！？!?]+)[\"'”’»)\]」』）】]*")
_LINE_BREAK_RE = re.compile(r"\n")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_CJK_TERMINATORS = "。！？"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == source[start:end]``, without surrounding whitespace."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot_pos: int) -> bool:
    """True if the '.' at ``dot_pos`` ends an abbreviation or an initial rather than a sentence."""
    m = _WORD_BEFORE_RE.search(text, max(0, dot_pos - 20), dot_pos)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "e.g."
    return all(len(part) == 1 and part.isalpha() for part in word.split("."))


def _boundaries(text: str) -> list[int]:
    """Code-point offsets where a new sentence may begin."""
    cuts: list[int] = []
    n = len(text)
    for m in _END_RE.finditer(text):
        end = m.end()
        term = m.group()
        if term[0] in _CJK_TERMINATORS or term[-1] in _CJK_TERMINATORS:
            cuts.append(end)
            continue
        if end < n and not text[end].isspace():
            continue  # "3.5", "example.com", "U.S." in the middle of a token
        j = end
        while j < n and text[j] in " \t\u00a0\u3000":
            j += 1
        if j < n and text[j].islower():
            continue  # "e.g. the", a mid-sentence abbreviation
        if term == "." and _is_abbreviation(text, m.start()):
            continue
        cuts.append(end)
    for m in _LINE_BREAK_RE.finditer(text):
        j = m.end()
        # A single line break followed by lower case continues a hard-wrapped sentence.
        if j < n and text[j].islower() and (m.start() == 0 or text[m.start() - 1] != "\n"):
            continue
        cuts.append(m.start())
    return sorted(set(cuts))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each stripped of surrounding whitespace; empty ones dropped."""
    out: list[Sentence] = []
    prev = 0
    for cut in [*_boundaries(text), len(text)]:
        if cut <= prev:
            continue
        start, end = prev, cut
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(start, end, text[start:end]))
        prev = cut
    return out
