"""`rednote-desk report --html OUT`: one valid, self-contained, escaped HTML file."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import lxml.html
import pytest
from cli_helpers import assert_clean_error, run_cli

from rednote_desk.cli import main

HOSTILE = "<script>alert(1)</script>"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(HTMLParser):
    """Checks that every element is closed, in order (html5-ish; void elements need no end tag)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.starts[tag] = self.starts.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.starts[tag] = self.starts.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()


@pytest.fixture
def run(db_path, capsys):
    def _run(*args):
        code = main(["--db", str(db_path), *[str(a) for a in args]])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture
def corpus(run, samples, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(f"Breaking {HOSTILE} news & more\n\nThe outlet wrote {HOSTILE} in its text about RedNote "
                       "and TikTok users.\n", encoding="utf-8")
    code, out, err = run("import", *sorted(samples.glob("*.txt")), hostile)
    assert code == 0, err
    return [int(line.split("\t")[0]) for line in out.splitlines()]


def check_html(text: str) -> lxml.html.HtmlElement:
    assert text.startswith("<!DOCTYPE html>")
    balance = Balance()
    balance.feed(text)
    balance.close()
    assert balance.errors == [] and balance.stack == []
    assert balance.starts.get("html") == 1 and balance.starts.get("title") == 1 and balance.starts.get("body") == 1
    tree = lxml.html.document_fromstring(text)
    assert tree.tag == "html" and tree.find("head/title") is not None and tree.find("head/title").text
    # Self-contained: nothing to fetch.
    assert not tree.xpath("//script") and not tree.xpath("//link") and not tree.xpath("//img | //iframe")
    for attr in tree.xpath("//@src | //@href"):
        assert not re.match(r"\s*(https?:|//|data:|file:)", attr), attr
    assert not re.search(r"url\(\s*['\"]?\s*(https?:|//)", text) and "@import" not in text
    return tree


def test_report_of_the_samples_and_a_hostile_document(run, corpus, tmp_path, db_path):
    out = tmp_path / "report.html"
    code, stdout, err = run("report", "--html", out)
    assert code == 0 and stdout == "" and f"wrote the report of {len(corpus)} documents" in err
    text = out.read_text(encoding="utf-8")
    tree = check_html(text)
    body = tree.text_content()
    # The hostile text is text, never markup.
    assert HOSTILE in body and "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Every document's title, every claim row, every pair's diff.
    code, js, _ = run("compare", "--json", "-", "--no-alignments")
    data = json.loads(js)
    for doc in data["documents"]:
        assert " ".join(doc["title"].split()) in " ".join(body.split())
    claims = tree.xpath("//h2[@id='claims']/following-sibling::table[1]//tr[td]")
    assert len(claims) == len(data["claims"]) > 0
    for claim in data["claims"]:
        assert claim["label"] in body
    n = len(corpus)
    headings = tree.xpath("//h2[@id='diffs']/following-sibling::h3")
    assert len(headings) == n * (n - 1) // 2
    diff_tables = tree.xpath("//div[@class='diff']/table")
    assert len(diff_tables) == len(headings)
    # Each diff's summary: word by word for copies, statements paired by meaning for independent texts.
    assert "only in B" in body and "shared statement" in body
    assert tree.xpath("//h2[@id='frames']") and tree.xpath("//h2[@id='copies']")


def test_report_of_chosen_documents_to_standard_output(run, corpus):
    code, stdout, err = run("report", "--docs", corpus[0], corpus[2], "--html", "-")
    assert code == 0, err
    tree = check_html(stdout)
    assert len(tree.xpath("//h2[@id='diffs']/following-sibling::h3")) == 1
    assert len(tree.xpath("//h2[@id='documents']/following-sibling::table[1]//tr[td]")) == 2


def test_report_errors_are_one_clean_line(tmp_path, db_path):
    assert run_cli("--db", str(db_path), "tag-add", "Placeholder").code == 0  # a project with no documents
    result = run_cli("--db", str(db_path), "report", "--html", str(tmp_path / "r.html"))
    assert_clean_error(result, "no documents")
    result = run_cli("--db", str(db_path), "report", "--docs", "99", "--html", str(tmp_path / "r.html"))
    assert_clean_error(result)
    assert not (tmp_path / "r.html").exists()
