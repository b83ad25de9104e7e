"""Bytes -> str: byte-order marks, UTF-8, a declared charset, else a charset-normalizer guess. Refuses binaries."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from rednote_desk.core.errors import IngestError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_SAVE_AS_TEXT = "save the article as plain text (.txt) or HTML and import that"
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not tab, newlines, form feed, escape
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, name: str, declared: str | None = None) -> Decoded:
    """Decode file content; declared is a charset the file names itself (HTML meta). Raises IngestError."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data[len(bom):].decode(codec), label), name)
            except UnicodeDecodeError:
                raise IngestError(
                    f'Cannot import "{name}": it starts with a {label} byte-order mark but is not valid {label}; '
                    f"re-save it as UTF-8 text and try again."
                ) from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f'Cannot import "{name}": it is {kind}, not text; {_SAVE_AS_TEXT}.')
    if b"\x00" in data:
        return _checked(_utf16_without_bom(data, name), name)
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    if declared:
        declared_codec = _codec_name(declared)
        if declared_codec:
            try:
                return _checked(Decoded(data.decode(declared_codec), declared_codec), name)
            except UnicodeDecodeError:
                pass
    # a charset declared but wrong (UTF-8 on Windows-1252 bytes, the usual mislabel): lean to Windows-1252
    return _checked(_guess(data, name, lean_western=bool(declared)), name)


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    if label in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        label = "cp1252"  # what browsers do, and what such files really contain
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes, name: str) -> Decoded:
    """Text with NUL bytes is UTF-16 only if the NULs sit on one byte parity, as in mostly-Latin text."""
    even, odd = data[0::2], data[1::2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    codec = None
    if len(data) % 2 == 0 and nul_odd > 0.3 * len(odd) and nul_even < 0.05 * len(even):
        codec = "utf-16-le"
    elif len(data) % 2 == 0 and nul_even > 0.3 * len(even) and nul_odd < 0.05 * len(odd):
        codec = "utf-16-be"
    if codec:
        try:
            text = data.decode(codec)
            return Decoded(text, codec, True, (f"encoding guessed as {codec} (the file has no byte-order mark)",))
        except UnicodeDecodeError:
            pass
    raise IngestError(f'Cannot import "{name}": it looks like a binary file, not text (it contains NUL bytes); '
                      f"{_SAVE_AS_TEXT}.")


def _guess(data: bytes, name: str, *, lean_western: bool = False) -> Decoded:
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError(f'Cannot import "{name}": its text encoding could not be recognised (it may be a binary '
                          f"file); {_SAVE_AS_TEXT}, encoded as UTF-8.")
    codec = codecs.lookup(best.encoding).name
    text = str(best)
    # Short Western text fits several code pages equally well; prefer cp1252 when it reads the same
    # or the detector rates it as good as its first choice.
    if codec != "cp1252":
        try:
            as_cp1252 = data.decode("cp1252")
        except UnicodeDecodeError:
            as_cp1252 = None
        rival = next((m for m in matches if codecs.lookup(m.encoding).name == "cp1252"), None)
        if as_cp1252 == text or (
            as_cp1252 is not None and rival is not None
            and rival.chaos <= best.chaos and rival.coherence >= best.coherence
        ) or (as_cp1252 is not None and _prefer_western(as_cp1252, text, on_tie=lean_western)):
            codec, text = "cp1252", as_cp1252
    return Decoded(text, codec, True, (f"encoding guessed as {codec}; check accented letters and quotes",))


_WESTERN_MARKS = set("’‘“”„–—…€•«»°£§©®")


def _western_score(text: str) -> int:
    """How much the non-ASCII characters look like Western European text: +1 for typographic marks and for
    accented Latin letters inside or beside an ASCII word, -1 for anything else (symbols, other scripts, a
    run of accented letters with no plain letter beside them, as Cyrillic read as Windows-1252 gives).

    Short Latin-1 text (a single "é" or "ñ") fits many code pages; charset-normalizer then picks cp775, cp850
    or mac-iceland, which turn "niño" into "ni±o". This score prefers Windows-1252 in such cases."""
    score = 0
    for match in _NON_ASCII.finditer(text):
        c, i = match.group(), match.start()
        if c in _WESTERN_MARKS:
            score += 1
        elif "\u00c0" <= c <= "\u024f" and c.isalpha() and (
                (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha())
                or (i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha())):
            score += 1
        else:
            score -= 1
    return score


def _prefer_western(as_cp1252: str, guessed: str, *, on_tie: bool) -> bool:
    ours, theirs = _western_score(as_cp1252), _western_score(guessed)
    return ours > 0 and (ours > theirs or (on_tie and ours == theirs))


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes: keep it UTF-8 and mark the bad bytes with U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    if 0 < bad <= 3 and good >= 4 * bad:
        return Decoded(text, "utf-8", True, (f"{bad} invalid UTF-8 byte sequence(s) replaced with \ufffd",))
    return None


def _checked(decoded: Decoded, name: str) -> Decoded:
    text = decoded.text
    controls = len(_BAD_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 200):
        raise IngestError(f'Cannot import "{name}": it looks like a binary file, not text (it contains control '
                          f"characters); {_SAVE_AS_TEXT}.")
    return decoded
