"""What the command line prints and accepts, made safe for a terminal.

Text from files (titles, file names, article text) may hold control characters: ESC sequences that recolour or
rewrite the terminal, or bidirectional overrides that make a line read differently from what it holds.
:func:`printable` shows them as visible escapes (``\\x1b``, ``\\u202e``). Standard error always goes through
:class:`PrintableStream`; tabular standard output through ``cli._one_line``. Data written on purpose (CSV or
JSON to standard output) is left exact.
"""
from __future__ import annotations

import argparse
import math
import re
from typing import TextIO

# C0 controls except tab and newline, DEL and C1 controls, and the bidirectional formatting characters
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with terminal control and bidi-override characters shown as escapes; lone surrogates (from
    file names that are not valid UTF-8) as ``\\udcXX`` too."""
    text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join(c.encode("unicode_escape").decode("ascii") if "\ud800" <= c <= "\udfff" else c
                       for c in text)
    return text


class PrintableStream:
    """Wraps a text stream (standard error) so everything written through it is :func:`printable`."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def megabytes(value: str) -> float:
    """An argparse type for sizes in MB: a finite positive number."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” is not a number of megabytes") from None
    if not math.isfinite(number) or number <= 0 or number > 1024 * 1024:
        raise argparse.ArgumentTypeError(f"“{value}” is not a size between 0 and 1048576 megabytes")
    return number


def invalid_utf8_argument(argv: list[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps its bytes as lone surrogates), shown safely."""
    for item in argv:
        try:
            item.encode("utf-8")
        except UnicodeEncodeError:
            return printable(item)
    return None
