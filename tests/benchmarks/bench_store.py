"""Store speed at scale: one annotation added to a large project, CSV export, full-text search, file import, opening.

Keys name the size they were measured at (quick mode uses smaller projects, so its keys differ where the
size matters). Run standalone: ``python3 tests/benchmarks/bench_store.py [--quick]``.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk import services  # noqa: E402
from rednote_desk.store.project import Project  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
NOW = "2025-01-30T12:00:00.000Z"
DOCS_FOR_ANNOTATIONS = 200


def _label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 else str(n)


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 3)


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    return [line for text in texts for line in text.split("\n") if len(line) > 60]


def _document_rows(count: int, paragraphs: list[str], rng: random.Random, *, per_doc: int = 12):
    for i in range(count):
        text = "\n\n".join(rng.sample(paragraphs, per_doc)) + f"\n\nReference token doc{i}."
        yield (f"Document {i}", f"Outlet {i % 9}", text, f"bench-{i}", NOW)


def _fill(project: Project, *, documents: int, annotations: int, seed: int) -> None:
    """Documents and annotations written directly in one transaction (executemany): fast to build."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    conn = project.db.conn
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (title, outlet, text, text_sha256, imported_at) VALUES (?,?,?,?,?)",
                     _document_rows(documents, paragraphs, rng))
    texts = {row[0]: row[1] for row in conn.execute("SELECT id, text FROM documents")}
    ids = list(texts)

    def rows():
        for i in range(annotations):
            doc = ids[i % len(ids)]
            text = texts[doc]
            start = rng.randrange(0, len(text) - 80)
            end = start + rng.randrange(5, 80)
            yield (doc, start, end, text[start:end], text[max(0, start - 32):start], text[end:end + 32],
                   f"note {i}" if i % 3 == 0 else "", "bench", NOW, NOW)

    if annotations:
        conn.executemany(
            """INSERT INTO annotations (document_id, start_offset, end_offset, quote, prefix, suffix, note, coder,
               created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)""", rows())
        tag_ids = [r[0] for r in conn.execute("SELECT id FROM tags")]
        if tag_ids:
            conn.executemany("INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                             ((a, tag_ids[a % len(tag_ids)]) for a in range(1, annotations + 1, 2)))
    conn.execute("COMMIT")


def _project(folder: Path, name: str, *, documents: int, annotations: int, seed: int) -> Project:
    project = Project.open(folder / f"{name}.rednote.sqlite")
    for tag in ("Conflict", "Economic", "Human interest", "Morality"):
        project.add_tag(tag)
    _fill(project, documents=documents, annotations=annotations, seed=seed)
    return project


def bench_add_annotation(project: Project, n: int, repeats: int = 20) -> dict[str, float]:
    rng = random.Random(7)
    docs = project.document_summaries()
    tag = project.tags()[0].id
    times = []
    for _ in range(repeats):
        doc = rng.choice(docs)
        start = rng.randrange(0, doc["characters"] - 40)
        started = time.perf_counter()
        project.add_annotation(document_id=doc["id"], start=start, end=start + 30, tag_ids=[tag], note="bench")
        times.append(time.perf_counter() - started)
    return {f"add_annotation_{_label(n)}_ms": _median_ms(times)}


def _export_to_null(project: Project) -> int:
    with open(os.devnull, "w", encoding="utf-8", newline="") as sink:
        return services.export_csv_file(project, sink)


def bench_export(big: Project, n_big: int, small: Project, n_small: int, *, repeats: int) -> dict[str, float]:
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        count = _export_to_null(big)
        rates.append(count / (time.perf_counter() - started))
    assert count == big.annotation_count()
    out = {"export_csv_rows_per_s": round(statistics.median(rates))}
    for project, n in ((small, n_small), (big, n_big)):  # Python heap peak: flat when the export streams
        tracemalloc.start()
        try:
            _export_to_null(project)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        out[f"export_csv_peak_mb_{_label(n)}"] = round(peak / 1e6, 2)
    return out


def bench_search(project: Project, n_docs: int, repeats: int = 20) -> dict[str, float]:
    queries = {"common": "users", "rare": f"doc{n_docs // 2}", "two_words": "trade war", "prefix": "offic"}
    out: dict[str, float] = {}
    everything = []
    for kind, query in queries.items():
        assert project.search(query), query
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            project.search(query)
            times.append(time.perf_counter() - started)
        everything.extend(times)
        out[f"fts_search_{_label(n_docs)}_docs_{kind}_ms"] = _median_ms(times)
    out[f"fts_search_{_label(n_docs)}_docs_ms"] = _median_ms(everything)
    return out


def bench_import_html(folder: Path, files: int) -> dict[str, float]:
    rng = random.Random(11)
    paragraphs = _paragraphs()
    html_dir = folder / "html"
    html_dir.mkdir()
    paths = []
    for i in range(files + 2):
        body = "".join(f"<p>{p}</p>" for p in rng.sample(paragraphs, 6))
        page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story {i} | Bench Daily</title>"
                f"<meta name='author' content='Reporter {i % 13}'></head><body><nav><a href='/'>Home</a></nav>"
                f"<article><h1>Story {i}</h1>{body}<p>Reference token html{i}.</p></article>"
                f"<footer>© 2025 Bench Daily</footer></body></html>")
        path = html_dir / f"story-{i:04d}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    with Project.open(folder / "import.rednote.sqlite") as project:
        services.import_paths(project, paths[:2])  # pays the extractor's import once
        started = time.perf_counter()
        outcomes = services.import_paths(project, paths[2:])
        elapsed = time.perf_counter() - started
        failed = [o.error for o in outcomes if o.error]
        if failed:
            raise RuntimeError(f"{len(failed)} files failed to import, e.g. {failed[0]}")
        assert len(project.documents()) == files + 2
    return {"import_html_files_per_s": round(files / elapsed, 1)}


def bench_open(folder: Path, existing: Path, *, repeats: int = 5) -> dict[str, float]:
    fresh = []
    for i in range(repeats):
        started = time.perf_counter()
        Project.open(folder / f"fresh-{i}.rednote.sqlite").close()
        fresh.append(time.perf_counter() - started)
    again = []
    for _ in range(repeats):
        started = time.perf_counter()
        Project.open(existing).close()
        again.append(time.perf_counter() - started)
    return {"open_fresh_project_ms": _median_ms(fresh), "open_existing_large_project_ms": _median_ms(again)}


def run(quick: bool) -> dict[str, float]:
    """Named medians (ms), rates (per second) and peaks (MB)."""
    # the export reads in batches of 2,000: compare sizes well above one batch to see a flat peak
    n_big, n_small = (20_000, 10_000) if quick else (100_000, 10_000)
    n_docs = 2_000 if quick else 10_000
    html_files = 100 if quick else 1_000
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="rednote-bench-store-") as tmp:
        folder = Path(tmp)
        big = _project(folder, "big", documents=DOCS_FOR_ANNOTATIONS, annotations=n_big, seed=1)
        small = _project(folder, "small", documents=DOCS_FOR_ANNOTATIONS, annotations=n_small, seed=2)
        try:
            results.update(bench_add_annotation(big, n_big))
            results.update(bench_export(big, n_big, small, n_small, repeats=1 if quick else 3))
            results.update(bench_open(folder, big.path))
        finally:
            big.close()
            small.close()
        with _project(folder, "docs", documents=n_docs, annotations=0, seed=3) as corpus:
            results.update(bench_search(corpus, n_docs))
        results.update(bench_import_html(folder, html_files))
    return results


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=2))
