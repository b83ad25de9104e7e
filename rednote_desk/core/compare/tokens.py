"""Word / whitespace / punctuation tokens with code-point offsets, CJK-aware.

Han ideographs, kana and other unspaced CJK scripts become one token per character; a run of Hangul
syllables (Korean separates words with spaces) is one word. Every character of the text belongs to
exactly one token, so tokens tile the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rednote_desk.core.compare.shared import per_text

TokenKind = Literal["word", "cjk", "space", "punct"]

# Scripts written without spaces: one token per character.
_CJK_CHARS = (
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u303b\u303c"  # 々〆〇, Hangzhou numerals, kana repeat marks
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width katakana
    "\U0001b000-\U0001b16f"  # kana supplement / extended
    "\U00020000-\U0003134f"  # CJK extensions B..G
)
# Hangul: Korean uses spaces, so a run of syllables is a word.
_HANGUL_CHARS = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uffa0-\uffdc"

_WORD_CHAR = rf"[^\W_{_CJK_CHARS}{_HANGUL_CHARS}]"
# A word may hold an inner apostrophe ("don't", "aren’t") or an inner . , : between digits ("3.5", "700,000").
_WORD = rf"{_WORD_CHAR}+(?:(?:['’]|(?<=\d)[.,:](?=\d)){_WORD_CHAR}+)*"

_TOKEN_RE = re.compile(
    rf"(?P<word>{_WORD})"
    rf"|(?P<cjk>[{_CJK_CHARS}])"
    rf"|(?P<hangul>[{_HANGUL_CHARS}]+)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>.)",
    re.DOTALL,
)
# Same alternatives without groups: for callers that only need the token strings (fast path).
TOKEN_PATTERN = re.compile(
    rf"{_WORD}|[{_CJK_CHARS}]|[{_HANGUL_CHARS}]+|\s+|.",
    re.DOTALL,
)
_CJK_RE = re.compile(rf"[{_CJK_CHARS}{_HANGUL_CHARS}]")
_HANGUL_RE = re.compile(rf"[{_HANGUL_CHARS}]")
_WORDISH_RE = re.compile(rf"{_WORD_CHAR}|[{_CJK_CHARS}{_HANGUL_CHARS}]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text == source[start:end]``."""

    kind: TokenKind
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, CJK-character, whitespace and punctuation tokens that tile it."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "hangul":
            kind = "word"
        out.append(Token(kind, m.group(), m.start(), m.end()))  # type: ignore[arg-type]
    return out


def token_strings(text: str) -> list[str]:
    """The token texts only (same tokens as :func:`tokenize`, faster)."""
    return TOKEN_PATTERN.findall(text)


def _token_tuple(text: str) -> tuple[str, ...]:
    return tuple(TOKEN_PATTERN.findall(text))


# The same tokens, read only: a comparison tokenizes each sentence once for its words, anchors and word codes.
sentence_tokens = per_text("tokens", _token_tuple)


@lru_cache(maxsize=1 << 16)
def token_kind(tok: str) -> TokenKind:
    """Kind of a token string produced by :func:`token_strings`."""
    c = tok[0]
    if c.isspace():
        return "space"
    if _HANGUL_RE.match(c):
        return "word"
    if _CJK_RE.match(c):
        return "cjk"
    if _WORDISH_RE.match(c):
        return "word"
    return "punct"


def is_cjk(text: str) -> bool:
    """True if ``text`` contains a Chinese, Japanese or Korean character."""
    return _CJK_RE.search(text) is not None
