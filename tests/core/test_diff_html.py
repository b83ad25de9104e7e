"""Passage diffs rendered as HTML through pygments: tokens, pieces (click mapping), folds, windows."""
import re

from compare_texts import INDEPENDENT, ORIGINAL, SPUN
from pygments.token import Generic, Text

from rednote_desk.core.compare.passages import passage_diff
from rednote_desk.core.html.diff import fold_runs, inline_tokens, passage_diff_html, render_page, side_tokens, window
from rednote_desk.core.html.styles import Changed, ChangedNew, ChangedOld

EDITED = ORIGINAL.replace("$18 million", "$20 million").replace(
    "Some users waited", "Some <script>alert('x')</script> users waited")


def test_side_and_inline_tokens_rebuild_each_sentence_with_two_tiers():
    diff = passage_diff(ORIGINAL, SPUN)
    for row in diff.rows:
        left, right = side_tokens(diff, row, "a"), side_tokens(diff, row, "b")
        assert "".join(v for _, v in left) == ORIGINAL[row.a[0]:row.a[1]]
        assert "".join(v for _, v in right) == SPUN[row.b[0]:row.b[1]]
        assert {t for t, _ in left} <= {ChangedOld, Generic.Deleted} and {t for t, _ in right} <= {ChangedNew,
                                                                                                   Generic.Inserted}
        inline = inline_tokens(diff, row)
        assert "".join(v for t, v, _, _ in inline if t is not Generic.Inserted) == ORIGINAL[row.a[0]:row.a[1]]
        assert "".join(v for t, v, _, _ in inline if t is not Generic.Deleted) == SPUN[row.b[0]:row.b[1]]
        assert {t for t, *_ in inline} == {Changed, Generic.Deleted, Generic.Inserted}
        for _ttype, value, side, start in inline:
            assert (ORIGINAL if side == "a" else SPUN)[start:start + len(value)] == value
    same = passage_diff(ORIGINAL, ORIGINAL)
    assert {t for r in same.rows for t, _ in side_tokens(same, r, "a")} == {Text}


def test_pieces_locate_each_sentence_in_its_cell_in_utf16_units():
    a = "Ship 🚢 news. " + ORIGINAL
    b = "Ship 🚢 news! " + SPUN
    diff = passage_diff(a, b)
    for layout in ("side_by_side", "inline"):
        page = render_page(diff, layout=layout, folds="none")
        assert page.cells
        for pieces in page.cells.values():
            for p in pieces:
                text = (a if p.side == "a" else b)
                value = text[p.doc_start:]
                # the piece's UTF-16 length covers exactly its text
                n, units = 0, 0
                while units < p.u16_end - p.u16_start:
                    units += 2 if ord(value[n]) > 0xFFFF else 1
                    n += 1
                assert units == p.u16_end - p.u16_start
        first = page.cells[(0, 1)][0]
        if layout == "side_by_side":  # the whole first sentence of A: 12 code points, 13 UTF-16 units
            assert (first.side, first.doc_start, first.u16_end) == ("a", 0, 13)
        else:  # its unchanged words, from B
            assert (first.side, first.doc_start, first.u16_end) == ("b", 0, len("Ship 🚢 news") + 1)


def test_html_escapes_text_and_is_styled_inline():
    diff = passage_diff(ORIGINAL, EDITED)
    for layout in ("side_by_side", "inline"):
        html = passage_diff_html(diff, layout=layout, headers=("<b>A</b>", "B & co"))
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "&lt;b&gt;A&lt;/b&gt;" in html and "B &amp; co" in html
        assert "background-color: #ABF2BC" in html and "background-color: #FFC4C8" in html
        assert not re.search(r"(src|href)=\"?https?:", html)
        assert html.count("<table") == html.count("</table>")


def test_unchanged_runs_fold_as_links_for_the_gui_and_details_for_browsers():
    diff = passage_diff(ORIGINAL, EDITED)
    runs = fold_runs(diff)
    assert runs and all(not diff.rows[r].changed for s, e in runs for r in range(s, e))
    start = runs[0][0]
    links = render_page(diff, folds="links").html
    assert f'href="fold:{start}"' in links and "unchanged sentences" in links
    assert "Mechanics warned" not in links or not any(s <= 5 < e for s, e in runs)
    opened = render_page(diff, folds="links", expanded=frozenset({start})).html
    assert f'href="fold:{start}"' not in opened
    details = passage_diff_html(diff)
    assert "<details>" in details and "fold:" not in details
    text = re.sub(r"<[^>]+>", "", details)
    assert "Mechanics warned" in text  # folded text is still in the report


def test_windows_cover_a_row_and_announce_the_rest():
    big = "\n\n".join([ORIGINAL] * 40)
    diff = passage_diff(big, big.replace("coldest", "warmest"))
    n = len(diff.rows)
    lo, hi = window(diff, around=n // 2, budget=5000, folds="none")
    assert lo <= n // 2 < hi and 0 < lo and hi < n
    page = render_page(diff, lo=lo, hi=hi, folds="none", current=n // 2)
    assert 'href="window:earlier"' in page.html and 'href="window:later"' in page.html
    assert '<a name="current">' in page.html
    assert set(page.anchors) == set(range(lo, hi))
    assert window(diff, around=0, budget=10**9, max_rows=10**6) == (0, n)
    lo, hi = window(diff, around=n // 2, budget=10**9, max_rows=100, folds="none")
    assert hi - lo == 100 and lo <= n // 2 < hi


def test_lone_sentences_face_each_other_side_by_side():
    diff = passage_diff(ORIGINAL, INDEPENDENT)
    page = render_page(diff, folds="none")
    lone_a = sum(r.kind == "only_a" for r in diff.rows)
    lone_b = sum(r.kind == "only_b" for r in diff.rows)
    table_rows = {row for row, _col in page.cells}
    assert len(table_rows) <= max(lone_a, lone_b) + sum(r.kind == "pair" for r in diff.rows)
