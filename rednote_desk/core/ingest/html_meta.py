"""Clean article metadata from a saved page: titles without the site's name, separators and dates; an author
that is a person or "staff", never the outlet; the outlet's name, not its domain or city line; the page's date.

The facts come from the raw page (meta tags, JSON-LD, headings); the rules look at the shape of the values and
compare them with each other, never at particular sites' names.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from rednote_desk.core.ingest.dates import find_date, parse_date
from rednote_desk.core.ingest.roles import ROLE_NOUNS, ROLE_QUALIFIERS, alternation

STAFF = "staff"
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.I)
_STAFF = re.compile(
    r"^(?:(?:the\s+)?.{0,60}?\s+)?(?:staff|staff\s+writers?|staff\s+reporters?|newsroom|news\s+desk|desk|"
    r"editors|editorial\s+(?:team|board|staff)|redaktion|team)$",
    re.I,
)
_DESKS = ("deputy", "political", "science", "foreign")  # more qualifiers: "Foreign correspondent"
_ROLE_ONLY = re.compile(rf"^(?:a\s+|an\s+)?(?:{alternation(ROLE_QUALIFIERS + _DESKS)}|\s)*{alternation(ROLE_NOUNS)}s?\b.*$",
                        re.I)
_BY = re.compile(r"^(?:by|von|par|por|di)\s+", re.I)
_WORD = re.compile(r"\w+")


@dataclass
class PageFacts:
    """What a page says about itself (from the raw markup, before any chrome is stripped)."""

    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name
    publishers: list[str] = field(default_factory=list)  # JSON-LD publisher / sourceOrganization names
    headlines: list[str] = field(default_factory=list)  # JSON-LD headline, og:title, h1 / h2 texts
    ld_types: set[str] = field(default_factory=set)  # JSON-LD @type values
    og_type: str | None = None
    free: bool | None = None  # JSON-LD isAccessibleForFree
    domain: str | None = None  # from the canonical / og:url address


def page_facts(tree) -> PageFacts:
    """Collect the facts from an lxml tree of the raw page (scripts still in it)."""
    facts = PageFacts()
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if not value:
            continue
        if key in ("og:site_name", "application-name", "twitter:site:name", "publisher", "dc.publisher"):
            facts.site_names.append(value)
        elif key in ("og:title", "twitter:title"):
            facts.headlines.append(value)
        elif key == "og:type":
            facts.og_type = value.lower()
        elif key == "og:url" and facts.domain is None:
            facts.domain = _domain_of(value)
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            facts.domain = _domain_of(link.get("href")) or facts.domain
    for level in ("h1", "h2"):
        for heading in tree.iter(level):
            text = " ".join(heading.text_content().split())
            if 10 <= len(text) <= 300:
                facts.headlines.append(text)
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            _read_ld(item, facts)
    return facts


def _ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_ld_items(data.get("@graph", []))]
    return []


def _read_ld(item: dict, facts: PageFacts) -> None:
    kinds = item.get("@type")
    facts.ld_types.update(str(k) for k in (kinds if isinstance(kinds, list) else [kinds]) if k)
    for key in ("publisher", "sourceOrganization"):
        for entity in _ld_items(item.get(key)):
            name = entity.get("name")
            if isinstance(name, str) and name.strip():
                facts.publishers.append(" ".join(name.split()))
    headline = item.get("headline")
    if isinstance(headline, str) and headline.strip():
        facts.headlines.append(" ".join(headline.split()))
    free = item.get("isAccessibleForFree")
    if isinstance(free, bool) or str(free).lower() in ("true", "false"):
        facts.free = free if isinstance(free, bool) else str(free).lower() == "true"


def _domain_of(address: str) -> str | None:
    match = re.match(r"^(?:https?:)?//(?:www\.)?([^/:?#]+)", address.strip(), re.I)
    return match.group(1).lower() if match else None


def _key(text: str) -> str:
    """Compare names loosely: case, punctuation, a leading 'the' and 'www.' do not count."""
    words = _WORD.findall(text.lower())
    if words and words[0] in ("the", "www"):
        words = words[1:]
    return " ".join(words)


# --- outlet -------------------------------------------------------------------------------------------------
def clean_outlet(extracted: str | None, facts: PageFacts) -> str | None:
    """The outlet's name: the site name unless it is a domain, else the publisher; city lines dropped."""
    candidates = [*facts.site_names, *facts.publishers, *([extracted] if extracted else [])]
    cleaned = [name for name in (_strip_city_line(c, facts) for c in candidates) if name]
    for name in cleaned:
        if not _DOMAIN.match(name):
            return name
    if cleaned:  # only domains are known: the bare domain
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", cleaned[0], flags=re.I).rstrip("/").lower()
    return None


def _strip_city_line(name: str, facts: PageFacts) -> str | None:
    """'SPIEGEL ONLINE, Hamburg, Germany' -> 'SPIEGEL ONLINE' (the parts after the name are places)."""
    name = " ".join(name.split()).strip(" ,;:|")
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", name) if p.strip()]
    if len(parts) > 1 and all(_looks_like_place(p) for p in parts[1:]):
        return parts[0]
    return name or None


def _looks_like_place(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in part)


def outlet_names(outlet: str | None, extracted_outlet: str | None, facts: PageFacts) -> list[str]:
    """Every name under which the page names its outlet (for telling an outlet from a person)."""
    names = [n for n in (outlet, extracted_outlet, *facts.site_names, *facts.publishers) if n]
    if facts.domain:
        names.append(facts.domain)
        names.append(facts.domain.split(".")[0])
    return names


# --- author -------------------------------------------------------------------------------------------------
def clean_author(author: str | None, names: list[str]) -> str | None:
    """Persons named in ``author`` ("; "-joined); "staff" when it names only the outlet or its staff."""
    if not author:
        return None
    outlets = {_key(n) for n in names} | {_key(p) for n in names for p in re.split(r"[,;]", n) if p.strip()}
    outlets.discard("")
    persons: list[str] = []
    saw_outlet = False
    after_outlet = False
    for part in re.split(r"\s*(?:;|,|\||\s+and\s+|&)\s*", " ".join(author.split())):
        part = _BY.sub("", part).strip(" .:-–—")
        if not part:
            continue
        key = _key(part)
        if key in outlets or _DOMAIN.match(part) or _names_outlet(key, outlets):
            saw_outlet = after_outlet = True
            continue
        if _STAFF.match(part):
            saw_outlet = True
            continue
        if _ROLE_ONLY.match(part):
            continue
        if after_outlet and len(part.split()) == 1:  # 'SPIEGEL ONLINE; Hamburg; Germany': the city line
            continue
        after_outlet = False
        if part not in persons:
            persons.append(part)
    if persons:
        return "; ".join(persons)
    return STAFF if saw_outlet else None


def _names_outlet(key: str, outlets: set[str]) -> bool:
    """'reuters staff' or 'valley times newsroom' contain an outlet name; so does an acronym of one."""
    for outlet in outlets:
        if len(outlet) >= 4 and (key.startswith(outlet + " ") or key.endswith(" " + outlet)):
            return True
    return False


# --- title --------------------------------------------------------------------------------------------------
def clean_title(title: str | None, names: list[str], facts: PageFacts) -> tuple[str | None, str | None]:
    """(title without site name, separators and dates; an ISO date found in a dropped part, or None)."""
    if not title:
        return None, None
    title = " ".join(title.split())
    dropped_date = None
    for headline in sorted(set(facts.headlines), key=len, reverse=True):
        if len(headline) >= 10 and headline != title and _is_wrapped(title, headline):
            dropped_date = _date_in(title.replace(headline, " "))
            return headline, dropped_date
    parts = _SEPARATOR.split(title)
    if len(parts) == 1:
        return title, None
    outlets = {_key(n) for n in names if n} | {_acronym(n) for n in names if n}
    outlets.discard("")
    while len(parts) > 1 and _is_site_part(parts[-1], outlets):
        dropped_date = dropped_date or _date_in(parts[-1])
        parts.pop()
    while len(parts) > 1 and _is_site_part(parts[0], outlets):
        dropped_date = dropped_date or _date_in(parts[0])
        parts.pop(0)
    return _rejoin(title, parts), dropped_date


def _is_wrapped(title: str, headline: str) -> bool:
    """title is headline plus site parts: 'Headline | Site | 19.01.2020' or 'Site - Headline'."""
    if title.startswith(headline):
        rest = title[len(headline):]
    elif title.endswith(headline):
        rest = title[: -len(headline)]
    else:
        return False
    return bool(re.match(r"^\s*(?:\||-|–|—|::|·|•|»|/)\s+", rest) or re.search(r"\s+(?:\||-|–|—|::|·|•|»|/)\s*$", rest))


def _is_site_part(part: str, outlets: set[str]) -> bool:
    part = part.strip()
    if not part:
        return True
    if parse_date(part) or _DOMAIN.match(part):
        return True
    key = _key(part)
    if key in outlets:
        return True
    words = [w for w in key.split() if len(w) >= 4]
    if 0 < len(key.split()) <= 4 and words:  # 'DER SPIEGEL' beside 'SPIEGEL ONLINE'
        return any(w in outlet.split() for w in words for outlet in outlets)
    return False


def _acronym(name: str) -> str:
    """'Deutsche Welle' -> 'dw'; 'dw.com' -> 'dw'."""
    if _DOMAIN.match(name):
        return _key(re.sub(r"^(?:https?://)?(?:www\.)?", "", name, flags=re.I).split(".")[0])
    words = _WORD.findall(name)
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _rejoin(title: str, parts: list[str]) -> str:
    """The kept parts with the separators the title had between them."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _date_in(text: str) -> str | None:
    found = find_date(text)
    return found[0] if found else None
