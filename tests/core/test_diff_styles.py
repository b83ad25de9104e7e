"""Rendering word diffs as pygments tokens and self-contained HTML."""
import re

from compare_texts import ORIGINAL, SPUN
from pygments.token import Generic, Text

from rednote_desk.core.compare.worddiff import word_diff
from rednote_desk.core.html.styles import (Changed, ChangedNew, ChangedOld, RedNoteDiffStyle, diff_tokens,
                                      render_inline_html, render_side_by_side_html, side_by_side_rows, style_css)

EDITED = ORIGINAL.replace("$18 million", "$20 million").replace(
    "Some users waited", "Some <script>alert('x')</script> users waited")


def _side(tokens, *types):
    return "".join(v for t, v in tokens if t in types)


def test_inline_tokens_rebuild_both_texts():
    for b in (EDITED, SPUN):
        toks = diff_tokens(ORIGINAL, b, word_diff(ORIGINAL, b))
        assert _side(toks, Text, Changed, Generic.Deleted) == ORIGINAL
        assert _side(toks, Text, Changed, Generic.Inserted) == b


def test_two_tier_colouring_marks_only_changed_sentences():
    toks = diff_tokens(ORIGINAL, EDITED, word_diff(ORIGINAL, EDITED))
    assert [v for t, v in toks if t is Generic.Deleted] == ["18"]
    assert [v for t, v in toks if t is Generic.Inserted] == ["<script>alert('x')</script> ", "20"]
    pale = _side(toks, Changed)
    assert "The mayor's office announced on Sunday that it would spend $" in pale
    assert "users waited more than an hour in the cold." in pale
    # Sentences without a change stay plain text.
    assert "Mechanics warned" not in pale and "Mechanics warned" in _side(toks, Text)
    assert "City officials say the strike is unnecessary." in _side(toks, Text)


def test_html_is_escaped_and_self_contained():
    chunks = word_diff(ORIGINAL, EDITED)
    for html in (render_inline_html(ORIGINAL, EDITED, chunks, full=True),
                 render_side_by_side_html(ORIGINAL, EDITED, chunks, full=True)):
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert html.startswith("<!DOCTYPE html>") and "<style>" in html
        assert not re.search(r"(src|href)=|@import|url\(", html)
        # Strong tints come from the style, inline (noclasses).
        assert "background-color: #ABF2BC" in html and "background-color: #FFC4C8" in html


def test_inline_fragment_collapses_long_unchanged_stretches():
    chunks = word_diff(ORIGINAL, EDITED)
    html = render_inline_html(ORIGINAL, EDITED, chunks)
    assert not html.startswith("<!DOCTYPE") and html.startswith('<div class="rednote-diff"')
    assert html.count("<details") == html.count("</details>") >= 1
    assert "unchanged words" in html
    flat = render_inline_html(ORIGINAL, EDITED, chunks, collapse=False)
    assert "<details" not in flat
    # Nothing is lost by folding: the same text is there once tags are stripped.
    strip = lambda h: re.sub(r"<summary.*?</summary>|<[^>]+>", "", h)  # noqa: E731
    assert strip(html) == strip(flat)


def test_side_by_side_rows_are_aligned_paragraphs():
    rows = side_by_side_rows(ORIGINAL, EDITED, word_diff(ORIGINAL, EDITED))
    paras_a = [p for p in ORIGINAL.split("\n") if p.strip()]
    paras_b = [p for p in EDITED.split("\n") if p.strip()]
    assert [_side(r.left, Text, ChangedOld, Generic.Deleted) for r in rows] == paras_a
    assert [_side(r.right, Text, ChangedNew, Generic.Inserted) for r in rows] == paras_b
    assert [n for n, r in enumerate(rows) if r.changed] == [2, 4]


def test_side_by_side_html_folds_unchanged_runs_and_has_two_columns():
    html = render_side_by_side_html(ORIGINAL, EDITED, word_diff(ORIGINAL, EDITED), headers=("Original", "Edit"))
    assert html.count('<tr class="changed">') == 2
    assert "unchanged passages" in html and "<details>" in html
    assert html.count('<td class="old"') == html.count('<td class="new"') == len(
        [p for p in ORIGINAL.split("\n") if p.strip()])


def test_astral_and_cjk_text_render_intact():
    a, b = "♬ 𝓞𝓹𝓮𝓻𝓪 美国用户涌入小红书。", "♬ 𝓞𝓹𝓮𝓻𝓪 美国网民涌入小红书。"
    toks = diff_tokens(a, b, word_diff(a, b))
    assert [v for t, v in toks if t is Generic.Deleted] == ["用户"]
    assert _side(toks, Text, Changed, Generic.Inserted) == b
    html = render_inline_html(a, b, word_diff(a, b))
    assert "𝓞𝓹𝓮𝓻𝓪" in html and "网民" in html


def test_style_and_css():
    styles = RedNoteDiffStyle.styles
    assert styles[Changed] != styles[Generic.Inserted] and styles[ChangedOld] != styles[Generic.Deleted]
    css = style_css()
    assert ".rednote-diff" in css and "#abf2bc" in css.lower() and "details" in css


def test_identical_texts_render_without_changes():
    toks = diff_tokens(ORIGINAL, ORIGINAL, word_diff(ORIGINAL, ORIGINAL))
    assert toks == [(Text, ORIGINAL)]
    assert not any(r.changed for r in side_by_side_rows(ORIGINAL, ORIGINAL, word_diff(ORIGINAL, ORIGINAL)))
