"""`rednote-desk import` of many files is one undo step: `undo` removes them all, `redo` brings them back."""
from __future__ import annotations

import json

from cli_helpers import run_main


def test_import_of_many_files_undoes_and_redoes_as_one_step(db_path, samples, capsys):
    paths = [str(p) for p in sorted(samples.glob("*.txt"))]
    db = str(db_path)
    assert run_main(capsys, "--db", db, "import", *paths).code == 0
    docs = json.loads(run_main(capsys, "--db", db, "docs", "--json").out)
    assert len(docs) == 5

    undo = run_main(capsys, "--db", db, "undo")
    assert undo.code == 0 and undo.out.strip() == "undone: Import 5 documents"
    assert json.loads(run_main(capsys, "--db", db, "docs", "--json").out) == []

    redo = run_main(capsys, "--db", db, "redo")
    assert redo.code == 0 and redo.out.strip() == "redone: Import 5 documents"
    again = json.loads(run_main(capsys, "--db", db, "docs", "--json").out)
    assert [(d["id"], d["title"]) for d in again] == [(d["id"], d["title"]) for d in docs]

    assert run_main(capsys, "--db", db, "undo").code == 0  # the import again, then the step before it
    assert run_main(capsys, "--db", db, "undo").out.strip() == "undone: Load codebook"
