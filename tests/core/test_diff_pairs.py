"""The text diff pairs independent texts by meaning, measured against the ground truth in framing_sets.py
(where the thresholds were chosen) and diff_heldout.py (never used to choose anything)."""
from __future__ import annotations

import itertools

import pytest
from diff_heldout import EVENT_FLOOD
from framing_sets import EVENT_FIRE, EVENTS, GoldDoc, GoldEvent

from rednote_desk.core.compare.embed import model_note, sentence_model
from rednote_desk.core.compare.passages import passage_diff

ALL = [*EVENTS, EVENT_FLOOD]


@pytest.fixture(scope="module")
def model():
    found = sentence_model()
    assert found is not None, model_note()
    return found


def _labels(gold: GoldDoc, span: tuple[int, int]) -> set[str | None] | None:
    """Labels of the gold body sentences a diff sentence overlaps (None: headline or byline)."""
    found = {name for name, s, e in gold.labelled() if s < span[1] and span[0] < e}
    return found or None


def pair_figures(event: GoldEvent, model) -> tuple[int, int, int]:
    """(right pairs, wrong pairs, gold pairs) over the independent document pairs of an event.

    A pair is right when the two sentences share a statement label (a diff sentence that runs over
    two gold sentences, e.g. across a footnote marker, carries both labels); pairs of headlines are
    not counted; a moved pair counts like an aligned one.
    """
    right = wrong = gold = 0
    for (ga, da), (gb, db) in itertools.combinations(zip(event.docs, event.documents(), strict=True), 2):
        if not event.independent(ga.key, gb.key):
            continue
        gold += len({n for n, _, _ in ga.labelled() if n} & {n for n, _, _ in gb.labelled() if n})
        diff = passage_diff(da.text, db.text, model=model)  # two-sentence briefs may still diff word by word
        for row in diff.rows:
            if row.kind == "pair":
                a, b = row.a, row.b
            elif row.kind == "only_a" and row.moved is not None:
                a, b = row.a, row.moved
            else:
                continue
            la, lb = _labels(ga, a), _labels(gb, b)
            if la is None or lb is None:
                continue
            if (la & lb) - {None}:
                right += 1
            else:
                wrong += 1
    return right, wrong, gold


@pytest.mark.parametrize("event", ALL, ids=lambda e: e.name)
def test_independent_pairs_pair_the_same_statements(event, model, record_property):
    right, wrong, gold = pair_figures(event, model)
    precision, recall = right / (right + wrong), right / gold
    record_property("pair_precision", precision)
    record_property("pair_recall", recall)
    print(f"{event.name}: diff pair precision {precision:.2f} ({right}/{right + wrong}), "
          f"recall {recall:.2f} ({right}/{gold})")
    assert precision >= 0.9
    assert recall >= 0.7


@pytest.mark.parametrize("event", ALL, ids=lambda e: e.name)
def test_without_the_model_pairs_stay_precise(event):
    right, wrong, _ = pair_figures(event, None)
    assert right and right / (right + wrong) >= 0.9


def test_a_copy_still_diffs_word_by_word():
    gazette, digest, spun, _ = EVENT_FIRE.documents()
    verbatim = passage_diff(gazette.text, digest.text)
    assert not verbatim.meaning and not any(r.changed for r in verbatim.rows if r.kind == "pair")
    assert verbatim.summary().startswith("0 words changed in 0 sentences;")
    spin = passage_diff(gazette.text, spun.text)
    assert not spin.meaning and spin.summary().split(";")[0].endswith("sentences")
    swapped = [r for r in spin.rows if r.kind == "pair" and any(c.tag != "equal" for c in r.chunks)]
    assert swapped and all(len(r.chunks) > 1 for r in swapped)  # word by word, not whole sentences


def test_headlines_pair_only_with_headlines_and_bylines_never(model):
    wire, _, _, ledger = EVENTS[0].documents()
    diff = passage_diff(wire.text, ledger.text, model=model)
    headline_a = (0, wire.text.index("\n"))
    byline_a = wire.text.index("By Jonas")
    for row in diff.rows:
        if row.kind == "pair" and row.a == headline_a:
            assert row.b == (0, ledger.text.index("\n"))
        if row.a and row.a[0] == byline_a:
            assert row.kind == "only_a" and row.moved is None


def test_reworded_statements_render_as_one_tint_without_word_confetti(model):
    from rednote_desk.core.html.diff import passage_diff_html, side_tokens
    from rednote_desk.core.html.styles import Reworded

    news, post, _, _ = EVENTS[2].documents()
    diff = passage_diff(news.text, post.text, model=model)
    html = passage_diff_html(diff, headers=("A", "B")).casefold()
    assert diff.meaning and "#e9f1fb" in html and "≈" in html  # the reworded tint and gutter mark
    reworded = [r for r in diff.rows if r.pair_kind == "reworded"]
    assert reworded
    for row in reworded:  # one pale tint over each whole sentence, no strong word-level tint
        for side in ("a", "b"):
            tokens = side_tokens(diff, row, side)
            assert [t for t, _ in tokens] == ([Reworded] if (row.a if side == "a" else row.b) else [])
