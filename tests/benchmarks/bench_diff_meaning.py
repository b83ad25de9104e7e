"""Speed of the text diff of two independently written texts (sentences paired by meaning).

Texts are built from different sample articles (A from two, B from the other three), so they share
statements but little wording; the model is loaded before timing (the GUI loads it on the worker once).

Run standalone: ``python3 tests/benchmarks/bench_diff_meaning.py [--quick]``.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.compare.embed import sentence_model  # noqa: E402
from rednote_desk.core.compare.passages import passage_diff  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402


def pair(size: int) -> tuple[str, str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources" / "samples").glob("*.txt"))]
    a, b = "", ""
    while len(a) < size:
        a += "\n\n".join(texts[:2]) + "\n\n"
    while len(b) < size:
        b += "\n\n".join(texts[2:]) + "\n\n"
    return a[:size].rsplit("\n", 1)[0], b[:size].rsplit("\n", 1)[0]




def run(quick: bool) -> dict[str, float]:
    """Named medians in milliseconds."""
    runs = 3 if quick else 7
    model = sentence_model()
    small, large = pair(10_000), pair(100_000)
    passage_diff(*small, model=model)  # imports (scipy) outside the timing
    return {
        "diff_independent_10KB_ms": median_ms(lambda: passage_diff(*small, model=model), runs),
        "diff_independent_100KB_ms": median_ms(lambda: passage_diff(*large, model=model), 1 if quick else 3),
    }


if __name__ == "__main__":
    for name, value in run("--quick" in sys.argv).items():
        print(f"{name}: {value}")
