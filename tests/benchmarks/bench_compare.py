"""Speed of the comparison core: word diff, rendering, sentence alignment, copy/spin detection.

Texts are built from the sample articles: paragraphs drawn and shuffled, ~10% of words replaced by
other corpus words, sentences deleted and inserted. Spun copies swap words from a synonym table.

Run standalone: ``python3 tests/benchmarks/bench_compare.py [--quick]``.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.compare.align import align_documents  # noqa: E402
from rednote_desk.core.compare.spin import find_copies  # noqa: E402
from rednote_desk.core.compare.worddiff import word_diff  # noqa: E402
from rednote_desk.core.models import Document  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402

SEED = 20250113
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SPIN = {"users": "customers", "app": "utility", "social": "societal", "ban": "prohibition", "data": "information",
        "government": "authorities", "said": "stated", "new": "brand new", "many": "numerous", "more": "extra",
        "chinese": "chinese language", "court": "court docket", "people": "individuals", "use": "make use of",
        "popular": "well-liked", "platform": "platform system", "content": "content material", "cold": "chilly",
        "war": "warfare", "week": "weekly interval", "company": "firm", "country": "nation", "help": "assist"}


def paragraphs() -> list[str]:
    out = []
    for p in sorted((ROOT / "resources" / "samples").glob("*.txt")):
        out += [para for para in p.read_text(encoding="utf-8").split("\n") if len(para.split()) >= 8]
    return out


def edit(text: str, rng: random.Random, vocab: list[str], rate: float = 0.1) -> str:
    """Replace ``rate`` of the words, drop and insert a few sentences; paragraph breaks stay."""
    out_paras = []
    for para in text.split("\n"):
        sents = []
        for s in SENTENCE_END.split(para):
            r = rng.random()
            if r < 0.03:
                continue
            words = [w if rng.random() > rate else rng.choice(vocab) for w in s.split(" ")]
            sents.append(" ".join(words))
            if r > 0.97:
                sents.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(6, 20))).capitalize() + ".")
        out_paras.append(" ".join(sents))
    return "\n".join(out_paras)


def article(size: int, rng: random.Random, paras: list[str], vocab: list[str], rate: float = 0.1) -> str:
    """About ``size`` characters of shuffled, edited sample paragraphs."""
    chosen: list[str] = []
    total = 0
    while total < size:
        p = edit(rng.choice(paras), rng, vocab, rate)
        chosen.append(p)
        total += len(p) + 2
    return "\n\n".join(chosen)[:size]


def spin(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        rep = SPIN.get(m.group().lower())
        return m.group() if rep is None else rep

    return re.sub(r"[A-Za-z]+", swap, text)




def corpus_50(rng: random.Random, paras: list[str], vocab: list[str]) -> list[Document]:
    """40 articles mixed from sample paragraphs, 5 spun copies and 5 verbatim copies with a new intro."""
    docs = [article(rng.randint(3000, 9000), rng, paras, vocab, 0.2) for _ in range(40)]
    docs += [spin(docs[n]) for n in range(5)]
    docs += ["Republished with permission. Our readers asked about this story.\n\n" + docs[n] for n in range(5, 10)]
    return [Document(id=n, title=f"doc {n}", text=t) for n, t in enumerate(docs)]


def run(quick: bool) -> dict[str, float]:
    rng = random.Random(SEED)
    paras = paragraphs()
    vocab = [w for p in paras for w in p.split(" ") if w.isalpha()]
    runs = 5
    out: dict[str, float] = {}

    a = article(10_000, rng, paras, vocab, 0.0)
    b = edit(a, rng, vocab)
    out["diff_10kb_pair_ms"] = median_ms(lambda: word_diff(a, b), runs * 4)

    big_a = article(1_000_000 if not quick else 300_000, rng, paras, vocab, 0.05)
    big_b = edit(big_a, rng, vocab)
    out["diff_1mb_pair_ms" if not quick else "diff_300kb_pair_ms"] = median_ms(lambda: word_diff(big_a, big_b), runs)

    docs10 = [Document(id=n, title="", text=article(10_000, rng, paras, vocab)) for n in range(10)]
    out["align_10_docs_10kb_ms"] = median_ms(lambda: align_documents(docs10), runs)

    docs50 = corpus_50(rng, paras, vocab)
    found: list = []
    out["spin_50_docs_all_pairs_ms"] = median_ms(lambda: found.__setitem__(slice(None), find_copies(docs50)),
                                                3 if quick else runs)
    expected = {frozenset((n, 40 + n)) for n in range(5)} | {frozenset((n, 40 + n)) for n in range(5, 10)}
    got = {frozenset((f.source, f.copy)) for f in found}
    out["spin_50_docs_recall"] = len(got & expected) / len(expected)
    out["spin_50_docs_false_positives"] = float(len(got - expected))
    out["report_5_samples_ms"] = report_5_samples_ms(runs)
    return out


def report_5_samples_ms(runs: int) -> float:
    """The HTML report of the 5 sample articles (read, compare, 10 pairwise diffs, write), from a project."""
    import tempfile

    from rednote_desk import services
    from rednote_desk.services.report import write_report
    from rednote_desk.store.project import Project

    project = Project.in_memory()
    try:
        services.seed_default_project(project)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report.html"
            return median_ms(lambda: write_report(project, None, out), runs)
    finally:
        project.close()


if __name__ == "__main__":
    for key, value in run("--quick" in sys.argv).items():
        print(f"{key:34s} {value:10.2f}")
