"""Tag type-ahead ranking."""
from __future__ import annotations

from rednote_desk.core.tag_search import match_score, rank

PATHS = [
    "Generic frames", "Generic frames/Conflict", "Generic frames/Economic consequences",
    "Framing dimensions", "Framing dimensions/Economic", "Framing dimensions/Legality, constitutionality",
    "Claim types/Statistic", "𝓞𝓹𝓮𝓻𝓪 🚢",
]


def ranked(query):
    return rank(query, PATHS, name_of=lambda p: p.rsplit("/", 1)[-1], path_of=lambda p: p)


def test_substring_and_word_prefix_case_insensitive():
    assert ranked("econ") == ["Generic frames/Economic consequences", "Framing dimensions/Economic"]
    assert ranked("CONSTITU") == ["Framing dimensions/Legality, constitutionality"]
    assert ranked("onflic") == ["Generic frames/Conflict"]


def test_exact_name_beats_prefix_and_path_matches_count_less():
    assert ranked("economic") == ["Framing dimensions/Economic", "Generic frames/Economic consequences"]
    # "generic" names one tag and is a path word of its children, which rank after it
    assert ranked("generic")[0] == "Generic frames"
    assert set(ranked("generic")) == {"Generic frames", "Generic frames/Conflict",
                                      "Generic frames/Economic consequences"}


def test_every_word_must_match_and_slash_separates_words():
    assert ranked("generic econ") == ["Generic frames/Economic consequences"]
    assert ranked("framing/econ") == ["Framing dimensions/Economic"]
    assert ranked("econ zzz") == []


def test_astral_text():
    assert ranked("𝓹𝓮𝓻") == ["𝓞𝓹𝓮𝓻𝓪 🚢"]
    assert ranked("🚢") == ["𝓞𝓹𝓮𝓻𝓪 🚢"]


def test_scores():
    assert match_score("", "x", "x") == 0
    assert match_score("conflict", "Conflict", "Generic frames/Conflict") == 0
    assert match_score("con", "Conflict", "Generic frames/Conflict") < match_score("con", "Deconstruct", "Deconstruct")
    assert match_score("human interest", "Human interest", "G/Human interest") == 0
    assert match_score("xyz", "Conflict", "Conflict") is None
