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
from rednote_desk.core.numbers.quantity import Quantity, format_quantity, values_disagree
from rednote_desk.core.numbers.verdict import CONFLICT, Stated, judge
from rednote_desk.core.numbers.when import reference_date

#: Pairs (and groups, on average) scoring below this are not grouped.
THRESHOLD = 0.5
#: A statement left alone joins a group lacking its document from this average score on.
ATTACH = 0.35
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
    language: str = ""  # "zh", "de" or "" (English and the rest): contexts compare only within one
    predicate: str | None = None  # what the counted things did: "evacuated" in "8,000 residents were evacuated"

    @property
    def group(self) -> tuple:
        """Statements can only be grouped within the same group (cheap blocking)."""
        q = self.quantity
        if q.kind == "count":
            person = self.noun_class in ct.PERSON_CLASSES
            return ("count", "person" if person else self.noun_class)
        if q.kind == "money":
            return ("money",)  # another currency joins the row, shown as such, never compared
        return (q.kind, q.unit)


def statements_in(text: str, *, document_id: int, order: int) -> list[Statement]:
    """The numeric statements of one document that can take part in a claim."""
    starts = ct.sentence_starts(text)
    quantities = parse_quantities(text)
    language = ct.language_of(text)
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
        topic = q.noun if q.kind == "count" else (q.noun or ct.topic_around(text, q.start, q.end))
        out.append(Statement(
            document_id=document_id, order=order, quantity=q, span=(lo, hi), quote=text[lo:hi],
            noun_class=ct.noun_class(topic) if q.kind == "count" else ct.topic_class(topic),
            modifiers=ct.normal_modifiers(q.modifiers, q.unit), rate=rate, context=" ".join(words),
            language=language, predicate=ct.predicate_after(text, q.end, q.unit) if q.kind == "count" else None,
        ))
    return out


def context_weights(statements: Sequence[Statement]) -> dict[str, float]:
    """Inverse document frequency of each context word over the statements: a word most statements
    share ("users", the app's name) says little; one two statements share ("displaced") says much."""
    df = Counter(w for s in statements for w in set(s.context.split()))
    n = max(len(statements), 1)
    return {w: math.log(1 + n / c) for w, c in df.items()}


def _weighted_overlap(a: str, b: str, weights: dict[str, float]) -> float:
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return 0.0
    total = min(sum(weights.get(w, 1.0) for w in wa), sum(weights.get(w, 1.0) for w in wb))
    return sum(weights.get(w, 1.0) for w in wa & wb) / total if total else 0.0


def _modifier_agreement(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when the modifiers meet, 0 when they contradict ("US" / "Chinese", "new" / "active"), else
    0.5: "new users" and "U.S. users" can be the same count."""
    if a & b:
        return 1.0
    for family in ct.MODIFIER_FAMILIES:
        fa, fb = a & family, b & family
        if fa and fb and not fa & fb:
            return 0.0
    return 0.5


def pair_score(a: Statement, b: Statement, weights: dict[str, float] | None = None) -> float:
    """How likely two statements state the same quantity, 0..1; ``_REJECT`` when impossible.

    ``weights`` (see :func:`context_weights`) weigh the shared context words by how rare they are.
    """
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
    elif qa.kind == "money" and qa.unit == qb.unit and ratio < 1.05:
        noun = 0.9  # the same sum in the same currency
    else:
        noun = 0.7
    if a.language != b.language:
        context = 0.5  # words around a Chinese (or German) and an English amount cannot be compared as strings
    else:
        context = fuzz.token_set_ratio(a.context, b.context) / 100.0
        context = (context + fuzz.token_sort_ratio(a.context, b.context) / 100.0) / 2
        if weights is not None:
            context = (context + _weighted_overlap(a.context, b.context, weights)) / 2
    if qa.kind != "count" and context < 0.45 and noun < 0.9:
        return _REJECT  # a bare percentage or sum needs its context to match
    if qa.kind == "money" and qa.unit != qb.unit:
        noun *= 0.85  # another currency: shown in the row, not compared
    if qa.kind == "count" and ct.singular(qa.unit or "") in ct.DURATIONS and context < 0.5:
        return _REJECT  # "five years" and "12 years" count years of different things
    modifiers = _modifier_agreement(a.modifiers, b.modifiers)
    if modifiers == 0.0:
        return _REJECT
    rate = 1.0 if a.rate == b.rate else 0.7
    if a.predicate and b.predicate and a.language == b.language:  # "were evacuated" / "were displaced"
        rate *= 1.15 if a.predicate == b.predicate else 0.8
    vague = 0.85 ** (_is_vague(qa) + _is_vague(qb))  # prefer "700,000" to "hundreds of thousands"
    return min(1.0, noun * (0.40 * magnitude + 0.35 * context + 0.25 * modifiers) * rate * vague)


def _is_vague(q: Quantity) -> bool:
    """"tens of thousands", "millions": an interval with no qualifier that is not a range."""
    return (q.qualifier is None and q.low is not None and q.high is not None
            and q.high >= q.low * 9.99 and q.low == q.value)


def group_statements(statements: Sequence[Statement], *, min_documents: int = 2,
                     threshold: float = THRESHOLD) -> list[list[Statement]]:
    """Average-linkage groups of statements, at most one per document, >= ``min_documents``.

    A statement left alone afterwards joins the group of its kind that lacks its document when its
    average score there reaches ``ATTACH`` (outlets that disagree state different numbers, so their
    magnitudes pull apart: the row must still hold them all)."""
    n = len(statements)
    weights = context_weights(statements)
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
                sc = pair_score(statements[i], statements[j], weights)
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
    _attach_leftovers(statements, scores, cluster, members_of)
    groups = [sorted((statements[k] for k in ks), key=lambda s: (s.order, s.span))
              for ks in members_of.values() if len(ks) >= max(2, min_documents)]
    return groups


def _attach_leftovers(statements, scores, cluster, members_of) -> None:
    """Join each statement still alone to the best group (>= 2 members) lacking its document."""
    def score(x: int, y: int) -> float:
        return scores.get((min(x, y), max(x, y)), _REJECT)

    for i, s in enumerate(statements):
        if len(members_of.get(cluster[i], ())) != 1:
            continue
        best, best_score = None, ATTACH
        for c, ks in members_of.items():
            if len(ks) < 2 or statements[ks[0]].group != s.group:
                continue
            if any(statements[k].document_id == s.document_id for k in ks):
                continue
            values = [score(i, k) for k in ks]
            if any(v == _REJECT for v in values):
                continue
            avg = sum(values) / len(values)
            if avg >= best_score:
                best, best_score = c, avg
        if best is not None:
            members_of.pop(cluster[i])
            cluster[i] = best
            members_of[best].append(i)


def _average_score(group: Sequence[Statement]) -> float:
    weights = context_weights(group)
    vals = [pair_score(a, b, weights) for x, a in enumerate(group) for b in group[x + 1:]]
    return sum(vals) / len(vals) if vals else 0.0


def claim_from_group(group: Sequence[Statement], published: dict[int, str | None] | None = None) -> SuggestedClaim:
    """A suggested number claim from a group of statements (one per document).

    With the documents' ``published`` dates, amounts that grow with the date they refer to are not a
    disagreement (see :mod:`rednote_desk.core.numbers.verdict`); without them any incompatible pair is.
    """
    quantities = [s.quantity for s in group]
    if published is None:
        disagreement = values_disagree(quantities)
    else:
        stated = [Stated(s.document_id, s.quantity, reference_date(s.quote, published.get(s.document_id))[0])
                  for s in group]
        disagreement = judge(stated).verdict == CONFLICT
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
