"""Word choice and labelling: the main actors and things, each a group of the terms outlets use for it.

Terms are names (runs of capitalised words inside a sentence: "Harbour Bridge", "Helena Voss") and
content nouns used in at least two documents or three times. Terms are grouped, each join explained:

- a name and its last word ("Helena Voss" / "Voss"), or a term and the head word of a longer one
  ("Harbour Bridge" / "bridge");
- appositions ("Helena Voss, the mayor," / "Paulo Andrade, the engineer");
- meaning: the sentence model puts two single terms close (cosine ≥ ``CLOSE``), e.g. "firefighters" /
  "fire crews" (only when the model is available);
- another name: "Xiaohongshu, or RedNote", "RedNote, known locally as Xiaohongshu", "X (also known as Y)";
- substitution: in at least ``SUBSTITUTED_ROWS`` statements that two outlets share (coverage map rows),
  one writes X where the other writes Y, and the model puts X and Y at cosine ≥ ``SUBSTITUTED_CLOSE``
  ("fire" / "blaze": single-word cosine alone cannot tell "blaze" (0.47) from "smoke" (0.42)).

Generic words (numbers, directions, times, months, common verbs and adjectives) are no actors.

Each group lists, per outlet, the terms it uses and how often; groups are sorted by mentions.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rednote_desk.core.compare.body import statements
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.meaning import stem
from rednote_desk.core.compare.shared import per_text
from rednote_desk.core.compare.stopwords import STOPWORDS
from rednote_desk.core.models import Document

CLOSE = 0.62
SUBSTITUTED_ROWS = 2  # chosen on framing_sets.py (fire: "fire" / "blaze", "factory" / "facility")
SUBSTITUTED_CLOSE = 0.3
MAX_GROUPS = 25
_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_APPOSITION = re.compile(r"(?P<name>(?:[A-Z][\w'’\-]+\s){0,3}[A-Z][\w'’\-]+),\s+the\s+(?P<role>[a-z]+(?:\s[a-z]+)?)\s*[,.]")
_GENERIC = frozenset("""said says told would could also more than about some said year years day days week weeks
    time times people last first next other every each since still only just like well even much many
    monday tuesday wednesday thursday friday saturday sunday million billion thousand hundred
    january february march april may june july august september october november december
    hour hours minute minutes morning afternoon evening night nights today yesterday tomorrow month months
    one two three four five six seven eight nine ten dozen hundreds thousands millions
    north south east west northern southern eastern western
    main black white public popular general major whole part parts thing things lot lots number numbers
    kind place case point fact end start new old big large small high low good bad best better less least
    keep kept went goes going gone take taken took make made makes come came become became bring brought
    get got give given gave found find might must need needs want wants afford according
    extra later late early full minor recent recently social""".split())
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")  # "U.S." is one word, "US"
_ALIAS = re.compile(r"(?P<a>[A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,3})\s*(?:,\s*|\(\s*)(?:or|also known as|"
                    r"known (?:locally |in [A-Z]\w+ |in \w+ )?as|referred to as|called|dubbed)\s+"
                    r"(?P<b>[A-Z][\w'’\-]*(?:\s[A-Z][\w'’\-]*){0,3})")


@dataclass(frozen=True)
class TermGroup:
    label: str
    terms: dict[int, dict[str, int]]  # document id -> term -> count
    explanation: tuple[str, ...]

    @property
    def mentions(self) -> int:
        return sum(sum(t.values()) for t in self.terms.values())

    def to_json(self) -> dict:
        return {"label": self.label, "mentions": self.mentions, "explanation": list(self.explanation),
                "outlets": [{"document_id": d, "terms": [{"term": t, "count": n} for t, n in
                                                          sorted(ts.items(), key=lambda kv: (-kv[1], kv[0]))]}
                            for d, ts in sorted(self.terms.items())]}


def _terms_of(text: str) -> Counter[str]:
    """Names and content words of one sentence, as written (names keep their capitals)."""
    out: Counter[str] = Counter()
    words = _WORD.findall(_INITIALS.sub(lambda m: m.group().replace(".", ""), text))
    run: list[str] = []
    for n, w in enumerate([*words, ""]):
        name_like = w and w[0].isupper() and w.casefold() not in STOPWORDS and w.casefold() not in _GENERIC
        # A sentence's first word is a name only when a capitalised word follows ("Helena Voss said").
        if name_like and (n or (len(words) > 1 and words[1][0].isupper())):
            run.append(w)
            continue
        if run:
            out[" ".join(run)] += 1
            run = []
        if (w and w[0].islower() and len(w) > 3 and w not in STOPWORDS and w not in _GENERIC
                and not w.endswith(("ed", "ly"))):  # no tagger: past forms and adverbs are no actors
            out[w] += 1
    return out


_sentence_terms = per_text("terms", _terms_of)  # a sentence's terms once per comparison (read only)


def _first_word(text: str) -> str:
    """A sentence's first word when capitalised and not a function or generic word ("" otherwise)."""
    m = _WORD.search(_INITIALS.sub(lambda m: m.group().replace(".", ""), text))
    w = m.group() if m else ""
    return w if w[:1].isupper() and w.casefold() not in STOPWORDS and w.casefold() not in _GENERIC else ""


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.why: dict[str, list[str]] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.why.setdefault(ra, []).extend(self.why.pop(rb, []))
        self.why.setdefault(ra, []).append(why)


def _substitutions(shared: Sequence[Sequence[str]], singles: set[str], key) -> Counter[tuple[str, str]]:
    """(x, y) -> in how many shared statements one wording has term x and not y, another y and not x."""
    out: Counter[tuple[str, str]] = Counter()
    for row in shared:
        terms = [{key(t) for t in _sentence_terms(text)} & singles for text in row]
        seen: set[tuple[str, str]] = set()
        for n, ta in enumerate(terms):
            for tb in terms[n + 1:]:
                seen.update((min(x, y), max(x, y)) for x in ta - tb for y in tb - ta)
        out.update(sorted(seen))  # sorted: the same input gives the same groups and explanations
    return out


def term_groups(docs: Sequence[Document], *, model: SentenceModel | None = None,
                shared: Sequence[Sequence[str]] = ()) -> list[TermGroup]:
    """``shared``: the wordings of each statement several documents share (coverage map rows)."""
    docs = [d for d in docs if d.id is not None]
    per_doc: dict[int, Counter[str]] = {}
    appositions: list[tuple[str, str, str]] = []
    aliases: list[tuple[str, str, str]] = []
    initial: dict[int, Counter[str]] = {}  # capitalised first words of sentences: names only if written elsewhere
    for d in docs:
        counts: Counter[str] = Counter()
        first: Counter[str] = Counter()
        for s in statements(d.id, d.text, title=d.title):
            if s.role in ("headline", "body"):
                terms = _sentence_terms(s.compared)
                counts.update(terms)
                word = _first_word(s.compared)
                if word and not any(t.startswith(word) for t in terms):
                    first[word] += 1
                appositions += [(m.group("name"), m.group("role"), d.display_outlet)
                                for m in _APPOSITION.finditer(s.compared)]
                aliases += [(m.group("a"), m.group("b"), d.display_outlet) for m in _ALIAS.finditer(s.compared)]
        per_doc[d.id] = counts
        initial[d.id] = first
    names = {t for counts in per_doc.values() for t in counts if t[:1].isupper() and " " not in t}
    for doc_id, first in initial.items():
        for word, n in first.items():
            if word in names:  # "Xiaohongshu, or RedNote, is …" counts Xiaohongshu where it is a name elsewhere
                per_doc[doc_id][word] += n
    # A term's key: its stem (case-folded), so "cables"/"cable" and "Bridge"/"bridge" are one term.
    keys: dict[str, str] = {}  # each term stemmed once: ten 10 KB articles have tens of thousands of terms

    def key(t: str) -> str:
        found = keys.get(t)
        if found is None:
            found = keys[t] = " ".join(stem(w) for w in t.split())
        return found

    docs_with: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for counts in per_doc.values():
        docs_with.update({key(t) for t in counts})
        for t, n in counts.items():
            total[key(t)] += n
    kept = {k for k in total if docs_with[k] >= 2 or total[k] >= 3}
    kept |= {k for name, role, _ in appositions for k in (key(name), key(role.split()[-1])) if k in total}
    if not kept:
        return []
    groups = _Union()
    kept_in_order = sorted(kept)  # set order varies between runs; reports must not
    for k in kept_in_order:
        groups.find(k)
    singles = {k for k in kept if " " not in k}
    for k in kept_in_order:
        last = k.split()[-1]
        if " " in k and last in singles:
            groups.join(k, last, f"“{k}” ends in “{last}”")
    for name, role, outlet in appositions:
        kn, kr = key(name), key(role.split()[-1])
        if kn in kept and kr in kept:
            groups.join(kn, kr, f"apposition in {outlet}: “{name}, the {role}”")
    for a, b, outlet in aliases:
        ka, kb = key(a), key(b)
        if ka in kept and kb in kept:
            groups.join(ka, kb, f"another name in {outlet}: “{a}” / “{b}”")
    if model is not None and len(singles) > 1:
        ordered = sorted(singles)
        vectors = model.embed(ordered)
        sims = vectors @ vectors.T
        for i, j in zip(*np.nonzero(np.triu(sims, 1) >= CLOSE), strict=True):
            groups.join(ordered[i], ordered[j], f"close in meaning: “{ordered[i]}” ~ “{ordered[j]}” "
                                                f"({sims[i, j]:.2f})")
        at = {w: n for n, w in enumerate(ordered)}
        for (x, y), rows in sorted(_substitutions(shared, singles, key).items()):
            cosine = float(sims[at[x], at[y]])
            if rows >= SUBSTITUTED_ROWS and cosine >= SUBSTITUTED_CLOSE:
                groups.join(x, y, f"written for one another in {rows} shared statements: “{x}” / “{y}” "
                                  f"({cosine:.2f})")
    # one pass over every document's terms (not one per group): each term goes to its group's root
    root_of = {k: groups.find(k) for k in kept}
    by_root: dict[str, dict[int, dict[str, int]]] = {}
    for doc_id, counts in per_doc.items():
        for t, n in counts.items():
            root = root_of.get(key(t))
            if root is not None:
                by_root.setdefault(root, {}).setdefault(doc_id, {})[t] = n
    out = []
    for root, per_document in by_root.items():
        written: Counter[str] = Counter()
        for used in per_document.values():
            written.update(used)
        label = max(sorted(written), key=lambda t: (written[t], len(t)))
        why = tuple(dict.fromkeys(groups.why.get(root, []))) or ("one term",)
        out.append(TermGroup(label, per_document, why))
    out.sort(key=lambda g: (-len(g.terms), -g.mentions, g.label))
    return out[:MAX_GROUPS]


__all__ = ["TermGroup", "term_groups"]
