"""Type-ahead search over tag names and paths: case-insensitive substring and word-prefix matching, best first."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_SPLIT_QUERY = re.compile(r"[\s/]+")
_WORD = re.compile(r"\w+")

# token scores, lower is better
_NAME_EXACT, _NAME_PREFIX, _NAME_WORD, _PATH_WORD, _NAME_SUBSTRING, _PATH_SUBSTRING = range(6)


def query_tokens(query: str) -> list[str]:
    """The case-folded words of a query; "/" separates words like a space does."""
    return [t for t in _SPLIT_QUERY.split(query.casefold()) if t]


def match_score(query: str, name: str, path: str) -> int | None:
    """How well a tag named ``name`` at ``path`` ("Parent/Child") matches; lower is better, None: no match.

    Every query word must occur in the path. A word counts best as the name itself, then as the start of
    the name, the start of a word of the name, the start of a word of the path, and last anywhere.
    """
    tokens = query_tokens(query)
    if not tokens:
        return 0
    name_f, path_f = name.casefold(), path.casefold()
    phrase = " ".join(tokens)
    if "/" not in query and " ".join(name_f.split()) == phrase:
        return 0
    total = 0
    for token in tokens:
        score = _token_score(token, name_f, path_f)
        if score is None:
            return None
        total += score
    if "/" not in query and len(tokens) > 1 and name_f.startswith(phrase):
        return 1
    return total + (1 if len(tokens) > 1 else 0)


def rank(query: str, items: Sequence[T], *, name_of, path_of) -> list[T]:
    """The items that match ``query``, best first; equal scores keep the given order."""
    scored = []
    for order, item in enumerate(items):
        score = match_score(query, name_of(item), path_of(item))
        if score is not None:
            scored.append((score, order, item))
    scored.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _, _, item in scored]


def _token_score(token: str, name: str, path: str) -> int | None:
    if name == token:
        return _NAME_EXACT
    if name.startswith(token):
        return _NAME_PREFIX
    if any(word.startswith(token) for word in _WORD.findall(name)):
        return _NAME_WORD
    if any(word.startswith(token) for word in _WORD.findall(path)):
        return _PATH_WORD
    if token in name:
        return _NAME_SUBSTRING
    if token in path:
        return _PATH_SUBSTRING
    return None
