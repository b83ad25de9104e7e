"""Text positions: Python code points <-> Qt UTF-16 code units, and selection clean-up.

Storage counts Unicode code points (``str`` indexes); Qt's ``QTextCursor`` counts UTF-16 code units, where
every character above U+FFFF (an "astral" character such as 𝓞 or 🚢) takes two units (a surrogate pair).
This module is pure arithmetic: it does not import Qt.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

# Characters trimmed from the edges of a selection: everything ``str.isspace`` accepts (which includes
# U+00A0 NBSP, U+2028, U+2029) plus invisible zero-width spaces that often come with pasted web text.
_INVISIBLE = frozenset("\u200b\ufeff")


def _is_blank(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


class Utf16Index:
    """Position converter for one text; memory grows with the number of astral characters only.

    Conversions cost O(log a), where a is the number of astral characters in the text.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
            cps: list[int] = []
        else:
            cps = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_cp = cps
        # UTF-16 start of the k-th astral character: k astral characters before it add one unit each.
        self._astral_u16 = [cp + k for k, cp in enumerate(cps)]
        self.length_utf16 = self.length + len(cps)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point position ``cp`` (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.length:
            raise ValueError(f"code-point position {cp} outside 0..{self.length}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point position of UTF-16 position ``u16`` (0 <= u16 <= UTF-16 length).

        A position between the two halves of a surrogate pair snaps back to the start of that character.
        """
        cp, _inside = self._locate(u16)
        return cp

    def clamp_range(self, u16_start: int, u16_end: int) -> tuple[int, int]:
        """Code-point range covering the UTF-16 range, never splitting a surrogate pair.

        The ends may come in either order (Qt's anchor can follow its position) and are clamped to the text.
        A start inside a pair snaps back and an end inside a pair snaps forward, so a half-selected
        astral character is included whole.
        """
        lo, hi = sorted((u16_start, u16_end))
        lo = min(max(lo, 0), self.length_utf16)
        hi = min(max(hi, 0), self.length_utf16)
        start, _ = self._locate(lo)
        end, inside = self._locate(hi)
        if inside:
            end += 1
        return start, end

    def _locate(self, u16: int) -> tuple[int, bool]:
        """(code point at or before ``u16``, whether ``u16`` falls inside a surrogate pair)."""
        if not 0 <= u16 <= self.length_utf16:
            raise ValueError(f"UTF-16 position {u16} outside 0..{self.length_utf16}")
        # astral characters that start strictly before u16
        k = bisect_right(self._astral_u16, u16 - 1)
        if k and self._astral_u16[k - 1] == u16 - 1:
            return self._astral_cp[k - 1], True
        return u16 - k, False


def to_utf16(text: str, cp: int) -> int:
    """UTF-16 position of code-point position ``cp`` in ``text``."""
    if not 0 <= cp <= len(text):
        raise ValueError(f"code-point position {cp} outside 0..{len(text)}")
    return cp + len(_ASTRAL.findall(text, 0, cp))


def to_codepoint(text: str, u16: int) -> int:
    """Code-point position of UTF-16 position ``u16`` in ``text`` (inside a pair: start of that character)."""
    return Utf16Index(text).to_codepoint(u16)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace; ``(start, start)`` if all blank."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} outside 0..{len(text)}")
    first = start
    while first < end and _is_blank(text[first]):
        first += 1
    if first == end:
        return start, start
    start = first
    while _is_blank(text[end - 1]):
        end -= 1
    return start, end
