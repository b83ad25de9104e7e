"""HTML import: only the article remains, paragraphs stay apart, metadata from meta tags, never any network."""
from __future__ import annotations

import socket

import pytest

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest import from_bytes, from_text

HOSTILE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm hits coast | Daily Bugle</title>
<meta property="og:title" content="Storm hits coast">
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Daily Bugle">
<meta property="article:published_time" content="2026-03-04T10:00:00Z">
<link rel="canonical" href="https://bugle.example/2026/03/storm">
<link rel="stylesheet" href="https://evil.example/x.css">
<link rel="preload" href="https://evil.example/font.woff2">
<script src="https://evil.example/tracker.js"></script>
<script>var leak = "SCRIPT_LEAK"; fetch("https://evil.example/t");</script>
<style>body { background: url(https://evil.example/bg.png) } .STYLE_LEAK {}</style>
</head><body>
<header class="site-header"><a href="/">Daily Bugle HEADER_LEAK</a></header>
<nav><a href="/">Home</a> <a href="/world">World NAV_LEAK</a></nav>
<div id="cookie-consent" class="cookie-banner">We use cookies COOKIE_LEAK to improve your experience.
  <button>Accept all</button></div>
<article>
<h1>Storm hits coast</h1>
<p>A powerful storm made landfall on Tuesday, forcing thousands 🚢 to evacuate their homes along the coast
of 𝓞𝓹𝓮𝓻𝓪 county.</p>
<p>Officials said more than 700,000 people were without power by nightfall. Crews from three states were sent to help.</p>
<iframe src="https://evil.example/frame">IFRAME_LEAK</iframe>
<img src="https://evil.example/pixel.png" alt="IMG_LEAK">
<object data="https://evil.example/flash.swf">OBJECT_LEAK</object>
<p>The storm is expected to weaken as it moves inland over the weekend, forecasters said on Wednesday.</p>
<script>document.write("INLINE_SCRIPT_LEAK")</script>
</article>
<aside class="related">Related: RELATED_LEAK other stories</aside>
<section class="comments"><h3>Comments</h3><p>Great article COMMENT_LEAK, thanks for writing it up for us.</p></section>
<footer>© 2026 Daily Bugle FOOTER_LEAK. All rights reserved.</footer>
<noscript><img src="https://evil.example/noscript.gif">NOSCRIPT_LEAK</noscript>
</body></html>
"""
LEAKS = ["SCRIPT_LEAK", "STYLE_LEAK", "HEADER_LEAK", "NAV_LEAK", "COOKIE_LEAK", "IFRAME_LEAK", "IMG_LEAK",
         "OBJECT_LEAK", "INLINE_SCRIPT_LEAK", "RELATED_LEAK", "COMMENT_LEAK", "FOOTER_LEAK", "NOSCRIPT_LEAK",
         "evil.example", "fetch(", "document.write", "Accept all"]


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test on any attempt to resolve a name or open a connection."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []


def test_hostile_page_leaves_only_the_article(no_network):
    doc = from_bytes(HOSTILE.encode("utf-8"), name="storm.html")
    for leak in LEAKS:
        assert leak not in doc.text, leak
    assert doc.text.split("\n\n") == [
        "Storm hits coast",
        "A powerful storm made landfall on Tuesday, forcing thousands 🚢 to evacuate their homes along the coast "
        "of 𝓞𝓹𝓮𝓻𝓪 county.",
        "Officials said more than 700,000 people were without power by nightfall. Crews from three states were "
        "sent to help.",
        "The storm is expected to weaken as it moves inland over the weekend, forecasters said on Wednesday.",
    ]
    assert doc.source_format == "html" and doc.encoding == "utf-8"


def test_hostile_page_metadata_from_meta_tags(no_network):
    doc = from_bytes(HOSTILE.encode("utf-8"), name="storm.html")
    assert doc.title == "Storm hits coast"
    assert doc.author == "Jane Roe"
    assert doc.published == "2026-03-04"
    assert doc.outlet == "Daily Bugle"
    assert doc.url == "https://bugle.example/2026/03/storm"


def test_paragraphs_of_a_small_page_are_not_joined(no_network):
    page = "<html><body><p>First short para.</p><p>Second short para here.</p><p>Third one.</p></body></html>"
    doc = from_bytes(page.encode(), name="small.htm")
    assert doc.text == "First short para.\n\nSecond short para here.\n\nThird one."


def test_run_together_paragraphs_are_split_again(monkeypatch, no_network):
    """If the extractor's fallback joins paragraphs into one, the page's own paragraph seams are restored."""
    import trafilatura
    from lxml import etree

    paragraphs = [
        "The first paragraph of the story tells what happened on the coast on Tuesday.",
        "The second paragraph quotes an official who counted the damage in the town.",
        "The third paragraph says what comes next for the people who had to leave.",
    ]
    page = "<html><body><article>" + "".join(f"<div>{p}</div>" for p in paragraphs) + "</article></body></html>"
    real = trafilatura.bare_extraction

    def joined(*args, **kwargs):
        document = real(*args, **kwargs)
        body = etree.Element("body")
        etree.SubElement(body, "p").text = " ".join(paragraphs)
        document.body = body
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", joined)
    doc = from_bytes(page.encode(), name="joined.html")
    assert doc.text == "\n\n".join(paragraphs)


def test_json_ld_article_body_keeps_its_paragraphs(no_network):
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm",'
            ' "author": {"@type": "Person", "name": "Jane Roe"},'
            ' "articleBody": "Para one of the body text here, long enough to count for something.\\n\\n'
            'Para two of the body text here, long enough as well to count."}</script></head>'
            "<body><div>Tiny</div></body></html>")
    doc = from_bytes(page.encode(), name="ld.html")
    assert doc.text == ("Para one of the body text here, long enough to count for something.\n\n"
                        "Para two of the body text here, long enough as well to count.")
    assert "@type" not in doc.text


def test_lists_tables_and_line_breaks(no_network):
    page = ("<html><body><article><p>This is the first paragraph of a reasonably long article about things."
            "</p><ul><li>item one here</li><li>item two here</li></ul><table><tr><td>alpha</td><td>beta</td></tr>"
            "<tr><td>gamma</td><td>delta</td></tr></table><p>Closing paragraph of the article with more words."
            "<br>And a second line after a break.</p></article></body></html>")
    text = from_bytes(page.encode(), name="l.html").text
    assert "- item one here\n- item two here" in text
    assert "alpha | beta\ngamma | delta" in text
    assert text.endswith("Closing paragraph of the article with more words.\nAnd a second line after a break.")


def test_falls_back_to_visible_text_with_warning(monkeypatch, no_network):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    doc = from_bytes(HOSTILE.encode(), name="storm.html")
    assert any("visible text" in warning for warning in doc.warnings)
    assert "A powerful storm made landfall" in doc.text
    assert "\n\nOfficials said" in doc.text
    for leak in ("SCRIPT_LEAK", "STYLE_LEAK", "NAV_LEAK", "COOKIE_LEAK", "IFRAME_LEAK", "FOOTER_LEAK", "fetch("):
        assert leak not in doc.text, leak


def test_page_without_text_is_refused(no_network):
    page = b"<html><head><script>alert('x')</script></head><body><nav>Home</nav></body></html>"
    with pytest.raises(IngestError) as error:
        from_bytes(page, name="empty.html")
    assert "empty.html" in str(error.value) and "no readable text" in str(error.value)


def test_missing_meta_tags_are_sniffed_from_text(no_network):
    page = ("<html><body><article><p>By Jane Roe | March 4, 2026</p><p>A powerful storm made landfall on "
            "Tuesday, forcing thousands to evacuate their homes along the coast.</p><p>Officials said more than "
            "700,000 people were without power by nightfall, and crews were sent to help.</p></article></body></html>")
    doc = from_bytes(page.encode(), name="nometa.html")
    assert doc.author == "Jane Roe" and doc.published == "2026-03-04"


def test_pasted_html(no_network):
    doc = from_text(HOSTILE, name="clipboard", fmt="html")
    assert doc.source_format == "html" and doc.encoding is None
    assert "SCRIPT_LEAK" not in doc.text and doc.text.startswith("Storm hits coast")


def test_xml_declaration_and_legacy_encoding(no_network):
    page = ('<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=iso-8859-1"></head><body><article><p>L\'\u00e9t\u00e9 a \u00e9t\u00e9 '
            "chaud \u00e0 Paris, et la ville a connu une longue vague de chaleur.</p></article></body></html>")
    doc = from_bytes(page.encode("latin-1"), name="fr.html")
    assert "L'été a été chaud à Paris" in doc.text
    assert doc.encoding == "cp1252" and not doc.encoding_guessed


def test_wrapper_with_a_chrome_like_class_is_not_dropped(no_network):
    page = ('<html><body class="has-cookie-banner"><div id="page" class="cookie-accepted"><article>'
            "<h1>Storm hits coast</h1><p>A powerful storm made landfall on Tuesday, forcing thousands to leave "
            "their homes along the coast.</p><p>Officials said more than 700,000 people were without power by "
            'nightfall.</p></article><div class="share-buttons">Share on Facebook SHARE_LEAK</div></div>'
            "</body></html>")
    doc = from_bytes(page.encode(), name="wrapped.html")
    assert "A powerful storm made landfall" in doc.text and "700,000" in doc.text
    assert "SHARE_LEAK" not in doc.text
