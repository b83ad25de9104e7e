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


def test_large_index_queries_touch_only_nearby_spans():
    rng = random.Random(1)
    spans = [(i, p, p + rng.randint(5, 200)) for i, p in enumerate(sorted(rng.randrange(1_000_000) for _ in range(10_000)))]
    index = IntervalIndex(spans)
    hits = index.overlapping(500_000, 502_000)
    assert hits and all(s < 502_000 and e > 500_000 for _, s, e in hits)
    assert len(hits) < 200


@given(spans=spans_strategy, extra=spans_strategy, data=st.data())
def test_incremental_add_and_remove_match_a_rebuild(spans, extra, data):
    keyed = [(i, s, e) for i, (s, e) in enumerate(spans)]
    index = IntervalIndex(keyed, bucket=256)
    added = [(1000 + i, s, e) for i, (s, e) in enumerate(extra)]
    for key, s, e in added:
        index.add(key, s, e)
    removed = set(data.draw(st.lists(st.sampled_from([k for k, *_ in keyed + added] or [None]), max_size=10)))
    for key in removed:
        index.remove(key)
    live = [t for t in keyed + added if t[0] not in removed]
    assert len(index) == len(live)
    a, b = data.draw(st.integers(0, 9000)), data.draw(st.integers(1, 4000))
    expected = sorted((s, e, k) for k, s, e in live if s < a + b and e > a)
    assert sorted((s, e, k) for k, s, e in index.overlapping(a, a + b)) == expected
    for k1, s1, e1 in live:  # overlapping spans never share a lane, after any sequence of changes
        for k2, s2, e2 in live:
            if k1 != k2 and s1 < e2 and s2 < e1:
                assert index.lanes[k1] != index.lanes[k2]
