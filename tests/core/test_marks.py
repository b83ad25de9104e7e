"""Reading-view marks: sentences only one outlet has, and aligned counterparts across documents."""
from compare_texts import INDEPENDENT, NEW_INTRO, ORIGINAL, SPUN, UNRELATED, VERBATIM_WITH_INTRO

from rednote_desk.core.compare.align import align_documents
from rednote_desk.core.compare.marks import ONLY_HERE, counterparts, unique_sentence_spans
from rednote_desk.core.compare.sentences import split_sentences
from rednote_desk.core.models import Document


def docs(*texts):
    return [Document(id=10 + n, title=f"doc {n}", text=t) for n, t in enumerate(texts)]


def test_the_intro_of_a_republished_copy_is_the_only_unique_passage():
    a, b = docs(ORIGINAL, VERBATIM_WITH_INTRO)
    marks = unique_sentence_spans(align_documents([a, b]), [a.id, b.id])
    assert marks[a.id] == []
    intro = [s for s in split_sentences(b.text) if s.end <= len(NEW_INTRO)]
    assert [(m.start, m.end) for m in marks[b.id]] == [(s.start, s.end) for s in intro]
    assert all(tooltip == ONLY_HERE for _, _, tooltip in marks[b.id])


def test_a_sentence_is_unique_only_if_no_other_open_document_has_it():
    a, b, c = docs(ORIGINAL, UNRELATED, VERBATIM_WITH_INTRO)
    alignments = align_documents([a, b, c])
    with_copy = unique_sentence_spans(alignments, [a.id, b.id, c.id])
    assert with_copy[a.id] == []  # the copy has every sentence of the original
    assert len(with_copy[b.id]) == len(split_sentences(UNRELATED))
    # Close the copy: now most of the original is unique again.
    without = unique_sentence_spans(alignments, [a.id, b.id])
    assert set(without) == {a.id, b.id}
    assert len(without[a.id]) >= len(split_sentences(ORIGINAL)) - 1
    for start, end, _ in without[a.id]:
        assert ORIGINAL[start:end].strip() == ORIGINAL[start:end] and ORIGINAL[start:end]


def test_one_open_document_or_no_alignment_gives_no_marks():
    a, b = docs(ORIGINAL, INDEPENDENT)
    alignments = align_documents([a, b])
    assert unique_sentence_spans(alignments, [a.id]) == {}
    assert unique_sentence_spans({}, [a.id, b.id]) == {}


def test_shared_sentences_name_the_other_outlet_with_kind_and_score():
    a, b = docs(ORIGINAL, SPUN)
    alignments = align_documents([a, b])
    marks = unique_sentence_spans(alignments, [a.id, b.id], labels={b.id: "Spin Daily"}, include_shared=True)
    shared = [m for m in marks[a.id] if m.tooltip != ONLY_HERE]
    assert len(shared) >= 0.9 * len(split_sentences(ORIGINAL))
    tip = next(m.tooltip for m in shared if ORIGINAL[m.start:m.end].startswith("Business owners"))
    assert tip.startswith("Also in: Spin Daily (paraphrase 0.") or tip.startswith("Also in: Spin Daily (near-identical")


def test_counterparts_follow_a_sentence_across_columns_both_ways():
    a, b, c = docs(ORIGINAL, SPUN, UNRELATED)
    alignments = align_documents([a, b, c])
    start = ORIGINAL.index("Business owners")
    found = counterparts(alignments, a.id, start + 5)  # any offset inside the sentence
    assert [x.document_id for x in found] == [b.id]
    other, s, e, score, kind = found[0]
    assert SPUN[s:e].startswith("Enterprise homeowners") and 0.3 <= score < 1 and kind != "unique"
    back = counterparts(alignments, b.id, s)
    assert [(x.document_id, ORIGINAL[x.start:x.end][:15]) for x in back] == [(a.id, "Business owners")]
    assert counterparts(alignments, a.id, start, document_ids=[a.id, c.id]) == []
    assert counterparts(alignments, c.id, 0) == []  # the unrelated headline has no counterpart


def test_offsets_are_code_points_with_astral_text():
    prefix = "𝓞𝓹𝓮𝓻𝓪 🚢 news.\n\n"
    a, b = docs(prefix + ORIGINAL, ORIGINAL)
    alignments = align_documents([a, b])
    marks = unique_sentence_spans(alignments, [a.id, b.id])
    assert [a.text[m.start:m.end] for m in marks[a.id]] == ["𝓞𝓹𝓮𝓻𝓪 🚢 news."]
    start = a.text.index("Business owners")
    (hit,) = counterparts(alignments, a.id, start)
    assert b.text[hit.start:hit.end] == a.text[start:start + hit.end - hit.start]
