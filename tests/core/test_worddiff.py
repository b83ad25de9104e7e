"""Word diff: plain-string cases in the style of Meld's matcher tests."""
import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednote_desk.core.compare.worddiff import DiffChunk, changes, word_diff


def changed_words(a: str, b: str, chunks: list[DiffChunk]) -> list[tuple[str, str]]:
    """(text in A, text in B) of every change, stripped of surrounding whitespace."""
    return [(a[c.a_start:c.a_end].strip(), b[c.b_start:c.b_end].strip()) for c in changes(chunks)]


def _view(a, b, chunks):
    return [(c.tag, a[c.a_start:c.a_end], b[c.b_start:c.b_end]) for c in chunks]


def _assert_tiles(a, b, chunks, *, exact_equal=True):
    pa = pb = 0
    for c in chunks:
        assert (c.a_start, c.b_start) == (pa, pb)
        assert c.a_end >= c.a_start and c.b_end >= c.b_start
        if exact_equal and c.tag == "equal":
            assert a[c.a_start:c.a_end] == b[c.b_start:c.b_end]
        pa, pb = c.a_end, c.b_end
    assert (pa, pb) == (len(a), len(b))


def test_identical_texts_are_one_equal_chunk():
    a = "Nothing changed here."
    assert word_diff(a, a) == [DiffChunk("equal", 0, len(a), 0, len(a))]


def test_word_replacement():
    a, b = "The app surged to number one.", "The app surged to primary one."
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)
    assert [x for x in _view(a, b, chunks) if x[0] != "equal"] == [("replace", "number", "primary")]


def test_insert_and_delete():
    a, b = "users fled to RedNote", "many users fled quickly to RedNote"
    got = [x for x in _view(a, b, word_diff(a, b)) if x[0] != "equal"]
    assert [(t, y) for t, x, y in got] == [("insert", "many "), ("insert", " quickly")] or \
        [(t, y.strip()) for t, x, y in got] == [("insert", "many"), ("insert", "quickly")]
    a2, b2 = b, a
    got2 = [x for x in _view(a2, b2, word_diff(a2, b2)) if x[0] != "equal"]
    assert [t for t, _, _ in got2] == ["delete", "delete"]
    assert [x.strip() for _, x, _ in got2] == ["many", "quickly"]


def test_whitespace_only_change_shown_unless_ignored():
    a, b = "foo bar\nbaz", "foo  bar baz"
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)
    assert [x for x in _view(a, b, chunks) if x[0] != "equal"] == [
        ("replace", " ", "  "), ("replace", "\n", " ")]
    ignored = word_diff(a, b, ignore_whitespace=True)
    assert [c.tag for c in ignored] == ["equal"]
    _assert_tiles(a, b, ignored, exact_equal=False)


def test_punctuation_only_change_shown_unless_ignored():
    a, b = "Hello, world!", "Hello world"
    chunks = word_diff(a, b)
    assert [x for x in _view(a, b, chunks) if x[0] != "equal"] == [("delete", ",", ""), ("delete", "!", "")]
    assert [c.tag for c in word_diff(a, b, ignore_punctuation=True)] == ["equal"]


def test_ignore_case():
    a, b = "RedNote Is Popular", "rednote is popular"
    assert [c.tag for c in word_diff(a, b)] == ["replace"]
    assert [c.tag for c in word_diff(a, b, ignore_case=True)] == ["equal"]


def test_ignore_whitespace_still_finds_word_changes_with_right_offsets():
    a, b = "foo   bar\tqux", "foo bar  quux"
    chunks = word_diff(a, b, ignore_whitespace=True)
    _assert_tiles(a, b, chunks, exact_equal=False)
    assert changed_words(a, b, chunks) == [("qux", "quux")]


def test_whitespace_equal_run_between_changes_is_absorbed():
    a, b = "the cold war began", "the chilly warfare began"
    chunks = word_diff(a, b)
    assert [x for x in _view(a, b, chunks) if x[0] != "equal"] == [("replace", "cold war", "chilly warfare")]


def test_tiny_match_between_changes_makes_no_confetti():
    a, b = "alpha a beta of gamma", "delta a epsilon of zeta"
    chunks = word_diff(a, b)
    assert [c.tag for c in chunks] == ["replace"]


def test_real_matches_between_changes_are_kept():
    a = "Officials said the platform would close on Sunday."
    b = "Executives said the platform would shut on Sunday."
    assert changed_words(a, b, word_diff(a, b)) == [("Officials", "Executives"), ("close", "shut")]


def test_cjk_changes_are_per_character():
    a, b = "美国用户涌入小红书。", "美国网民涌入小红书！"
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)
    assert changed_words(a, b, chunks) == [("用户", "网民"), ("。", "！")]


def test_korean_word_change():
    a, b = "틱톡 난민이 몰려왔다", "틱톡 사용자가 몰려왔다"
    assert changed_words(a, b, word_diff(a, b)) == [("난민이", "사용자가")]


def test_astral_plane_offsets_are_code_points():
    a = "♬ original sound – 𝓞𝓹𝓮𝓻𝓪 🚢 sails to port"
    b = "♬ оригинальный звук – 𝓞𝓹𝓮𝓻𝓪 🚢 sails to harbour"
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)
    changed = [c for c in chunks if c.tag != "equal"]
    assert [(a[c.a_start:c.a_end], b[c.b_start:c.b_end]) for c in changed] == [
        ("original sound", "оригинальный звук"), ("port", "harbour")]
    assert changed[1].a_start == a.index("port")  # code points, not UTF-16 units


def test_empty_sides():
    assert word_diff("", "") == []
    assert word_diff("", "new text") == [DiffChunk("insert", 0, 0, 0, 8)]
    assert word_diff("old text", "") == [DiffChunk("delete", 0, 8, 0, 0)]


def test_to_json():
    chunk = word_diff("a b", "a c")[-1]
    assert chunk.to_json() == {"tag": "replace", "a_start": 2, "a_end": 3, "b_start": 2, "b_end": 3}


def _edited(words, rng, rate):
    vocab = ["chilly", "customers", "warfare", "docket", "language", "section"]
    return [w if rng.random() > rate else rng.choice(vocab) for w in words]


@pytest.mark.parametrize("n_words", [300, 40_000])
def test_large_texts_tile_and_find_the_edits(n_words):
    rng = random.Random(n_words)
    base = "Many self-described TikTok refugees began to flee to other social media sites . ".split()
    words = [rng.choice(base) + str(rng.randrange(50)) for _ in range(n_words)]
    edited = _edited(words, rng, 0.05)
    a, b = " ".join(words), " ".join(edited)
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)
    changed_b = sum(len(b[c.b_start:c.b_end].split()) for c in chunks if c.tag != "equal")
    really_changed = sum(x != y for x, y in zip(words, edited, strict=True))
    # Every edit is inside a change, and the diff does not blow up into one big replacement.
    assert really_changed <= changed_b <= really_changed * 3


def test_large_unrelated_texts_do_not_hang():
    rng = random.Random(7)
    a = " ".join(f"w{rng.randrange(100000)}" for _ in range(60_000))
    b = " ".join(f"v{rng.randrange(100000)}" for _ in range(60_000))
    chunks = word_diff(a, b)
    _assert_tiles(a, b, chunks)

_PIECES = st.sampled_from(["cold", "war", "users", "a", "the", " ", "  ", "\n", ",", ".", "’", "3.5",
                           "小", "红", "书", "난민", "𝓞𝓹", "🚢", "Users"])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _TEXT, st.booleans(), st.booleans(), st.booleans())
def test_chunks_always_tile_both_texts(a, b, case, punct, space):
    chunks = word_diff(a, b, ignore_case=case, ignore_punctuation=punct, ignore_whitespace=space)
    _assert_tiles(a, b, chunks, exact_equal=not (case or punct or space))
    assert all(c.tag != "equal" or (c.a_end > c.a_start or c.b_end > c.b_start) for c in chunks)
    for prev, nxt in pairwise(chunks):
        assert not (prev.tag != "equal" and nxt.tag != "equal")  # changes are merged
