"""The HTML report: which diffs it includes, progress, escaping, and write_report over a project."""
import hashlib

import lxml.html
import pytest
from compare_texts import INDEPENDENT, ORIGINAL, SPUN, UNRELATED, VERBATIM_WITH_INTRO

from rednote_desk.core.compare.comparison import ComparisonInput
from rednote_desk.core.compare.frame_profile import frame_profile
from rednote_desk.core.errors import Cancelled
from rednote_desk.core.html.report import ALL_PAIRS_UP_TO, ReportInput, heat_map_svg, render_report
from rednote_desk.core.models import Annotation, Document, Tag


def data(texts, **kw):
    docs = tuple(Document(id=n + 1, title=f"Story {n + 1}", text=t, outlet=f"Outlet {n + 1}")
                 for n, t in enumerate(texts))
    return ReportInput(ComparisonInput(documents=docs, annotations=kw.get("annotations", ()), claims=(),
                                       tags=kw.get("tags", ())))


def diff_headings(text):
    tree = lxml.html.document_fromstring(text)
    return [h.text_content() for h in tree.xpath("//h2[@id='diffs']/following-sibling::h3")]


def test_up_to_six_documents_every_pair_is_diffed_copies_first():
    steps = []
    text = render_report(data([ORIGINAL, INDEPENDENT, SPUN]), progress=lambda d, t, _: steps.append((d, t)))
    heads = diff_headings(text)
    assert len(heads) == 3 and heads[0] == "Outlet 1 (1) ↔ Outlet 3 (3)"  # the spun copy first
    assert "looks like a synonym-spun copy of" in text
    assert steps[0] == (0, 5) and steps[-1] == (5, 5) and [d for d, _ in steps] == sorted(d for d, _ in steps)


def test_more_documents_only_the_copies_with_a_note():
    texts = [ORIGINAL, SPUN, VERBATIM_WITH_INTRO, INDEPENDENT, UNRELATED] + [
        UNRELATED.replace("apple", f"pear{n}") + f" Extra {n}." for n in range(ALL_PAIRS_UP_TO - 4)]
    assert len(texts) > ALL_PAIRS_UP_TO
    text = render_report(data(texts))
    heads = diff_headings(text)
    tree = lxml.html.document_fromstring(text)
    copies = tree.xpath("//div[@class='copy']")
    assert len(heads) == len(copies) >= 2
    assert "only the pairs flagged as copies are included" in text


def test_cancelling_stops_the_report():
    with pytest.raises(Cancelled):
        render_report(data([ORIGINAL, SPUN]), is_cancelled=lambda: True)


def test_heat_map_is_inline_svg_with_escaped_names():
    tags = (Tag(id=1, name="Conflict <b>", color="#e6194b"), Tag(id=2, name="Economy", color="#3cb44b"))
    anns = (Annotation(id=1, document_id=1, start_offset=0, end_offset=100, quote="", tag_ids=(1,)),)
    profile = frame_profile([(1, len(ORIGINAL)), (2, len(SPUN))], anns, tags)
    svg = heat_map_svg(profile, {1: "Herald & Co", 2: "Farm"})
    tree = lxml.html.fragment_fromstring(svg)
    assert tree.tag == "svg" and "Conflict <b>" in tree.text_content() and "Herald & Co" in tree.text_content()
    assert "http" not in svg
    text = render_report(data([ORIGINAL, SPUN], annotations=anns, tags=tags))
    assert "<svg" in text and "Conflict &lt;b&gt;" in text


def test_write_report_over_a_project(project, tmp_path):
    from rednote_desk.services.report import write_report

    for title, text in (("Herald", ORIGINAL), ("𝓞𝓹𝓮𝓻𝓪 🚢 Farm", SPUN)):
        project.add_document(title=title, text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest())
    seen = []
    out = tmp_path / "r.html"
    assert write_report(project, None, out, progress=lambda d, t, s: seen.append(d)) == 2
    text = out.read_text(encoding="utf-8")
    assert "𝓞𝓹𝓮𝓻𝓪 🚢 Farm" in text and seen[-1] == 3
    assert not (tmp_path / "r.html.part").exists()


def test_the_matrix_names_each_rows_verdict_the_outlier_and_the_date_a_figure_refers_to():
    # Two outlets on the same day disagree on a count, a third (a week later) reports a higher one.
    texts = ["More than 700,000 users joined the app, the company said on Tuesday.",
             "About 500,000 users joined the app, the company said on Tuesday.",
             "More than 700,000 users joined the app, the company said."]
    published = ["2025-01-15", "2025-01-15", "2025-01-15"]
    docs = tuple(Document(id=n + 1, title=f"Story {n + 1}", text=t, outlet=f"Outlet {n + 1}", published=p)
                 for n, (t, p) in enumerate(zip(texts, published, strict=True)))
    text = render_report(ReportInput(ComparisonInput(documents=docs, annotations=(), claims=(), tags=())))
    tree = lxml.html.document_fromstring(text)
    matrix = tree.xpath("//h2[@id='claims']/following-sibling::table[1]")[0]
    row = [tr for tr in matrix.xpath(".//tr[td]") if "CONFLICT" in tr.text_content()]
    assert row, matrix.text_content()[:500]
    assert "out of line: Outlet 2" in row[0].text_content()
    assert "OUT OF LINE" in row[0].xpath("./td")[3].text_content()  # claim, voices, outlet 1, outlet 2
    assert "as of 2025-01-1" in row[0].text_content()
