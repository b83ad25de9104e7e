"""Guess title, author, publication date and outlet from plain article text. Conservative: None when unsure."""
from __future__ import annotations

import re

from rednote_desk.core.ingest.dates import find_date, parse_date
from rednote_desk.core.ingest.lines import Line, banner_kind, header_banner_lines, looks_like_headline, nonblank_lines
from rednote_desk.core.ingest.markers import classify_line
from rednote_desk.core.ingest.roles import ROLE_NOUNS, ROLE_QUALIFIERS, alternation

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω"  # capitals of Latin (with accents), Cyrillic, Greek
_WORD = rf"[{_UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*\.?"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|la|le|bin|ibn|al)"
_NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{0,3}}"
_NAME2 = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_WORD}){{1,3}}"  # at least two words
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME2})*"
_ROLE = re.compile(rf"\b{alternation(ROLE_QUALIFIERS + ROLE_NOUNS)}\b", re.I)
_SEP = r"\s*[/|•·–—-]\s*"
_OUTLET = r"(?:[Tt]he\s+)?[A-Z0-9][\w.&'’-]*(?:\s+(?:of\s+|on\s+)?[A-Z0-9&][\w.&'’-]*){0,5}"

_BY = re.compile(
    rf"^(?:(?P<pre>.{{6,40}}?){_SEP})?(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Aa]uthor:)\s*:?\s+(?P<author>{_NAMES})"
    rf"(?:\s+for\s+(?P<outlet>{_OUTLET}))?(?:(?:{_SEP}|\s*,\s*)(?P<post>.+))?$"
)
_FOR = re.compile(rf"^(?P<author>{_NAME})\s+for\s+(?P<outlet>{_OUTLET})$")
_PUBLISHED = re.compile(r"^(?:published|posted|first published|updated|last updated)(?:\s+on)?\s*:?\s*(?P<rest>.+)$", re.I)
_VISIT = re.compile(
    r"^visit\s+(?P<outlet>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
    r"\s+for\s+(?:more|the latest)\b",
    re.I,
)
# a masthead line under the headline ("Harbor Gazette", "The People's Voice"): only with a word newspapers use
# in their names, or a domain, so a short subtitle or a place name is not taken for one
_MASTHEAD_WORD = re.compile(
    r"\b(?:Gazette|Times|Post|News|Journal|Herald|Voice|Tribune|Daily|Weekly|Review|Chronicle|Observer|"
    r"Telegraph|Guardian|Press|Wire|Report|Today|Magazine|Monitor|Star|Sun|Mail|Express|Standard|Independent|"
    r"Register|Courier|Dispatch|Record|Bulletin|Examiner|Inquirer|Mirror|Insider|Gazzetta|Zeitung|Tageblatt)\b"
    r"|^[\w-]+(?:\.[\w-]+)*\.(?:com|news|org|net|co\.uk|info)$"
)
_HEAD_LINES = 6
_TAIL_LINES = 3


def parse_byline(line: str, *, allow_for_form: bool = False) -> dict | None:
    """{'author', 'published', 'outlet'} from a byline such as '01/30/2025 / By Zoey Sky', else None."""
    s = line.strip()
    if len(s) > 120:
        return None
    match = _BY.match(s)
    if match:
        author = _drop_roles(match.group("author").strip())
        if not author or len(author.split()) > 12:
            return None
        published = None
        for part in (match.group("pre"), match.group("post")):
            if part and published is None:
                published = parse_date(part)
        if match.group("pre") and not parse_date(match.group("pre")):
            return None
        outlet = match.group("outlet")
        post = match.group("post")
        if outlet is None and post and published is None and re.fullmatch(_OUTLET, post.strip()) and not _ROLE.search(post):
            outlet = post
        return {"author": author, "published": published, "outlet": _clean_outlet(outlet)}
    if allow_for_form:
        match = _FOR.match(s)
        if match and len(match.group("author").split()) >= 2:
            return {"author": match.group("author"), "published": None, "outlet": _clean_outlet(match.group("outlet"))}
    return None


def _drop_roles(author: str) -> str:
    """'Jane Roe, Staff Writer' -> 'Jane Roe'."""
    parts = re.split(r"(\s*,\s*|\s+and\s+|\s*&\s*)", author)
    for index in range(0, len(parts), 2):
        if _ROLE.search(parts[index]):
            return "".join(parts[: max(index - 1, 0)]).strip()
    return author


def _clean_outlet(outlet: str | None) -> str | None:
    return outlet.strip().rstrip(".,;:") or None if outlet else None


def banner_date(lines: list[Line]) -> str | None:
    """The date printed in a header banner block (the site's 'today'), if any."""
    for line in header_banner_lines(lines):
        iso = parse_date(line.text)
        if iso:
            return iso
    return None


def sniff_metadata(text: str) -> dict:
    """Keys title, author, published, outlet (None when not seen) and date_hint (a banner date, or None)."""
    lines = nonblank_lines(text)
    result: dict = {"title": None, "author": None, "published": None, "outlet": None, "date_hint": banner_date(lines)}
    banners = header_banner_lines(lines)
    body = lines[len(banners):]
    head = body[:_HEAD_LINES]

    result["title"] = _find_title(head)
    for line in head:
        found = parse_byline(line.text) or (
            parse_byline(line.text, allow_for_form=True) if line.text.strip() != result["title"] else None
        )
        if found:
            _merge(result, found)
            break
    if result["author"] is None:
        for line in body[-_TAIL_LINES:]:
            found = parse_byline(line.text, allow_for_form=True)
            if found:
                _merge(result, found)
                break
    if result["outlet"] is None and result["title"] is not None:
        result["outlet"] = _masthead(head, result["title"])
    if result["published"] is None:
        result["published"] = _header_date(head)
    if result["outlet"] is None:
        tail_start = max(len(body) * 2 // 3, len(body) - 25)
        for line in body[tail_start:]:
            match = _VISIT.match(line.text.strip())
            if match:
                result["outlet"] = _clean_outlet(match.group("outlet"))
                break
    return result


def _merge(result: dict, found: dict) -> None:
    for key in ("author", "published", "outlet"):
        if result[key] is None and found.get(key):
            result[key] = found[key]


def _find_title(head: list[Line]) -> str | None:
    """The first headline-shaped line at the top; None when the text starts with a paragraph."""
    fallback = None
    for line in head[:3]:
        s = line.text.strip()
        if parse_byline(s) or parse_date(s) or re.match(r"(?i)by\s", s) or classify_line(s):
            continue
        if s.startswith("#"):
            heading = s.lstrip("#").strip().rstrip("#").strip()
            return " ".join(heading.split()) if s.startswith("# ") and heading else None
        if banner_kind(s) == "place":  # "New York" or a short title-case headline such as "Storm Hits Coast"
            if fallback is None and len(s.split()) >= 3:
                fallback = s
            continue
        if looks_like_headline(s):
            return " ".join(s.split())
        break
    return fallback


def _masthead(head: list[Line], title: str) -> str | None:
    """The outlet's name on the line right under the headline, or None."""
    texts = [" ".join(line.text.split()) for line in head]
    if title not in texts or texts.index(title) + 1 >= len(texts):
        return None
    s = texts[texts.index(title) + 1].strip()
    if len(s) > 40 or len(s.split()) > 4 or parse_byline(s) or parse_date(s) or classify_line(s):
        return None
    if re.fullmatch(_OUTLET, s) and _MASTHEAD_WORD.search(s):
        return _clean_outlet(s)
    return None


def _header_date(head: list[Line]) -> str | None:
    for line in head[:4]:
        s = line.text.strip()
        match = _PUBLISHED.match(s)
        if match and len(s) <= 80:
            found = find_date(match.group("rest"))
            if found and found[1] <= 12:
                return found[0]
        iso = parse_date(s)
        if iso:
            return iso
    return None
