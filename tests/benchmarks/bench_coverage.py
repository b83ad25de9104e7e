"""Speed of the coverage map and of loading the sentence-meaning model.

Targets (issue 11): model load < 0.5 s; coverage map of 10 documents × 10 KB < 1 s, of 50 documents < 5 s.
Documents are built from the sample articles' paragraphs, shuffled per document.

Run standalone: ``python3 tests/benchmarks/bench_coverage.py [--quick]``.
"""
from __future__ import annotations

import random
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.compare.coverage import coverage_map  # noqa: E402
from rednote_desk.core.compare.embed import sentence_model  # noqa: E402
from rednote_desk.core.models import Document  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402

LOAD = ("import time; t = time.perf_counter(); from rednote_desk.core.compare.embed import sentence_model; "
        "m = sentence_model(); assert m is not None; print(time.perf_counter() - t)")


def documents(n: int, size: int = 10_000, seed: int = 11) -> list[Document]:
    paras = []
    for p in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        paras += [x for x in p.read_text(encoding="utf-8").split("\n") if len(x.split()) >= 8]
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        body: list[str] = []
        while sum(len(x) for x in body) < size:
            body.append(rnd.choice(paras))
        out.append(Document(i + 1, f"Doc {i}", f"Headline {i}\n\n" + "\n\n".join(body)))
    return out




def run(quick: bool) -> dict[str, float]:
    """Named medians in milliseconds (the model load in a fresh interpreter, import included)."""
    runs = 3 if quick else 7
    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True,
                                  cwd=ROOT).stdout) * 1000 for _ in range(runs)]
    model = sentence_model()
    ten, fifty = documents(10), documents(50)
    return {
        "model_load_ms": round(statistics.median(loads), 1),
        "coverage_10x10KB_ms": median_ms(lambda: coverage_map(ten, model=model), runs),
        "coverage_50x10KB_ms": median_ms(lambda: coverage_map(fifty, model=model), 1 if quick else 3),
    }


if __name__ == "__main__":
    for name, value in run("--quick" in sys.argv).items():
        print(f"{name}: {value}")
