"""The numpy-only sparse products of the meaning scores (rednote_desk.core.compare.meaning)."""
import math
import random
import subprocess
import sys

import numpy as np
import pytest

from rednote_desk.core.compare import meaning
from rednote_desk.core.compare.body import Statement
from rednote_desk.core.compare.meaning import StatementIndex, _idf_postings, _normalised, _Postings, _products


def _random_sets(seed: int, n: int = 60, vocab: int = 40) -> list[set[str]]:
    rng = random.Random(seed)
    sets = [{f"w{rng.randrange(vocab)}" for _ in range(rng.randrange(0, 9))} for _ in range(n)]
    for s in sets[::3]:
        s.add("everywhere")  # in every third item
    return sets


def _reference(sets: list[set[str]], rows: list[int], cols: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(cosine of idf-weighted words, summed idf of the shared terms), in float64 from the definitions."""
    n = len(sets)
    df: dict[str, int] = {}
    for s in sets:
        for w in s:
            df[w] = df.get(w, 0) + 1
    idf = {w: math.log((1 + n) / (1 + d)) for w, d in df.items()}
    norm = [math.sqrt(sum(idf[w] ** 2 for w in s)) or 1.0 for s in sets]
    cos = np.array([[sum(idf[w] ** 2 for w in sets[i] & sets[j]) / (norm[i] * norm[j]) for j in cols] for i in rows])
    shared = np.array([[sum(idf[w] for w in sets[i] & sets[j]) for j in cols] for i in rows])
    return cos, shared


def _anchor_postings(sets: list[set[str]]) -> _Postings:
    items, terms, idf, n_terms = _idf_postings(sets)
    return _Postings.of(items, terms, idf, len(sets), n_terms)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_products_match_the_definitions(seed):
    sets = _random_sets(seed)
    sets[5] = set()  # an item without terms scores 0 with everything
    rng = random.Random(seed)
    rows = [rng.randrange(len(sets)) for _ in range(25)] + [5, 5]  # repeated items are fine
    cols = [rng.randrange(len(sets)) for _ in range(30)] + [5]
    cos, shared = _reference(sets, rows, cols)
    words = _normalised(sets)
    got_cos = _products(words, words, np.array(rows), np.array(cols))
    got_shared = _products(_anchor_postings(sets), _anchor_postings(sets), np.array(rows), np.array(cols), ones=True)
    assert got_cos.dtype == np.float32 and got_cos.shape == (len(rows), len(cols))
    np.testing.assert_allclose(got_cos, cos, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got_shared, shared, rtol=1e-5, atol=1e-6)
    assert not got_cos[-2:].any() and not got_cos[:, -1].any()
    assert cos.max() > 0.5 and shared.max() > 1.0  # the sets do share words


def test_chunked_products_are_bit_for_bit_the_same(monkeypatch):
    sets = _random_sets(7, n=120, vocab=15)
    words = _normalised(sets)
    rows, cols = np.arange(120), np.arange(119, -1, -1)
    whole = _products(words, words, rows, cols)
    monkeypatch.setattr(meaning, "_CHUNK", 5)  # many small chunks, some a single posting with more matches
    chunked = _products(words, words, rows, cols)
    assert np.array_equal(whole.view(np.uint32), chunked.view(np.uint32))


def test_a_term_in_every_item_weighs_nothing():
    sets = [{"event", f"w{i}"} for i in range(4)] + [{"event", "w0"}]
    words = _normalised(sets)
    got = _products(words, words, np.arange(5), np.arange(5))
    assert got[0, 1] == 0.0 and got[0, 4] == pytest.approx(1.0, abs=1e-6)


def test_statement_index_scores_shared_words_and_anchors():
    texts = ["The council approved 48,000 new homes near Harbour Bridge.",
             "Harbour Bridge will get 48000 homes, the council said.",
             "Rain is expected on Sunday.", ""]
    items = [Statement(document_id=k, index=0, start=0, end=len(t), text=t, compared=t, role="body", paragraph=1,
                       paragraphs=1, body_index=0) for k, t in enumerate(texts)]
    index = StatementIndex(items, None)
    parts = index.parts([0, 3], [1, 2, 3])
    assert parts["words"][0, 0] > 0.3 and parts["words"][0, 1] == 0.0
    # the number is shared (the name not: at the start of a sentence it is only "Bridge"), worth half of two
    assert parts["anchors"][0, 0] == pytest.approx(0.5, abs=1e-6) and not parts["anchors"][1].any()
    assert index.parts([], [1])["words"].shape == (0, 1)


def test_the_meaning_scores_do_not_import_scipy_sparse():
    code = "import sys, rednote_desk.core.compare.meaning; print('scipy.sparse' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"


class _BackwardSet(set):
    """A set that hands out its members in the opposite order (as another hash seed may)."""

    def __iter__(self):
        return reversed(list(super().__iter__()))


def test_the_scores_do_not_depend_on_the_order_a_set_hands_out_its_words():
    """A set's order changes with Python's hash seed; the terms' numbering, the order of the sums and so the
    scores' last bits must not (the comparison's JSON is the same from one run to the next)."""
    sets = _random_sets(11)
    backward = [_BackwardSet(s) for s in sets]
    assert [list(b) for b in backward] != [list(s) for s in sets]
    for got, want in zip(_idf_postings(backward), _idf_postings(sets), strict=True):
        assert np.array_equal(got, want)
    rows, cols = np.arange(len(sets)), np.arange(len(sets))
    same = _products(_normalised(sets), _normalised(sets), rows, cols)
    assert np.array_equal(_products(_normalised(backward), _normalised(backward), rows, cols), same)
