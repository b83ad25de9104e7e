"""Article text and metadata from an HTML page, offline.

Trafilatura runs twice: on a tree with the page chrome stripped first (cookie banners, menus, share bars), and
on the raw page. The pre-cleaned result is kept unless it misses much of what trafilatura alone finds (the
pre-pass can mistake an article wrapper for chrome); the raw result then replaces it, minus the text of the
page's navigation landmarks. Paragraph breaks are kept either way. Metadata is cleaned (html_meta) and a page
that gives very little text for its size gets a warning naming the likely cause (html_diagnose).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from rednote_desk.core.ingest.html_diagnose import short_text_warning
from rednote_desk.core.ingest.html_meta import clean_author, clean_outlet, clean_title, outlet_names, page_facts
from rednote_desk.core.ingest.html_render import parse_html, render_paragraphs, restore_breaks, strip_chrome

_FALLBACK_WARNING = (
    "the article extractor found no main text; imported all visible text of the page instead "
    "(check it for menus or ads)"
)
MISSED_SHARE = 0.15  # the pre-cleaned text may miss at most this share of the extractor's own text ...
MISSED_CHARS = 200  # ... or this many characters, whichever is more
_WORDS = re.compile(r"\w+")
_LANDMARK_TAGS = {"nav", "aside", "form", "menu"}
_LANDMARK_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    warnings: tuple[str, ...] = ()


def extract_article(markup: str) -> HtmlArticle:
    """Main text (paragraphs separated by blank lines) and cleaned metadata. Never fetches anything."""
    raw_tree = parse_html(markup)  # left as parsed: facts, landmarks, paragraph seams, diagnosis
    facts = page_facts(raw_tree)
    tree = parse_html(markup)
    strip_chrome(tree)
    document = _run_trafilatura(tree)
    paragraphs = _paragraphs(document, tree)
    landmarks = _landmark_words(raw_tree)
    own = None
    if _could_miss(paragraphs, raw_tree, landmarks):
        own = _run_trafilatura(parse_html(markup))
        own_paragraphs = _paragraphs(own, raw_tree)
        if own_paragraphs and _misses_much(paragraphs, own_paragraphs, landmarks):
            paragraphs = [p for p in own_paragraphs if not _inside(p, landmarks)] or own_paragraphs
    warnings: list[str] = []
    if not paragraphs:
        paragraphs = _visible_paragraphs(tree)
        if paragraphs:
            warnings.append(_FALLBACK_WARNING)
    text = "\n\n".join(paragraphs)
    meta = _metadata(document, own, raw_tree, facts)
    warning = short_text_warning(text, markup, raw_tree, facts)
    if warning:
        warnings.append(warning)
    return HtmlArticle(text=text, warnings=tuple(warnings), **meta)


def _paragraphs(document, tree) -> list[str]:
    if document is None or document.body is None:
        return []
    paragraphs = render_paragraphs(document.body, keep_newlines=True)
    if any(len(p) >= 80 and "\n" not in p for p in paragraphs):
        paragraphs = restore_breaks(paragraphs, _page_paragraphs(tree))
    return paragraphs


def _words(text: str) -> Counter:
    return Counter(_WORDS.findall(text.lower()))


def _chars(words: Counter) -> int:
    return sum((len(word) + 1) * count for word, count in words.items())


def _could_miss(paragraphs: list[str], raw_tree, landmarks: Counter) -> bool:
    """Whether the page has enough visible text outside the pre-cleaned result and the navigation for the
    extractor's own result to hold more (else the second extraction is skipped: it could not win)."""
    if not paragraphs:
        return True
    visible = _words(" ".join(raw_tree.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::template)]")))
    return _chars(visible - _words("\n".join(paragraphs)) - landmarks) >= MISSED_CHARS


def _misses_much(paragraphs: list[str], own_paragraphs: list[str], landmarks: Counter) -> bool:
    """Whether the pre-cleaned text lacks much of the extractor's own text (not counting navigation)."""
    own = _words("\n".join(own_paragraphs))
    missed = own - _words("\n".join(paragraphs)) - landmarks
    return _chars(missed) >= max(MISSED_CHARS, MISSED_SHARE * _chars(own))


def _landmark_words(tree) -> Counter:
    """Words of the page's navigation, sidebars, forms, hidden parts and page-level header/footer: never the
    article."""
    words: Counter = Counter()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        page_level = element.tag.lower() in ("header", "footer") and not any(
            a.tag in ("article", "main") for a in element.iterancestors())
        if (page_level or _is_landmark(element)) and not any(_is_landmark(a) for a in element.iterancestors()):
            words.update(_words(" ".join(element.itertext())))
    return words


def _is_landmark(element) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    return (tag in _LANDMARK_TAGS or (element.get("role") or "").lower() in _LANDMARK_ROLES
            or element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(element.get("style") or "")))


def _inside(paragraph: str, landmarks: Counter) -> bool:
    """A paragraph made of navigation text (90 % of its characters)."""
    words = _words(paragraph)
    return bool(words) and _chars(words - landmarks) <= 0.1 * _chars(words)


def _metadata(document, own, raw_tree, facts) -> dict:
    def pick(attribute: str) -> str | None:
        for source in (document, own):
            value = _clean(getattr(source, attribute, None)) if source is not None else None
            if value:
                return value
        return None

    extracted_outlet = pick("sitename")
    outlet = clean_outlet(extracted_outlet, facts)
    names = outlet_names(outlet, extracted_outlet, facts)
    title, title_date = clean_title(pick("title"), names, facts)
    published = pick("date") or _page_date(raw_tree) or title_date
    return {"title": title, "author": clean_author(pick("author"), names), "published": published,
            "url": pick("url"), "outlet": outlet}


def _page_date(raw_tree) -> str | None:
    """The publication date the page's own metadata gives (htmldate: meta tags, JSON-LD, time elements)."""
    from htmldate import find_date  # installed with trafilatura; given a tree, it never fetches

    try:
        return find_date(raw_tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is optional; an odd page must not stop the import
        return None


def _run_trafilatura(tree):
    import trafilatura  # slow import: only paid when an HTML page is imported

    return trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        # only what the page states about itself, no guessing from body text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _visible_paragraphs(tree) -> list[str]:
    body = tree.find(".//body")
    return render_paragraphs(body) if body is not None else []


def _page_paragraphs(tree) -> list[str]:
    """Paragraphs as the page itself separates them: visible blocks, then any JSON-LD articleBody."""
    body = tree.find(".//body")
    paragraphs = render_paragraphs(body) if body is not None else []
    for script in tree.iter("script"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for text in _article_bodies(data):
            paragraphs.extend(line for line in text.splitlines() if line.strip())
    return paragraphs


def _article_bodies(data) -> list[str]:
    if isinstance(data, list):
        return [text for item in data for text in _article_bodies(item)]
    if isinstance(data, dict):
        found = [data["articleBody"]] if isinstance(data.get("articleBody"), str) else []
        for value in data.values():
            if isinstance(value, (dict, list)):
                found.extend(_article_bodies(value))
        return found
    return []


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(str(value).split())
    return value or None
