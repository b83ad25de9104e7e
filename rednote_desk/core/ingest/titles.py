"""A readable stand-in title for an article without one: its first sentence, shortened."""
from __future__ import annotations

import re
import unicodedata

from rednote_desk.core.ingest.dates import find_date
from rednote_desk.core.ingest.lines import banner_kind
from rednote_desk.core.ingest.markers import classify_line
from rednote_desk.core.ingest.sniff import parse_byline

MAX_TITLE = 90
_HEAD_LINES = 15  # a title taken from deeper in the text would not name the article
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_NOT_TEXT = re.compile(r"^(?:@|#\w|https?://|www\.)|^\W*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_STAMP = re.compile(r"^(?:published|posted|updated|last updated|first published)\b", re.I)
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "no",
                  "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul",
                  "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "mt"}
# . ! ? … (with closing quotes or brackets) before a space; CJK full stops anywhere
_SENTENCE_END = re.compile(r"([.!?…]+)[\"'”’)\]]*(?=\s)|[。！？]")
_CLAUSE = re.compile(r"[,;:]\s|\s[–—-]\s")


def fallback_title(text: str, *, limit: int = MAX_TITLE) -> str | None:
    """The first sentence near the top of ``text`` that reads like prose, cut to about ``limit`` characters
    at a word boundary with "…"; bylines, dates, banners and site chrome are skipped. None when nothing fits."""
    lines = [line for line in text.split("\n") if line.strip()][:_HEAD_LINES]
    for line in lines:
        clean = _MD_HEADING.sub("", " ".join(line.split()))
        if _reads_like_prose(clean):
            return _shorten(first_sentence(clean), limit)
    return None


def first_sentence(line: str) -> str:
    """The line up to the end of its first sentence; abbreviations such as "U.S." or "Dr." do not end one."""
    for match in _SENTENCE_END.finditer(line):
        end = match.end()
        following = line[end:].lstrip().lstrip("\"'“‘([")
        if match.group(1) and following[:1].islower():
            continue  # "e.g. this" or "... and then": the sentence goes on
        if match.group(1) == "." and _is_abbreviation(line[: match.start(1)]):
            continue
        return line[:end].strip()
    return line.strip()


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("\"'“‘([")
    return "." in word or (len(word) == 1 and word.isalpha()) or word.lower() in _ABBREVIATIONS


def _reads_like_prose(line: str) -> bool:
    if len(line) < 12 or _NOT_TEXT.search(line) or _STAMP.match(line):
        return False
    if banner_kind(line) or classify_line(line) or parse_byline(line, allow_for_form=True):
        return False
    if len(line) <= 60 and find_date(line):  # "Monday 3 March 2025, 10:00 GMT" and similar stamps
        return False
    letters = sum(ch.isalpha() for ch in line)
    if letters < 0.6 * sum(not ch.isspace() for ch in line):
        return False
    if _CJK.search(line):
        return letters >= 6
    return len(line.split()) >= 4


def _shorten(sentence: str, limit: int) -> str:
    sentence = sentence.strip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= limit:
        return sentence
    head = sentence[:limit]
    clauses = [m.start() for m in _CLAUSE.finditer(head) if m.start() >= limit * 2 // 3]
    spaces = [m.start() for m in re.finditer(r"\s", head) if m.start() >= limit // 3]
    if clauses:
        cut = clauses[-1]
    elif sentence[limit : limit + 1].isspace():
        cut = limit
    elif spaces:
        cut = spaces[-1]
    else:  # no spaces (CJK or one long token): cut between characters, not inside one
        cut = limit
        while cut > 1 and (_joins_previous(sentence[cut]) or sentence[cut - 1] == "\u200d"):
            cut -= 1
    return sentence[:cut].rstrip(" ,;:–—-") + "…"


def _joins_previous(ch: str) -> bool:
    """A combining mark, zero-width joiner or variation selector belongs to the character before it."""
    return bool(unicodedata.combining(ch)) or ch in "\u200d\ufe0e\ufe0f" or 0xE0100 <= ord(ch) <= 0xE01EF
