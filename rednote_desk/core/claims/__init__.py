"""Suggested claims across documents, without manual annotation.

Public API (the CLI JSON and the GUI build on it):

- :class:`Mention`, :class:`SuggestedClaim` — plain frozen data.
- :func:`suggest_claims` — numeric statements grouped by what they count ("monthly users",
  "posts", "dockworkers", "$ a day") and quotations grouped by speaker, each with the reason it
  was grouped and whether the stated values can all be true.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rednote_desk.core.claims.models import Mention, SuggestedClaim
from rednote_desk.core.claims.numbers import claim_from_group, group_statements, statements_in
from rednote_desk.core.claims.quotes import group_quotations, quotations_in
from rednote_desk.core.models import Document

__all__ = ["Mention", "SuggestedClaim", "suggest_claims"]


def suggest_claims(documents: Sequence[Document], *, min_documents: int = 2) -> list[SuggestedClaim]:
    """Claims that at least ``min_documents`` of the documents state, most widely shared first.

    Each claim has at most one mention per document. A document without an id is numbered by its
    position in ``documents``. Keys are derived from content, not order, so a dismissed
    suggestion keeps its key when the same documents are analysed again.
    """
    statements = []
    quotations = []
    for order, doc in enumerate(documents):
        doc_id = doc.id if doc.id is not None else order
        statements.extend(statements_in(doc.text, document_id=doc_id, order=order))
        quotations.extend(quotations_in(doc.text, document_id=doc_id, order=order))
    published = {(doc.id if doc.id is not None else order): doc.published for order, doc in enumerate(documents)}
    claims = [claim_from_group(g, published)
              for g in group_statements(statements, min_documents=min_documents)]
    claims += group_quotations(quotations, min_documents=min_documents)
    claims.sort(key=lambda c: (-len(c.mentions), -c.score, c.key))
    return _unique_keys(claims)


def _unique_keys(claims: list[SuggestedClaim]) -> list[SuggestedClaim]:
    """Suffix "#2", "#3" to keys that two suggestions share (rare: same noun and magnitude).

    The suffix follows the claims' content (first document, then offset), not their order.
    """
    by_key: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_key.setdefault(c.key, []).append(i)
    out = list(claims)
    for key, indexes in by_key.items():
        ranked = sorted(indexes, key=lambda i: (claims[i].mentions[0].document_id,
                                                claims[i].mentions[0].start, claims[i].label))
        for n, i in enumerate(ranked[1:], start=2):
            out[i] = replace(claims[i], key=f"{key}#{n}")
    return out
