"""Fidelity of HTML import on saved news pages in real sites' shapes (tests/core/news_pages.py, issue 14).

``html_pages_within_15pct_share``: share of the pages whose stored text is within 15 % of the length of
trafilatura's own extraction of the raw page AND holds at least 85 % of its words (the length alone would
pass a page that stored the teasers instead of the article). ``html_pages_per_s``: pages imported per second.
Trafilatura alone returns the site menu on the gallery page, which the importer leaves out: that page counts
as a miss, on purpose (the row measures closeness to the extractor, not quality).

Run standalone: ``python3 tests/benchmarks/bench_html_pages.py``.
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "tests" / "core"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from news_pages import all_pages  # noqa: E402

from rednote_desk.core.ingest import from_bytes  # noqa: E402


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def close_to_extractor(stored: str, own: str) -> bool:
    if not own.strip():
        return not stored.strip()
    own_words = _words(own)
    covered = sum((own_words & _words(stored)).values()) / sum(own_words.values())
    return abs(len(stored) - len(own)) <= 0.15 * len(own) and covered >= 0.85


def run(quick: bool) -> dict[str, float]:
    import trafilatura

    pages = all_pages()
    close = 0
    started = time.perf_counter()
    for page in pages:
        stored = from_bytes(page.markup.encode(), name=page.name).text
        own = trafilatura.extract(page.markup, include_comments=False, include_tables=True) or ""
        close += close_to_extractor(stored, own)
        if not quick and "--verbose" in sys.argv:
            print(f"{page.name}\tstored {len(stored)}\textractor {len(own)}\t{close_to_extractor(stored, own)}")
    elapsed = time.perf_counter() - started
    timed = time.perf_counter()
    for page in pages:
        from_bytes(page.markup.encode(), name=page.name)
    per_second = len(pages) / (time.perf_counter() - timed)
    return {"html_pages_within_15pct_share": round(close / len(pages), 3),
            "html_pages_count": len(pages), "html_pages_per_s": round(per_second, 1),
            "html_pages_check_s": round(elapsed, 2)}


if __name__ == "__main__":
    for name, value in run("--quick" in sys.argv).items():
        print(f"{name}\t{value}")
