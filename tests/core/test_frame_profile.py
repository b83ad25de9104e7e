"""Frame profile: counts and character shares per top-level tag, overlaps counted once."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rednote_desk.core.compare.frame_profile import frame_profile, frames_for, tag_paths, union_length
from rednote_desk.core.models import Annotation, Tag

TAGS = [
    Tag(1, "Generic frames"), Tag(2, "Conflict", parent_id=1), Tag(3, "Human interest", parent_id=1),
    Tag(4, "Claim types"), Tag(5, "Statistic", parent_id=4), Tag(6, "Deep", parent_id=5),
]


def ann(doc, start, end, *tags, status="anchored"):
    return Annotation(None, doc, start, end, "x" * (end - start), tag_ids=tuple(tags), status=status)


def test_union_length_merges_overlaps_and_touching_spans():
    assert union_length([(0, 10), (5, 15), (20, 25), (25, 30), (3, 4)]) == 25
    assert union_length([]) == 0
    assert union_length([(5, 5), (7, 3)]) == 0


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=20))
def test_union_length_equals_covered_positions(spans):
    covered = {i for s, e in spans for i in range(s, e)}
    assert union_length(spans) == len(covered)


def test_top_level_frames_with_subtrees_in_codebook_order():
    frames = frames_for(TAGS)
    assert [f.path for f in frames] == ["Generic frames", "Claim types"]
    assert frames[1].subtree == {4, 5, 6}
    assert tag_paths(TAGS)[6] == "Claim types/Statistic/Deep"
    assert [f.path for f in frames_for(TAGS, roots=[2, 3])] == ["Generic frames/Conflict", "Generic frames/Human interest"]


def test_subtree_tags_count_for_the_top_level_and_overlaps_do_not_double_count():
    anns = [
        ann(1, 0, 40, 2),        # Conflict
        ann(1, 20, 60, 3),       # Human interest overlaps the first: Generic frames covers 0..60
        ann(1, 50, 55, 2, 3),    # both children in one annotation: one annotation, inside the union
        ann(1, 80, 90, 6),       # Claim types via a grandchild
        ann(2, 0, 10, 5),
        ann(1, 0, 100, 2, status="orphaned"),  # not placed: ignored
        ann(9, 0, 10, 2),        # a document not compared: ignored
    ]
    profile = frame_profile([(1, 200), (2, 50)], anns, TAGS)
    generic = profile.share(1, 1)
    assert (generic.annotations, generic.characters) == (3, 60)
    assert generic.share == 60 / 200
    assert profile.share(1, 4).characters == 10
    assert profile.share(2, 4).share == 10 / 50
    assert profile.share(2, 1).annotations == 0
    data = profile.to_json()
    assert [f["path"] for f in data["frames"]] == ["Generic frames", "Claim types"]
    assert data["documents"][0]["frames"][0] == {"tag_id": 1, "path": "Generic frames", "annotations": 3,
                                                 "characters": 60, "share": 0.3}


def test_spans_past_the_end_are_clamped_and_empty_documents_have_zero_share():
    profile = frame_profile([(1, 10), (2, 0)], [ann(1, 5, 30, 2), ann(2, 0, 3, 2)], TAGS)
    assert profile.share(1, 1).characters == 5
    assert profile.share(2, 1).share == 0.0
