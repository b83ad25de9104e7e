"""Entry points: a file path, raw bytes with a name, or pasted text -> ImportedText (or IngestError)."""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest.boilerplate import detect_boilerplate
from rednote_desk.core.ingest.dates import parse_date
from rednote_desk.core.ingest.decode import Decoded, decode_bytes
from rednote_desk.core.ingest.model import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, ImportedText
from rednote_desk.core.ingest.sniff import sniff_metadata

BATCH_EXTENSIONS = (".docx", ".rtf")  # news-database downloads (core.ingest.newsdb)

_FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
_TEXT_FORMATS = ("paste", "txt", "md", "html")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedText:
    """Import a .txt/.html/.md file. Raises IngestError with one line that names the file and what to do.

    A news-database download (.docx, .rtf) is accepted when it holds one article; see read_articles."""
    if Path(path).suffix.lower() in BATCH_EXTENSIONS:
        articles = read_articles(path, max_bytes=max_bytes)
        if len(articles) != 1:
            raise IngestError(f'Cannot use "{Path(path).name}" here: it holds {len(articles)} articles; import it '
                              f"(File → Import, or rednote-desk import), which stores each article on its own.")
        return articles[0]
    data, name = _read_bytes(path, max_bytes)
    return from_bytes(data, name=name, max_bytes=max_bytes)


def read_articles(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ImportedText]:
    """Every article in a file: one per article of a Nexis Uni / Factiva download (.docx, .rtf, or a .txt in
    their layout), else the file's one text. Raises IngestError (nothing imported) when the file cannot be read
    or a .docx/.rtf is not such a download."""
    data, name = _read_bytes(path, max_bytes)
    return articles_from_bytes(data, name=name, max_bytes=max_bytes)


def articles_from_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ImportedText]:
    """As read_articles, for file content with its name."""
    from rednote_desk.core.ingest import newsdb

    extension = os.path.splitext(name)[1].lower()
    if extension in BATCH_EXTENSIONS:
        if len(data) > max_bytes:
            raise IngestError(_too_big(name, len(data), max_bytes))
        if not data:
            raise IngestError(f'Cannot import "{name}": the file is empty; choose a file that contains articles.')
        lines = newsdb.docx_lines(data, name) if extension == ".docx" else newsdb.rtf_lines(data, name)
        return newsdb.imported_articles(lines, name=name, source_format=extension[1:])
    if _format_of(name) == "txt" and data and len(data) <= max_bytes:
        decoded = decode_bytes(data, name=name, declared=None)
        text = _normalise(decoded.text)
        if newsdb.looks_like_download(text):
            articles = newsdb.imported_articles(text.split("\n"), name=name, source_format="txt")
            return [replace(a, warnings=(*decoded.warnings, *a.warnings)) for a in articles]
        return [_build(text, name=name, fmt="txt", decoded=decoded)]
    return [from_bytes(data, name=name, max_bytes=max_bytes)]


def _read_bytes(path: str | os.PathLike[str], max_bytes: int) -> tuple[bytes, str]:
    """The file's content (at most max_bytes + 1) and its name; IngestError when it cannot be read."""
    file = Path(path)
    name = file.name or str(file)
    if file.is_dir():
        raise IngestError(f'Cannot import "{name}": it is a folder, not a file; choose a '
                          f"{_supported_list()} file inside it.")
    if not file.exists():
        raise IngestError(f'Cannot import "{name}": there is no such file ({file}); check the path and try again.')
    if file.suffix.lower() not in BATCH_EXTENSIONS:
        _format_of(name)
    try:
        # O_NONBLOCK: opening a FIFO (or a link to one) must not wait for a writer; only regular files are read
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise IngestError(f'Cannot import "{name}": it is not a regular file (a pipe, device or socket); '
                                  "save the article as a file and import that.")
            if info.st_size > max_bytes:
                raise IngestError(_too_big(name, info.st_size, max_bytes))
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            data = handle.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise IngestError(f'Cannot import "{name}": the file could not be read ({reason}); check that it is '
                          f"not in use and that you may open it.") from None
    return data, name


def from_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportedText:
    """Import file content; the format comes from the extension of name."""
    fmt = _format_of(name)
    if len(data) > max_bytes:
        raise IngestError(_too_big(name, len(data), max_bytes))
    if not data:
        raise IngestError(f'Cannot import "{name}": the file is empty; choose a file that contains the article text.')
    declared = None
    if fmt == "html":
        match = _META_CHARSET.search(data[:4096])
        declared = match.group(1).decode("ascii") if match else None
    decoded = decode_bytes(data, name=name, declared=declared)
    return _build(_normalise(decoded.text), name=name, fmt=fmt, decoded=decoded)


def from_text(text: str, *, name: str = "pasted text", fmt: str = "paste") -> ImportedText:
    """Import text already in memory (pasted, or read elsewhere); fmt is paste, txt, md or html."""
    if fmt not in _TEXT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(_TEXT_FORMATS)}")
    return _build(_normalise(text), name=name, fmt=fmt, decoded=None)


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of text (identifies an imported text)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _build(text: str, *, name: str, fmt: str, decoded: Decoded | None) -> ImportedText:
    warnings = list(decoded.warnings) if decoded else []
    _require_text(text, name)
    meta: dict = {}
    if fmt == "html":
        from rednote_desk.core.ingest.html_extract import extract_article

        article = extract_article(text)
        text = _normalise(article.text)
        if not text.strip():
            raise IngestError(f"Cannot import {_label(name)}: no readable text was found in the page; save the "
                              f"article text as .txt and import that.")
        warnings.extend(article.warnings)
        meta = {"title": article.title, "author": article.author, "url": article.url, "outlet": article.outlet,
                "published": _iso(article.published)}
    sniffed = sniff_metadata(text)
    for key in ("title", "author", "published", "outlet"):
        if not meta.get(key):
            meta[key] = sniffed[key]
    if sniffed["date_hint"] and not meta["published"]:
        warnings.append(f"the date {sniffed['date_hint']} at the top looks like the site's date banner, not the "
                        f"publication date; the publication date was left empty")
    return ImportedText(
        text=text,
        source_name=name,
        source_format=fmt,
        title=meta["title"],
        author=meta["author"],
        published=meta["published"],
        url=meta.get("url"),
        outlet=meta["outlet"],
        encoding=decoded.encoding if decoded else None,
        encoding_guessed=decoded.guessed if decoded else False,
        boilerplate=detect_boilerplate(text),
        warnings=tuple(warnings),
    )


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def _require_text(text: str, name: str) -> None:
    if not text:
        raise IngestError(f"Cannot import {_label(name)}: it is empty; provide the article text and try again.")
    if not text.strip():
        raise IngestError(f"Cannot import {_label(name)}: it contains only blank space; provide the article text "
                          f"and try again.")


def _format_of(name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    if extension in _FORMATS:
        return _FORMATS[extension]
    what = f"files of type {extension}" if extension else "files without an extension"
    raise IngestError(f'Cannot import "{name}": {what} are not supported; use one of {_supported_list()}.')


def _supported_list() -> str:
    return ", ".join(SUPPORTED_EXTENSIONS)


def _too_big(name: str, size: int, limit: int) -> str:
    return (f'Cannot import "{name}": it is {_human(size)}, over the {_human(limit)} limit; import only the '
            f"article text or split the file.")


def _human(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def _label(name: str) -> str:
    return "the pasted text" if name == "pasted text" else f'"{name}"'


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    return value if _ISO_DATE.fullmatch(value) else parse_date(value)
