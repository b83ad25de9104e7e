"""`export --qdpx` / `export --qdc` and `import FILE.qdpx|.qdc`: the round trip through a new project gives the
same documents, codes and annotations (code point offsets, quotes equal, astral text), and clear refusals."""
from __future__ import annotations

import io
import json
import zipfile

from cli_helpers import Result, assert_clean_error
from refi_rules import check_codebook, check_project

from rednote_desk.cli import main

TEXT = "🚢 Exodus: 𝓞𝓹𝓮𝓻𝓪 users said “700,000 joined”.\nA second paragraph — with more.\n"


def _run(capsys, *args) -> Result:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return Result(code, out.out, out.err)


def _snapshot(capsys, db) -> dict:
    docs = json.loads(_run(capsys, "--db", db, "docs", "--json").out)
    tags = json.loads(_run(capsys, "--db", db, "tags", "--json").out)
    annotations = json.loads(_run(capsys, "--db", db, "annotations", "--json").out)
    return {
        "docs": sorted((d["title"], d["outlet"], d["author"], d["published"], d["url"], d["characters"]) for d in docs),
        "tags": sorted((t["path"], t["color"]) for t in tags),
        "annotations": sorted((a["start_offset"], a["end_offset"], a["quote"], tuple(sorted(a["tags"])), a["coder"],
                               a["note"]) for a in annotations),
    }


def test_round_trip_through_a_new_project(tmp_path, capsys):
    src, dst = tmp_path / "src.sqlite", tmp_path / "dst.sqlite"
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert _run(capsys, "--db", src, "import", article, "--outlet", "Daily", "--author", "Jo",
                "--published", "2025-01-30", "--url", "https://example.org/a").code == 0
    for quote, tag, coder, note in [("𝓞𝓹𝓮𝓻𝓪 users", "Frames/Numbers", "ann", "astral"),
                                    ("🚢 Exodus", "Frames/Numbers", "bob", ""),
                                    ("second paragraph", "Other", "ann", "line two")]:
        assert _run(capsys, "--db", src, "annotate", "--doc", 1, "--quote", quote, "--tag", tag, "--create-tags",
                    "--coder", coder, "--note", note).code == 0
    qdpx, qdc = tmp_path / "out.qdpx", tmp_path / "out.qdc"
    assert _run(capsys, "--db", src, "export", "--qdpx", qdpx).code == 0
    assert _run(capsys, "--db", src, "export", "--qdc", qdc).code == 0
    with zipfile.ZipFile(qdpx) as z:
        assert check_project(z.read("project.qde"), set(z.namelist())) == []
    assert check_codebook(qdc.read_bytes()) == []
    result = _run(capsys, "--db", dst, "import", qdpx)
    assert result.code == 0, result.err
    assert "annotations: 3" in result.out
    before, after = _snapshot(capsys, src), _snapshot(capsys, dst)
    assert after == before
    texts = {a["quote"] for a in json.loads(_run(capsys, "--db", dst, "annotations", "--json").out)}
    assert "𝓞𝓹𝓮𝓻𝓪 users" in texts
    # the import is one undo step
    assert _run(capsys, "--db", dst, "undo").code == 0
    assert json.loads(_run(capsys, "--db", dst, "docs", "--json").out) == []


def test_codebook_into_any_project(tmp_path, capsys):
    src, other = tmp_path / "src.sqlite", tmp_path / "other.sqlite"
    assert _run(capsys, "--db", src, "tag-add", "Brand new", "--color", "#abcdef",
                "--description", "from the codebook").code == 0
    qdc = tmp_path / "book.qdc"
    assert _run(capsys, "--db", src, "export", "--qdc", qdc).code == 0
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert _run(capsys, "--db", other, "import", article).code == 0  # not empty: a codebook still goes in
    result = _run(capsys, "--db", other, "import", qdc)
    assert result.code == 0 and "1 added" in result.out
    tags = {t["path"]: t for t in json.loads(_run(capsys, "--db", other, "tags", "--json").out)}
    assert tags["Brand new"]["color"] == "#abcdef"


def test_refusals(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert _run(capsys, "--db", db, "import", article).code == 0
    qdpx = tmp_path / "x.qdpx"
    assert _run(capsys, "--db", db, "export", "--qdpx", qdpx).code == 0
    assert_clean_error(_run(capsys, "--db", db, "import", qdpx), "empty project")
    assert_clean_error(_run(capsys, "--db", tmp_path / "new.sqlite", "import", qdpx, article), "one .qdpx")
    fake = tmp_path / "fake.qdpx"
    fake.write_bytes(b"hello")
    assert_clean_error(_run(capsys, "--db", tmp_path / "new2.sqlite", "import", fake), "not a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("project.qde", "<Project/>")
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(buffer.getvalue())
    assert_clean_error(_run(capsys, "--db", tmp_path / "new3.sqlite", "import", bad), "not a REFI-QDA project")
