"""Saved news pages in the shapes real sites use (issue 14): the body is never lost, short pages are named as
such, and titles, authors, outlets and dates come out clean."""
from __future__ import annotations

import pytest
from news_pages import ARTICLE_TEXT, PARAGRAPHS, all_pages

from rednote_desk.core.ingest import from_bytes
from rednote_desk.core.ingest.html_diagnose import is_short_text_warning
from rednote_desk.core.ingest.html_meta import PageFacts, clean_author, clean_outlet, clean_title

PAGES = {page.name: page for page in all_pages()}


@pytest.fixture(scope="module")
def imported():
    return {name: from_bytes(page.markup.encode(), name=name) for name, page in PAGES.items()}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_metadata(imported, name):
    page, doc = PAGES[name], imported[name]
    for field in ("title", "author", "outlet", "published"):
        assert getattr(doc, field) == getattr(page, field), field


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.short_cause is None))
def test_article_body_is_kept_with_its_paragraph_breaks(imported, name):
    page, doc = PAGES[name], imported[name]
    start = doc.text.index(page.body_starts)
    wanted = PARAGRAPHS if "Letters" not in (page.title or "") else PARAGRAPHS[:5]
    assert doc.text[start:].startswith("\n\n".join(wanted))
    assert not any(is_short_text_warning(w) for w in doc.warnings)


def test_filed_under_page_keeps_the_article_not_the_teasers(imported):
    """The chrome pre-pass drops the wrapper (class 'ads-enabled'); the extractor's own result wins."""
    text = imported["filed-under.html"].text
    assert ARTICLE_TEXT in text
    assert "teaser paragraph" not in text and "Section number" not in text


def test_pre_pass_that_destroys_the_body_never_loses_it(monkeypatch):
    """Whatever the pre-pass removes, the stored text is never much less than trafilatura's own."""
    from rednote_desk.core.ingest import html_extract

    def destroy(tree):
        for element in list(tree.iter("p")):
            element.drop_tree()

    monkeypatch.setattr(html_extract, "strip_chrome", destroy)
    doc = from_bytes(PAGES["plain-article.html"].markup.encode(), name="p.html")
    assert "\n\n".join(PARAGRAPHS) in doc.text


def test_pre_pass_result_is_kept_when_the_extractor_only_adds_navigation(imported):
    """Trafilatura alone returns the menu of the gallery page; the stored text does not take it."""
    text = imported["gallery.html"].text
    assert "Section number" not in text and text.startswith("Picture 0 of the harbour.")


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.short_cause))
def test_short_page_warning_names_the_cause_and_what_to_do(imported, name):
    page, doc = PAGES[name], imported[name]
    assert page.body_starts in doc.text  # what there is, is still imported
    warnings = [w for w in doc.warnings if is_short_text_warning(w)]
    assert len(warnings) == 1
    assert page.short_cause.lower() in warnings[0].lower()
    assert "Paste article" in warnings[0] and f"only {len(doc.text):,} characters" in warnings[0]


def test_small_page_with_short_text_is_not_warned_about():
    page = "<html><body><article><p>A short note of a single sentence, complete as it is.</p></article></body></html>"
    doc = from_bytes(page.encode(), name="note.html")
    assert not any(is_short_text_warning(w) for w in doc.warnings)


def test_short_page_without_evidence_names_all_three_causes():
    filler = "".join(f'<div class="c{i}" data-state="{"x" * 200}"></div>' for i in range(100))
    markup = f"<html><body>{filler}<p>{PARAGRAPHS[0]}</p></body></html>"
    doc = from_bytes(markup.encode(), name="x.html")
    warning = next(w for w in doc.warnings if is_short_text_warning(w))
    assert "JavaScript" in warning and "paywall" in warning and "gallery" in warning


@pytest.mark.parametrize("title, names, headlines, expected", [
    ("Berlin confronts its colonial past | DW | 19.01.2020", ["DW.COM"], [],
     ("Berlin confronts its colonial past", "2020-01-19")),
    ("Berlin confronts its colonial past | DW | 19.01.2020", ["Deutsche Welle"], [],
     ("Berlin confronts its colonial past", "2020-01-19")),
    ("Valley Times | Letters: money well spent", ["Valley Times"], [], ("Letters: money well spent", None)),
    ("Port city votes - DER SPIEGEL", ["SPIEGEL ONLINE"], [], ("Port city votes", None)),
    ("Storm - live updates from the coast", ["Daily Bugle"], [], ("Storm - live updates from the coast", None)),
    ("Who wins? A guide | Politics | The Ledger", ["The Ledger"], ["Who wins? A guide"],
     ("Who wins? A guide", None)),
    ("Plain title", ["Daily Bugle"], [], ("Plain title", None)),
    ("Daily Bugle", ["Daily Bugle"], [], ("Daily Bugle", None)),
])
def test_clean_title(title, names, headlines, expected):
    assert clean_title(title, names, PageFacts(headlines=headlines)) == expected


@pytest.mark.parametrize("author, names, expected", [
    ("Deutsche Welle", ["Deutsche Welle", "DW.COM"], "staff"),
    ("SPIEGEL ONLINE; Hamburg; Germany", ["SPIEGEL ONLINE"], "staff"),
    ("Maria Lopez; Reuters", ["Reuters"], "Maria Lopez"),
    ("By Jane Roe, Staff Writer", ["Daily Bugle"], "Jane Roe"),
    ("Reuters Staff", ["Reuters"], "staff"),
    ("Editorial Board", [], "staff"),
    ("Jane Roe and John Doe", ["Daily Bugle"], "Jane Roe; John Doe"),
    ("reuters.com", [], "staff"),
    ("Lena Fischer", [], "Lena Fischer"),
    (None, ["Reuters"], None),
])
def test_clean_author(author, names, expected):
    assert clean_author(author, names) == expected


@pytest.mark.parametrize("extracted, facts, expected", [
    ("DW.COM", PageFacts(site_names=["DW.COM"], publishers=["Deutsche Welle"]), "Deutsche Welle"),
    (None, PageFacts(site_names=["SPIEGEL ONLINE, Hamburg, Germany"]), "SPIEGEL ONLINE"),
    ("www.example-news.com", PageFacts(), "example-news.com"),
    (None, PageFacts(site_names=["Reuters"]), "Reuters"),
    ("The Ledger, Inc. 2024", PageFacts(), "The Ledger, Inc. 2024"),
    (None, PageFacts(), None),
])
def test_clean_outlet(extracted, facts, expected):
    assert clean_outlet(extracted, facts) == expected
