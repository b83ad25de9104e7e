"""Document labels: the outlet, else the web site, else a short title cut at a word; never a file name."""
from rednote_desk.core.labels import document_label, outlet_label, short_text, site_of
from rednote_desk.core.models import Document


def test_outlet_then_site_then_short_title_never_the_file_name():
    doc = Document(id=3, title="The digital chilly warfare is sending hundreds of thousands of users away",
                   text="x", source_name="001_15607f0d28ba5f8a.txt")
    assert document_label(doc) == "The digital chilly warfare is sending…"
    assert ".txt" not in doc.display_outlet
    assert document_label(Document(id=3, title="T", text="x", url="https://www.example.org/a")) == "example.org"
    assert document_label({"id": 1, "title": "T", "outlet": " Harbor  Gazette ", "url": None}) == "Harbor Gazette"
    assert outlet_label(outlet=None, url="http://[bad", title="", document_id=7) == "Document 7"


def test_short_text_cuts_at_a_word():
    assert short_text("alpha beta gamma delta", 12) == "alpha beta…"
    assert short_text("alpha", 12) == "alpha"
    assert short_text("supercalifragilistic", 8) == "superca…"  # one long word: cut inside it
    assert site_of("not a url") == ""
