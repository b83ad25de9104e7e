"""Work the parts of one comparison share: each document's statements and each sentence's embedding, made once.

The copy check, the coverage map, word choice and sources all start from the same statements of the same
documents, and the copy check and the coverage map embed the same sentences. Inside ``with shared_work():``
:func:`rednote_desk.core.compare.body.statements` and :meth:`SentenceModel.embed
<rednote_desk.core.compare.embed.SentenceModel.embed>` keep what they computed and hand it out again; outside
it they compute every time. The results are the same either way (a test compares both paths): statements are
a pure function of (document id, text, title), and a sentence's embedding does not depend on the other
sentences embedded with it.

The scope is a context variable: it belongs to the thread (or task) that opened it, so a comparison on a GUI
worker and another one on the main thread never share, and everything is dropped when the scope ends.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class SharedWork:
    statements: dict[tuple[int, str, str | None], tuple[Any, ...]] = field(default_factory=dict)
    vectors: dict[tuple[str, str], Any] = field(default_factory=dict)  # (model name, text) -> its vector
    per_text: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> text -> what was made of it


_current: ContextVar[SharedWork | None] = ContextVar("rednote_desk_compare_shared_work", default=None)


@contextmanager
def shared_work() -> Iterator[SharedWork]:
    """Share statements and embeddings among everything computed inside (nested scopes reuse the outer one)."""
    if _current.get() is not None:
        yield _current.get()  # type: ignore[misc]
        return
    work = SharedWork()
    token = _current.set(work)
    try:
        yield work
    finally:
        _current.reset(token)


def current() -> SharedWork | None:
    """The open scope, or None (then nothing is kept)."""
    return _current.get()


def per_text(kind: str, make: Callable[[str], T]) -> Callable[[str], T]:
    """``make`` for one text, kept under ``kind`` inside an open scope: the same object for the same text, which
    callers only read (a sentence's content words, anchors, terms)."""

    def made(text: str) -> T:
        work = _current.get()
        if work is None:
            return make(text)
        table = work.per_text.setdefault(kind, {})
        found = table.get(text, _MISSING)
        if found is _MISSING:
            found = table[text] = make(text)
        return found

    return made


_MISSING: Any = object()


__all__ = ["SharedWork", "current", "per_text", "shared_work"]
