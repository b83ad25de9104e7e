"""Copy / spin detection."""
import json
import re

import pytest
from compare_texts import (
    INDEPENDENT,
    ORIGINAL,
    SPUN,
    SYNONYMS,
    UNRELATED,
    VERBATIM_WITH_INTRO,
    ZH_ORIGINAL,
    ZH_SPUN,
    spin,
)

from rednote_desk.core.compare.spin import classify_pair, find_copies
from rednote_desk.core.models import Document


def _doc(id_, text, published=None):
    return Document(id=id_, title=f"doc {id_}", text=text, published=published)


def _samples(samples_dir):
    return [_doc(100 + n, p.read_text(encoding="utf-8")) for n, p in enumerate(sorted(samples_dir.glob("*.txt")))]


def _subs(finding):
    return {(old.lower(), new.lower()): n for old, new, n in finding.evidence["substitutions"]}


@pytest.mark.parametrize("order", ["source first", "copy first"])
def test_spun_copy_is_spun_with_source_and_substitution_table(order):
    docs = [_doc(1, ORIGINAL), _doc(2, SPUN)]
    if order == "copy first":
        docs.reverse()
    f = classify_pair(*docs)
    assert f.kind == "spun"
    assert (f.source, f.copy) == (1, 2)  # spinners lengthen words: "years" -> "yr" is the exception
    subs = _subs(f)
    assert subs[("years", "yr")] == len(re.findall(r"\byears\b", ORIGINAL))
    for pair in [("boats", "vessels"), ("users", "customers"), ("asked", "requested")]:
        assert subs.get(pair, 0) >= 1, pair
    assert f.metrics["aligned_share"] >= 0.8 and f.metrics["shingle_jaccard"] < 0.2
    pairs = f.evidence["pairs"]
    assert len(pairs) >= 18
    first = pairs[0]  # the headline does not count: the first pair is the first body sentence
    assert ORIGINAL[first["source_start"]:first["source_end"]].startswith("Ferry workers in Northport began")
    assert SPUN[first["copy_start"]:first["copy_end"]].startswith("Ferry employees in Northport commenced")


def test_verbatim_copy_with_new_intro_and_dated_source():
    f = classify_pair(_doc(5, VERBATIM_WITH_INTRO, "2025-01-15"), _doc(4, ORIGINAL, "2025-01-13"))
    assert f.kind == "verbatim"
    assert (f.source, f.copy) == (4, 5) and f.metrics["direction"] == "published"
    assert f.evidence["substitutions"] == []


def test_lightly_edited_copy_is_near_verbatim():
    edited = ORIGINAL.replace("three-day strike", "72-hour strike").replace(
        "City officials say the strike is unnecessary. ", "").replace(
        "Talks between the union and the authority are expected to resume on Wednesday.",
        "Negotiations are due to restart midweek, officials said.")
    f = classify_pair(_doc(1, ORIGINAL), _doc(2, edited))
    assert f.kind == "near-verbatim"


def test_independent_and_unrelated_articles():
    for other in (INDEPENDENT, UNRELATED):
        f = classify_pair(_doc(1, ORIGINAL), _doc(2, other))
        assert f.kind == "independent"
        assert f.evidence == {"pairs": [], "substitutions": []}


def test_spun_copy_of_an_independent_article_is_not_a_copy_of_the_original():
    assert classify_pair(_doc(1, INDEPENDENT), _doc(2, SPUN)).kind == "independent"


def test_chinese_spun_copy():
    f = classify_pair(_doc(2, ZH_SPUN, "2025-01-20"), _doc(1, ZH_ORIGINAL, "2025-01-14"))
    assert f.kind == "spun" and (f.source, f.copy) == (1, 2)
    assert _subs(f).get(("工人", "员工"), 0) >= 1


def test_sample_corpus_pairs_are_all_independent(samples):
    docs = _samples(samples)
    assert len(docs) == 5
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            assert classify_pair(docs[i], docs[j]).kind == "independent", (i, j)
    assert find_copies(docs) == []


def test_lightly_spun_real_article_inside_site_chrome_is_spun(samples):
    text = (samples / "002_d37a2aa64cc3bd36.txt").read_text(encoding="utf-8")
    extra = {"app": "utility", "social": "societal", "users": "customers", "chinese": "chinese language",
             "data": "information", "ban": "prohibition", "content": "content material"}
    page = "25 C\nNew York\nSunday, August 17, 2025\n\n" + spin(text, {**SYNONYMS, **extra}) + \
        "\n\nRelated Articles\nLEAVE A REPLY\nPlease enter your comment!"
    f = classify_pair(_doc(1, page), _doc(2, text))
    assert f.kind == "spun"
    assert (f.source, f.copy) == (2, 1)
    assert _subs(f)[("users", "customers")] >= 5


def test_find_copies_in_a_mixed_corpus(samples):
    docs = [_doc(1, ORIGINAL), _doc(2, SPUN), _doc(3, VERBATIM_WITH_INTRO), _doc(4, INDEPENDENT),
            _doc(5, UNRELATED), *_samples(samples)]
    found = {frozenset((f.source, f.copy)): f.kind for f in find_copies(docs)}
    assert found == {frozenset((1, 2)): "spun", frozenset((1, 3)): "verbatim", frozenset((2, 3)): "spun"}


def test_to_json_round_trips():
    f = classify_pair(_doc(1, ORIGINAL), _doc(2, SPUN))
    data = json.loads(json.dumps(f.to_json()))
    assert {"source", "copy", "kind", "score", "evidence"} <= set(data)
    assert data["kind"] == "spun" and isinstance(data["evidence"]["substitutions"][0][2], int)
