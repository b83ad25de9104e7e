"""How each outlet framed it: coverage map, word choice and sources of a set of documents, in one value."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rednote_desk.core.compare.coverage import CoverageMap, coverage_map
from rednote_desk.core.compare.embed import SentenceModel
from rednote_desk.core.compare.sources import SourceRow, source_rows
from rednote_desk.core.compare.terms import TermGroup, term_groups
from rednote_desk.core.models import Document


@dataclass(frozen=True)
class Framing:
    coverage: CoverageMap
    terms: tuple[TermGroup, ...]
    sources: tuple[SourceRow, ...]

    def to_json(self) -> dict:
        return {"coverage": self.coverage.to_json(), "terms": [t.to_json() for t in self.terms],
                "sources": [s.to_json() for s in self.sources]}


def compute_framing(docs: Sequence[Document], *, model: SentenceModel | None, note: str = "") -> Framing:
    """``model`` None: lexical similarity only, and ``note`` says why."""
    coverage = coverage_map(docs, model=model, note=note)
    shared = [[c.quote for c in r.cells] for r in coverage.rows if not r.exclusive]
    return Framing(coverage, tuple(term_groups(docs, model=model, shared=shared)), tuple(source_rows(docs)))


__all__ = ["Framing", "compute_framing"]
