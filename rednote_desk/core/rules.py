"""Input rules every face shares (CLI, GUI, services): one place, so each face accepts exactly the same input.

- A published date is an ISO calendar date ``YYYY-MM-DD`` that exists; nothing else (no week dates such as
  ``2025-W05-4``, no basic format ``20250130``, no ``2025-02-30``).
- A quote is located in a text by exact match; when it occurs several times the caller chooses which one.
"""
from __future__ import annotations

import datetime as _dt
import re

from rednote_desk.core.errors import UserError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_problem(value: str | None) -> str | None:
    """Why ``value`` is not empty or a valid ``YYYY-MM-DD`` date, else None (for live checks in a form)."""
    value = (value or "").strip()
    if not value:
        return None
    if not _ISO_DATE.fullmatch(value):
        return "use the form YYYY-MM-DD"
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return "no such day"
    return None


def check_published(value: str | None) -> str | None:
    """The published date to store: None for empty, the stripped ISO date if valid; else a UserError."""
    value = (value or "").strip()
    if not value:
        return None
    if not _ISO_DATE.fullmatch(value):
        raise UserError(f"date “{value}” is not of the form YYYY-MM-DD")
    try:
        _dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UserError(f"date “{value}” does not exist ({exc})") from exc
    return value


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """(start, end) code-point offsets of ``quote`` in ``text``; ``occurrence`` (1 = first) picks among repeats.

    A quote that occurs more than once needs ``occurrence``; an absent or empty quote is a UserError.
    """
    if not quote:
        raise UserError("the quote is empty")
    positions = []
    at = text.find(quote)
    while at != -1:
        positions.append(at)
        at = text.find(quote, at + 1)
    if not positions:
        raise UserError("the quote is not in the document (it must match exactly, including punctuation)")
    if occurrence is None:
        if len(positions) > 1:
            raise UserError(f"the quote occurs {len(positions)} times; choose one with --occurrence 1..{len(positions)}")
        occurrence = 1
    if not 1 <= occurrence <= len(positions):
        raise UserError(f"--occurrence must be between 1 and {len(positions)}")
    start = positions[occurrence - 1]
    return start, start + len(quote)
