"""Split text into lines that keep their code-point offsets, and shared line-shape tests."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rednote_desk.core.ingest.dates import parse_date


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first character
    end: int  # offset just past the last character (the newline is not included)
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def nonblank_lines(text: str) -> list[Line]:
    """The lines of text that contain something other than whitespace, in order."""
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


_WEATHER = re.compile(r"[-+\u2212]?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF](?:\s+[A-Za-z ]{1,20})?")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?", re.I)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_PLACE = re.compile(r"[A-Z][A-Za-z.'’-]*(?:,?\s+[A-Z][A-Za-z.'’-]*){0,2}")


def banner_kind(line: str) -> str | None:
    """'weather', 'time', 'date' or 'place' when a short line has the shape of a site header banner."""
    s = line.strip()
    if len(s) > 40:
        return None
    if _WEATHER.fullmatch(s):
        return "weather"
    if _TIME.fullmatch(s):
        return "time"
    if parse_date(s):
        return "date"
    if len(s) <= 30 and _PLACE.fullmatch(s):
        return "place"
    return None


def header_banner_lines(lines: list[Line]) -> list[Line]:
    """The leading lines that form a block of site banners (weather, place, date, time), or [].

    The block ends at its last weather/date/time line, so a short capitalised headline right after it is
    not swallowed. A lone date line is no banner block: it is more likely the publication date.
    """
    block: list[tuple[Line, str]] = []
    for line in lines:
        kind = banner_kind(line.text)
        if kind is None:
            break
        block.append((line, kind))
    real = [i for i, (_, kind) in enumerate(block) if kind != "place"]
    if not real:
        return []
    block = block[: real[-1] + 1]
    if len(block) == 1 and block[0][1] == "date":
        return []
    return [line for line, _ in block]


def looks_like_headline(line: str) -> bool:
    """A single short line with the shape of a headline (not a paragraph, banner, handle or address)."""
    s = line.strip().lstrip("#").strip()
    if s.startswith(("@", "http://", "https://", "www.")) or banner_kind(s) in ("weather", "time", "date"):
        return False
    if s.endswith((":", ",", "。", "，", "：")):
        return False
    if s.endswith(".") and not s.endswith(("...", "..")):
        return False  # headlines do not end with a full stop; sentences do
    if _CJK.search(s):  # no spaces between words: judge by length
        return 4 <= len(s) <= 80
    return 2 <= len(s.split()) <= 30 and 8 <= len(s) <= 250
