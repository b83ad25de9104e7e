"""Search stays bounded whatever is typed (issue 13, item 8)."""
from __future__ import annotations

import pytest


def fill(project):
    for n in range(5):
        project.add_document(title=f"Doc {n}", text=("a b c d e f g h alpha beta gamma " * 400) + str(n),
                             text_sha256=str(n))


@pytest.mark.timeout(60, method="thread")  # a hang guard, not a speed target: the old search ran for minutes
# (inside SQLite's C code, where the default signal method's alarm is never handled: hence the thread method)
def test_many_one_letter_terms_do_bounded_work(project):
    """Counted in SQLite virtual-machine steps, not seconds; the budget is far above what the bounded query needs.
    (FTS5 does its own work inside single steps, so the unbounded query of old code hangs rather than trips it.)"""
    fill(project)
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 1 if steps[0] > 1000 else 0  # past 1,000 x 1,000 steps SQLite interrupts the query: the test fails

    project.db.conn.set_progress_handler(count, 1000)
    try:
        hits = project.search(" ".join(["a"] * 1000))
        assert len([h for h in hits if h["kind"] == "document"]) == 5
        project.search(" ".join(chr(ord("a") + n % 26) + chr(ord("a") + n // 26 % 26) for n in range(200)))
    finally:
        project.db.conn.set_progress_handler(None, 1000)
    assert steps[0] <= 1000


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
