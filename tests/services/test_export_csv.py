"""services.export_csv_file on a real project: the same bytes as a plain reference writer fed from the public
reads (documents, annotations, claims, tag paths), in both modes; a cancel at any point leaves no file."""
from __future__ import annotations

import io

import pytest
from csv_reference import TRICKY, WITH_TAGS, expand, reference_csv

from rednote_desk.services.projects import ExportCancelled, export_csv_file
from rednote_desk.store.project import Project


@pytest.fixture
def project():
    project = Project.in_memory()
    conn = project.db.conn
    conn.execute("BEGIN")
    for i, title in enumerate(TRICKY):
        conn.execute("INSERT INTO documents (id, title, outlet, author, published, url, text, text_sha256,"
                     " imported_at) VALUES (?, ?, ?, ?, ?, ?, 'text', ?, 'now')",
                     [i + 1, title or "untitled", TRICKY[-i] if i % 3 else None, None, TRICKY[i // 2], None,
                      f"sha{i}"])
    for i, name in enumerate(TRICKY):
        conn.execute("INSERT INTO tags (id, name, parent_id) VALUES (?, ?, ?)",
                     [i + 1, name.replace("/", "|") or "empty", (i // 4) or None if i % 4 else None])
    for i, label in enumerate(TRICKY[:6]):
        conn.execute("INSERT INTO claims (id, label) VALUES (?, ?)", [i + 1, label or "blank"])
    for i in range(120):
        text = TRICKY[i % len(TRICKY)]
        conn.execute("INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, prefix, suffix,"
                     " note, coder, created_at, updated_at, claim_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [i * 3 + 1, i % len(TRICKY) + 1, i, i + 5, text, TRICKY[-i % len(TRICKY)], text[::-1],
                      TRICKY[i // 3 % len(TRICKY)], "ann", "2025-01-30T12:00:00.000Z", TRICKY[i // 7 % len(TRICKY)],
                      (i % 6) + 1 if i % 2 else None])
        for k in range(i % 4):  # none to three tags, added out of order
            conn.execute("INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                         [i * 3 + 1, (i * 5 + k * 7) % len(TRICKY) + 1])
    conn.execute("COMMIT")
    yield project
    project.close()


def reference_rows(project) -> list[tuple]:
    documents = {d.id: (d.title, d.outlet, d.author, d.published, d.url) for d in project.documents()}
    claims = {c.id: c.label for c in project.claims()}
    paths = project.tag_paths()
    rows = []
    for a in sorted(project.annotations(), key=lambda a: a.id):
        values = {**a.__dict__, "annotation_id": a.id, "tag_ids": ",".join(map(str, a.tag_ids)) or None}
        rows.append(expand(tuple(values[k] for k in WITH_TAGS), documents, claims, paths))
    return rows


@pytest.mark.parametrize("raw,excel", [(True, False), (False, False), (False, True)])
def test_the_export_is_the_reference_byte_for_byte(project, tmp_path, raw, excel):
    expected = reference_csv(reference_rows(project), raw=raw, excel=excel)
    assert any("; " in row[12] for row in reference_rows(project))  # several tags in one cell are covered
    out = io.StringIO(newline="")
    assert export_csv_file(project, out, raw=raw, excel=excel) == 120
    assert out.getvalue() == expected
    path = tmp_path / "out.csv"
    heard = []
    assert export_csv_file(project, path, raw=raw, excel=excel, progress=lambda *a: heard.append(a),
                           is_cancelled=lambda: False) == 120
    assert path.read_bytes() == expected.encode("utf-8")
    assert heard[-1][:2] == (120, 120)


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 2000])
def test_one_row_per_annotation_whatever_the_batch(project, batch):
    """An annotation's tags (read beside the annotations) are all in its batch, whatever the batch size."""
    assert list(project.iter_export_rows(batch=batch)) == reference_rows(project)
    assert all(len(rows) <= batch for rows, _ in project.iter_export_batches(batch=batch))


@pytest.mark.parametrize("cancel_at", [1, 2, 5, 6])
def test_a_cancel_at_any_point_leaves_the_old_file_and_no_temporary_one(project, tmp_path, cancel_at):
    """Batches of 25 rows: 5 batches. Asked before each batch (1-5) and once more after the last (6): a cancel
    pressed while the last batch is written still leaves no file."""
    path = tmp_path / "out.csv"
    path.write_text("the previous export\n", encoding="utf-8")
    asked = []
    real = Project.iter_export_batches

    def is_cancelled() -> bool:
        asked.append(True)
        return len(asked) >= cancel_at

    project.iter_export_batches = lambda **kw: real(project, batch=25)
    with pytest.raises(ExportCancelled):
        export_csv_file(project, path, is_cancelled=is_cancelled)
    assert path.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
