"""Selectors and re-anchoring after text edits."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rednote_desk.core.anchoring import (
    CONTEXT_CHARS,
    AnchorResult,
    OffsetMap,
    Selector,
    make_selector,
    reanchor,
    reanchor_many,
)

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
NEWS = (SAMPLES / "003_6a3424b13f4923d6.txt").read_text(encoding="utf-8")
BLOG = (SAMPLES / "000_643f0810d82b4122.txt").read_text(encoding="utf-8")
SPUN = (SAMPLES / "001_15607f0d28ba5f8a.txt").read_text(encoding="utf-8")


def select(text: str, quote: str, nth: int = 0) -> Selector:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return make_selector(text, start, start + len(quote))


def span(result: AnchorResult, text: str) -> str | None:
    return None if result.start is None else text[result.start : result.end]


def test_make_selector_context():
    sel = make_selector("🚢" * 50 + "quote" + "x" * 10, 50, 55)
    assert sel.quote == "quote"
    assert sel.prefix == "🚢" * CONTEXT_CHARS
    assert sel.suffix == "x" * 10
    assert make_selector("abc", 0, 0).prefix == ""
    with pytest.raises(ValueError):
        make_selector("abc", 2, 4)


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80) | st.text("ab 🚢\n", max_size=80),
       st.data())
def test_unchanged_text_is_identity(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sel = make_selector(text, start, end)
    result = reanchor(text, sel, old_text_length=len(text))
    assert (result.start, result.end, result.method) == (start, end, "position")


def test_unchanged_samples_identity_for_many_spans():
    sels = [make_selector(SPUN, s, s + w) for s in range(0, len(SPUN) - 60, 97) for w in (1, 6, 40)]
    results = reanchor_many(SPUN, sels)
    assert all((r.start, r.end, r.method) == (s.start, s.end, "position") for r, s in zip(results, sels, strict=True))


def test_typo_fixed_elsewhere():
    sel = select(NEWS, "63,000 posts under the hashtag")
    new = NEWS.replace("panicked American", "panicking Americn")  # earlier text changes length
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result.method in {"position", "quote"}
    assert span(result, new) == sel.quote
    assert result.start == new.index(sel.quote)


def test_paragraph_inserted_before():
    sel = select(NEWS, "currently boasts around 300 million monthly users")
    new = "Editor's note: this story was updated on Tuesday with new figures.\n" + NEWS
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result.method == "quote"
    assert result.start == sel.start + len(new) - len(NEWS)
    assert span(result, new) == sel.quote


def test_sentence_rewritten_around_untouched_quote():
    sel = select(NEWS, "security concerns linked with Chinese software")
    new = NEWS.replace(
        "In Taiwan, public officials are barred from using RedNote due to",
        "Officials in Taiwan may not install the app, citing",
    )
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result.method in {"position", "quote"}
    assert result.start == new.index(sel.quote)


def test_quote_sentence_deleted_is_orphaned():
    sentence = "The app integrates features of TikTok and Instagram, allowing users, (mostly young urban women), to " \
               "post lifestyle tips on topics ranging from dating to fashion.\n"
    sel = select(NEWS, "allowing users, (mostly young urban women)")
    new = NEWS.replace(sentence, "")
    assert new != NEWS
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result == AnchorResult(None, None, "orphaned", result.score)
    assert not result.anchored


def test_slightly_edited_quote_is_found_fuzzily():
    sel = select(NEWS, "currently boasts around 300 million monthly users")
    new = NEWS.replace("boasts around 300 million", "boasts roughly 300 million")
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result.method == "fuzzy"
    expected = new.index("currently boasts roughly 300 million monthly users")
    assert (result.start, result.end) == (expected, expected + len("currently boasts roughly 300 million monthly users"))
    assert 0.0 < result.score < 1.0


def test_edited_quote_prefers_fuzzy_in_place_over_exact_copy_elsewhere():
    text = "Budget talks. The minister promised new schools today. Weather: rain.\n" \
           "Quoted later, somewhere else: The minister promised new schools in a speech."
    sel = select(text, "The minister promised new schools", nth=0)
    new = text.replace("The minister promised new schools today", "The minister pledged new schools today")
    result = reanchor(new, sel, old_text_length=len(text))
    assert result.method == "fuzzy"
    assert result.start == new.index("The minister pledged")
    assert span(result, new) == "The minister pledged new schools"


def test_repeated_short_quote_disambiguated_by_context():
    text = (
        "Early reports said 63,000 people downloaded the app in one hour. Analysts were sceptical.\n"
        "By Monday there were 63,000 posts under the hashtag, where newcomers learn Chinese phrases.\n"
        "A rival app claimed 63,000 sign-ups, which nobody could verify.\n"
    )
    sel = select(text, "63,000", nth=1)
    # a long paragraph inserted before: the scaled old position now points at the first occurrence
    new = "Background. " * 10 + "\n" + text.replace("Analysts were sceptical.", "Analysts doubted it.")
    result = reanchor(new, sel, old_text_length=len(text))
    second = new.index("63,000 posts")
    assert (result.start, result.end) == (second, second + 6)
    assert result.method == "quote"


def test_short_quote_with_context_gone_is_orphaned():
    sel = select(NEWS, "63,000")
    new = NEWS.replace(
        "At the moment, there are already 63,000 posts under the hashtag",
        "In a separate survey, 63,000 respondents replied to the question",
    )
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert result.method == "orphaned"


def test_duplicated_paragraph_keeps_its_copy():
    quote = "igniting a wave of protests"
    assert BLOG.count(quote) == 2
    sel = select(BLOG, quote, nth=1)
    new = BLOG.replace("In recent months,", "In recent months and weeks,")
    result = reanchor(new, sel, old_text_length=len(BLOG))
    second = new.index(quote, new.index(quote) + 1)
    assert result.start == second


def test_astral_characters_before_span():
    quote = "RedNote has warmly welcomed its new users"
    sel = select(NEWS, quote)
    new = "𝓞𝓹𝓮𝓻𝓪 🚢 " * 5 + NEWS.replace("panicked", "🚢 panicked")
    result = reanchor(new, sel, old_text_length=len(NEWS))
    assert new[result.start : result.end] == quote
    assert result.start == new.index(quote)
    # and an astral quote itself
    text = "Listen: ♬ original sound – 𝓞𝓹𝓮𝓻𝓪 by the band. End."
    sel2 = select(text, "𝓞𝓹𝓮𝓻𝓪")
    new2 = "🚢🚢 " + text
    result2 = reanchor(new2, sel2, old_text_length=len(text))
    assert (result2.start, result2.end) == (sel2.start + 3, sel2.end + 3)


def test_empty_quote():
    text = "alpha beta gamma"
    sel = make_selector(text, 6, 6)
    assert reanchor(text, sel) == AnchorResult(6, 6, "position", reanchor(text, sel).score)
    moved = reanchor("zzz " + text, sel, old_text_length=len(text))
    assert (moved.start, moved.end, moved.method) == (10, 10, "quote")
    assert reanchor("something else entirely", sel).method == "orphaned"
    assert reanchor("", make_selector("", 0, 0)).method == "position"
    assert reanchor("new text", make_selector("", 0, 0)).method == "orphaned"


def test_whitespace_quote():
    text = "one two  three four"
    sel = make_selector(text, 7, 9)  # the double space
    assert reanchor(text, sel).method == "position"
    moved = reanchor("zero " + text, sel, old_text_length=len(text))
    assert (moved.start, moved.end) == (12, 14)
    # context gone: many blanks remain, none is the right one
    assert reanchor("lorem  ipsum  dolor  sit", sel).method == "orphaned"


def test_whole_text_quote_survives_small_edit():
    text = "A short note about the TikTok ban."
    sel = make_selector(text, 0, len(text))
    result = reanchor("A short note about the TikTok bans.", sel, old_text_length=len(text))
    assert result.method == "fuzzy"
    assert (result.start, result.end) == (0, 35)


def test_reanchor_many_matches_single_calls():
    new = "Intro line.\n" + NEWS.replace("boasts around", "boasts about").replace("Monday", "Tuesday")
    sels = [
        select(NEWS, q)
        for q in ("63,000", "boasts around 300 million", "reports on Monday", "Little Red Book", "RedNote")
    ]
    many = reanchor_many(new, sels, old_text_length=len(NEWS))
    assert many == [reanchor(new, s, old_text_length=len(NEWS)) for s in sels]
    assert span(many[3], new) == "Little Red Book"


def test_old_text_diff_separates_identical_copies():
    para = "The app surged to number one in the US App Store, attracting 700,000 new users.\n"
    old = "Intro.\n" + para + para + "Outro.\n"
    second = old.index(para, old.index(para) + 1)
    sel = make_selector(old, second + 4, second + 30)
    # text inserted between the copies: the length ratio alone cannot tell which copy moved where
    new = "A much longer introduction than before, with several sentences of background.\n" + old.replace(
        para + para, para + "Note: an aside that was added later by the editor of this story.\n" + para
    )
    result = reanchor(new, sel, old_text=old)
    second_new = new.index(para, new.index(para) + 1)
    assert (result.start, result.end, result.method) == (second_new + 4, second_new + 30, "position")
    # a quote whose characters the diff changed falls back to the search strategies
    edited = new.replace("attracting 700,000", "attracting 800,000")
    sel2 = make_selector(old, second + 30, second + 80)
    result2 = reanchor(edited, sel2, old_text=old)
    assert result2.method == "fuzzy"
    assert edited[result2.start : result2.end] == edited[second_new + 30 : second_new + 80]


def test_offset_map_with_astral_text():
    old = "𝓞𝓹𝓮𝓻𝓪 one two three 🚢 four"
    new = "🚢🚢 𝓞𝓹𝓮𝓻𝓪 one 2 three 🚢 four!"
    omap = OffsetMap(old, new)
    assert omap.map(0) == 3
    assert omap.map(old.index("three")) == new.index("three")
    assert omap.kept(old.index("three"), old.index("four") + 4)
    assert not omap.kept(old.index("two"), old.index("two") + 3)
    sel = make_selector(old, old.index("🚢"), old.index("🚢") + 1)
    result = reanchor(new, sel, old_text=old)
    assert result.start == new.index("🚢 four")


@st.composite
def insertions_outside_a_span(draw):
    """(text, inserted, start, end, at): an insertion at ``at``, outside the span [start, end) of ``text``."""
    text = draw(st.text("ab 🚢\n.x", min_size=1, max_size=60))
    # inserted characters never occur in the text, so where the insertion went is never ambiguous
    inserted = draw(st.text("yz🎉Q", min_size=1, max_size=10))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    at = draw(st.one_of(st.integers(0, start), st.integers(end, len(text))))
    return text, inserted, start, end, at


@settings(max_examples=200)
@given(insertions_outside_a_span())
# every example Hypothesis ever found stays here. 'aaaa', [2, 3), 'Q' at 0 landed on (2, 3) by "position":
# the unchanged quote at the old offset was taken before the diff's offset map (issue 9)
@example(("aaaa", "Q", 2, 3, 0))
def test_insertion_outside_span_with_old_text_lands_exactly(case):
    text, inserted, start, end, at = case
    new = text[:at] + inserted + text[at:]
    sel = make_selector(text, start, end)
    result = reanchor(new, sel, old_text=text)
    if start < end:  # an insertion exactly at an empty span's place leaves its position undecidable
        shift = len(inserted) if at <= start and not (at == start == end) else 0
        assert new[result.start : result.end] == sel.quote
        assert (result.start, result.end) == (start + shift, end + shift)
