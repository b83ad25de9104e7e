"""A large project for the "large projects" benchmarks, built once and kept in a cache folder.

Full size: 10,000 documents (~10 KB each) and 1,000,000 annotations (issue 10); quick: 1,000 and 50,000. The
file is named by its size, a generator version and the schema's migration names, so a run after a schema change
builds a new one, and every benchmark module of a run (each in its own process) shares one file. It is built
under a temporary name and renamed when complete, so a build that was interrupted is never used.

Not a ``bench_*`` module: the runner does not run it by itself.
"""
from __future__ import annotations

import hashlib
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for _folder in (ROOT, HERE):  # rednote_desk, and bench_compare's article generator beside this file
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
SAMPLES = ROOT / "resources" / "samples"
NOW = "2025-01-30T12:00:00.000Z"
GENERATOR_VERSION = 2
SIZES = {True: (1_000, 50_000), False: (10_000, 1_000_000)}  # quick / full: documents, annotations
DOCUMENT_SIZE = 10_000  # characters
OUTLETS = ("Harbor Gazette", "The People's Voice", "Daily Ledger", "Morning Post", "Northern Star",
           "City Wire", "Evening Herald", "The Observer Online", "Valley Times")


def cache_dir() -> Path:
    folder = Path(os.environ.get("REDNOTE_BENCH_CACHE") or Path(tempfile.gettempdir()) / "rednote-bench-cache")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _schema_key() -> str:
    from rednote_desk.store.migrations import known_migration_names

    return hashlib.sha1(",".join(known_migration_names()).encode()).hexdigest()[:10]


def large_project_path(quick: bool) -> Path:
    """The cached project file of this size, built now if it is not there yet."""
    documents, annotations = SIZES[quick]
    path = cache_dir() / f"large-{documents}-{annotations}-v{GENERATOR_VERSION}-{_schema_key()}.rednote.sqlite"
    if not path.exists():
        build(path, documents=documents, annotations=annotations)
    return path


def build(path: Path, *, documents: int, annotations: int, seed: int = 10) -> float:
    """Write the project to ``path`` (through a temporary file); returns the seconds it took."""
    from rednote_desk import services
    from rednote_desk.store.project import Project

    started = time.perf_counter()
    partial = path.with_name(f"{path.name}.{os.getpid()}.building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    import bench_compare  # the comparison benchmark's articles: sample paragraphs shuffled, 20 % of words changed

    rng = random.Random(seed)
    paragraphs = bench_compare.paragraphs()
    vocab = [w for p in paragraphs for w in p.split(" ") if w.isalpha()]
    project = Project.open(partial)
    try:
        services.load_codebook_file(project, services.default_codebook_path())
        conn = project.db.conn
        conn.execute("PRAGMA synchronous = OFF")
        tag_ids = [r[0] for r in conn.execute("SELECT id FROM tags")]
        conn.execute("BEGIN")

        def document_rows():
            for i in range(documents):
                text = (bench_compare.article(DOCUMENT_SIZE, rng, paragraphs, vocab, 0.2)
                        + f"\n\nReference token doc{i}.")
                yield (f"Report {i} on the harbour strike", OUTLETS[i % len(OUTLETS)], f"Reporter {i % 97}",
                       f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", text,
                       hashlib.sha256(text.encode()).hexdigest(), NOW)

        conn.executemany("INSERT INTO documents (title, outlet, author, published, text, text_sha256, imported_at)"
                         " VALUES (?,?,?,?,?,?,?)", document_rows())
        lengths = [(row[0], row[1]) for row in conn.execute("SELECT id, length(text) FROM documents ORDER BY id")]
        per_document = max(1, annotations // len(lengths))
        claims = [conn.execute("INSERT INTO claims (label) VALUES (?)", [f"Claim {c}"]).lastrowid
                  for c in range(200)]

        def annotation_rows():
            made = 0
            for doc_id, _length in lengths:
                text = conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()[0]
                for _ in range(per_document):
                    if made >= annotations:
                        return
                    start = rng.randrange(0, len(text) - 120)
                    end = start + rng.randrange(5, 110)
                    claim = claims[made % len(claims)] if made % 50 == 0 else None
                    made += 1
                    yield (made, doc_id, start, end, text[start:end], text[max(0, start - 32):start],
                           text[end:end + 32], f"note {made}" if made % 10 == 0 else "",
                           ("ann", "bob")[made % 2], NOW, NOW, claim)

        conn.executemany(
            """INSERT INTO annotations (id, document_id, start_offset, end_offset, quote, prefix, suffix, note,
               coder, created_at, updated_at, claim_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", annotation_rows())
        conn.executemany("INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                         ((a, tag_ids[(a * 7) % len(tag_ids)]) for a in range(1, annotations + 1)))
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        project.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    os.replace(partial, path)
    return time.perf_counter() - started


def working_copy(source: Path, folder: Path) -> Path:
    """A copy of the cached project in ``folder``, for a benchmark that may write (backups, settings)."""
    import shutil

    target = folder / source.name
    shutil.copyfile(source, target)
    return target


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    t0 = time.perf_counter()
    found = large_project_path(quick)
    print(found, f"{found.stat().st_size / 1e6:.0f} MB", f"{time.perf_counter() - t0:.1f} s")
