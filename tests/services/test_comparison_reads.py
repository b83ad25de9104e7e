"""A comparison of a few documents reads only their rows, however large the rest of the project is."""
from __future__ import annotations

import pytest

from rednote_desk.core.errors import NotFoundError
from rednote_desk.services.comparison import read_comparison_input
from rednote_desk.store.undo import utc_now


def _add_documents(project, count: int, *, start: int = 0) -> list[int]:
    ids = []
    for i in range(start, start + count):
        text = f"Article {i}. The port strike left 700 workers idle on Monday, officials said. " * 3
        doc, _ = project.add_document(title=f"Doc {i}", text=text, text_sha256=f"sha-{i}", outlet=f"Outlet {i}")
        ids.append(doc.id)
    return ids


def _bulk_annotations(project, document_ids, per_document: int, tag_id: int, claim_id=None) -> None:
    now = utc_now()
    conn = project.db.conn
    conn.execute("BEGIN")
    for doc_id in document_ids:
        for k in range(per_document):
            cursor = conn.execute(
                "INSERT INTO annotations (document_id, start_offset, end_offset, quote, coder, created_at, updated_at,"
                " claim_id) VALUES (?, ?, ?, 'x', 'ann', ?, ?, ?)", [doc_id, k % 50, k % 50 + 5, now, now, claim_id])
            conn.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                         [cursor.lastrowid, tag_id])
    conn.execute("COMMIT")


def _vm_steps(project, fn) -> tuple[int, object]:
    """SQLite virtual-machine instructions run by ``fn``: grows with every row a query visits."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    project.db.conn.set_progress_handler(count, 1)
    try:
        result = fn()
    finally:
        project.db.conn.set_progress_handler(None, 1)
    return steps[0], result


def test_reading_three_documents_does_not_grow_with_the_rest_of_the_project(project):
    tag = project.add_tag("Conflict").value.id
    chosen = _add_documents(project, 3)
    claim = project.db.conn.execute("INSERT INTO claims (label) VALUES ('Idle workers')").lastrowid
    other_claim = project.db.conn.execute("INSERT INTO claims (label) VALUES ('Elsewhere')").lastrowid
    _bulk_annotations(project, chosen, 20, tag, claim)

    small_steps, small = _vm_steps(project, lambda: read_comparison_input(project, chosen))

    others = _add_documents(project, 40, start=3)
    _bulk_annotations(project, others, 250, tag, other_claim)  # 10,000 annotations the comparison must not visit
    big_steps, big = _vm_steps(project, lambda: read_comparison_input(project, chosen))

    assert [d.id for d in big.documents] == chosen
    assert len(big.annotations) == 60 and {a.document_id for a in big.annotations} == set(chosen)
    assert big.annotations == small.annotations
    assert [c.label for c in big.claims] == ["Idle workers"]  # not the claim only other documents state
    # a pass over the other 10,000 annotations would cost hundreds of thousands of instructions
    assert big_steps < small_steps * 1.3 + 2_000, (small_steps, big_steps)


def test_every_query_of_the_read_uses_the_document_index(project):
    tag = project.add_tag("Conflict").value.id
    ids = _add_documents(project, 5)
    _bulk_annotations(project, ids, 5, tag)
    statements: list[str] = []
    project.db.conn.set_trace_callback(statements.append)
    try:
        read_comparison_input(project, ids[:3])
    finally:
        project.db.conn.set_trace_callback(None)
    touching = [s for s in statements if "annotations" in s and s.lstrip().upper().startswith("SELECT")]
    assert touching
    for sql in touching:
        plan = " | ".join(row[3] for row in project.db.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN a " not in plan + " " and "SCAN annotations " not in plan + " ", plan


def test_documents_come_in_the_order_asked_and_an_unknown_id_is_named(project):
    ids = _add_documents(project, 3)
    data = read_comparison_input(project, [ids[2], ids[0], ids[2]])
    assert [d.id for d in data.documents] == [ids[2], ids[0]]
    with pytest.raises(NotFoundError, match="no document with id 999"):
        read_comparison_input(project, [ids[0], 999])


def test_the_count_of_annotations_losing_a_tag_reads_only_that_tags_rows(project):
    tag = project.add_tag("Conflict").value.id
    child = project.add_tag("Strike", parent_id=tag).value.id
    other = project.add_tag("Economy").value.id
    ids = _add_documents(project, 2)
    _bulk_annotations(project, ids[:1], 3, child)
    first = project.db.conn.execute("SELECT min(id) FROM annotations").fetchone()[0]
    project.db.conn.execute("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", [first, tag])
    small_steps, counted = _vm_steps(project, lambda: project.annotations_tagged_count({tag, child}))
    assert counted == 3  # the annotation with both tags counts once
    _bulk_annotations(project, ids[1:], 2_000, other)
    big_steps, counted = _vm_steps(project, lambda: project.annotations_tagged_count({tag, child}))
    assert counted == 3 and big_steps < small_steps * 1.3 + 500, (small_steps, big_steps)
    assert project.annotations_tagged_count([]) == 0
