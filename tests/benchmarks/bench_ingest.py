"""Import speed: the five samples, an HTML page through trafilatura, a 1 MB text (UTF-8 and cp1252), trimming.

Run standalone: ``python3 tests/benchmarks/bench_ingest.py [--quick]``.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.ingest import from_bytes, read_file, trim_boilerplate  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"


def _median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def _html_page(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><meta charset='utf-8'><title>Storm | Bugle</title><meta name='author' content='Jane Roe'>"
        "<script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav><article><h1>Storm</h1>"
        f"{body}</article><footer>© 2026 Bugle</footer></body></html>"
    ).encode()


def run(quick: bool) -> dict[str, float]:
    """Named medians in milliseconds."""
    repeats = 5 if quick else 15
    files = [SAMPLES / entry["file"] for entry in json.loads((SAMPLES / "manifest.json").read_text())["documents"]]
    texts = [f.read_text(encoding="utf-8") for f in files]
    read_file(files[0])
    big = "\n".join(texts)
    big = (big * (1_000_000 // len(big) + 1))[:1_000_000]
    page = _html_page([p for t in texts for p in t.split("\n") if len(p) > 80])
    from_bytes(page, name="warm.html")  # pays the trafilatura import once
    imported = from_bytes(big.encode(), name="big.txt")
    return {
        "import_5_samples_ms": _median_ms(lambda: [read_file(f) for f in files], repeats),
        "import_html_25kb_ms": _median_ms(lambda: from_bytes(page, name="page.html"), repeats),
        "import_1mb_utf8_txt_ms": _median_ms(lambda: from_bytes(big.encode(), name="big.txt"), repeats),
        "import_1mb_cp1252_txt_ms": _median_ms(
            lambda: from_bytes(big.encode("cp1252", errors="replace"), name="big.txt"), repeats),
        "trim_1mb_ms": _median_ms(lambda: trim_boilerplate(imported), repeats),
    }


if __name__ == "__main__":
    for name, value in run("--quick" in sys.argv).items():
        print(f"{name}\t{value}")
