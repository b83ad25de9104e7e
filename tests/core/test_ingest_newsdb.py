"""Nexis Uni and Factiva batch downloads split into one text per article, with their metadata; header and footer
lines are left out; a file that is not a download is refused with a message (issue 12, item 5)."""
from __future__ import annotations

import re

import pytest
from newsdb_files import (
    docx_bytes,
    factiva_lines,
    factiva_tagged_lines,
    nexis_text,
    nexis_uni_docx,
    nexis_uni_text,
    rtf,
    stories,
)

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest import read_articles, read_file
from rednote_desk.core.ingest.reader import articles_from_bytes

STORIES = stories(6, missing_date_at=2)
LAYOUTS = {
    "nexis-uni.docx": lambda s: nexis_uni_docx(s),
    "nexis-uni.txt": lambda s: nexis_uni_text(s).encode("utf-8"),
    "nexis.txt": lambda s: nexis_text(s).encode("utf-8"),
    "factiva.rtf": lambda s: rtf(factiva_lines(s)),
    "factiva.docx": lambda s: docx_bytes(factiva_lines(s)),
    "factiva.txt": lambda s: "\n".join(factiva_lines(s)).encode("utf-8"),
    "factiva-indexed.rtf": lambda s: rtf(factiva_tagged_lines(s), table=True),
    "factiva-indexed.docx": lambda s: docx_bytes(factiva_tagged_lines(s), table=True),
    "factiva-indexed.txt": lambda s: "\n".join(factiva_tagged_lines(s)).encode("utf-8"),
}
LEFT_OUT = ["Job Number", "Search Terms", "Client/Matter", "End of Document", "Load-Date", "LOAD-DATE", "Classification",
            "Copyright", "©", "All Rights Reserved", "Document GDN", "Search Summary", "Results Found", "DOCUMENTS",
            "Length:", "LENGTH:", "Byline", "BYLINE", "gcat", "Publication-Type"]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_article_with_its_metadata(name):
    articles = articles_from_bytes(LAYOUTS[name](STORIES), name=name)
    assert len(articles) == len(STORIES)
    for number, (article, story) in enumerate(zip(articles, STORIES, strict=True), start=1):
        assert article.text == story.title + "\n\n" + "\n\n".join(story.paragraphs) + "\n"
        assert (article.title, article.outlet, article.published, article.author) == (
            story.title, story.outlet, story.published, story.byline)
        assert article.length == f"{story.words} words"
        if story.section:
            assert article.section.lower().startswith("news")
        assert article.source_name == f"{name} [{number}/{len(STORIES)}]"
        assert article.source_format == name.rsplit(".", 1)[1]
        assert f"article {number} of {len(STORIES)}" in article.note
        for chrome in LEFT_OUT:
            assert chrome not in article.text, chrome


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_missing_date_is_left_empty_with_a_warning(name):
    article = articles_from_bytes(LAYOUTS[name](STORIES), name=name)[2]
    assert article.published is None
    assert any("no publication date" in warning for warning in article.warnings)
    others = articles_from_bytes(LAYOUTS[name](STORIES), name=name)[3]
    assert not others.warnings


@pytest.mark.parametrize("name", ["nexis-uni.docx", "factiva.rtf", "nexis-uni.txt"])
def test_fifty_articles(tmp_path, name):
    items = stories(50)
    path = tmp_path / name
    path.write_bytes(LAYOUTS[name](items))
    articles = read_articles(path)
    assert [a.title for a in articles] == [s.title for s in items]
    assert len({a.text for a in articles}) == 50
    assert articles[49].text.endswith(items[49].paragraphs[-1] + "\n")


def test_a_byline_naming_the_outlet_staff_becomes_staff():
    story = stories(1)[0]
    story = type(story)(**{**story.__dict__, "byline": f"{story.outlet} staff"})
    article = articles_from_bytes(nexis_uni_docx([story]), name="one.docx")[0]
    assert article.author == "staff"


@pytest.mark.parametrize("name, data, message", [
    ("letter.docx", docx_bytes(["Dear committee,", "Please find the minutes attached.", "Regards, Jane"]),
     "not a Nexis Uni or Factiva download"),
    ("letter.rtf", rtf(["Dear committee,", "Please find the minutes attached."]),
     "not a Nexis Uni or Factiva download"),
    ("broken.docx", b"PK\x03\x04 this is no zip file at all" * 10, "not a readable Word (.docx) file"),
    ("photo.docx", bytes(range(256)) * 8, "not a readable Word (.docx) file"),
    ("fake.rtf", b"Hello, I am not RTF", "not an RTF file"),
    ("empty.docx", b"", "the file is empty"),
], ids=["docx-letter", "rtf-letter", "broken-zip", "binary", "fake-rtf", "empty"])
def test_not_a_download_is_refused_with_a_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=re.escape(message)) as caught:
        read_articles(path)
    assert name in str(caught.value) and "\n" not in str(caught.value)


def test_plain_text_article_is_not_split(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Storm closes port\n\nThe port closed on Monday. Document or not, it is one text.\n",
                    encoding="utf-8")
    articles = read_articles(path)
    assert len(articles) == 1 and articles[0].text.startswith("Storm closes port")


def test_read_file_takes_a_one_article_download_and_refuses_a_batch(tmp_path):
    one, many = tmp_path / "one.docx", tmp_path / "many.docx"
    one.write_bytes(nexis_uni_docx(stories(1)))
    many.write_bytes(nexis_uni_docx(stories(3)))
    assert read_file(one).title == stories(1)[0].title
    with pytest.raises(IngestError, match="holds 3 articles"):
        read_file(many)
