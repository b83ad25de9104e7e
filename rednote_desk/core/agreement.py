"""Intercoder agreement: how far several coders who coded the same documents agree, per code and overall.

Two ways of cutting the text into units:

* **sentences** (``unit="sentence"``): a sentence counts as coded with a code by a coder when one of the coder's
  spans with that code overlaps it. Each (sentence, code) is a binary decision per coder, with no missing
  values: every included document was coded by every coder.
* **characters** (``unit="character"``): every character is such a unit.

On those units: percent agreement (units on which all coders agree), Cohen's κ (exactly two coders), Fleiss' κ
(two or more; with two coders it is Scott's π) and Krippendorff's nominal α. Independently of the unit,
Krippendorff's α for unitized data (α_u, Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On the reliability of
unitizing textual continua: further developments", Quality & Quantity 50) compares where the coders placed
their spans on the continuum of characters: observed coincidences are the lengths of intersections of the
coders' segments (units and the gaps between them), expected coincidences treat each unit as one indivisible
stretch and each gap as divisible.

The overall row pools every code: the (unit, code) decisions (or the codes' continua laid end to end) form one
binary variable. A figure is *undefined* (``Figure.value is None`` with the reason) when the formula divides by
zero — no variation at all (a code nobody used, or that everybody used everywhere), fewer than two coders, no
unit — never reported as 1.0 or 0.0.

Pure Python and numpy; offsets are code points, end exclusive.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from rednote_desk.core.compare.sentences import split_sentences

UNITS = ("sentence", "character")
ALL_CODES = "(all codes)"


@dataclass(frozen=True)
class Figure:
    """An agreement figure, or ``None`` and why it cannot be computed."""

    value: float | None
    reason: str = ""

    @property
    def defined(self) -> bool:
        return self.value is not None

    def text(self, digits: int = 3) -> str:
        return f"{self.value:.{digits}f}" if self.value is not None else "undefined"

    def as_json(self) -> dict:
        return {"value": self.value, "reason": self.reason or None}


@dataclass(frozen=True)
class CodedSpan:
    """One coder's span with one code (an annotation with several codes gives one span per code)."""

    document_id: int
    start: int
    end: int
    coder: str
    code_id: int
    annotation_id: int | None = None


@dataclass(frozen=True)
class CodeAgreement:
    """One row of the agreement table."""

    code_id: int | None  # None: the overall row
    code: str
    units: int  # sentences or characters compared
    coded_units: int  # of them, coded with this code by at least one coder
    percent: Figure
    alpha: Figure  # Krippendorff's nominal alpha on the units
    cohen_kappa: Figure
    fleiss_kappa: Figure
    alpha_u: Figure  # Krippendorff's unitized alpha (character continuum)


@dataclass(frozen=True)
class Disagreement:
    """A unit (sentence) or stretch (characters) some coders coded with a code and others did not."""

    document_id: int
    code_id: int
    code: str
    start: int
    end: int
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    annotation_ids: tuple[int, ...]  # the spans concerned, of every coder


@dataclass(frozen=True)
class AgreementReport:
    unit: str
    coders: tuple[str, ...]
    document_ids: tuple[int, ...]  # compared: coded by every coder
    skipped_document_ids: tuple[int, ...]  # left out: some coder has no span there
    rows: tuple[CodeAgreement, ...]  # one per code, then the overall row
    disagreements: tuple[Disagreement, ...] = field(default=())

    @property
    def overall(self) -> CodeAgreement:
        return self.rows[-1]


# -- figures on binary unit data -----------------------------------------------------------------------------
@dataclass(frozen=True)
class BinaryUnits:
    """Binary reliability data without missing values, summarised.

    ``histogram[k]`` is the number of units exactly ``k`` of the ``m`` coders coded (k = 0..m) and
    ``per_coder[i]`` the number of units coder ``i`` coded. Every figure below follows from these.
    """

    histogram: tuple[int, ...]
    per_coder: tuple[int, ...]

    @property
    def coders(self) -> int:
        return len(self.per_coder)

    @property
    def units(self) -> int:
        return sum(self.histogram)

    def __add__(self, other: BinaryUnits) -> BinaryUnits:
        return BinaryUnits(tuple(a + b for a, b in zip(self.histogram, other.histogram, strict=True)),
                           tuple(a + b for a, b in zip(self.per_coder, other.per_coder, strict=True)))


def binary_units(matrix: Sequence[Sequence[int | bool]]) -> BinaryUnits:
    """Summarise a coders x units matrix of 0/1 values."""
    data = np.asarray(matrix, dtype=bool)
    if data.ndim != 2:
        raise ValueError("expected a coders x units matrix")
    m = data.shape[0]
    counts = data.sum(axis=0)
    histogram = np.bincount(counts, minlength=m + 1) if data.shape[1] else np.zeros(m + 1, dtype=int)
    return BinaryUnits(tuple(int(x) for x in histogram), tuple(int(x) for x in data.sum(axis=1)))


def _no_variation(data: BinaryUnits) -> str:
    if data.histogram[0] == data.units:
        return "undefined: no coder used this code (no variation)"
    if data.histogram[-1] == data.units:
        return "undefined: every coder coded every unit with it (no variation)"
    return "undefined: no variation"


def _check(data: BinaryUnits) -> str | None:
    if data.coders < 2:
        return f"undefined: needs at least two coders (there is {data.coders})"
    if data.units == 0:
        return "undefined: no units to compare"
    return None


def percent_agreement(data: BinaryUnits) -> Figure:
    """Share of units on which all coders gave the same value."""
    problem = _check(data)
    if problem:
        return Figure(None, problem)
    return Figure((data.histogram[0] + data.histogram[-1]) / data.units)


def cohen_kappa(data: BinaryUnits) -> Figure:
    """Cohen (1960): (p_o - p_e) / (1 - p_e), p_e from each coder's own marginals. Two coders only."""
    problem = _check(data)
    if problem:
        return Figure(None, problem)
    if data.coders != 2:
        return Figure(None, f"undefined: Cohen's κ needs exactly two coders (there are {data.coders})")
    n = data.units
    p_o = (data.histogram[0] + data.histogram[2]) / n
    p1, p2 = data.per_coder[0] / n, data.per_coder[1] / n
    p_e = p1 * p2 + (1 - p1) * (1 - p2)
    if p_e >= 1.0:
        return Figure(None, _no_variation(data))
    return Figure((p_o - p_e) / (1 - p_e))


def fleiss_kappa(data: BinaryUnits) -> Figure:
    """Fleiss (1971): (P̄ - P̄_e) / (1 - P̄_e) with pooled category shares; two or more coders."""
    problem = _check(data)
    if problem:
        return Figure(None, problem)
    m, n = data.coders, data.units
    k = np.arange(m + 1)
    h = np.asarray(data.histogram, dtype=float)
    agreeing_pairs = k * (k - 1) + (m - k) * (m - k - 1)
    p_bar = float((h * agreeing_pairs).sum()) / (n * m * (m - 1))
    p1 = float((h * k).sum()) / (n * m)
    p_e = p1 * p1 + (1 - p1) * (1 - p1)
    if p_e >= 1.0:
        return Figure(None, _no_variation(data))
    return Figure((p_bar - p_e) / (1 - p_e))


def nominal_alpha_binary(data: BinaryUnits) -> Figure:
    """Krippendorff's α, nominal, from the coincidence matrix of binary data without missing values."""
    problem = _check(data)
    if problem:
        return Figure(None, problem)
    m = data.coders
    k = np.arange(m + 1)
    h = np.asarray(data.histogram, dtype=float)
    disagreeing = float((h * k * (m - k)).sum()) * 2 / (m - 1)  # o_01 + o_10
    n1 = float((h * k).sum())
    n = float(data.units * m)
    n0 = n - n1
    if n1 == 0 or n0 == 0:
        return Figure(None, _no_variation(data))
    return Figure(1.0 - (n - 1) * disagreeing / (2 * n1 * n0))


def nominal_alpha(matrix: Sequence[Sequence[Hashable | None]]) -> Figure:
    """Krippendorff's α for nominal data: a coders x units matrix, ``None`` where a value is missing.

    Units with fewer than two values are not pairable and left out (Krippendorff 2011, "Computing
    Krippendorff's alpha-reliability").
    """
    if len(matrix) < 2:
        return Figure(None, f"undefined: needs at least two coders (there is {len(matrix)})")
    values = sorted({v for row in matrix for v in row if v is not None}, key=repr)
    index = {v: i for i, v in enumerate(values)}
    coincidences = np.zeros((len(values), len(values)))
    for column in zip(*matrix, strict=True):
        present = [index[v] for v in column if v is not None]
        mu = len(present)
        if mu < 2:
            continue
        counts = np.bincount(present, minlength=len(values)).astype(float)
        coincidences += (np.outer(counts, counts) - np.diag(counts)) / (mu - 1)
    n_c = coincidences.sum(axis=1)
    n = n_c.sum()
    if n == 0:
        return Figure(None, "undefined: no unit has two values to compare")
    observed = n - np.trace(coincidences)
    expected = (n * n - (n_c * n_c).sum()) / (n - 1)
    if expected == 0:
        return Figure(None, "undefined: every value is the same (no variation)")
    return Figure(1.0 - observed / expected)


# -- unitized alpha ------------------------------------------------------------------------------------------
def merge_intervals(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open intervals; overlapping or touching ones become one."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


@dataclass(frozen=True)
class Continuum:
    """Coders' units on one binary continuum (one code), summarised for α_u.

    ``coverage[k]`` is the length covered by exactly ``k`` coders' units, ``squares[i]`` the sum of the
    squared lengths of coder ``i``'s units and ``lengths[i]`` their total length.
    """

    length: int
    coverage: tuple[int, ...]
    lengths: tuple[int, ...]
    squares: tuple[int, ...]

    def __add__(self, other: Continuum) -> Continuum:
        return Continuum(self.length + other.length,
                         tuple(a + b for a, b in zip(self.coverage, other.coverage, strict=True)),
                         tuple(a + b for a, b in zip(self.lengths, other.lengths, strict=True)),
                         tuple(a + b for a, b in zip(self.squares, other.squares, strict=True)))

    def as_units(self) -> BinaryUnits:
        """The same data read character by character."""
        return BinaryUnits(self.coverage, self.lengths)


def continuum(length: int, units_by_coder: Sequence[Iterable[tuple[int, int]]]) -> Continuum:
    """Build a :class:`Continuum` of ``length`` characters from each coder's units (merged when they overlap)."""
    m = len(units_by_coder)
    merged = [merge_intervals(u) for u in units_by_coder]
    for units in merged:
        if units and (units[0][0] < 0 or units[-1][1] > length):
            raise ValueError("a unit lies outside the continuum")
    starts = [a for units in merged for a, _ in units]
    ends = [b for units in merged for _, b in units]
    coverage = [0] * (m + 1)
    if starts:
        positions = np.array(starts + ends, dtype=np.int64)
        steps = np.concatenate([np.ones(len(starts), dtype=np.int64), -np.ones(len(ends), dtype=np.int64)])
        order = np.lexsort((steps, positions))
        positions, steps = positions[order], steps[order]
        level = np.cumsum(steps)
        widths = np.diff(positions)
        covered = np.bincount(level[:-1], weights=widths, minlength=m + 1)
        for k in range(1, m + 1):
            coverage[k] = int(covered[k])
    coverage[0] = length - sum(coverage[1:])
    lengths = tuple(sum(b - a for a, b in units) for units in merged)
    squares = tuple(sum((b - a) ** 2 for a, b in units) for units in merged)
    return Continuum(length, tuple(coverage), lengths, squares)


def unitized_alpha(data: Continuum) -> Figure:
    """Krippendorff's α_u (2016) for one valued category against the gaps, nominal metric.

    Observed coincidences: the intersections of the coders' segments, summed over ordered pairs of coders and
    divided by m - 1. Expected: u_.. (u_c u_k - [c=k] Σ w) / (u_..² - Σ w), where w is l² for a unit (a unit
    pairs only as a whole) and l for a gap (a gap pairs character by character).
    """
    m = len(data.lengths)
    if m < 2:
        return Figure(None, f"undefined: needs at least two coders (there is {m})")
    if data.length == 0:
        return Figure(None, "undefined: no characters to compare")
    total = m * data.length  # u_..
    valued = sum(data.lengths)  # u_c
    gaps = total - valued
    if valued == 0:
        return Figure(None, "undefined: no coder used this code (no variation)")
    if gaps == 0:
        return Figure(None, "undefined: every coder coded every character with it (no variation)")
    k = np.arange(m + 1)
    observed = float((np.asarray(data.coverage, dtype=float) * k * (m - k)).sum()) * 2 / (m - 1)
    denominator = float(total) * total - sum(data.squares) - gaps
    if denominator <= 0:
        return Figure(None, "undefined: too few characters to pair")
    expected = 2.0 * total * valued * gaps / denominator
    return Figure(1.0 - observed / expected)


# -- the whole computation -----------------------------------------------------------------------------------
def compute_agreement(
    documents: Mapping[int, str],
    spans: Iterable[CodedSpan],
    *,
    codes: Mapping[int, str],
    coders: Sequence[str] | None = None,
    unit: str = "sentence",
) -> AgreementReport:
    """Agreement between ``coders`` (default: every coder with a span) on ``codes`` (id -> path; the table
    follows their order) over the ``documents`` (id -> text) that every coder coded."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    spans = [s for s in spans if s.document_id in documents]
    if coders is None:
        coders = sorted({s.coder for s in spans})
    coders = tuple(dict.fromkeys(coders))
    coder_index = {c: i for i, c in enumerate(coders)}
    spans = [s for s in spans if s.coder in coder_index]
    coded_docs: dict[int, set[str]] = defaultdict(set)
    for s in spans:
        coded_docs[s.document_id].add(s.coder)
    doc_ids = tuple(d for d in documents if len(coded_docs.get(d, ())) == len(coders) and coders)
    skipped = tuple(d for d in documents if d not in set(doc_ids))
    included = set(doc_ids)
    code_spans = [s for s in spans if s.document_id in included and s.code_id in codes
                  and 0 <= s.start < s.end <= len(documents[s.document_id])]

    base, position = {}, 0  # every document laid end to end: one continuum
    for d in doc_ids:
        base[d] = position
        position += len(documents[d])
    length = position

    by_code: dict[int, list[list[tuple[int, int]]]] = {c: [[] for _ in coders] for c in codes}
    for s in code_spans:
        by_code[s.code_id][coder_index[s.coder]].append((base[s.document_id] + s.start, base[s.document_id] + s.end))
    continua = {c: continuum(length, by_code[c]) for c in codes}

    if unit == "sentence":
        sentences = _sentence_table(documents, doc_ids, base)
        unit_data, coded_masks = _sentence_units(sentences, by_code, len(coders))
    else:
        sentences = None
        unit_data = {c: continua[c].as_units() for c in codes}
        coded_masks = None

    rows = []
    for code_id, path in codes.items():
        rows.append(_row(code_id, path, unit_data[code_id], continua[code_id]))
    m = len(coders)
    empty_units = BinaryUnits((0,) * (m + 1), (0,) * m)
    pooled = empty_units
    pooled_continuum = Continuum(0, (0,) * (m + 1), (0,) * m, (0,) * m)
    for code_id in codes:
        pooled = pooled + unit_data[code_id]
        pooled_continuum = pooled_continuum + continua[code_id]
    rows.append(_row(None, ALL_CODES, pooled, pooled_continuum))

    disagreements = _disagreements(code_spans, codes, coders, doc_ids, base, sentences, coded_masks, by_code)
    return AgreementReport(unit, coders, doc_ids, skipped, tuple(rows), tuple(disagreements))


def _row(code_id: int | None, path: str, data: BinaryUnits, cont: Continuum) -> CodeAgreement:
    return CodeAgreement(
        code_id=code_id, code=path, units=data.units, coded_units=data.units - data.histogram[0],
        percent=percent_agreement(data), alpha=nominal_alpha_binary(data), cohen_kappa=cohen_kappa(data),
        fleiss_kappa=fleiss_kappa(data), alpha_u=unitized_alpha(cont),
    )


@dataclass(frozen=True)
class _Sentences:
    starts: np.ndarray  # global offsets, in order
    ends: np.ndarray
    documents: np.ndarray  # the document id of each sentence


def _sentence_table(documents: Mapping[int, str], doc_ids: Sequence[int], base: Mapping[int, int]) -> _Sentences:
    starts, ends, docs = [], [], []
    for d in doc_ids:
        for sentence in split_sentences(documents[d]):
            starts.append(base[d] + sentence.start)
            ends.append(base[d] + sentence.end)
            docs.append(d)
    return _Sentences(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64),
                      np.array(docs, dtype=np.int64))


def _sentence_range(sentences: _Sentences, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and one-past-last sentence each span [start, end) overlaps (empty when it overlaps none)."""
    first = np.searchsorted(sentences.ends, starts, side="right")
    stop = np.searchsorted(sentences.starts, ends, side="left")
    return first, np.maximum(stop, first)


def _sentence_units(sentences: _Sentences, by_code, m: int):
    n = len(sentences.starts)
    data, masks = {}, {}
    for code_id, per_coder in by_code.items():
        mask = np.zeros((m, n), dtype=bool)
        for i, spans in enumerate(per_coder):
            if not spans or not n:
                continue
            arr = np.asarray(spans, dtype=np.int64)
            first, stop = _sentence_range(sentences, arr[:, 0], arr[:, 1])
            marks = np.zeros(n + 1, dtype=np.int64)
            np.add.at(marks, first, 1)
            np.add.at(marks, stop, -1)
            mask[i] = np.cumsum(marks[:-1]) > 0
        counts = mask.sum(axis=0)
        histogram = np.bincount(counts, minlength=m + 1) if n else np.zeros(m + 1, dtype=int)
        data[code_id] = BinaryUnits(tuple(int(x) for x in histogram), tuple(int(x) for x in mask.sum(axis=1)))
        masks[code_id] = mask
    return data, masks


def _disagreements(code_spans, codes, coders, doc_ids, base, sentences, masks, by_code) -> list[Disagreement]:
    m = len(coders)
    if m < 2 or not doc_ids:
        return []
    order = sorted(base.items(), key=lambda item: item[1])
    starts_of_docs = np.array([b for _, b in order], dtype=np.int64)
    ids_of_docs = [d for d, _ in order]

    def local(position: int) -> tuple[int, int]:
        i = int(np.searchsorted(starts_of_docs, position, side="right")) - 1
        return ids_of_docs[i], position - int(starts_of_docs[i])

    spans_by_code: dict[int, list[CodedSpan]] = defaultdict(list)
    for s in code_spans:
        spans_by_code[s.code_id].append(s)
    out: list[Disagreement] = []
    for code_id, path in codes.items():
        stretches: list[tuple[int, int, frozenset[int]]] = []
        if masks is not None:
            mask = masks[code_id]
            counts = mask.sum(axis=0)
            for u in np.nonzero((counts > 0) & (counts < m))[0]:
                stretches.append((int(sentences.starts[u]), int(sentences.ends[u]),
                                  frozenset(int(i) for i in np.nonzero(mask[:, u])[0])))
        else:
            stretches = _character_stretches(by_code[code_id], m)
        if not stretches:
            continue
        stretch_starts = np.array([a for a, _, _ in stretches], dtype=np.int64)
        touching: dict[int, list[int]] = defaultdict(list)
        for s in spans_by_code[code_id]:
            lo, hi = base[s.document_id] + s.start, base[s.document_id] + s.end
            i = int(np.searchsorted(stretch_starts, hi, side="left")) - 1
            while i >= 0 and stretches[i][1] > lo:
                if s.annotation_id is not None:
                    touching[i].append(s.annotation_id)
                i -= 1
        for i, (start, end, who) in enumerate(stretches):
            document_id, local_start = local(start)
            out.append(Disagreement(
                document_id=document_id, code_id=code_id, code=path, start=local_start,
                end=local_start + (end - start),
                coded_by=tuple(coders[j] for j in sorted(who)),
                not_coded_by=tuple(c for j, c in enumerate(coders) if j not in who),
                annotation_ids=tuple(sorted(set(touching.get(i, ())))),
            ))
    out.sort(key=lambda d: (d.document_id, d.start, d.code))
    return out


def _character_stretches(per_coder: Sequence[Sequence[tuple[int, int]]], m: int):
    """Maximal stretches where some but not all coders' units lie, with the set of coders there."""
    events: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, spans in enumerate(per_coder):
        for a, b in merge_intervals(spans):
            events[a].append((i, 1))
            events[b].append((i, -1))
    active: set[int] = set()
    out: list[tuple[int, int, frozenset[int]]] = []
    positions = sorted(events)
    for here, there in pairwise(positions):
        for i, step in events[here]:
            if step > 0:
                active.add(i)
            else:
                active.discard(i)
        if 0 < len(active) < m:
            who = frozenset(active)
            if out and out[-1][1] == here and out[-1][2] == who:
                out[-1] = (out[-1][0], there, who)
            else:
                out.append((here, there, who))
    return out
