"""Sentence alignment across documents."""
import json

from compare_texts import INDEPENDENT, ORIGINAL, SPUN, UNRELATED, VERBATIM_WITH_INTRO, ZH_ORIGINAL, ZH_SPUN

from rednote_desk.core.compare.align import WordCodes, align_documents, align_prepared, prepare
from rednote_desk.core.compare.sentences import split_sentences
from rednote_desk.core.models import Document


def align_pair(text_a: str, text_b: str, *, doc_a: int = 0, doc_b: int = 1):
    """Align the sentences of two texts on their own."""
    vocab = WordCodes()
    return align_prepared(prepare(text_a, vocab), prepare(text_b, vocab), doc_a=doc_a, doc_b=doc_b)


def test_verbatim_copy_aligns_every_sentence_as_identical():
    al = align_pair(ORIGINAL, VERBATIM_WITH_INTRO)
    n = len(split_sentences(ORIGINAL))
    assert len(al.pairs) == n
    assert {p.kind for p in al.pairs} == {"identical"}
    assert all(p.score == 1.0 for p in al.pairs)
    # The new intro is unique to B, and its sentences come first.
    assert [p.b_index for p in al.unique_b] == [0, 1]
    for p in al.pairs:
        assert ORIGINAL[p.a_start:p.a_end] == VERBATIM_WITH_INTRO[p.b_start:p.b_end]


def test_spun_copy_aligns_in_order_as_paraphrases():
    al = align_pair(ORIGINAL, SPUN)
    n = len(split_sentences(ORIGINAL))
    assert len(al.in_order()) >= 0.9 * n
    assert all(p.a_index == p.b_index for p in al.pairs)  # same structure, sentence for sentence
    assert {p.kind for p in al.pairs} <= {"paraphrase", "near-identical"}
    pair = next(p for p in al.pairs if "Business owners" in ORIGINAL[p.a_start:p.a_end])
    assert SPUN[pair.b_start:pair.b_end].startswith("Enterprise homeowners")


def test_independent_and_unrelated_articles_share_no_sentences():
    for other in (INDEPENDENT, UNRELATED):
        al = align_pair(ORIGINAL, other)
        assert len(al.pairs) <= 1
        assert len(al.unique_a) >= len(split_sentences(ORIGINAL)) - 1


def test_unique_sentences_carry_best_rejected_score():
    al = align_pair(ORIGINAL, UNRELATED)
    assert al.unique_a and all(p.kind == "unique" and p.b_index is None for p in al.unique_a)
    assert all(0.0 <= p.score < 0.6 for p in al.unique_a)
    assert all(p.a_index is None and p.b_start is not None for p in al.unique_b)


def test_near_identical_kind():
    a = "The mayor announced on Sunday that the city would spend $18 million on new engines over three years."
    b = "The mayor announced on Sunday that the city will spend $18 million on new engines over three years."
    (pair,) = align_pair(a, b).pairs
    assert pair.kind == "near-identical" and 0.85 <= pair.score < 1.0


def test_chinese_spun_copy_aligns():
    al = align_pair(ZH_ORIGINAL, ZH_SPUN)
    assert len(al.pairs) == len(split_sentences(ZH_ORIGINAL))
    assert all(p.a_index == p.b_index for p in al.pairs)


def test_align_documents_all_pairs_keyed_by_id_and_json():
    docs = [Document(id=10, title="o", text=ORIGINAL), Document(id=11, title="s", text=SPUN),
            Document(id=12, title="u", text=UNRELATED)]
    result = align_documents(docs)
    assert set(result) == {(10, 11), (10, 12), (11, 12)}
    assert len(result[(10, 11)].pairs) > len(result[(10, 12)].pairs)
    # Same result as aligning the pair on its own.
    alone = align_pair(ORIGINAL, SPUN, doc_a=10, doc_b=11)
    assert [(p.a_index, p.b_index) for p in alone.pairs] == [(p.a_index, p.b_index) for p in result[(10, 11)].pairs]
    data = json.loads(json.dumps(result[(10, 11)].to_json()))
    assert data["doc_a"] == 10 and data["doc_b"] == 11 and data["pairs"][0]["kind"] == "paraphrase"


def test_empty_and_astral_texts():
    assert align_pair("", "Some text.").pairs == ()
    a = "♬ 𝓞𝓹𝓮𝓻𝓪 sails today from the old northern harbour. Nothing else happened."
    b = "Nothing else happened. ♬ 𝓞𝓹𝓮𝓻𝓪 sails today from the old northern harbour."
    al = align_pair(a, b)
    assert len(al.pairs) == 2 and len(al.in_order()) == 1
    for p in al.pairs:
        assert a[p.a_start:p.a_end] == b[p.b_start:p.b_end]
