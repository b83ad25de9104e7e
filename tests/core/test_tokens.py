"""Tokenisation and sentence splitting for the comparison core."""
from rednote_desk.core.compare.sentences import split_sentences
from rednote_desk.core.compare.tokens import is_cjk, token_kind, token_strings, tokenize


def _texts(text):
    return [(t.kind, t.text) for t in tokenize(text)]


def test_tokens_tile_text_and_offsets_are_code_points():
    text = "𝓞𝓹𝓮𝓻𝓪 🚢 sails, don't it?"
    toks = tokenize(text)
    assert "".join(t.text for t in toks) == text
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert [t.text for t in toks if t.kind == "word"] == ["𝓞𝓹𝓮𝓻𝓪", "sails", "don't", "it"]
    assert [t.text for t in toks] == token_strings(text)
    assert all(token_kind(t.text) == t.kind for t in toks)


def test_words_punctuation_numbers():
    assert _texts("Pay 3.5, or 700,000.") == [
        ("word", "Pay"), ("space", " "), ("word", "3.5"), ("punct", ","), ("space", " "),
        ("word", "or"), ("space", " "), ("word", "700,000"), ("punct", "."),
    ]


def test_chinese_and_japanese_are_per_character():
    zh = "美国用户涌入小红书。"
    toks = tokenize(zh)
    assert [t.text for t in toks] == list(zh)
    assert [t.kind for t in toks][:-1] == ["cjk"] * 9 and toks[-1].kind == "punct"
    ja = "ティックトック難民"
    assert [t.text for t in tokenize(ja)] == list(ja)


def test_korean_words_are_runs_between_spaces():
    assert _texts("틱톡 난민이 몰려왔다") == [
        ("word", "틱톡"), ("space", " "), ("word", "난민이"), ("space", " "), ("word", "몰려왔다"),
    ]


def test_mixed_latin_and_cjk_in_one_run():
    assert [t.text for t in tokenize("RedNote小红书app")] == ["RedNote", "小", "红", "书", "app"]


def test_is_cjk():
    assert is_cjk("小红书") and is_cjk("한국") and is_cjk("かな")
    assert not is_cjk("RedNote 𝓞𝓹 🚢")


def test_sentences_basic_and_offsets():
    text = "Mr. Smith went to the U.S. in 2024. He paid 3.5 dollars, e.g. a lot! Did he? “Yes.” Fine"
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "Mr. Smith went to the U.S. in 2024.",
        "He paid 3.5 dollars, e.g. a lot!",
        "Did he?",
        "“Yes.”",
        "Fine",
    ]
    for s in got:
        assert text[s.start:s.end] == s.text


def test_sentences_cjk_and_paragraphs():
    text = "Headline\n\n中国很大。我们去吧！好？\nWrapped line that\ncontinues here. 𝓞𝓹 ok."
    got = [s.text for s in split_sentences(text)]
    assert got == ["Headline", "中国很大。", "我们去吧！", "好？", "Wrapped line that\ncontinues here.", "𝓞𝓹 ok."]


def test_sentences_offsets_after_astral_characters():
    text = "🚢🚢 First one. Second one."
    s = split_sentences(text)[1]
    assert (s.start, s.end) == (text.index("Second"), len(text))
