"""Say when a saved page gave very little text for its size, with the likely cause and what to do."""
from __future__ import annotations

import re

from rednote_desk.core.ingest.html_meta import PageFacts

SHORT_TEXT = 600  # characters: fewer than this out of a large page is worth a warning
LARGE_PAGE = 15_000  # characters of markup
_PAYWALL = re.compile(
    r"paywall|subscri(?:be|ber|ption)[-_ ]?(?:only|wall|gate|to[-_ ]continue)|regwall|premium[-_]?(?:content|gate)|"
    r"metered|piano[-_]|tp-modal|article[-_]?locked|subscribe to (?:continue|read)|to continue reading|"
    r"already a subscriber|for subscribers only|abonnieren|abo[-_]?wall",
    re.I,
)
_MOUNT_IDS = {"root", "app", "__next", "___gatsby", "__nuxt", "svelte", "main-app", "react-root"}
_ENABLE_JS = re.compile(r"enable\s+javascript|javascript\s+(?:is\s+)?(?:required|disabled)", re.I)
_GALLERY_TYPES = {"imagegallery", "mediagallery", "gallery", "photograph", "imageobject"}
SHORT_TEXT_PREFIX = "very little text"  # starts the warning, so the CLI and the review can single it out
_TODO = ("open the page in a browser, select the article's text and paste it (File → Paste article), or save "
         "that text as a .txt file and import it")


def short_text_warning(text: str, markup: str, tree, facts: PageFacts) -> str | None:
    """A warning when ``text`` is a few hundred characters out of a large page, else None.

    ``tree`` is the raw page (scripts still in it).
    """
    length = len(text.strip())
    if length >= SHORT_TEXT or len(markup) < LARGE_PAGE:
        return None
    cause = likely_cause(markup, tree, facts)
    size = f"{len(markup) / 1024:,.0f} KB"
    return (f"{SHORT_TEXT_PREFIX}: only {length:,} characters of text were found in a {size} page, probably "
            f"not the whole article: {cause}. What to do: {_TODO}")


def is_short_text_warning(warning: str) -> bool:
    return warning.startswith(SHORT_TEXT_PREFIX + ":")


def likely_cause(markup: str, tree, facts: PageFacts) -> str:
    """Paywall, gallery or JavaScript, by the evidence in the page; all three when nothing points to one."""
    if facts.free is False or _PAYWALL.search(_class_and_text_sample(tree)):
        return "the page looks like a paywall (only the start is in the file for readers without a subscription)"
    images = sum(1 for _ in tree.iter("img")) + sum(1 for _ in tree.iter("figure"))
    kinds = {k.lower() for k in facts.ld_types} | ({facts.og_type} if facts.og_type else set())
    if kinds & _GALLERY_TYPES or ("gallery" in " ".join(kinds)) or images >= 12:
        return "the page looks like a photo gallery (pictures with captions, little text)"
    script_chars = sum(len(s.text or "") for s in tree.iter("script"))
    if script_chars > 0.5 * len(markup) or _has_empty_mount(tree) or _ENABLE_JS.search(_noscript_text(tree)):
        return ("the page loads its text with JavaScript, so the saved file does not hold the article "
                "(saving it as \"Web page, complete\" after it has loaded may help)")
    return ("the page may load its text with JavaScript, sit behind a paywall, or be a photo gallery")


def _class_and_text_sample(tree) -> str:
    """Class names and ids of the page, and its short visible strings (where paywall prompts live)."""
    parts: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        parts.append(element.get("class") or "")
        parts.append(element.get("id") or "")
        if element.text and len(element.text) < 200:
            parts.append(element.text)
    return " ".join(parts)


def _has_empty_mount(tree) -> bool:
    for element in tree.iter("div", "main", "section"):
        if (element.get("id") or "").lower() in _MOUNT_IDS and len(element.text_content().strip()) < SHORT_TEXT:
            return True
    return False


def _noscript_text(tree) -> str:
    return " ".join(n.text_content() for n in tree.iter("noscript"))
