"""Search stays bounded whatever is typed (issue 13, item 8)."""
from __future__ import annotations

import time


def fill(project):
    for n in range(5):
        project.add_document(title=f"Doc {n}", text=("a b c d e f g h alpha beta gamma " * 400) + str(n),
                             text_sha256=str(n))


def test_many_one_letter_terms_return_quickly(project):
    fill(project)
    started = time.monotonic()
    hits = project.search(" ".join(["a"] * 1000))
    assert time.monotonic() - started < 2
    assert len([h for h in hits if h["kind"] == "document"]) == 5
    started = time.monotonic()
    project.search(" ".join(chr(ord("a") + n % 26) + chr(ord("a") + n // 26 % 26) for n in range(200)))
    assert time.monotonic() - started < 2


def test_the_query_is_deduplicated_capped_and_clean():
    from rednote_desk.store.queries import MAX_SEARCH_TERMS, _fts_query  # here: the other tests use only
    # project.search, so they also run against older code

    assert _fts_query("a a A alpha alpha") == '"a" "A" "alpha"*'
    assert _fts_query(" ".join(f"w{n}" for n in range(100))).count('"') == 2 * MAX_SEARCH_TERMS
    assert _fts_query("al\x00pha\x1b[31m be\u0085ta") == '"al"* "pha"* "[31m"* "be"* "ta"*'
    assert _fts_query("\x00\x01") == ""


def test_a_nul_character_is_not_an_error(project):
    fill(project)
    assert project.search("alpha\x00") and project.search("\x00") == []
