"""CLI: reimport a changed file, list orphans, re-attach one."""
from __future__ import annotations

import json

import pytest
from cli_helpers import assert_clean_error, run_main

OLD = (
    "Ban story 𝓞𝓹𝓮𝓻𝓪 🚢\n\n"
    "Officials said 700,000 users joined RedNote within two days of the ban.\n\n"
    "The company declined to comment on the figures released on Monday evening.\n\n"
    "Analysts expect the trade dispute to deepen over the coming months.\n"
)
NEW = (
    "Ban story 𝓞𝓹𝓮𝓻𝓪 🚢\n\n"
    "Update: this story was revised on Tuesday morning with new figures.\n\n"
    "Officials said 700,000 users joined RedNote within two days of the ban.\n\n"
    "Analysts expect the trade dispute to deepen over the coming months.\n"
)


@pytest.fixture
def setup(tmp_path, capsys):
    db = str(tmp_path / "p.rednote.sqlite")
    old = tmp_path / "story.txt"
    old.write_text(OLD, encoding="utf-8")
    result = run_main(capsys, "--db", db, "import", str(old))
    assert result.code == 0, result.err
    doc_id = int(result.out.split("\t")[0])
    ids = {}
    for quote in ("700,000 users", "declined to comment on the figures", "Analysts expect"):
        r = run_main(capsys, "--db", db, "annotate", "--doc", str(doc_id), "--quote", quote)
        assert r.code == 0, r.err
        ids[quote] = int(r.out)
    new = tmp_path / "story-v2.txt"
    new.write_text(NEW, encoding="utf-8")
    return db, doc_id, ids, new


def test_reimport_prints_counts_and_orphans_are_listed(setup, capsys):
    db, doc_id, ids, new = setup
    r = run_main(capsys, "--db", db, "reimport", str(doc_id), str(new))
    assert r.code == 0, r.err
    assert r.out.strip() == "kept 2, moved 0, fuzzy 0, orphaned 1"
    assert "rednote-desk orphans" in r.err

    r = run_main(capsys, "--db", db, "orphans", "--json")
    orphans = json.loads(r.out)
    assert [o["id"] for o in orphans] == [ids["declined to comment on the figures"]]
    assert orphans[0]["quote"] == "declined to comment on the figures" and orphans[0]["status"] == "orphaned"

    r = run_main(capsys, "--db", db, "orphans")
    assert r.out.count("\n") == 1 and "declined to comment" in r.out and "Ban story" in r.out

    r = run_main(capsys, "--db", db, "annotations", "--json")
    placed = {a["id"]: a for a in json.loads(r.out)}
    a = placed[ids["Analysts expect"]]
    assert NEW[a["start_offset"]:a["end_offset"]] == "Analysts expect" and a["status"] == "anchored"


def test_reattach_by_quote_and_by_offsets(setup, capsys):
    db, doc_id, ids, new = setup
    run_main(capsys, "--db", db, "reimport", str(doc_id), str(new))
    orphan = ids["declined to comment on the figures"]

    r = run_main(capsys, "--db", db, "reattach", str(orphan), "--quote", "revised on Tuesday")
    assert r.code == 0, r.err
    assert json.loads(run_main(capsys, "--db", db, "orphans", "--json").out) == []
    got = run_main(capsys, "--db", db, "annotations", "--json").out
    one = next(a for a in json.loads(got) if a["id"] == orphan)
    assert one["quote"] == "revised on Tuesday" and one["status"] == "anchored"

    start = NEW.index("new figures")
    r = run_main(capsys, "--db", db, "reattach", str(orphan), "--start", str(start), "--end", str(start + 11))
    assert r.code == 0 and r.out.split("\t")[3].strip() == "new figures"


def test_undo_after_reimport_restores_the_old_text(setup, capsys):
    db, doc_id, ids, new = setup

    def state():
        docs = json.loads(run_main(capsys, "--db", db, "docs", "--json").out)
        anns = json.loads(run_main(capsys, "--db", db, "annotations", "--json").out)
        return docs[0]["characters"], [(a["id"], a["start_offset"], a["end_offset"], a["status"]) for a in anns]

    before = state()
    run_main(capsys, "--db", db, "reimport", str(doc_id), str(new))
    assert state() != before
    r = run_main(capsys, "--db", db, "undo")
    assert r.code == 0 and "Re-import" in r.out
    assert state() == before


def test_reimport_and_reattach_errors_are_one_line(setup, capsys, tmp_path):
    db, doc_id, ids, new = setup
    assert_clean_error(run_main(capsys, "--db", db, "reimport", "99", str(new)), "no document with id 99")
    assert_clean_error(run_main(capsys, "--db", db, "reimport", str(doc_id), str(tmp_path / "missing.txt")))
    orphan = str(ids["declined to comment on the figures"])
    assert_clean_error(run_main(capsys, "--db", db, "reattach", orphan, "--quote", "not in there"), "not in the document")
    assert_clean_error(run_main(capsys, "--db", db, "reattach", orphan, "--start", "5"), "--start")
    assert_clean_error(run_main(capsys, "--db", db, "reattach", orphan, "--start", "0", "--end", "100000"), "outside")
    assert_clean_error(run_main(capsys, "--db", db, "reattach", "4242", "--start", "0", "--end", "3"), "4242")
