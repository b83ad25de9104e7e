"""REFI-QDA: what we write follows the standard's rules; what we read back is what we wrote; hostile input is
refused with a clear message."""
from __future__ import annotations

import io
import zipfile

import pytest
from refi_rules import check_codebook, check_project

from rednote_desk.core import refi
from rednote_desk.core.errors import UserError

TEXT = "🚢 Ships: 𝓞𝓹𝓮𝓻𝓪 house said 700,000 joined.\nSecond line — “quoted”."


def _project() -> refi.RefiProject:
    child = refi.RefiCode(refi.stable_guid("code", "Frames/Conflict"), "Conflict", "#aa0011", "Winners & <losers>")
    root = refi.RefiCode(refi.stable_guid("code", "Frames"), "Frames", "#112233", "", [child])
    ann = refi.RefiUser(refi.stable_guid("user", "ann"), "ann")
    start = TEXT.index("𝓞𝓹𝓮𝓻𝓪")
    sel = refi.RefiSelection(refi.stable_guid("sel", 1), start, start + 5, ann.guid, "2025-01-30T12:00:00.000Z",
                             None, [child.guid, root.guid], "a note")
    plain = refi.RefiSelection(refi.stable_guid("sel", 2), 0, 1, ann.guid, "2025-01-30T12:00:00.000Z", None, [], "")
    variables = [(refi.stable_guid("variable", n), n, k) for _f, n, k in refi.METADATA_VARIABLES]
    source = refi.RefiSource(refi.stable_guid("source", "x"), "A story", TEXT, "2025-01-30T12:00:00.000Z",
                             "doc note", {"Outlet": "Daily", "Published": "2025-01-30"}, [sel, plain])
    return refi.RefiProject("test", [ann], [root], [source], variables, ann.guid, "2025-01-30T12:00:00.000Z")


def _qdpx(project: refi.RefiProject) -> bytes:
    buffer = io.BytesIO()
    refi.write_qdpx(project, buffer)
    return buffer.getvalue()


def test_exported_project_follows_the_standard_rules():
    data = _qdpx(_project())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert "project.qde" in names
        errors = check_project(z.read("project.qde"), names)
        source = next(n for n in names if n.startswith("sources/"))
        assert z.read(source).decode("utf-8") == TEXT
    assert errors == []


def test_codebook_follows_the_standard_rules():
    data = refi.codebook_xml(_project().codes)
    assert check_codebook(data) == []
    assert data.startswith(b"<?xml") and b"urn:QDA-XML:codebook:1.0" in data


def test_rules_catch_broken_files():
    """The checker itself must fail on what breaks the rules (so a passing check means something)."""
    bad = (b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources/><Users><User guid="nope"/></Users>'
           b'<CodeBook><Codes><Code guid="6f1d2c3a-5b7e-4c21-9a43-2f1e0d9c8b7a" name="c" isCodable="true" '
           b'color="red"/></Codes></CodeBook></Project>')
    errors = check_project(bad)
    assert any("comes after" in e for e in errors)
    assert any("not a GUID" in e for e in errors)
    assert any("#RRGGBB" in e for e in errors)
    assert check_codebook(b'<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>')


def test_round_trip_keeps_code_point_offsets_codes_users_notes_and_variables():
    original = _project()
    back = refi.read_qdpx(_qdpx(original))
    assert back.warnings == []
    [source] = back.sources
    assert source.text == TEXT and source.description == "doc note"
    assert source.variables == {"Outlet": "Daily", "Published": "2025-01-30"}
    first = source.selections[0]
    assert TEXT[first.start:first.end] == "𝓞𝓹𝓮𝓻𝓪"
    assert first.note == "a note" and first.user_guid == original.users[0].guid
    assert set(first.code_guids) == {c.guid for c, _ in refi.flatten_codes(original.codes)}
    paths = [(c.name, c.color, c.description, p) for c, p in refi.flatten_codes(back.codes)]
    assert paths == [("Frames", "#112233", "", ("Frames",)),
                     ("Conflict", "#aa0011", "Winners & <losers>", ("Frames", "Conflict"))]
    assert [u.name for u in back.users] == ["ann"]


def test_same_project_exported_twice_is_identical():
    assert _qdpx(_project()) == _qdpx(_project())


def test_crlf_sources_are_normalised_with_their_offsets():
    text, mapping = refi.normalise_newlines("a\r\nb\rc")
    assert text == "a\nb\nc"
    assert [mapping[i] for i in (0, 1, 3, 4, 5, 6)] == [0, 1, 2, 3, 4, 5]
    project = _project()
    project.sources[0].text = "One.\r\nTwo 🚢 three."
    project.sources[0].selections = [refi.RefiSelection("6f1d2c3a-5b7e-4c21-9a43-2f1e0d9c8b7b", 6, 11)]
    back = refi.read_qdpx(_qdpx(project))
    sel = back.sources[0].selections[0]
    assert back.sources[0].text[sel.start:sel.end] == "Two 🚢"


@pytest.mark.parametrize("data, needle", [
    (b"not a zip", "not a zip archive"),
    (None, "no project.qde"),
    (b"dtd", "DTD"),
    (b"garbage", "not well-formed"),
])
def test_hostile_archives_are_refused(data, needle):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        if data == b"dtd":
            z.writestr("project.qde", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Project name="x"/>')
        elif data == b"garbage":
            z.writestr("project.qde", "<Project><unclosed></Project>")
        elif data is None:
            z.writestr("readme.txt", "hello")
    payload = data if data == b"not a zip" else buffer.getvalue()
    with pytest.raises(UserError, match=needle):
        refi.read_qdpx(payload)


def test_selection_outside_the_text_and_missing_sources_are_reported():
    project = _project()
    project.sources[0].selections.append(refi.RefiSelection("6f1d2c3a-5b7e-4c21-9a43-2f1e0d9c8b7c", 5, 10_000))
    data = _qdpx(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        dst.writestr("project.qde", src.read("project.qde"))  # the sources/ folder left out
    missing = refi.read_qdpx(buffer.getvalue())
    assert missing.sources == [] and "not in the archive" in missing.warnings[0]
    outside = refi.read_qdpx(data)
    assert len(outside.sources[0].selections) == 2 and "outside the text" in outside.warnings[0]
