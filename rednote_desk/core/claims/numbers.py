"""Numeric statements across documents, grouped by what they count.

Each amount with a counted noun (or a currency / percentage with context) becomes a statement.
Two statements from different documents are scored on: the counted noun (through a synonym
map: "customers" ~ "users"), the order of magnitude, the modifiers ("monthly", "new", "US") and
the similarity of the words around them (rapidfuzz). Statements are then merged greedily by
average linkage, never two from one document, and groups spanning enough documents are proposed.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from rednote_desk.core.claims import text as ct
from rednote_desk.core.claims.models import Mention, SuggestedClaim
from rednote_desk.core.numbers import parse_quantities
from rednote_desk.core.numbers.cjk import has_cjk
from rednote_desk.core.numbers.quantity import Quantity, format_quantity, values_disagree

#: Pairs (and groups, on average) scoring below this are not grouped.
THRESHOLD = 0.5
#: Amounts further apart than this factor are never the same claim.
MAX_RATIO = 10.0
_REJECT = -1.0
_RATE_WORDS = {"month": "monthly", "day": "daily", "week": "weekly", "year": "yearly",
               "hour": "hourly", "quarter": "quarterly"}


@dataclass(frozen=True)
class Statement:
    """One amount in one document with what is needed to compare it."""

    document_id: int
    order: int  # position of the document in the selection
    quantity: Quantity
    span: tuple[int, int]
    quote: str
    noun_class: str | None
    modifiers: frozenset[str]
    rate: str | None
    context: str  # sorted unique content words around the amount

    @property
    def group(self) -> tuple:
        """Statements can only be grouped within the same group (cheap blocking)."""
        q = self.quantity
        if q.kind == "count":
            person = self.noun_class in ct.PERSON_CLASSES
            return ("count", "person" if person else self.noun_class)
        return (q.kind, q.unit)


def statements_in(text: str, *, document_id: int, order: int) -> list[Statement]:
    """The numeric statements of one document that can take part in a claim."""
    starts = ct.sentence_starts(text)
    quantities = parse_quantities(text)
    out = []
    for i, q in enumerate(quantities):
        if q.kind == "count" and (q.unit is None or q.value < 2):
            continue  # "300 million in 2018", bare small numbers
        lo, hi = ct.sentence_span(text, starts, q.start, q.end)
        clause_end = min([hi] + [p for p in (text.find(",", q.end, hi), text.find(";", q.end, hi))
                                 if p >= 0])
        if i + 1 < len(quantities):
            clause_end = min(clause_end, max(quantities[i + 1].start, q.end))
        rate = q.per or ct.rate_in(text[q.start:clause_end])
        around = text[lo:q.start] + " " + text[q.end:hi]
        words = sorted(set(ct.content_words(around)))
        out.append(Statement(
            document_id=document_id, order=order, quantity=q, span=(lo, hi), quote=text[lo:hi],
            noun_class=ct.noun_class(q.noun) if q.kind == "count" else ct.topic_class(q.noun), modifiers=ct.normal_modifiers(q.modifiers, q.unit),
            rate=rate, context=" ".join(words),
        ))
    return out


def pair_score(a: Statement, b: Statement) -> float:
    """How likely two statements state the same quantity, 0..1; ``_REJECT`` when impossible."""
    qa, qb = a.quantity, b.quantity
    if a.group != b.group or (a.rate and b.rate and a.rate != b.rate):
        return _REJECT
    ratio = max(qa.magnitude, qb.magnitude) / max(min(qa.magnitude, qb.magnitude), 1e-9)
    if ratio > MAX_RATIO:
        return _REJECT
    magnitude = 1.0 - math.log10(ratio)
    if qa.kind == "count":
        if a.noun_class == b.noun_class:
            noun = 1.0 if ct.singular(qa.unit or "") == ct.singular(qb.unit or "") else 0.9
        else:
            noun = 0.6
    elif a.noun_class and a.noun_class == b.noun_class:
        noun = 1.0
    elif a.rate and a.rate == b.rate:
        noun = 0.9  # "$5 billion a day" ~ "$4.5 billion per day": the rate is what is counted
    else:
        noun = 0.7
    if has_cjk(a.context) != has_cjk(b.context):
        context = 0.5  # words around a Chinese and an English amount cannot be compared as strings
    else:
        context = fuzz.token_set_ratio(a.context, b.context) / 100.0
        context = (context + fuzz.token_sort_ratio(a.context, b.context) / 100.0) / 2
    if qa.kind != "count" and context < 0.45 and noun < 0.9:
        return _REJECT  # a bare percentage or sum needs its context to match
    if a.modifiers and b.modifiers:
        modifiers = len(a.modifiers & b.modifiers) / len(a.modifiers | b.modifiers)
    else:
        modifiers = 0.5
    rate = 1.0 if a.rate == b.rate else 0.7
    vague = 0.85 ** (_is_vague(qa) + _is_vague(qb))  # prefer "700,000" to "hundreds of thousands"
    return noun * (0.40 * magnitude + 0.35 * context + 0.25 * modifiers) * rate * vague


def _is_vague(q: Quantity) -> bool:
    """"tens of thousands", "millions": an interval with no qualifier that is not a range."""
    return (q.qualifier is None and q.low is not None and q.high is not None
            and q.high >= q.low * 9.99 and q.low == q.value)


def group_statements(statements: Sequence[Statement], *, min_documents: int = 2,
                     threshold: float = THRESHOLD) -> list[list[Statement]]:
    """Average-linkage groups of statements, at most one per document, >= ``min_documents``."""
    n = len(statements)
    scores: dict[tuple[int, int], float] = {}
    blocks: dict[tuple, list[int]] = {}
    for i, s in enumerate(statements):
        blocks.setdefault(s.group, []).append(i)
    candidates = []
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if statements[i].document_id == statements[j].document_id:
                    continue
                sc = pair_score(statements[i], statements[j])
                scores[(i, j)] = sc
                if sc >= threshold:
                    candidates.append((-sc, i, j))
    candidates.sort()
    cluster = list(range(n))
    members_of: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _neg, i, j in candidates:
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        docs_i = {statements[k].document_id for k in members_of[ci]}
        if any(statements[k].document_id in docs_i for k in members_of[cj]):
            continue
        pair_values = [scores.get((min(x, y), max(x, y)), _REJECT)
                       for x in members_of[ci] for y in members_of[cj]]
        if any(v == _REJECT for v in pair_values):
            continue
        if sum(pair_values) / len(pair_values) < threshold:
            continue
        for k in members_of[cj]:
            cluster[k] = ci
        members_of[ci].extend(members_of.pop(cj))
    groups = [sorted((statements[k] for k in ks), key=lambda s: (s.order, s.span))
              for ks in members_of.values() if len(ks) >= max(2, min_documents)]
    return groups


def _average_score(group: Sequence[Statement]) -> float:
    vals = [pair_score(a, b) for x, a in enumerate(group) for b in group[x + 1:]]
    return sum(vals) / len(vals) if vals else 0.0


def claim_from_group(group: Sequence[Statement]) -> SuggestedClaim:
    """A suggested number claim from a group of statements (one per document)."""
    quantities = [s.quantity for s in group]
    disagreement = values_disagree(quantities)
    q0 = quantities[0]
    half = len(group) / 2
    mod_counts = Counter(m for s in group for m in s.modifiers)
    shared_mods = sorted(m for m, c in mod_counts.items() if c >= half)
    rates = Counter(s.rate for s in group if s.rate)
    rate = rates.most_common(1)[0][0] if rates and rates.most_common(1)[0][1] >= half else None
    nouns_written = sorted({(q.unit if q.kind == "count" else q.noun) or "" for q in quantities} - {""})
    classes = Counter(s.noun_class for s in group if s.noun_class)
    noun_class = classes.most_common(1)[0][0] if classes else None
    if q0.kind == "count":
        noun = nouns_written[0].lower() if len(nouns_written) == 1 else (noun_class or "count")
    else:
        noun = noun_class or ("percentage" if q0.kind == "percent" else "amount")
    shared_words = _shared_words(group)
    descriptor = " ".join(
        [_RATE_WORDS.get(rate, "") if rate else ""]
        + [{"us": "US"}.get(m, m) for m in shared_mods] + [noun]
    ).strip()
    if q0.kind == "money":
        descriptor = f"{descriptor} ({q0.unit})"
    if q0.kind != "count" and shared_words and noun_class is None:
        descriptor = f"{descriptor}: {' '.join(shared_words[:2])}"
    if disagreement:
        shown = " | ".join(format_quantity(q) for q in quantities)
    else:
        shown = _representative(quantities)
    label = f"{descriptor} ({shown})"
    magnitude = sorted(q.magnitude for q in quantities)[len(quantities) // 2]
    key_parts = [q0.kind, (q0.unit if q0.kind == "money" else noun_class) or noun]
    key_parts += [rate] if rate else []
    key_parts += ["+".join(shared_mods)] if shared_mods else []
    key_parts.append(f"1e{int(math.floor(math.log10(max(magnitude, 1))))}")
    score = _average_score(group)
    reason = (
        f"same counted thing: {noun}"
        + (f" (written {', '.join(repr(n) for n in nouns_written)})" if nouns_written else "")
        + (f"; shared modifiers: {', '.join(shared_mods)}" if shared_mods else "")
        + (f"; rate: per {rate}" if rate else "")
        + f"; amounts within {_spread(quantities):.1f}x of each other"
        + (f"; shared context: {', '.join(shared_words[:5])}" if shared_words else "")
        + f"; similarity {score:.2f}"
    )
    mentions = tuple(
        Mention(document_id=s.document_id, start=s.span[0], end=s.span[1], quote=s.quote,
                values=(s.quantity,))
        for s in group
    )
    return SuggestedClaim(key=":".join(key_parts), label=label, kind="number", mentions=mentions,
                          reason=reason, score=round(score, 3), disagreement=disagreement)


def _representative(quantities: Sequence[Quantity]) -> str:
    """The most often stated value; "≈" when the outlets qualify it differently."""
    common, _n = Counter(q.value for q in quantities).most_common(1)[0]
    same = [q for q in quantities if q.value == common]
    if len({q.qualifier for q in same}) == 1:
        return format_quantity(same[0])
    return "≈" + format_quantity(Quantity(
        text="", start=0, end=0, value=common, low=common, high=common, unit=same[0].unit,
        qualifier=None, kind=same[0].kind, per=same[0].per))


def _shared_words(group: Sequence[Statement]) -> list[str]:
    counts = Counter(w for s in group for w in set(s.context.split()))
    return [w for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2]


def _spread(quantities: Sequence[Quantity]) -> float:
    mags = [q.magnitude for q in quantities]
    return max(mags) / max(min(mags), 1e-9)
