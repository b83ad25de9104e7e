"""How a document is named on screen: its outlet, else its web site, else a short title — never a file name."""
from __future__ import annotations

from urllib.parse import urlsplit

LABEL_CHARS = 40


def site_of(url: str | None) -> str:
    """The host of a URL without ``www.`` ("" when there is none or the URL is malformed)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def short_text(text: str | None, n: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``n`` characters (with an ellipsis)."""
    text = " ".join((text or "").split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    if space >= n // 2:  # a word boundary not too far back
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def outlet_label(*, outlet: str | None, url: str | None, title: str | None, document_id: int | None = None,
                 n: int = LABEL_CHARS) -> str:
    """The outlet's name; for an unknown outlet the web site, else the start of the title."""
    name = (outlet or "").strip() or site_of(url) or short_text(title, n)
    name = " ".join(name.split())
    if not name:
        return f"Document {document_id}" if document_id is not None else "Unknown outlet"
    return short_text(name, n)


def document_label(document, n: int = LABEL_CHARS) -> str:
    """``outlet_label`` of a Document (or a summary dict with the same keys)."""
    get = document.get if isinstance(document, dict) else lambda k: getattr(document, k, None)
    return outlet_label(outlet=get("outlet"), url=get("url"), title=get("title"), document_id=get("id"), n=n)


def count_of(n: int, singular: str, plural: str | None = None) -> str:
    """"1 change", "2 changes", "1,204 matches" (the plural is ``singular + "s"`` unless given)."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"
