"""Content-aligned scrolling: the text at the top of one column maps to where it continues in the other."""
from rednote_desk.core.compare.align import align_documents
from rednote_desk.core.compare.scroll_sync import counterpart_offset, scroll_anchors
from rednote_desk.core.models import Document


def test_counterpart_offsets_follow_the_aligned_sentences_not_the_proportion():
    shared = ["The storm closed the harbour on Monday.", "Officials said 3,000 homes lost power.",
              "Schools will reopen on Thursday, the mayor said."]
    long_intro = " ".join(f"Background sentence number {i} about the region's long history." for i in range(60))
    a = Document(id=1, title="A", text=" ".join(shared))
    b = Document(id=2, title="B", text=long_intro + " " + " ".join(shared))
    alignments = align_documents([a, b])
    anchors = scroll_anchors(alignments, 1, 2)
    assert len(anchors) >= 2
    for sentence in shared:
        assert counterpart_offset(anchors, a.text.index(sentence)) == b.text.index(sentence)
    # and back, from the long text to the short one
    back = scroll_anchors(alignments, 2, 1)
    assert counterpart_offset(back, b.text.index(shared[1])) == a.text.index(shared[1])
    # halfway between two anchors maps halfway between their counterparts
    mid_a = (a.text.index(shared[1]) + a.text.index(shared[2])) // 2
    mapped = counterpart_offset(anchors, mid_a)
    assert b.text.index(shared[1]) < mapped < b.text.index(shared[2])


def test_no_alignment_means_no_mapping():
    assert scroll_anchors({}, 1, 2) == []
    assert counterpart_offset([], 10) is None
    assert counterpart_offset([(100, 500)], 40) == 440 and counterpart_offset([(100, 50)], 0) == 0
    assert counterpart_offset([(100, 500)], 130) == 530
