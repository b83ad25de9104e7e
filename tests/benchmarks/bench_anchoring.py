"""Re-anchoring accuracy on edited versions of the sample articles, and speed on a 100 KB text.

Each version takes one sample article, picks annotations on word boundaries (3-40 words), then applies edits
that leave the quotes alone (typo fixed, paragraph inserted, another sentence rewritten, another paragraph
deleted) and sometimes one that does not (the quote's paragraph deleted, a word inside the quote edited).
Every edit is tracked, so where an untouched quote must land is known exactly.

Run standalone: ``python3 tests/benchmarks/bench_anchoring.py [--quick]``.
"""
from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rednote_desk.core.anchoring import AnchorResult, make_selector, reanchor_many  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benchmarks' own helpers
from timing import median_ms  # noqa: E402

SEED = 20250119
WORD = re.compile(r"\S+")


@dataclass
class Tracked:
    """An annotation followed through the edits: its span in the current text, or why it has none."""

    start: int
    end: int
    fate: str = "untouched"  # untouched / edited (a word inside changed) / deleted (its paragraph went)


def load_samples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources" / "samples").glob("*.txt"))]


def apply_edit(text: str, tracked: list[Tracked], a: int, b: int, insert: str) -> str:
    """Replace ``text[a:b]`` with ``insert`` and follow every tracked span through it.

    A span wholly removed becomes "deleted"; one edited strictly inside becomes "edited"; one that loses
    only part of itself becomes "damaged" and keeps its surviving part.
    """
    delta = len(insert) - (b - a)
    for t in tracked:
        if t.fate == "deleted":
            continue
        if b <= t.start:  # before the span (an insertion at its start only moves it)
            t.start += delta
            t.end += delta
        elif a >= t.end:  # after the span
            pass
        elif a <= t.start and t.end <= b:
            t.fate = "deleted"
        elif t.start <= a and b <= t.end:
            t.end += delta
            if t.fate == "untouched":
                t.fate = "edited"
        else:  # overlaps one end
            t.fate = "damaged"
            if a <= t.start:
                t.start, t.end = a + len(insert), t.end + delta
            else:
                t.end = a
    return text[:a] + insert + text[b:]


def free(tracked: list[Tracked], a: int, b: int) -> bool:
    """True when ``[a, b]`` touches no live annotation (an insertion at a span's edge is allowed)."""
    return all(t.fate == "deleted" or b <= t.start or a >= t.end for t in tracked)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, end including its newline."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


REPLACEMENTS = ["reportedly", "new", "many", "American", "platform", "the", "users", "officials", "roughly"]


def edit_elsewhere(text: str, tracked: list[Tracked], rng: random.Random, donors: list[str]) -> str:
    """One edit that leaves every live quote intact (tries a few random places)."""
    kind = rng.choice(("typo", "neighbour_word", "insert_paragraph", "rewrite_sentence", "delete_paragraph"))
    for _ in range(50):
        if kind == "neighbour_word":  # the word just before or after a quote: its context changes
            live = [t for t in tracked if t.fate != "deleted"]
            if not live:
                kind = "typo"
                continue
            t = rng.choice(live)
            before = [m for m in WORD.finditer(text, max(0, t.start - 40), t.start) if m.end() <= t.start]
            after = [m for m in WORD.finditer(text, t.end, t.end + 40)]
            options = ([before[-1]] if before else []) + ([after[0]] if after else [])
            if not options:
                kind = "typo"
                continue
            m = rng.choice(options)
            if free(tracked, m.start(), m.end()):
                return apply_edit(text, tracked, m.start(), m.end(), rng.choice(REPLACEMENTS))
        elif kind == "typo":
            words = [m for m in WORD.finditer(text) if len(m.group()) >= 4]
            m = rng.choice(words)
            if free(tracked, m.start(), m.end()):
                return apply_edit(text, tracked, m.start(), m.end(), typo(m.group(), rng))
        elif kind == "insert_paragraph":
            donor_paras = paragraphs(donor := rng.choice(donors))
            ds, de = rng.choice(donor_paras)
            starts = [0] + [e for _s, e in paragraphs(text)]
            at = rng.choice(starts)
            new_para = donor[ds:de] if donor[ds:de].endswith("\n") else donor[ds:de] + "\n"
            if free(tracked, at, at):
                return apply_edit(text, tracked, at, at, new_para)
        elif kind == "rewrite_sentence":
            sentences = [m for m in re.finditer(r"[^.!?\n]+[.!?]", text) if len(m.group().split()) >= 4]
            if not sentences:
                kind = "typo"
                continue
            m = rng.choice(sentences)
            if free(tracked, m.start(), m.end()):
                words = m.group().split()
                rng.shuffle(words)
                words[rng.randrange(len(words))] = rng.choice(REPLACEMENTS)
                return apply_edit(text, tracked, m.start(), m.end(), " " + " ".join(words))
        else:
            paras = paragraphs(text)
            if len(paras) < 3:
                kind = "typo"
                continue
            s, e = rng.choice(paras)
            if free(tracked, s, e):
                return apply_edit(text, tracked, s, e, "")
    return text


def edit_quote(text: str, target: Tracked, tracked: list[Tracked], rng: random.Random) -> str:
    """One edit that changes the target's quote: delete its paragraph, or edit one word inside it."""
    if rng.random() < 0.5:
        paras = paragraphs(text)
        s = next(s for s, e in paras if s <= target.start < e)
        e = next(e for s, e in paras if target.end <= e)
        return apply_edit(text, tracked, s, e, "")
    words = [m for m in WORD.finditer(text, target.start, target.end) if len(m.group()) >= 3]
    m = rng.choice(words)
    new = typo(m.group(), rng) if rng.random() < 0.5 and len(m.group()) >= 4 else rng.choice(REPLACEMENTS)
    if new == m.group():
        new = new + "s"
    return apply_edit(text, tracked, m.start(), m.end(), new)


def pick_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    words = list(WORD.finditer(text))
    spans = []
    for _ in range(count):
        n = rng.randint(3, 40)
        i = rng.randrange(0, max(1, len(words) - n))
        spans.append((words[i].start(), words[min(len(words) - 1, i + n - 1)].end()))
    return spans


def classify(result: AnchorResult, t: Tracked, quote: str, new_text: str) -> str:
    if result.start is None:
        return "orphaned"
    if t.fate == "untouched":
        return "exact" if (result.start, result.end) == (t.start, t.end) else "wrong"
    if t.fate == "damaged":  # part of the quote survives: acceptable only on (mostly) that part
        overlap = max(0, min(result.end, t.end) - max(result.start, t.start))
        return "partial" if overlap >= 0.5 * (result.end - result.start) else "wrong"
    if t.fate == "edited":
        if (result.start, result.end) == (t.start, t.end):
            return "exact"
        overlap = max(0, min(result.end, t.end) - max(result.start, t.start))
        union = max(result.end, t.end) - min(result.start, t.start)
        return "near" if union and overlap / union >= 0.8 else "wrong"
    # deleted: only an identical copy of the quote elsewhere is an acceptable place
    return "identical_copy" if new_text[result.start : result.end] == quote else "wrong"


def accuracy(versions: int, rng: random.Random, *, with_old_text: bool = False) -> dict[str, float]:
    samples = load_samples()
    tally: dict[str, Counter] = {k: Counter() for k in ("untouched", "edited", "deleted", "damaged")}
    for _ in range(versions):
        which = rng.randrange(len(samples))
        old = samples[which]
        donors = samples[:which] + samples[which + 1 :]
        spans = pick_spans(old, rng.randint(1, 6), rng)
        selectors = [make_selector(old, s, e) for s, e in spans]
        tracked = [Tracked(s, e) for s, e in spans]
        new = old
        for _e in range(rng.randint(1, 4)):
            new = edit_elsewhere(new, tracked, rng, donors)
        if rng.random() < 0.4:
            live = [t for t in tracked if t.fate != "deleted"]
            if live:
                new = edit_quote(new, rng.choice(live), tracked, rng)
        results = reanchor_many(new, selectors, old_text_length=len(old), old_text=old if with_old_text else None)
        for sel, t, res in zip(selectors, tracked, results, strict=True):
            tally[t.fate][classify(res, t, sel.quote, new)] += 1
    untouched, edited, deleted, damaged = (
        sum(tally[k].values()) or 1 for k in ("untouched", "edited", "deleted", "damaged")
    )
    total = sum(sum(c.values()) for c in tally.values())
    wrong = sum(c["wrong"] for c in tally.values())
    return {
        "reanchor_annotations": float(total),
        "reanchor_exact_share": tally["untouched"]["exact"] / untouched,
        "reanchor_untouched_orphan_share": tally["untouched"]["orphaned"] / untouched,
        "reanchor_wrong_share": wrong / total,
        "reanchor_orphan_share": sum(c["orphaned"] for c in tally.values()) / total,
        "reanchor_edited_recovered_share": (tally["edited"]["exact"] + tally["edited"]["near"]) / edited,
        "reanchor_edited_exact_share": tally["edited"]["exact"] / edited,
        "reanchor_deleted_orphan_share": tally["deleted"]["orphaned"] / deleted,
        "reanchor_deleted_identical_copy_share": tally["deleted"]["identical_copy"] / deleted,
        "reanchor_damaged_count": float(sum(tally["damaged"].values())),
        "reanchor_damaged_orphan_share": tally["damaged"]["orphaned"] / damaged,
        "reanchor_untouched_count": float(sum(tally["untouched"].values())),
        "reanchor_edited_count": float(sum(tally["edited"].values())),
        "reanchor_deleted_count": float(sum(tally["deleted"].values())),
    }


def big_text_case(rng: random.Random, size: int = 100_000, count: int = 1000):
    """A ~100 KB text of varied sample paragraphs, 1,000 selectors on it, and an edited version."""
    paras = [p for text in load_samples() for p in text.split("\n") if p.strip()]
    parts, length, n = [], 0, 0
    while length < size:
        n += 1
        p = rng.choice(paras)
        words = p.split()
        words[rng.randrange(len(words))] += f" ({n})"  # copies differ, as in a long real document
        parts.append(" ".join(words))
        length += len(parts[-1]) + 1
    old = "\n".join(parts)[:size]
    selectors = [make_selector(old, s, e) for s, e in pick_spans(old, count, rng)]
    tracked = [Tracked(sel.start, sel.end) for sel in selectors]
    new = old
    for _ in range(20):
        new = edit_elsewhere(new, tracked, rng, load_samples())
    return old, new, selectors, tracked




def long_text_accuracy(old, new, selectors, tracked, *, with_old_text: bool) -> dict[str, float]:
    """Accuracy on the long text: its paragraphs repeat with small differences, so quotes recur."""
    results = reanchor_many(new, selectors, old_text_length=len(old), old_text=old if with_old_text else None)
    verdicts = Counter(classify(r, t, s.quote, new) for r, t, s in zip(results, tracked, selectors, strict=True))
    untouched = [(r, t) for r, t in zip(results, tracked, strict=True) if t.fate == "untouched"]
    exact = sum(1 for r, t in untouched if (r.start, r.end) == (t.start, t.end))
    return {
        "exact_share": exact / (len(untouched) or 1),
        "wrong_share": verdicts["wrong"] / len(selectors),
        "orphan_share": verdicts["orphaned"] / len(selectors),
    }


def run(quick: bool) -> dict[str, float]:
    versions = 150 if quick else 600
    out = accuracy(versions, random.Random(SEED))
    with_old = accuracy(versions, random.Random(SEED), with_old_text=True)
    for key in ("exact_share", "wrong_share", "orphan_share", "edited_recovered_share"):
        out[f"reanchor_with_old_text_{key}"] = with_old[f"reanchor_{key}"]
    old, new, selectors, tracked = big_text_case(random.Random(SEED + 1))
    for label, flag in (("100kb", False), ("100kb_with_old_text", True)):
        for key, value in long_text_accuracy(old, new, selectors, tracked, with_old_text=flag).items():
            out[f"reanchor_{label}_{key}"] = value
    runs = 5
    out["reanchor_1000_ms"] = median_ms(lambda: reanchor_many(new, selectors, old_text_length=len(old)), runs)
    out["reanchor_1000_with_old_text_ms"] = median_ms(lambda: reanchor_many(new, selectors, old_text=old), runs)
    out["reanchor_1000_unchanged_ms"] = median_ms(lambda: reanchor_many(old, selectors), runs)
    return out


if __name__ == "__main__":
    for key, value in run("--quick" in sys.argv).items():
        print(f"{key:40s} {value:.4f}")
