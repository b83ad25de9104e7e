"""Intercoder agreement: against the `krippendorff` package, worked examples from the literature, edge cases."""
from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest

from rednote_desk.core.agreement import (
    ALL_CODES,
    CodedSpan,
    binary_units,
    cohen_kappa,
    compute_agreement,
    continuum,
    fleiss_kappa,
    merge_intervals,
    nominal_alpha,
    nominal_alpha_binary,
    percent_agreement,
    unitized_alpha,
)


# -- worked examples -----------------------------------------------------------------------------------------
def test_nominal_alpha_krippendorff_2011_example_with_missing_values():
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units,
    values 1-5 with missing data; nominal α = 0.743."""
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    assert nominal_alpha([a, b, c, d]).value == pytest.approx(0.743, abs=5e-4)


def test_binary_alpha_krippendorff_2011_two_observers():
    """Krippendorff (2011), section A: binary data, two observers, ten units; α = 0.095."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert nominal_alpha_binary(binary_units([a, b])).value == pytest.approx(0.095, abs=5e-4)
    assert nominal_alpha([a, b]).value == pytest.approx(0.095, abs=5e-4)


def test_cohen_kappa_textbook_example():
    """The 50 grant proposals of Wikipedia's "Cohen's kappa" article: 20 yes/yes, 5 yes/no, 10 no/yes,
    15 no/no; p_o = 0.7, p_e = 0.5, κ = 0.4."""
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    data = binary_units([a, b])
    assert cohen_kappa(data).value == pytest.approx(0.4)
    assert percent_agreement(data).value == pytest.approx(0.7)


def _fleiss_general(table):
    """Fleiss' κ from a subjects x categories count table (for the multi-category worked example)."""
    t = np.asarray(table, dtype=float)
    n = t.sum(axis=1)[0]
    p_j = t.sum(axis=0) / t.sum()
    p_i = ((t * t).sum(axis=1) - n) / (n * (n - 1))
    return (p_i.mean() - (p_j ** 2).sum()) / (1 - (p_j ** 2).sum())


def test_fleiss_kappa_worked_example_and_binary_agrees_with_general_form():
    """Wikipedia's "Fleiss' kappa" worked example (14 raters, 10 subjects, 5 categories): κ = 0.210. Our
    binary Fleiss' κ must equal the general formula on a two-category table."""
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    assert _fleiss_general(table) == pytest.approx(0.210, abs=5e-4)
    rng = random.Random(3)
    matrix = [[rng.random() < 0.4 for _ in range(40)] for _ in range(5)]
    yes = np.sum(matrix, axis=0)
    binary_table = [[5 - k, k] for k in yes]
    assert fleiss_kappa(binary_units(matrix)).value == pytest.approx(_fleiss_general(binary_table))


# -- the krippendorff package on the same reliability matrices -----------------------------------------------
@pytest.mark.parametrize("seed", range(12))
def test_binary_alpha_matches_krippendorff_package(seed):
    rng = random.Random(seed)
    coders, units = rng.randint(2, 6), rng.randint(5, 80)
    share = rng.uniform(0.1, 0.9)
    matrix = [[int(rng.random() < share) for _ in range(units)] for _ in range(coders)]
    ours = nominal_alpha_binary(binary_units(matrix))
    if not ours.defined:
        pytest.skip("no variation drawn")
    expected = krippendorff.alpha(reliability_data=np.array(matrix, dtype=float), level_of_measurement="nominal")
    assert ours.value == pytest.approx(expected, abs=1e-9)
    assert nominal_alpha(matrix).value == pytest.approx(expected, abs=1e-9)


def test_general_nominal_alpha_matches_package_with_missing_values():
    rng = random.Random(7)
    matrix = [[rng.choice([1, 2, 3, None]) for _ in range(30)] for _ in range(4)]
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert nominal_alpha(matrix).value == pytest.approx(expected, abs=1e-9)


def test_sentence_level_alpha_is_the_package_alpha_of_the_sentence_matrix():
    """The whole pipeline: spans -> sentence units -> α equals krippendorff.alpha on the 0/1 matrix we
    write down by hand from which sentences each coder's spans overlap."""
    text = "One. Two two. Three three three. Four. Five five."
    # sentence offsets: One.(0,4) Two two.(5,13) Three...(14,32) Four.(33,38) Five five.(39,49)
    spans = [
        CodedSpan(1, 0, 3, "ann", 7, 1), CodedSpan(1, 14, 20, "ann", 7, 2), CodedSpan(1, 40, 44, "ann", 7, 3),
        CodedSpan(1, 2, 8, "bob", 7, 4), CodedSpan(1, 33, 37, "bob", 7, 5), CodedSpan(1, 45, 48, "bob", 7, 6),
    ]
    report = compute_agreement({1: text}, spans, codes={7: "Frames/Conflict"})
    row = report.rows[0]
    ann = [1, 0, 1, 0, 1]
    bob = [1, 1, 0, 1, 1]
    expected = krippendorff.alpha(reliability_data=np.array([ann, bob], dtype=float), level_of_measurement="nominal")
    assert row.units == 5 and row.coded_units == 5
    assert row.alpha.value == pytest.approx(expected)
    assert row.percent.value == pytest.approx(2 / 5)
    assert {(d.start, d.end, d.coded_by) for d in report.disagreements} == {
        (5, 13, ("bob",)), (14, 32, ("ann",)), (33, 38, ("bob",))}
    two = next(d for d in report.disagreements if d.start == 5)
    assert two.annotation_ids == (4,) and two.not_coded_by == ("ann",)


# -- unitized alpha ------------------------------------------------------------------------------------------
def _alpha_u_by_segments(length, units_by_coder):
    """α_u written the long way, as in Krippendorff et al. (2016): each coder's continuum cut into segments
    (units valued 1, gaps valued 0), observed coincidences from the intersections of every pair of segments of
    different coders, expected ones from the segment lengths."""
    m = len(units_by_coder)
    segments = []
    for units in units_by_coder:
        units = merge_intervals(units)
        segs, pos = [], 0
        for a, b in units:
            if a > pos:
                segs.append((pos, a, 0))
            segs.append((a, b, 1))
            pos = b
        if pos < length:
            segs.append((pos, length, 0))
        segments.append(segs)
    o = np.zeros((2, 2))
    for i in range(m):
        for j in range(m):
            if i == j:
                continue
            for a1, b1, v1 in segments[i]:
                for a2, b2, v2 in segments[j]:
                    o[v1, v2] += max(0, min(b1, b2) - max(a1, a2))
    o /= m - 1
    total = o.sum()
    u = o.sum(axis=1)
    w = {0: 0.0, 1: 0.0}
    for segs in segments:
        for a, b, v in segs:
            w[v] += (b - a) ** 2 if v == 1 else (b - a)
    denominator = total ** 2 - w[0] - w[1]
    e = np.array([[total * (u[c] * u[k] - (w[c] if c == k else 0)) / denominator for k in (0, 1)] for c in (0, 1)])
    return 1 - (total - np.trace(o)) / (total - np.trace(e))


@pytest.mark.parametrize("seed", range(10))
def test_alpha_u_matches_the_segment_by_segment_definition(seed):
    rng = random.Random(seed)
    length = rng.randint(30, 200)
    m = rng.randint(2, 4)
    coders = []
    for _ in range(m):
        units = []
        for _ in range(rng.randint(1, 5)):
            a = rng.randrange(0, length - 1)
            units.append((a, min(length, a + rng.randint(1, 25))))
        coders.append(units)
    ours = unitized_alpha(continuum(length, coders))
    assert ours.value == pytest.approx(_alpha_u_by_segments(length, coders), abs=1e-9)


def test_alpha_u_identical_spans_is_one_and_one_character_units_equal_nominal_alpha():
    spans = [(3, 10), (20, 31)]
    assert unitized_alpha(continuum(50, [spans, spans])).value == pytest.approx(1.0)
    # units one character long cannot be split: α_u reduces to nominal α over the characters
    a = [(i, i + 1) for i in (1, 4, 6, 9)]  # not touching: touching units merge
    b = [(i, i + 1) for i in (1, 5, 7)]
    cont = continuum(12, [a, b])
    matrix = [[int(any(s == i for s, _ in a)) for i in range(12)], [int(any(s == i for s, _ in b)) for i in range(12)]]
    assert unitized_alpha(cont).value == pytest.approx(nominal_alpha(matrix).value)


def test_alpha_u_disjoint_spans_is_negative():
    assert unitized_alpha(continuum(100, [[(0, 10)], [(50, 60)]])).value < 0


# -- edge cases ----------------------------------------------------------------------------------------------
TEXT = "First sentence here. Second one. Third sentence at last."


def test_code_nobody_used_is_undefined_not_one_or_zero():
    spans = [CodedSpan(1, 0, 5, "ann", 1), CodedSpan(1, 0, 5, "bob", 1)]
    report = compute_agreement({1: TEXT}, spans, codes={1: "A", 2: "B"})
    unused = report.rows[1]
    assert unused.code == "B" and unused.coded_units == 0 and unused.units == 3
    for fig in (unused.alpha, unused.cohen_kappa, unused.fleiss_kappa, unused.alpha_u):
        assert fig.value is None and "no coder used" in fig.reason
    assert unused.percent.value == 1.0  # percent agreement is defined: nobody disagreed


def test_perfect_agreement():
    spans = [CodedSpan(1, 0, 19, c, 1) for c in ("ann", "bob")] + [CodedSpan(1, 21, 32, c, 2) for c in ("ann", "bob")]
    report = compute_agreement({1: TEXT}, spans, codes={1: "A", 2: "B"})
    for row in report.rows:
        assert row.alpha.value == pytest.approx(1.0)
        assert row.cohen_kappa.value == pytest.approx(1.0)
        assert row.alpha_u.value == pytest.approx(1.0)
        assert row.percent.value == 1.0
    assert report.disagreements == ()


def test_one_coder_only():
    report = compute_agreement({1: TEXT}, [CodedSpan(1, 0, 5, "ann", 1)], codes={1: "A"})
    row = report.overall
    assert report.coders == ("ann",)
    for fig in (row.percent, row.alpha, row.cohen_kappa, row.fleiss_kappa, row.alpha_u):
        assert fig.value is None and "two coders" in fig.reason


def test_no_overlap_at_all():
    spans = [CodedSpan(1, 0, 19, "ann", 1), CodedSpan(1, 33, 55, "bob", 1)]
    report = compute_agreement({1: TEXT}, spans, codes={1: "A"})
    row = report.rows[0]
    assert row.percent.value == pytest.approx(1 / 3)
    assert row.alpha.value < 0 and row.cohen_kappa.value < 0 and row.alpha_u.value < 0
    assert len(report.disagreements) == 2


def test_every_unit_coded_by_everyone_is_undefined():
    spans = [CodedSpan(1, 0, len(TEXT), c, 1) for c in ("ann", "bob")]
    row = compute_agreement({1: TEXT}, spans, codes={1: "A"}).rows[0]
    assert row.alpha.value is None and "every coder" in row.alpha.reason
    assert row.alpha_u.value is None


def test_documents_not_coded_by_every_coder_are_skipped():
    spans = [CodedSpan(1, 0, 5, "ann", 1), CodedSpan(1, 0, 5, "bob", 1), CodedSpan(2, 0, 5, "ann", 1)]
    report = compute_agreement({1: TEXT, 2: TEXT}, spans, codes={1: "A"})
    assert report.document_ids == (1,) and report.skipped_document_ids == (2,)


def test_cohen_needs_two_fleiss_takes_three_and_character_unit():
    spans = [CodedSpan(1, 0, 10, "a", 1), CodedSpan(1, 0, 12, "b", 1), CodedSpan(1, 2, 10, "c", 1)]
    report = compute_agreement({1: TEXT}, spans, codes={1: "A"}, unit="character")
    row = report.rows[0]
    assert row.cohen_kappa.value is None and "exactly two" in row.cohen_kappa.reason
    assert row.units == len(TEXT) and row.coded_units == 12
    matrix = [[int(0 <= i < 10) for i in range(len(TEXT))], [int(0 <= i < 12) for i in range(len(TEXT))],
              [int(2 <= i < 10) for i in range(len(TEXT))]]
    assert row.alpha.value == pytest.approx(
        krippendorff.alpha(reliability_data=np.array(matrix, dtype=float), level_of_measurement="nominal"))
    assert [(d.start, d.end, d.coded_by) for d in report.disagreements] == [
        (0, 2, ("a", "b")), (10, 12, ("b",))]
    assert math.isfinite(row.fleiss_kappa.value)


def test_overall_row_pools_codes_and_astral_text():
    text = "🚢 ships. 𝓞𝓹𝓮𝓻𝓪 house. Plain end."
    spans = [CodedSpan(1, 0, 1, "a", 1), CodedSpan(1, 0, 8, "b", 1), CodedSpan(1, 10, 15, "a", 2)]
    report = compute_agreement({1: text}, spans, codes={1: "A", 2: "B"})
    assert report.overall.code == ALL_CODES
    assert report.overall.units == 2 * report.rows[0].units
    assert report.overall.coded_units == report.rows[0].coded_units + report.rows[1].coded_units
