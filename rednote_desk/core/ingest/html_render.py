"""Render an lxml tree (raw HTML or trafilatura's XML) as plain paragraphs, and strip page chrome first."""
from __future__ import annotations

import re
from itertools import pairwise

from lxml import etree
from lxml import html as lxml_html

# Elements that never carry article text, or that could make something load or run.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "video", "audio", "source", "track", "picture", "img", "nav", "aside", "form", "button", "select", "input", "textarea", "dialog", "menu",
}
_PAGE_LEVEL_ONLY = {"header", "footer"}  # dropped unless inside the article itself
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu"}
_CHROME_TOKEN = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|cmp|newsletter|subscribe|share|sharing|social|related|comments?|"
    r"advert|ads?|sponsored|promo|popup|modal|breadcrumbs?|sidebar|navbar|menu|masthead|banner|footer|"
    r"skip-?link)(?:$|[-_])",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_BLOCK = {
    "p", "div", "head", "list", "item", "quote", "table", "row", "code", "pre", "blockquote", "section",
    "article", "main", "body", "html", "header", "footer", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "dl", "dt", "dd", "tr", "address", "details", "summary", "hr", "center", "caption",
}
_LIST_ITEM = {"item", "li"}
_CELL = {"cell", "td", "th"}
_ROW = {"row", "tr"}
_BREAK = {"lb", "br"}
_PRESERVE_SPACE = {"pre", "code"}
_SPACE = re.compile(r"\s+")
_SPACE_KEEP_NEWLINES = re.compile(r"[^\S\n]+")


_DOCTYPE_WITH_SUBSET = re.compile(r"^[\s\ufeff]*<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)


def parse_html(markup: str) -> lxml_html.HtmlElement:
    """Parse markup without touching the network, dropping comments and processing instructions."""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    # libxml2 does not know a DOCTYPE with an internal subset ([ <!ENTITY …> ]): it would leave "]>" as text
    markup = _DOCTYPE_WITH_SUBSET.sub("", markup, count=1)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    tree = lxml_html.document_fromstring(markup, parser=parser)
    _unnest_void_elements(tree)
    return tree


# HTML5 empty elements that libxml2's HTML 4 parser does not know: it nests what follows inside them, so
# dropping an <embed> or <source> would drop the rest of the article with it.
_HTML5_VOID = ("embed", "source", "track", "wbr", "keygen")


def _unnest_void_elements(tree: lxml_html.HtmlElement) -> None:
    """Move the content libxml2 put inside an HTML5 empty element back after it, in document order."""
    for element in list(tree.iter(*_HTML5_VOID)):
        parent = element.getparent()
        if parent is None or (element.text is None and len(element) == 0):
            continue
        inner_text, tail = element.text, element.tail
        children = list(element)
        element.text = None
        element.tail = inner_text
        index = parent.index(element)
        for offset, child in enumerate(children, start=1):
            parent.insert(index + offset, child)  # moves the child, with its tail
        last = children[-1] if children else element
        last.tail = (last.tail or "") + (tail or "") or None


def strip_chrome(tree: lxml_html.HtmlElement) -> None:
    """Remove scripts, styles, embeds, navigation, cookie banners, page headers/footers in place.

    JSON-LD blocks are kept: they are data (metadata, sometimes the article body), never run. An element
    that only looks like chrome by its class or id is kept when it holds most of the page's text (a
    wrapper such as <div class="cookie-accepted">).
    """
    body = tree.find(".//body")
    page_chars = len(body.text_content()) if body is not None else 0
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)
            continue
        tag = element.tag.lower()
        if tag == "script" and "ld+json" in (element.get("type") or "").lower():
            continue
        if tag in _DROP_TAGS or _is_chrome(element, tag):
            doomed.append(element)
        elif _looks_like_chrome(element) and len(element.text_content()) < 0.4 * page_chars:
            doomed.append(element)
    doomed_ids = {id(element) for element in doomed}
    for element in doomed:
        if element.getparent() is not None and not any(id(a) in doomed_ids for a in element.iterancestors()):
            element.drop_tree()


def _is_chrome(element: etree._Element, tag: str) -> bool:
    """Chrome by its tag, role or visibility."""
    if tag in _PAGE_LEVEL_ONLY:
        return not any(a.tag in ("article", "main") for a in element.iterancestors())
    if tag in ("html", "body", "head", "article", "main"):
        return False
    if (element.get("role") or "").lower() in _DROP_ROLES or element.get("hidden") is not None:
        return True
    return element.get("aria-hidden") == "true" or bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _looks_like_chrome(element: etree._Element) -> bool:
    """Chrome by its class or id (cookie-banner, share-buttons, related-posts ...)."""
    if element.tag in ("html", "body", "head", "article", "main"):
        return False
    tokens = (element.get("class") or "").split() + [element.get("id") or ""]
    return any(token and _CHROME_TOKEN.search(token) for token in tokens)


def render_paragraphs(root: etree._Element, *, keep_newlines: bool = False) -> list[str]:
    """Paragraph texts in reading order; block elements separate paragraphs, <br>/<lb> become newlines.

    keep_newlines keeps newlines inside text nodes (trafilatura writes line breaks that way); raw HTML
    collapses all whitespace as a browser does.
    """
    space = _SPACE_KEEP_NEWLINES if keep_newlines else _SPACE
    paragraphs: list[str] = []
    buffer: list[str] = []
    last_group: list[int | None] = [None]  # list items / table rows of one list or table stay on adjacent lines

    def flush(group: int | None = None) -> None:
        lines = (line.strip() for line in "".join(buffer).split("\n"))
        text = "\n".join(line for line in lines if line)
        buffer.clear()
        if not text.strip("- |"):
            return
        if group is not None and group == last_group[0] and paragraphs:
            paragraphs[-1] += "\n" + text
        else:
            paragraphs.append(text)
        last_group[0] = group

    def add(text: str | None, preserve: bool) -> None:
        if text:
            buffer.append(text if preserve else space.sub(" ", text))

    def walk(element: etree._Element, preserve: bool) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "template") or not tag:
            add(element.tail, preserve)
            return
        inner_preserve = preserve or tag in _PRESERVE_SPACE
        if tag in _BREAK:
            buffer.append("\n")
        elif tag in _BLOCK:
            flush()
            if tag in _LIST_ITEM:
                buffer.append("- ")
            add(element.text, inner_preserve)
            cells = 0
            for child in element:
                child_tag = child.tag.lower() if isinstance(child.tag, str) else ""
                if child_tag in _CELL:
                    if cells:
                        buffer.append(" | ")
                    cells += 1
                walk(child, inner_preserve)
            parent = element.getparent()
            tight = tag in _LIST_ITEM or tag in _ROW
            flush(id(parent) if tight and parent is not None else None)
        else:
            add(element.text, inner_preserve)
            for child in element:
                walk(child, inner_preserve)
        add(element.tail, preserve)

    walk(root, False)
    flush()
    return paragraphs


def restore_breaks(paragraphs: list[str], candidates: list[str]) -> list[str]:
    """Split paragraphs that are several of the page's own paragraphs run together, at their seams.

    A split is made only where one candidate ends and the next begins right after it (one space
    between), so a sentence that merely recurs inside a paragraph never causes a split.
    """
    keys = [key for key in (" ".join(c.split()) for c in candidates) if key]
    if len(keys) < 2:
        return paragraphs
    result: list[str] = []
    for paragraph in paragraphs:
        if "\n" in paragraph or len(paragraph) < 80:
            result.append(paragraph)
            continue
        breaks: list[int] = []
        pos = 0
        for key in keys:
            if paragraph.startswith(key, pos):
                if pos > 0 and paragraph[pos - 1] == " ":
                    breaks.append(pos)
                pos += len(key) + 1
            elif len(key) >= 20:
                index = paragraph.find(key, pos)
                if index >= 0:
                    pos = index + len(key) + 1
            if pos >= len(paragraph):
                break
        bounds = [0, *breaks, len(paragraph)]
        result.extend(p for p in (paragraph[a:b].strip() for a, b in pairwise(bounds)) if p)
    return result
