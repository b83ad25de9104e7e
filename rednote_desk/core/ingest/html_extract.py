"""Article text and metadata from an HTML page, offline: trafilatura on a pre-cleaned tree, lxml as fallback."""
from __future__ import annotations

import json
from dataclasses import dataclass

from rednote_desk.core.ingest.html_render import parse_html, render_paragraphs, restore_breaks, strip_chrome

_FALLBACK_WARNING = (
    "the article extractor found no main text; imported all visible text of the page instead "
    "(check it for menus or ads)"
)


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
    """Main text (paragraphs separated by blank lines) and meta-tag metadata. Never fetches anything."""
    tree = parse_html(markup)
    strip_chrome(tree)
    document = _run_trafilatura(tree)
    paragraphs = render_paragraphs(document.body, keep_newlines=True) if document is not None and document.body is not None else []
    warnings: list[str] = []
    if paragraphs:
        if any(len(p) >= 80 and "\n" not in p for p in paragraphs):
            paragraphs = restore_breaks(paragraphs, _page_paragraphs(tree))
    else:
        paragraphs = _visible_paragraphs(tree)
        if paragraphs:
            warnings.append(_FALLBACK_WARNING)
    meta = {}
    if document is not None:
        meta = {
            "title": _clean(document.title),
            "author": _clean(document.author),
            "published": _clean(document.date),
            "url": _clean(document.url),
            "outlet": _clean(document.sitename),
        }
    return HtmlArticle(text="\n\n".join(paragraphs), warnings=tuple(warnings), **meta)


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
