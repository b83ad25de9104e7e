"""Text from others' files decodes as written (issue 13, low items): Windows-1252/Latin-1 text that declares
UTF-8 or declares nothing is not read as cp775 or another rare code page; a DOCTYPE with an internal subset
leaves no "]>" at the start of the text."""
from __future__ import annotations

import pytest

from rednote_desk.core.ingest.reader import from_bytes

WESTERN = [
    "El niño comió piñata en España según el diario.",
    "Zürich – Öl und Grün für 5 €.",
    "naïve façade déjà vu",
    "Officials said 700,000 users joined — “quote” it’s done.",
    "Café",
]
OTHERS = [
    ("Президент сказал, что 700 000 пользователей присоединились к сети за два дня.", "cp1251"),
    ("Ο πρόεδρος είπε ότι 700.000 χρήστες εντάχθηκαν στο δίκτυο μέσα σε δύο ημέρες.", "cp1253"),
    ("東京都は七十万人の利用者が二日間で参加したと発表した。", "shift_jis"),
    ("官员说，七十万用户在两天内加入了该网络。", "gbk"),
]


@pytest.mark.parametrize("text", WESTERN)
def test_latin1_declared_as_utf8_reads_as_written(text):
    page = (f'<html><head><meta charset="utf-8"><title>x</title></head><body><p>{text}</p>'
            "<p>More text follows here for the article body to be long enough.</p></body></html>")
    imported = from_bytes(page.encode("cp1252"), name="page.html")
    assert text in imported.text
    assert any("cp1252" in w for w in imported.warnings)


@pytest.mark.parametrize("text", WESTERN)
def test_short_latin1_text_without_a_declaration_reads_as_written(text):
    assert text in from_bytes((text + "\n").encode("cp1252"), name="note.txt").text


@pytest.mark.parametrize("text,encoding", OTHERS)
def test_other_scripts_are_still_recognised(text, encoding):
    assert text in from_bytes((text + "\n").encode(encoding), name="other.txt").text


@pytest.mark.parametrize("page", [
    '<!DOCTYPE html [\n<!ENTITY foo "bar">\n]>\n<html><body><p>Officials said 700,000 users joined.</p></body></html>',
    '<!DOCTYPE html [<!ENTITY x "y">]><p>Officials said 700,000 users joined.</p>',
    '<?xml version="1.0"?>\n<!doctype html [ <!ATTLIST p class CDATA "x"> ]>Officials said 700,000 users joined.',
])
def test_a_doctype_internal_subset_leaves_nothing_in_the_text(page):
    text = from_bytes(page.encode(), name="page.html").text
    assert text.startswith("Officials said 700,000 users joined.")
    assert "]>" not in text
