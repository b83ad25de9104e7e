"""Aligned passages of two texts (the rows of the diff view and of the report's diffs)."""
import pytest
from compare_texts import INDEPENDENT, NEW_INTRO, ORIGINAL, SPUN, VERBATIM_WITH_INTRO, ZH_ORIGINAL, ZH_SPUN

from rednote_desk.core.compare.passages import Cancelled, passage_diff
from rednote_desk.core.compare.sentences import split_sentences


def spans(diff, side):
    return [getattr(r, side) for r in diff.rows if getattr(r, side) is not None]


def check_tiling(diff):
    """Every sentence of each text appears in exactly one row, in reading order; pair diffs tile both."""
    for side, text in (("a", diff.a), ("b", diff.b)):
        assert spans(diff, side) == [(s.start, s.end) for s in split_sentences(text)]
    for row in diff.rows:
        if row.kind != "pair":
            continue
        sa, sb = diff.a[row.a[0]:row.a[1]], diff.b[row.b[0]:row.b[1]]
        assert "".join(sa[c.a_start:c.a_end] for c in row.chunks) == sa
        assert "".join(sb[c.b_start:c.b_end] for c in row.chunks) == sb


def test_spun_copy_pairs_every_sentence_in_order():
    diff = passage_diff(ORIGINAL, SPUN)
    check_tiling(diff)
    assert {r.kind for r in diff.rows} == {"pair"}
    counts = diff.counts()
    assert counts["sentences_changed"] == len(split_sentences(ORIGINAL)) and counts["only_a"] == counts["only_b"] == 0
    assert counts["words_changed"] > 100
    assert diff.stops == list(range(len(diff.rows)))
    row = next(r for r in diff.rows if ORIGINAL[r.a[0]:r.a[1]].startswith("Business owners"))
    assert SPUN[row.b[0]:row.b[1]].startswith("Enterprise homeowners") and row.pair_kind == "paraphrase"


def test_republished_copy_differs_only_by_its_new_intro():
    diff = passage_diff(ORIGINAL, VERBATIM_WITH_INTRO)
    check_tiling(diff)
    lone = [r for r in diff.rows if r.kind != "pair"]
    assert [r.kind for r in lone] == ["only_b", "only_b"] and all(r.b[1] <= len(NEW_INTRO) for r in lone)
    assert not any(r.changed for r in diff.rows if r.kind == "pair")
    assert diff.summary() == "0 words changed in 0 sentences; 0 sentences only in A, 2 only in B"
    assert diff.stops == [0]  # the run of lone sentences is one change


def test_independent_reports_pair_statements_by_meaning_and_count_them():
    diff = passage_diff(ORIGINAL, INDEPENDENT)
    check_tiling(diff)
    assert diff.meaning  # paired by meaning, not word by word
    pairs = [(ORIGINAL[r.a[0]:r.a[1]], INDEPENDENT[r.b[0]:r.b[1]]) for r in diff.rows if r.kind == "pair"]
    assert any("$18 million" in a and "$18 million" in b for a, b in pairs)
    assert any(a.startswith("Ferry workers in Northport began") and "stood idle on Monday" in b for a, b in pairs)
    c = diff.counts()
    assert 2 <= c["shared"] < 8 and c["reworded"] == c["shared"]  # no sentence is shared word for word
    assert c["only_a"] + c["shared"] == len(split_sentences(ORIGINAL))
    assert c["only_b"] + c["shared"] == len(split_sentences(INDEPENDENT))
    assert diff.summary() == (f"{c['shared']} shared statements ({c['reworded']} reworded"
                              + (f", {c['moved']} moved" if c["moved"] else "") + f"); {c['only_a']} only in A, "
                              f"{c['only_b']} only in B")
    for row in diff.rows:  # a reworded pair is not word-diffed (every word would differ)
        if row.kind == "pair" and row.pair_kind == "reworded":
            assert [ch.tag for ch in row.chunks] == ["replace"]
        if row.moved is not None:  # a moved pair: both sentences on their own rows, pointing at each other
            other = [r for r in diff.rows if r.kind != row.kind and r.moved is not None
                     and (r.a or r.b) == row.moved]
            assert len(other) == 1 and other[0].moved == (row.a or row.b)


def test_independent_reports_without_the_model_pair_on_shared_words_and_anchors():
    diff = passage_diff(ORIGINAL, INDEPENDENT, model=None)
    check_tiling(diff)
    assert diff.meaning == "shared words and anchors"
    pairs = [(ORIGINAL[r.a[0]:r.a[1]], INDEPENDENT[r.b[0]:r.b[1]]) for r in diff.rows if r.kind == "pair"]
    assert any("$18 million" in a and "$18 million" in b for a, b in pairs)


def test_ignore_options_hide_those_differences():
    edited = ORIGINAL.replace("Talks between", "TALKS between").replace("two years.", "two years !")
    edited = edited.replace("Ferry workers in", "Ferry  workers\tin")
    plain = passage_diff(ORIGINAL, edited)
    assert plain.counts()["sentences_changed"] == 3
    assert passage_diff(ORIGINAL, edited, ignore_case=True).counts()["sentences_changed"] == 2
    ignoring = passage_diff(ORIGINAL, edited, ignore_case=True, ignore_punctuation=True, ignore_whitespace=True)
    check_tiling(ignoring)
    assert ignoring.counts()["sentences_changed"] == 0 and ignoring.summary().startswith("No differences")


def test_one_word_change_is_one_word_in_one_sentence():
    diff = passage_diff(ORIGINAL, ORIGINAL.replace("$18 million", "$20 million"))
    assert diff.summary() == "1 word changed in 1 sentence; 0 sentences only in A, 0 only in B"
    (stop,) = diff.stops
    assert "$18 million" in ORIGINAL[diff.rows[stop].a[0]:diff.rows[stop].a[1]]
    assert passage_diff(ORIGINAL, ORIGINAL).summary() == "No differences"


def test_offsets_are_code_points_with_astral_and_cjk_text():
    a = "𝓞𝓹𝓮𝓻𝓪 🚢 sails today. " + ORIGINAL
    b = "𝓞𝓹𝓮𝓻𝓪 🚢 sails tomorrow. " + ORIGINAL
    diff = passage_diff(a, b)
    check_tiling(diff)
    first = diff.rows[0]
    assert a[first.a[0]:first.a[1]] == "𝓞𝓹𝓮𝓻𝓪 🚢 sails today."
    assert [(a[first.a[0]:][c.a_start:c.a_end], b[first.b[0]:][c.b_start:c.b_end])
            for c in first.chunks if c.tag != "equal"] == [("today", "tomorrow")]
    zh = passage_diff(ZH_ORIGINAL, ZH_SPUN)
    check_tiling(zh)
    assert {r.kind for r in zh.rows} == {"pair"} and all(r.changed for r in zh.rows)


def test_cancelling_stops_the_work():
    with pytest.raises(Cancelled):
        passage_diff(ORIGINAL, SPUN, is_cancelled=lambda: True)
    seen = []
    passage_diff(ORIGINAL, SPUN, report=lambda done, total, text: seen.append((done, total)))
    assert seen[0] == (0, 100) and seen[-1] == (100, 100)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
