"""Quotations attributed to the same speaker across documents.

Recognised attributions: ``"...," said Jane Doe`` / ``"...," Jane Doe said`` / ``Jane Doe said:
"..."`` / ``"...," he said`` (the pronoun goes to the last named person before it) /
``according to Jane Doe``. Speakers match across documents when one name's words contain the
other's ("Doe" ~ "Jane Doe"); titles ("President", "Dr.") are ignored.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from rednote_desk.core.claims import text as ct
from rednote_desk.core.claims.models import Mention, SuggestedClaim

_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|wrote|writes|warned|warns|explained|"
    "explains|noted|notes|argued|argues|claimed|claims|insisted|insists|asked|asks|replied|"
    "continued|declared|declares|announced|announces|emphasized|emphasised|emphasizes|remarked|"
    "tweeted|posted|mentioned|cautioned|admitted|acknowledged|stressed|stresses|observed|"
    "commented|recalled|suggested|believes|believed|conceded|predicted|urged|described|"
    "echoed|countered|responded|pointed out"
)
_TITLE = (
    r"(?:(?:President|Premier|Prime Minister|Minister|Secretary|Senator|Sen\.|Rep\.|Governor|"
    r"Gov\.|Mayor|Chairman|Chairwoman|Director|CEO|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|"
    r"General|Gen\.|Judge|Justice|spokesperson|spokesman|spokeswoman|analyst|expert)\s+)"
)
_NAME_WORD = r"[A-Z][\w'’\-]*[a-z][\w'’\-]*"
_NAME = rf"(?:{_NAME_WORD}(?:\s+(?:(?:de|van|von|bin|al|da|di|del|la|le)\s+)?{_NAME_WORD}){{0,3}})"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_QUOTE_RE = re.compile(r"“(?P<a>[^”\n]{12,600})”|\"(?P<b>[^\"\n]{12,600})\"|«\s?(?P<c>[^»\n]{12,600})\s?»")
_AFTER_RE = re.compile(
    rf"[\s,]*(?:(?:{_VERBS})\s+{_TITLE}?(?P<n1>{_NAME})|(?P<n2>{_PRONOUN}|{_TITLE}?{_NAME})"
    rf"\s+(?:(?:{_VERBS})|in\s+a\s+[\w\-]+\s+\w+))\b"
)
_BEFORE_RE = re.compile(
    rf"(?P<n>{_TITLE}?{_NAME}|{_PRONOUN})(?:,\s[^,“”\"]{{1,90}},)?\s+(?:also\s+)?(?:{_VERBS})"
    rf"(?:\s+\w+){{0,4}}?\s*(?:that\s*)?[:,]?\s*$"
)
_ACCORDING_RE = re.compile(rf"\b[Aa]ccording to\s+(?:{_TITLE})?(?P<n>{_NAME})")
_NOT_PEOPLE = frozenset(
    """The This That These Those It In On At As For But And However Meanwhile Chinese American
    English Western US U.S. Some Many Users TikTok RedNote Reports Sources Officials""".split()
)


@dataclass(frozen=True)
class Quotation:
    document_id: int
    order: int
    speaker: str  # as written, titles removed
    start: int
    end: int
    quote: str  # the whole statement (quote + attribution)
    words: str  # the quoted words only
    direct: bool = True  # a quotation, not an "according to" statement


def _clean_name(name: str) -> str | None:
    name = re.sub(_TITLE, "", name).strip()
    tokens = name.split()
    while tokens and tokens[0] in _NOT_PEOPLE:
        tokens = tokens[1:]
    if not tokens or name in ("He", "She", "They", "he", "she", "they"):
        return None
    return " ".join(tokens)


def quotations_in(text: str, *, document_id: int, order: int) -> list[Quotation]:
    """Attributed quotations and "according to" statements in one document."""
    starts = ct.sentence_starts(text)
    found: list[Quotation] = []
    last_named: list[tuple[int, str]] = []  # (position, name) for pronoun resolution

    def remember_names_before(pos: int) -> str | None:
        window = text[max(0, pos - 320):pos]
        names = re.finditer(
            rf"{_TITLE}(?P<t>{_NAME})|(?P<n>{_NAME_WORD}(?:\s+{_NAME_WORD})+)", window)
        base = max(0, pos - 320)
        candidates = [(base + m.start(), _clean_name(m.group("t") or m.group("n"))) for m in names]
        candidates += [(p, n) for p, n in last_named if p < pos]
        candidates = [(p, n) for p, n in candidates if n and len(n.split()) >= 1]
        return max(candidates)[1] if candidates else None

    for m in _QUOTE_RE.finditer(text):
        words = m.group("a") or m.group("b") or m.group("c") or ""
        speaker = None
        lo, hi = m.start(), m.end()
        after = _AFTER_RE.match(text, m.end(), min(len(text), m.end() + 90))
        if after:
            raw = after.group("n1") or after.group("n2")
            hi = after.end()
        else:
            before = _BEFORE_RE.search(text, max(0, m.start() - 160), m.start())
            raw = before.group("n") if before else None
            if before:
                lo = before.start()
        if raw is None:
            continue
        if re.fullmatch(_PRONOUN, raw):
            speaker = remember_names_before(lo)
        else:
            speaker = _clean_name(raw)
        if not speaker:
            continue
        last_named.append((lo, speaker))
        s_lo, s_hi = ct.sentence_span(text, starts, lo, hi, max_chars=700)
        s_lo, s_hi = min(s_lo, lo), max(s_hi, hi)
        found.append(Quotation(document_id, order, speaker, s_lo, s_hi, text[s_lo:s_hi], words))
    for m in _ACCORDING_RE.finditer(text):
        speaker = _clean_name(m.group("n"))
        if not speaker:
            continue
        lo, hi = ct.sentence_span(text, starts, m.start(), m.end())
        if any(q.start <= m.start() < q.end for q in found):
            continue
        found.append(Quotation(document_id, order, speaker, lo, hi, text[lo:hi], text[lo:hi],
                               direct=False))
    return found


def _same_speaker(a: str, b: str) -> bool:
    ta, tb = set(a.lower().split()), set(b.lower().split())
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def group_quotations(quotations: Sequence[Quotation], *,
                     min_documents: int = 2) -> list[SuggestedClaim]:
    """One suggested claim per speaker quoted in at least ``min_documents`` documents."""
    speakers: list[list[Quotation]] = []
    for q in sorted(quotations, key=lambda q: (-len(q.speaker.split()), q.order, q.start)):
        for group in speakers:
            if _same_speaker(group[0].speaker, q.speaker):
                group.append(q)
                break
        else:
            speakers.append([q])
    claims = []
    for group in speakers:
        docs = sorted({q.document_id for q in group}, key=lambda d: min(q.order for q in group if q.document_id == d))
        if len(docs) < max(2, min_documents):
            continue
        chosen, similarity = _best_per_document(group, docs)
        name = group[0].speaker  # the longest spelling
        written = sorted({q.speaker for q in chosen})
        score = round(0.6 + 0.4 * similarity, 3)
        claims.append(SuggestedClaim(
            key="quote:" + "-".join(sorted(name.lower().split())),
            label=f"quote: {name}",
            kind="quotation",
            mentions=tuple(Mention(q.document_id, q.start, q.end, q.quote) for q in chosen),
            reason=(f"same speaker: {name}"
                    + (f" (written {', '.join(repr(w) for w in written)})" if len(written) > 1 else "")
                    + f"; quoted in {len(chosen)} documents; wording similarity {similarity:.2f}"),
            score=score,
            disagreement=False,
        ))
    return claims


def _best_per_document(group: Sequence[Quotation], docs: Sequence[int]) -> tuple[list[Quotation], float]:
    """For each document the quotation most like those of the other documents."""
    chosen = []
    best_sims = []
    for d in docs:
        own = [q for q in group if q.document_id == d]
        others = [q for q in group if q.document_id != d]

        def likeness(q: Quotation, others: Sequence[Quotation] = others) -> float:
            return max((fuzz.token_set_ratio(q.words, o.words) / 100.0 for o in others), default=0.0)

        best = max(own, key=lambda q: (q.direct, likeness(q), -q.start))
        chosen.append(best)
        best_sims.append(likeness(best))
    return chosen, sum(best_sims) / len(best_sims) if best_sims else 0.0
