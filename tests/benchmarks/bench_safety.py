"""Cost of the safety checks on files from others (issue 13): the read-only check before a project opens
(quick_check + schema comparison), the repaired copy, a compact copy for sharing, and a bounded search.

Run standalone: ``python3 tests/benchmarks/bench_safety.py [--quick]``.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.services.backups import backup_project  # noqa: E402
from rednote_desk.services.repair import repair_project  # noqa: E402
from rednote_desk.store.project import Project, _inspect_read_only  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402


def run(quick: bool = False) -> dict:
    documents = 300 if quick else 3000
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.sqlite"
        with Project.open(path) as project:
            with project.operation_group("fill"):
                for i in range(documents):
                    project.add_document(title=f"D{i}", text=(f"word{i} lorem ipsum dolor sit amet. " * 300),
                                         text_sha256=str(i))
        size_mb = round(path.stat().st_size / 1e6, 1)
        figures = {
            "safety_project_mb": size_mb,
            "safety_open_check_ms": median_ms(lambda: _inspect_read_only(path), runs),
            "safety_open_total_ms": median_ms(lambda: Project.open(path).close(), runs),
        }
        with Project.open(path) as project:
            figures["safety_search_1000_a_ms"] = median_ms(lambda: project.search(" ".join(["a"] * 1000)), runs)
            t = time.perf_counter()
            backup_project(project, Path(folder) / "shared.sqlite", for_sharing=True)
            figures["safety_copy_for_sharing_ms"] = round((time.perf_counter() - t) * 1000, 1)
        t = time.perf_counter()
        repair_project(path)
        figures["safety_repaired_copy_ms"] = round((time.perf_counter() - t) * 1000, 1)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run("--quick" in sys.argv), indent=2))
