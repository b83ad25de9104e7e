import random

from hypothesis import given
from hypothesis import strategies as st

from rednote_desk.core.intervals import IntervalIndex

spans_strategy = st.lists(
    st.tuples(st.integers(0, 5000), st.integers(1, 3000)).map(lambda t: (t[0], t[0] + t[1])), max_size=60
)


@given(spans=spans_strategy, a=st.integers(0, 9000), length=st.integers(1, 4000))
def test_overlapping_matches_brute_force(spans, a, length):
    keyed = [(i, s, e) for i, (s, e) in enumerate(spans)]
    index = IntervalIndex(keyed, bucket=256)
    b = a + length
    expected = sorted((s, e, k) for k, s, e in keyed if s < b and e > a)
    got = sorted((s, e, k) for k, s, e in index.overlapping(a, b))
    assert got == expected


@given(spans=spans_strategy)
def test_overlapping_spans_never_share_a_lane(spans):
    keyed = [(i, s, e) for i, (s, e) in enumerate(spans)]
    index = IntervalIndex(keyed)
    for k1, s1, e1 in keyed:
        for k2, s2, e2 in keyed:
            if k1 < k2 and s1 < e2 and s2 < e1:
                assert index.lanes[k1] != index.lanes[k2]


def test_lanes_are_few_for_nested_spans():
    index = IntervalIndex([("outer", 0, 100), ("inner", 10, 20), ("later", 30, 40)])
    assert index.lanes == {"outer": 0, "inner": 1, "later": 1}
    assert [k for k, *_ in index.containing(15)] == ["outer", "inner"]
    assert index.first_at_or_after(11)[0] == "later"
    assert index.last_before(11)[0] == "inner"


def test_large_index_queries_touch_only_nearby_spans():
    rng = random.Random(1)
    spans = [(i, p, p + rng.randint(5, 200)) for i, p in enumerate(sorted(rng.randrange(1_000_000) for _ in range(10_000)))]
    index = IntervalIndex(spans)
    hits = index.overlapping(500_000, 502_000)
    assert hits and all(s < 502_000 and e > 500_000 for _, s, e in hits)
    assert len(hits) < 200
