"""Research-grade coding at scale: intercoder agreement, merging two projects, REFI-QDA export.

Run standalone: ``python3 tests/benchmarks/bench_research.py [--quick]``. Targets (issue 12): agreement over
2 coders x 100 documents x 10,000 annotations < 2 s; merge of two 10,000-annotation projects < 5 s; .qdpx export
of the sample project < 1 s.
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.store.project import Project  # noqa: E402 - importable once the path above is set

SAMPLES = ROOT / "resources" / "samples"
NOW = "2025-01-30T12:00:00.000Z"


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [line for text in texts for line in text.split("\n") if len(line) > 60]


def fill(project: Project, *, documents: int, annotations: int, coders: tuple[str, ...], seed: int,
         tags: int = 10) -> None:
    """Documents, tags and annotations written directly in one transaction (fast to build)."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    conn = project.db.conn
    conn.execute("BEGIN")
    for t in range(tags):
        conn.execute("INSERT INTO tags (name, color) VALUES (?, ?)", [f"Code {t}", f"#{t:02d}{t:02d}aa"])
    tag_ids = [r[0] for r in conn.execute("SELECT id FROM tags")]
    rows = []
    for i in range(documents):
        text = "\n\n".join(random.Random(i).sample(paragraphs, 12)) + f"\n\nReference token doc{i}."
        import hashlib

        rows.append((f"Document {i}", f"Outlet {i % 9}", text, hashlib.sha256(text.encode()).hexdigest(), NOW))
    conn.executemany("INSERT INTO documents (title, outlet, text, text_sha256, imported_at) VALUES (?,?,?,?,?)", rows)
    texts = {row[0]: row[1] for row in conn.execute("SELECT id, text FROM documents")}
    ids = list(texts)
    first = conn.execute("SELECT coalesce(max(id), 0) FROM annotations").fetchone()[0] + 1
    ann_rows, tag_rows = [], []
    for i in range(annotations):
        doc = ids[i % len(ids)]
        text = texts[doc]
        start = rng.randrange(0, len(text) - 200)
        end = start + rng.randrange(5, 200)
        ann_rows.append((first + i, doc, start, end, text[start:end], text[max(0, start - 32):start],
                         text[end:end + 32], "", coders[(i // len(ids)) % len(coders)], NOW, NOW))
        tag_rows.append((first + i, tag_ids[rng.randrange(len(tag_ids))]))
    conn.executemany(
        """INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, prefix, suffix, note, coder,
           created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""", ann_rows)
    conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows)
    conn.execute("COMMIT")


def _best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_agreement(repeats: int) -> dict[str, float]:
    from rednote_desk.services.agreement import read_agreement

    project = Project.in_memory()
    try:
        fill(project, documents=100, annotations=10_000, coders=("ann", "bob"), seed=1)
        out = {}
        for unit in ("sentence", "character"):
            report = read_agreement(project, unit=unit)
            assert len(report.document_ids) == 100 and len(report.rows) == 11
            out[f"agreement_2coders_100docs_10k_{unit}_s"] = round(
                _best(lambda u=unit: read_agreement(project, unit=u), repeats), 3)
        return out
    finally:
        project.close()


def bench_merge() -> dict[str, float]:
    from rednote_desk.services.merge import merge_file

    with tempfile.TemporaryDirectory(prefix="rednote-bench-merge-") as tmp:
        ours = Project.open(Path(tmp) / "ours.sqlite")
        theirs = Project.open(Path(tmp) / "theirs.sqlite")
        fill(ours, documents=100, annotations=10_000, coders=("ann",), seed=1)
        fill(theirs, documents=100, annotations=10_000, coders=("bob",), seed=2)
        theirs.close()
        try:
            t0 = time.perf_counter()
            summary = merge_file(ours, Path(tmp) / "theirs.sqlite").value
            elapsed = time.perf_counter() - t0
            assert summary.annotations_added == 10_000 and summary.documents_matched == 100
        finally:
            ours.close()
    return {"merge_two_10k_annotation_projects_s": round(elapsed, 3)}


def bench_qdpx(repeats: int) -> dict[str, float]:
    """.qdpx export of the sample project (the default project with its five articles and codebook)."""
    from rednote_desk import services
    from rednote_desk.services.refi import export_qdpx

    with tempfile.TemporaryDirectory(prefix="rednote-bench-qdpx-") as tmp:
        project = Project.open(Path(tmp) / "sample.sqlite")
        try:
            services.seed_default_project(project)
            out = Path(tmp) / "sample.qdpx"
            best = _best(lambda: export_qdpx(project, out), repeats)
            assert out.stat().st_size > 0
        finally:
            project.close()
        big = Project.in_memory()
        try:
            fill(big, documents=100, annotations=10_000, coders=("ann", "bob"), seed=3)
            large = _best(lambda: export_qdpx(big, Path(tmp) / "big.qdpx"), 1)
        finally:
            big.close()
    return {"qdpx_export_sample_project_s": round(best, 3), "qdpx_export_100docs_10k_annotations_s": round(large, 3)}


def bench_qdpx_import() -> dict[str, float]:
    """.qdpx import of 100 documents with 10,000 annotations into a new project file (one undo step)."""
    from rednote_desk.services.refi import export_qdpx, import_qdpx

    with tempfile.TemporaryDirectory(prefix="rednote-bench-qdpx-import-") as tmp:
        big = Project.in_memory()
        try:
            fill(big, documents=100, annotations=10_000, coders=("ann", "bob"), seed=3)
            export_qdpx(big, Path(tmp) / "big.qdpx")
        finally:
            big.close()
        target = Project.open(Path(tmp) / "new.sqlite")
        try:
            t0 = time.perf_counter()
            summary = import_qdpx(target, Path(tmp) / "big.qdpx")
            elapsed = time.perf_counter() - t0
            assert summary.annotations == 10_000 and summary.documents == 100
        finally:
            target.close()
    return {"qdpx_import_100docs_10k_annotations_s": round(elapsed, 3)}


def run(quick: bool) -> dict[str, float]:
    repeats = 1 if quick else 3
    results: dict[str, float] = {}
    results.update(bench_agreement(repeats))
    results.update(bench_merge())
    results.update(bench_qdpx(repeats))
    results.update(bench_qdpx_import())
    return results


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=2))
