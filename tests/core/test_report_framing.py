"""The report's Coverage map, Word choice and Sources sections: on the five samples, and with hostile text."""
from __future__ import annotations

import lxml.html
import pytest
from test_ingest_samples import load

from rednote_desk.core.compare.comparison import ComparisonInput
from rednote_desk.core.html.report import ReportInput, render_report
from rednote_desk.core.models import Document


def _sections(text: str) -> dict[str, lxml.html.HtmlElement]:
    """Each framing section's table (the first table after its heading, before the next heading)."""
    tree = lxml.html.document_fromstring(text)
    out = {}
    for name in ("coverage", "terms", "sources"):
        (h2,) = tree.xpath(f"//h2[@id='{name}']")
        table = h2.xpath("following-sibling::*[self::table or self::h2][1]")
        assert table and table[0].tag == "table", f"{name}: no table"
        out[name] = table[0]
    return out


@pytest.fixture(scope="module")
def sample_report() -> tuple[str, list[Document]]:
    docs = []
    for n, prefix in enumerate(SAMPLES):
        t = load(prefix)
        docs.append(Document(id=n + 1, title=t.title or prefix, text=t.text, outlet=t.outlet, published=t.published))
    return render_report(ReportInput(ComparisonInput(documents=tuple(docs), annotations=(), claims=(), tags=()))), docs


def test_the_samples_get_coverage_terms_and_sources(sample_report):
    text, docs = sample_report
    tables = _sections(text)
    for name, table in tables.items():
        header = table.xpath("./tr[th]")[0]
        assert len(header.xpath("th")) == 1 + len(docs), name  # one column per document
        assert len(table.xpath("./tr[td]")) >= 3, name
    coverage = tables["coverage"]
    shared = [tr for tr in coverage.xpath("./tr[td]") if not tr.xpath(".//span[@class='badge exclusive']")]
    assert shared, "no statement carried by two documents"
    assert coverage.xpath(".//td[@class='omitted']")  # omissions hatched like the claims matrix
    prominence = {s.text for s in coverage.xpath(".//span[starts-with(@class, 'prominence')]")}
    assert "lead" in prominence and any(p.startswith("paragraph ") for p in prominence)
    assert "RedNote" in tables["terms"].text_content() or "Xiaohongshu" in tables["terms"].text_content()
    assert "#coverage" in text and "#terms" in text and "#sources" in text  # in the navigation


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
SAMPLES = ("002", "003", "004")  # three of the five samples (002 quotes people) keep the test short


def test_user_markup_is_escaped_in_the_framing_sections():
    a = (f"Bridge {HOSTILE} shut\n\nThe city closed the <blink>Harbour</blink> Bridge on Monday after cracks were "
         f"found. \"We will test every cable {HOSTILE},\" Mayor Helena <marquee>Voss</marquee> said. "
         "The ferries will run every hour, according to the <u>Transport</u> Office.\n")
    b = (f"Cracks close bridge\n\nThe <blink>Harbour</blink> Bridge was shut on Monday once cracks were found. "
         f"Voss told Radio {HOSTILE} that every cable would be tested. Extra ferries will run.\n")
    docs = (Document(id=1, title=f"A {HOSTILE}", text=a, outlet=f"Outlet {HOSTILE}"),
            Document(id=2, title="B", text=b, outlet="B & co"))
    text = render_report(ReportInput(ComparisonInput(documents=docs, annotations=(), claims=(), tags=())))
    for tag in ("<script", "<img", "<blink", "<marquee", "<u>"):
        assert tag not in text, tag
    tables = _sections(text)
    coverage = lxml.html.tostring(tables["coverage"], encoding="unicode")
    assert "&lt;blink&gt;Harbour" in coverage  # document text kept, as text
    assert "Voss" in tables["sources"].text_content()
