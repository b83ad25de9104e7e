"""Speed of the numbers-and-claims core: parse_quantities on 10 KB, suggest_claims on 10 x 10 KB, and the
whole comparison (matrix, suggestions, frame profile, copies, alignments) of 10 x 10 KB.

Documents are built from the sample articles: paragraphs drawn at random (fixed seed) from all five
until each text is ~10 KB, so the documents share many numbers and quotations as real coverage does.

Run standalone: ``python3 tests/benchmarks/bench_claims.py [--quick]``.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.claims import suggest_claims  # noqa: E402
from rednote_desk.core.compare.comparison import ComparisonInput, compute_comparison  # noqa: E402
from rednote_desk.core.models import Annotation, Claim, Document, Tag  # noqa: E402
from rednote_desk.core.numbers import parse_quantities  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402

SEED = 20250119
SIZE = 10_240


def build_documents(count: int, size: int = SIZE) -> list[Document]:
    """``count`` documents of about ``size`` characters made of sample paragraphs."""
    rng = random.Random(SEED)
    paragraphs = []
    for path in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    docs = []
    for i in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(paragraphs))
        docs.append(Document(id=i + 1, title=f"bench {i}", text="\n".join(parts)[:size]))
    return docs


def comparison_input(docs: list[Document]) -> ComparisonInput:
    """The documents with 20 tagged annotations each (two of every five linked as a claim) under 3 frames."""
    rng = random.Random(SEED)
    tags = [Tag(1, "Frames"), Tag(2, "Conflict", parent_id=1), Tag(3, "Economic", parent_id=1), Tag(4, "Claims")]
    annotations = []
    for d in docs:
        for n in range(20):
            start = rng.randrange(0, len(d.text) - 400)
            end = start + rng.randrange(40, 400)
            annotations.append(Annotation(len(annotations) + 1, d.id, start, end, d.text[start:end],
                                          tag_ids=(rng.choice((2, 3, 4)),), claim_id=n % 5 if n % 5 < 2 else None))
    return ComparisonInput(tuple(docs), tuple(annotations), (Claim(0, "claim a"), Claim(1, "claim b")), tuple(tags))




def run(quick: bool) -> dict[str, float]:
    """Named medians in milliseconds."""
    runs = 5 if quick else 15
    docs = build_documents(10)
    text = docs[0].text
    parse_quantities(text)  # warm the regex cache
    results = {
        "parse_quantities_10kb_ms": median_ms(lambda: parse_quantities(text), runs * 3),
        "suggest_10x10kb_ms": median_ms(lambda: suggest_claims(docs), runs),
    }
    results["suggest_10x10kb_claims"] = float(len(suggest_claims(docs)))
    data = comparison_input(docs)
    results["compare_matrix_10x10kb_ms"] = median_ms(lambda: compute_comparison(data), runs)
    results["compare_matrix_10x10kb_no_alignments_ms"] = median_ms(
        lambda: compute_comparison(data, alignments=False), runs)
    return results


if __name__ == "__main__":
    for name, value in run("--quick" in sys.argv).items():
        print(f"{name}: {value}")
