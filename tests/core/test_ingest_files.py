"""Decoding and refusing bad input: encodings, BOMs, newlines, and one-line IngestError messages."""
from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    from_bytes,
    from_text,
    read_file,
    text_sha256,
)

ARTICLE = "Le café de la gare était fermé.\nLes élèves ont été très déçus, à cause de la grève.\n"


def assert_one_line(error: pytest.ExceptionInfo, *needles: str) -> None:
    message = str(error.value)
    assert "\n" not in message
    for needle in needles:
        assert needle in message, message


def test_utf8_with_and_without_bom(tmp_path):
    for data in (ARTICLE.encode("utf-8"), codecs.BOM_UTF8 + ARTICLE.encode("utf-8")):
        doc = from_bytes(data, name="a.txt")
        assert doc.text == ARTICLE and doc.encoding == "utf-8" and not doc.encoding_guessed
        assert doc.warnings == ()


@pytest.mark.parametrize("codec, label", [("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
                                          ("utf-32-le", "utf-32"), ("utf-32-be", "utf-32")])
def test_utf16_and_utf32_with_bom(codec, label):
    text = "Storm 🚢 hits 𝓞𝓹𝓮𝓻𝓪 coast.\r\nSecond line é."
    data = ("\ufeff" + text).encode(codec)
    doc = from_bytes(data, name="a.txt")
    assert doc.text == "Storm 🚢 hits 𝓞𝓹𝓮𝓻𝓪 coast.\nSecond line é."
    assert doc.encoding == label and not doc.encoding_guessed
    assert doc.text.index("𝓞") == 13


def test_utf16_without_bom_is_guessed():
    doc = from_bytes("Hello world, this is a test of a file. Café 🚢.\n".encode("utf-16-le"), name="a.txt")
    assert doc.text.startswith("Hello world") and "Café 🚢" in doc.text
    assert doc.encoding_guessed and doc.encoding == "utf-16-le"
    assert any("guessed" in w for w in doc.warnings)


def test_latin1_file_with_accents_is_guessed(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Café au lait, résumé, naïve.\n".encode("latin-1"))
    doc = read_file(path)
    assert doc.text == "Café au lait, résumé, naïve.\n"
    assert doc.encoding == "cp1252" and doc.encoding_guessed
    assert doc.warnings and "cp1252" in doc.warnings[0]


def test_cp1252_smart_quotes():
    text = "He said \u201chello\u201d \u2013 it\u2019s fine. Caf\u00e9.\n"
    doc = from_bytes(text.encode("cp1252"), name="a.txt")
    assert doc.text == text and doc.encoding_guessed


def test_central_european_text_is_not_forced_into_cp1252():
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy. Dobrý den, jak se máte?\n"
    doc = from_bytes(text.encode("cp1250"), name="a.txt")
    assert doc.text == text and doc.encoding == "cp1250"


def test_utf8_with_a_stray_byte_stays_utf8():
    data = "Café résumé naïve über straße ".encode() + b"\xe9" + b" end"
    doc = from_bytes(data, name="a.txt")
    assert doc.text.startswith("Café résumé") and "\ufffd" in doc.text
    assert doc.encoding == "utf-8" and doc.encoding_guessed and "replaced" in doc.warnings[0]


def test_html_meta_charset_is_used_and_not_a_guess():
    page = '<html><head><meta charset="windows-1252"><title>T</title></head><body><p>Caf\u00e9 cr\u00e8me, ' \
           "a long enough paragraph of text for the extractor to keep it.</p></body></html>"
    doc = from_bytes(page.encode("cp1252"), name="a.html")
    assert "Café crème" in doc.text and doc.encoding == "cp1252" and not doc.encoding_guessed


def test_newlines_normalised_but_nothing_else():
    text = "Title line\r\nFirst  paragraph\u00a0with\tNBSP.\rSecond: e\u0301 (decomposed)\r\n"
    doc = from_bytes(text.encode(), name="a.txt")
    assert doc.text == "Title line\nFirst  paragraph\u00a0with\tNBSP.\nSecond: e\u0301 (decomposed)\n"


def test_markdown_keeps_markup_and_takes_title_from_heading():
    text = "# Storm hits *the* coast\n\nBy Jane Roe\n\n**Bold** first paragraph.\n"
    doc = from_bytes(text.encode(), name="notes.markdown")
    assert doc.text == text and doc.source_format == "md"
    assert doc.title == "Storm hits *the* coast" and doc.author == "Jane Roe"


def test_paste():
    doc = from_text("\ufeffStorm hits the coast\r\nBy Jane Roe | March 4, 2026\r\nBody 🚢.")
    assert doc.text == "Storm hits the coast\nBy Jane Roe | March 4, 2026\nBody 🚢."
    assert (doc.source_name, doc.source_format, doc.encoding) == ("pasted text", "paste", None)
    assert (doc.title, doc.author, doc.published) == ("Storm hits the coast", "Jane Roe", "2026-03-04")


def test_from_text_rejects_unknown_format():
    with pytest.raises(ValueError):
        from_text("x", fmt="pdf")


def test_text_sha256_is_of_utf8_text():
    assert text_sha256("🚢") == hashlib.sha256(b"\xf0\x9f\x9a\xa2").hexdigest()
    assert text_sha256("a") == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    assert text_sha256("a") != text_sha256("a\n")


# --- refusals -------------------------------------------------------------------------------------------


def test_binary_with_nul_bytes(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError) as error:
        read_file(path)
    assert_one_line(error, "blob.txt", "binary", "save")


def test_known_binary_formats_are_named():
    with pytest.raises(IngestError) as error:
        from_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", name="paper.txt")
    assert_one_line(error, "paper.txt", "PDF")


def test_control_characters_mean_binary():
    with pytest.raises(IngestError) as error:
        from_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40 + b"text", name="x.txt")
    assert_one_line(error, "x.txt", "binary")


@pytest.mark.parametrize("data, word", [(b"", "empty"), (b"   \r\n\t\n  ", "blank"), (b"\xef\xbb\xbf", "empty")])
def test_empty_or_whitespace_only(tmp_path, data, word):
    path = tmp_path / "nothing.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as error:
        read_file(path)
    assert_one_line(error, "nothing.txt", word)


def test_empty_paste():
    with pytest.raises(IngestError) as error:
        from_text("  \n ")
    assert_one_line(error, "pasted text", "blank")


def test_file_over_the_limit_names_limit_and_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 3 * 1024 * 1024)
    with pytest.raises(IngestError) as error:
        read_file(path, max_bytes=2 * 1024 * 1024)
    assert_one_line(error, "huge.txt", "3.0 MB", "2.0 MB")
    with pytest.raises(IngestError) as error:
        from_bytes(b"a" * 2000, name="b.txt", max_bytes=1000)
    assert_one_line(error, "b.txt", "2.0 KB", "1000 bytes")
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_missing_path(tmp_path):
    with pytest.raises(IngestError) as error:
        read_file(tmp_path / "gone.txt")
    assert_one_line(error, "gone.txt", "no such file", "check the path")


def test_directory(tmp_path):
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    with pytest.raises(IngestError) as error:
        read_file(folder)
    assert_one_line(error, "articles.txt", "folder")


def test_unsupported_extension_lists_supported(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(b"hello")
    with pytest.raises(IngestError) as error:
        read_file(path)
    assert_one_line(error, "story.pdf", ".pdf", *SUPPORTED_EXTENSIONS)
    with pytest.raises(IngestError) as error:
        from_bytes(b"hello", name="README")
    assert_one_line(error, "README", "without an extension", ".txt")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("some text")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import os

    monkeypatch.setattr(os, "open", refuse)  # the reader opens with os.open (O_NONBLOCK: never waits on a FIFO)
    with pytest.raises(IngestError) as error:
        read_file(path)
    assert_one_line(error, "locked.txt", "could not be read", "Permission denied")


def test_extension_is_case_insensitive(tmp_path):
    path = tmp_path / "STORY.TXT"
    path.write_text("Storm hits the coast\nBody.", encoding="utf-8")
    assert read_file(path).source_format == "txt"


def test_plain_text_import_does_not_load_trafilatura():
    code = (
        "import sys\n"
        "from rednote_desk.core.ingest import from_bytes, from_text\n"
        "from_text('Storm hits the coast\\nBody.')\n"
        "from_bytes(b'Storm\\nBody.', name='a.md')\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
