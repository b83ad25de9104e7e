"""One verdict for the amounts several outlets state for one claim, with the dates they refer to.

- **conflict**: two outlets' amounts cannot both be true on the same date;
- **growth**: the amounts grow with the date they refer to ("later report higher, 2 days later");
- **same**: every amount is (within 5 %) the same number;
- **differs**: the amounts can all be true but are different numbers ("roughly $60M" / "up to $90M").

Amounts one outlet states side by side (its own sources disagreeing) never make a conflict on their
own. The outlets out of line are named: the fewest outlets whose removal leaves no conflict (or, when the
amounts only differ, those away from the value most outlets give).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from rednote_desk.core.numbers.quantity import Quantity, compatible

CONFLICT, DIFFERS, SAME, GROWTH = "conflict", "differs", "same", "growth"
VERDICTS = (CONFLICT, DIFFERS, SAME, GROWTH)
#: Relative difference under which two amounts are the same number.
SAME_WITHIN = 0.05


@dataclass(frozen=True)
class Stated:
    """One amount one outlet states, and the date it refers to (None: unknown)."""

    document_id: int
    quantity: Quantity
    when: date | None = None


@dataclass(frozen=True)
class Verdict:
    verdict: str | None  # one of VERDICTS; None when fewer than two outlets give an amount
    note: str
    outliers: tuple[int, ...] = ()  # document ids, in the order first stated

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "note": self.note, "outliers": list(self.outliers)}


def representative(q: Quantity) -> float:
    """One number for ordering amounts: the middle of a closed interval, else its known end."""
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2 if q.qualifier else q.value
    if q.low is not None:
        return q.low
    if q.high is not None:
        return q.high
    return q.value


def same_number(a: Quantity, b: Quantity) -> bool:
    x, y = a.value, b.value
    return abs(x - y) <= SAME_WITHIN * max(abs(x), abs(y), 1e-12)


def _same_day(a: Stated, b: Stated) -> bool:
    return a.when is None or b.when is None or a.when == b.when


def _conflicts(stated: Sequence[Stated]) -> list[tuple[Stated, Stated]]:
    """The amount pairs of two outlets that cannot agree: on the dates they share, no amount of one
    fits any amount of the other (an outlet giving "$60M, business groups say $90M" agrees with "$60M")."""
    by_outlet: dict[int, list[Stated]] = {}
    for s in stated:
        by_outlet.setdefault(s.document_id, []).append(s)
    found = []
    for x, y in combinations(by_outlet, 2):
        pairs = [(a, b) for a in by_outlet[x] for b in by_outlet[y] if _same_day(a, b)]
        if pairs and not any(compatible(a.quantity, b.quantity) for a, b in pairs):
            found.extend(pairs)
    return found


def judge(stated: Sequence[Stated]) -> Verdict:
    """The verdict over every amount stated for one claim (several may come from one outlet)."""
    stated = list(stated)
    outlets = list(dict.fromkeys(s.document_id for s in stated))
    if len(outlets) < 2:
        return Verdict(None, "stated by fewer than two outlets" if stated else "no amount to compare")
    clashes = _conflicts(stated)
    if clashes:
        days = sorted({d for a, b in clashes for d in (a.when, b.when) if d is not None})
        on = f" on {days[0].isoformat()}" if len(days) == 1 else ""
        return Verdict(CONFLICT, f"cannot all be true{on}", _conflict_outliers(stated, outlets))
    growth = _growth(stated)
    if growth is not None:
        return Verdict(GROWTH, growth)
    if all(same_number(a.quantity, b.quantity) for a, b in combinations(stated, 2)):
        return Verdict(SAME, "the same number")
    note = "different figures that can all be true"
    later_lower = _later_lower(stated)
    if later_lower:
        note = later_lower
    return Verdict(DIFFERS, note, _away_from_most(stated, outlets))


def _conflict_outliers(stated: list[Stated], outlets: list[int]) -> tuple[int, ...]:
    """The fewest outlets (fewer than those left) whose removal leaves no conflict; between equally
    few, those whose removal leaves the fewest amounts at odds on any date."""
    for size in range(1, (len(outlets) - 1) // 2 + 1):
        fits = []
        for removed in combinations(outlets, size):
            rest = [s for s in stated if s.document_id not in removed]
            if not _conflicts(rest):
                at_odds = sum(1 for a, b in combinations(rest, 2) if a.document_id != b.document_id
                              and not compatible(a.quantity, b.quantity))
                fits.append((at_odds, removed))
        if fits:
            best = min(f[0] for f in fits)
            chosen = [removed for at_odds, removed in fits if at_odds == best]
            return chosen[0] if len(chosen) == 1 else ()  # a tie: nobody is clearly out of line
    return ()


def _growth(stated: list[Stated]) -> str | None:
    """"later report higher, N days later" when every later amount is at least every earlier one
    and some later amount is higher; None otherwise."""
    dated = [(s.when, s) for s in stated if s.when is not None]
    if len({when for when, _ in dated}) < 2 or len(dated) < len(stated):
        return None
    rising = None
    for (when_a, a), (when_b, b) in combinations(sorted(dated, key=lambda pair: pair[0]), 2):
        if when_a == when_b:
            continue
        lo, hi = representative(a.quantity), representative(b.quantity)
        if hi < lo and not same_number(a.quantity, b.quantity):
            return None
        if hi > lo and not same_number(a.quantity, b.quantity):
            gap = (when_b - when_a).days
            rising = gap if rising is None else max(rising, gap)
    if rising is None:
        return None
    return f"later report higher, {rising} day{'s' if rising != 1 else ''} later"


def _later_lower(stated: list[Stated]) -> str | None:
    dated = sorted(((s.when, s) for s in stated if s.when), key=lambda pair: pair[0])
    for (when_a, a), (when_b, b) in combinations(dated, 2):
        if when_a != when_b and not compatible(a.quantity, b.quantity):
            gap = (when_b - when_a).days
            return f"cannot all be true on one date, but reported {gap} day{'s' if gap != 1 else ''} apart"
    return None


def _away_from_most(stated: list[Stated], outlets: list[int]) -> tuple[int, ...]:
    """Outlets none of whose amounts is the value most outlets give (when most outlets agree on one)."""
    votes: Counter = Counter()
    for doc in outlets:
        values = {round(s.quantity.value, 6) for s in stated if s.document_id == doc}
        votes.update(values)
    value, count = votes.most_common(1)[0]
    if count * 2 <= len(outlets):
        return ()
    probe = Quantity("", 0, 0, value, value, value, None, None, "count")
    return tuple(doc for doc in outlets
                 if not any(same_number(s.quantity, probe) for s in stated if s.document_id == doc))
