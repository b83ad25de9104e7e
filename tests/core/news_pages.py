"""Saved news pages written for the tests, in the shapes real sites use (issue 14). No real site's text.

Each page is a ``NewsPage``: its markup and what a careful importer should make of it. Used by
tests/core/test_ingest_news_pages.py and by the extraction benchmark (tests/benchmarks/bench_html_pages.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

PARAGRAPHS = [
    "The city council voted on Tuesday to fund a new research centre that will study the region's colonial "
    "history, after two years of debate among historians, activists and the families of those affected.",
    "The centre will open next spring in a former customs house near the harbour. Its first exhibition will "
    "show documents from the port's archives that have never been on public display before.",
    "Supporters said the decision was long overdue. \"We have waited a generation for this,\" said Amara "
    "Okafor, who leads a local association of descendants. \"Now the work can finally begin.\"",
    "Critics on the council argued that the money would be better spent on schools, and that the archive "
    "could be put online at a fraction of the cost. The motion passed by 31 votes to 12.",
    "The project will cost about 4.5 million euros over five years, according to the council's budget "
    "office, with a third of the money coming from a federal cultural fund and the rest from the city.",
    "Researchers from three universities will share the building. They plan to publish an annual report on "
    "street names, monuments and museum collections with links to the colonial period.",
    "The mayor said the city wanted to face its past openly. Similar centres have opened in recent years in "
    "other port cities, where they have drawn both large audiences and heated public arguments.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS)


@dataclass(frozen=True)
class NewsPage:
    name: str
    markup: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    body_starts: str | None = None  # the stored text must contain the article from here
    short_cause: str | None = None  # "JavaScript", "paywall", "gallery": the page is warned about as too short
    notes: dict = field(default_factory=dict)


def _paras(paragraphs=PARAGRAPHS) -> str:
    return "".join(f"<p>{p}</p>\n" for p in paragraphs)


def _nav(n: int = 40) -> str:
    links = "".join(f'<li><a href="/section/{i}">Section number {i}</a></li>' for i in range(n))
    return f'<nav class="site-nav"><ul>{links}</ul></nav>'


def _bundle(kb: int) -> str:
    """A script that stands in for a framework bundle or page state of about ``kb`` kilobytes."""
    state = {"props": {"items": [{"id": i, "slug": f"story-{i}", "teaser": "x" * 80} for i in range(kb * 8)]}}
    return json.dumps(state)


def filed_under_page() -> NewsPage:
    """A technology-news page: a 'Filed under' header block (topics, headline, byline) before the article,
    the body in a wrapper whose class looks like ad chrome, and a large page-state script in the body."""
    markup = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>City funds a centre to study its colonial past - The Circuit</title>
<meta property="og:title" content="City funds a centre to study its colonial past">
<meta property="og:site_name" content="The Circuit">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-14T09:30:00+00:00">
</head><body>
{_nav()}
<div class="article-header">
  <div class="filed-under">Filed under: <a href="/policy">Policy</a> <a href="/science">Science</a></div>
  <h1>City funds a centre to study its colonial past</h1>
  <div class="byline">By <a href="/authors/jane-roe">Jane Roe</a>, a senior reporter covering cities</div>
</div>
<div class="layout-grid ads-enabled">
  <div class="article-body-component">{_paras()}</div>
</div>
<div class="more-stories"><h2>More from The Circuit</h2>
{''.join(f'<div class="teaser"><a href="/s/{i}">A headline of another story number {i} that is here</a><p>A teaser paragraph of some length describing another story number {i} of the site.</p></div>' for i in range(14))}
</div>
<script id="__NEXT_DATA__" type="application/json">{_bundle(60)}</script>
</body></html>"""
    return NewsPage("filed-under.html", markup, title="City funds a centre to study its colonial past",
                    author="Jane Roe", outlet="The Circuit", published="2024-05-14", body_starts=PARAGRAPHS[0])


def title_suffix_page() -> NewsPage:
    """A broadcaster's page: '| DW | 19.01.2020' in the title, the outlet as author, a domain as site name."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Berlin confronts its colonial past with new initiative | DW | 19.01.2020",
          "publisher": {"@type": "Organization", "name": "Deutsche Welle"},
          "author": {"@type": "Organization", "name": "Deutsche Welle"}}
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Berlin confronts its colonial past with new initiative | DW | 19.01.2020</title>
<meta property="og:title" content="Berlin confronts its colonial past with new initiative | DW | 19.01.2020">
<meta property="og:site_name" content="DW.COM">
<meta name="author" content="Deutsche Welle">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>{_nav(20)}
<div id="bodyContent"><h1>Berlin confronts its colonial past with new initiative</h1>
<ul class="smallList"><li><strong>Date</strong> 19.01.2020</li><li><strong>Author</strong> Deutsche Welle</li></ul>
<div class="longText">{_paras()}</div></div>
<footer>© 2020 Deutsche Welle | Legal notice | Contact</footer></body></html>"""
    return NewsPage("title-suffix.html", markup, title="Berlin confronts its colonial past with new initiative",
                    author="staff", outlet="Deutsche Welle", published="2020-01-19", body_starts=PARAGRAPHS[0])


def city_line_page() -> NewsPage:
    """A news magazine whose author and site-name fields hold 'SPIEGEL ONLINE; Hamburg; Germany'."""
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Port city votes for a colonial history centre - DER SPIEGEL</title>
<meta name="author" content="SPIEGEL ONLINE; Hamburg; Germany">
<meta property="og:site_name" content="SPIEGEL ONLINE, Hamburg, Germany">
<meta name="date" content="2019-11-02T18:04:00+01:00">
</head><body>{_nav(30)}
<main><article><header><h2>Port city votes for a colonial history centre</h2></header>
<section class="article-section">{_paras()}</section></article></main>
<footer>SPIEGEL ONLINE, Hamburg, Germany</footer></body></html>"""
    return NewsPage("city-line.html", markup, title="Port city votes for a colonial history centre",
                    author="staff", outlet="SPIEGEL ONLINE", published="2019-11-02", body_starts=PARAGRAPHS[0])


def json_ld_only_page() -> NewsPage:
    """No meta tags and an empty app shell: everything is in a JSON-LD NewsArticle."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Harbour customs house to become research centre",
          "datePublished": "2023-03-08T07:15:00Z",
          "author": [{"@type": "Person", "name": "Lena Fischer"}],
          "publisher": {"@type": "Organization", "name": "Northport Herald",
                        "logo": {"@type": "ImageObject", "url": "https://herald.example/logo.png"}},
          "articleBody": ARTICLE_TEXT}
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><div id="app"></div><script>window.__STATE__ = {_bundle(4)};</script></body></html>"""
    return NewsPage("json-ld-only.html", markup, title="Harbour customs house to become research centre",
                    author="Lena Fischer", outlet="Northport Herald", published="2023-03-08",
                    body_starts=PARAGRAPHS[0])


def byline_outlet_page() -> NewsPage:
    """A wire story: the byline block names the agency next to the reporter; the author meta is the agency."""
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Council backs colonial history centre | Reuters</title>
<meta property="og:title" content="Council backs colonial history centre | Reuters">
<meta property="og:site_name" content="Reuters">
<meta name="author" content="Maria Lopez, Reuters">
<meta property="article:published_time" content="2022-09-27T14:02:11Z">
</head><body>{_nav(25)}
<article><h1>Council backs colonial history centre</h1>
<div class="byline-block">By Maria Lopez | Reuters<br>September 27, 2022 2:02 PM UTC</div>
<div class="article-body">{_paras()}</div>
<p class="trust">Our Standards: The Thomson Reuters Trust Principles.</p></article></body></html>"""
    return NewsPage("byline-outlet.html", markup, title="Council backs colonial history centre",
                    author="Maria Lopez", outlet="Reuters", published="2022-09-27", body_starts=PARAGRAPHS[0])


def staff_byline_page() -> NewsPage:
    """A small news site: 'By Valley Times Staff' and a date only in a <time> element of the page header."""
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Valley Times | Letters: the history centre is money well spent</title>
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="Valley Times Staff">
</head><body><header class="site"><a href="/">Valley Times</a>
<time datetime="2021-06-03T08:00:00-05:00">June 3, 2021</time></header>
<article><h1>Letters: the history centre is money well spent</h1>
{_paras(PARAGRAPHS[:5])}</article></body></html>"""
    return NewsPage("staff-byline.html", markup, title="Letters: the history centre is money well spent",
                    author="staff", outlet="Valley Times", published="2021-06-03", body_starts=PARAGRAPHS[0])


def js_shell_page() -> NewsPage:
    """The article is filled in by JavaScript: the saved file holds a photo caption and large bundles."""
    caption = ("The former customs house near the harbour, where the new research centre is to open next "
               "spring. Photo: Northport city archive.")
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Customs house to become centre</title>
<script>{'var a=' + _bundle(40) + ';'}</script>
<script>{'var b=' + _bundle(40) + ';'}</script></head>
<body><div id="root"><figure><figcaption>{caption}</figcaption></figure></div>
<noscript>You need to enable JavaScript to run this app.</noscript>
<script id="__NEXT_DATA__" type="application/json">{_bundle(30)}</script></body></html>"""
    return NewsPage("js-shell.html", markup, title="Customs house to become centre", short_cause="JavaScript",
                    body_starts=caption)


def paywall_page() -> NewsPage:
    """A paywalled article: a teaser paragraph, then 'subscribe to continue reading'."""
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>The centre that divided a city | The Ledger</title>
<meta property="og:site_name" content="The Ledger">
<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "isAccessibleForFree": False,
                                                "headline": "The centre that divided a city"})}</script>
</head><body>{_nav(60)}
<article><h1>The centre that divided a city</h1><p>{PARAGRAPHS[0]}</p>
<div class="paywall-gate"><p>Subscribe to continue reading. Subscribers get unlimited access.</p></div></article>
<script>var tracking = {_bundle(30)};</script>
<div class="more">{''.join(f'<a href="/s/{i}">Story link number {i}</a> ' for i in range(80))}</div>
</body></html>"""
    return NewsPage("paywall.html", markup, title="The centre that divided a city", outlet="The Ledger",
                    short_cause="paywall", body_starts=PARAGRAPHS[0][:60])


def gallery_page() -> NewsPage:
    """A photo gallery: many images with one-line captions and hardly any text."""
    figures = "".join(f'<figure><img src="/img/{i}.jpg" alt=""><figcaption>Picture {i} of the harbour.'
                      f"</figcaption></figure>" for i in range(16))
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>In pictures: the harbour</title>
<meta property="og:type" content="gallery"></head><body>{_nav(60)}
<div class="gallery">{figures}</div><script>var g = {_bundle(20)};</script></body></html>"""
    return NewsPage("gallery.html", markup, title="In pictures: the harbour", short_cause="gallery",
                    body_starts="Picture 0 of the harbour.")


def plain_article_page() -> NewsPage:
    """A science-news page with the usual meta tags, a sidebar and comments: nothing unusual."""
    markup = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Archive of a port opens to researchers</title>
<meta name="citation_title" content="Archive of a port opens to researchers">
<meta name="author" content="Tom Becker">
<meta property="og:site_name" content="Science Daily Report">
<meta name="DC.date" content="2024-01-22">
</head><body>{_nav(30)}<div class="content"><h1>Archive of a port opens to researchers</h1>
<p class="byline">by Tom Becker, Science Daily Report</p>{_paras()}</div>
<aside class="sidebar">{''.join(f'<p>Popular story number {i}</p>' for i in range(10))}</aside>
<div id="comments"><p>Comment: very interesting, thanks for this piece about the archive.</p></div>
</body></html>"""
    return NewsPage("plain-article.html", markup, title="Archive of a port opens to researchers",
                    author="Tom Becker", outlet="Science Daily Report", published="2024-01-22",
                    body_starts=PARAGRAPHS[0])


ALL_PAGES = (filed_under_page, title_suffix_page, city_line_page, json_ld_only_page, byline_outlet_page,
             staff_byline_page, js_shell_page, paywall_page, gallery_page, plain_article_page)


def all_pages() -> list[NewsPage]:
    return [make() for make in ALL_PAGES]
