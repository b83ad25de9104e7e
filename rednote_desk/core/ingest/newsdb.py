"""News-database batch downloads -> one ImportedText per article (issue 12, item 5).

Layouts read (from the files' own markers, whatever the extension):

- **Nexis Uni** (DOCX, plain text): a cover page (user, job number, search terms), then per article: headline,
  publication, date line, copyright, ``Section:`` / ``Length:`` / ``Byline:`` / ``Dateline:`` / ``Highlight:``,
  ``Body``, the paragraphs, then ``Classification`` / ``Load-Date:`` and ``End of Document`` (the layout
  LexisNexisTools' ``lnt_read`` parses).
- **Nexis** (the older nexis.com text export): ``N of M DOCUMENTS``, publication, date, headline, ``BYLINE:`` /
  ``SECTION:`` / ``LENGTH:``, the body, ``LOAD-DATE:`` / ``LANGUAGE:`` and a copyright footer.
- **Factiva** (RTF, DOCX, text), both display options: "Full Article/Report" (headline, ``By``, ``N words``,
  date, source name, source code, language, copyright, the paragraphs, ``Document <accession number>``) and
  "plus Indexing" (fields tagged ``HD``, ``BY``, ``WC``, ``PD``, ``SN``, ``SE``, ``LP``, ``TD`` … ``AN``).

Cover pages, classification blocks, copyright lines and the other header/footer lines are not kept; the
stored text is the headline followed by the paragraphs. A file with no such markers is refused with a message,
and nothing is imported.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from itertools import pairwise

from rednote_desk.core.errors import IngestError
from rednote_desk.core.ingest.dates import find_date, parse_date
from rednote_desk.core.ingest.html_meta import clean_author
from rednote_desk.core.ingest.model import ImportedText

_NBSP = "\u00a0"


@dataclass
class NewsArticle:
    """One article of a download, before it becomes an ImportedText."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    section: str | None = None
    length: str | None = None
    paragraphs: list[str] = field(default_factory=list)


# --- readers: bytes -> lines ------------------------------------------------------------------------------------
def docx_lines(data: bytes, name: str) -> list[str]:
    """Paragraphs and table rows (cells joined by a tab) of a Word file, in document order."""
    import docx  # python-docx; imported only when a Word file is read
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors all mean "not a readable .docx"
        raise IngestError(f'Cannot import "{name}": it is not a readable Word (.docx) file ({type(exc).__name__}); '
                          f"save it again from Word or from the database as .docx, .rtf or .txt.") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                lines.append("\t".join(dict.fromkeys(c for c in cells if c)))  # merged cells repeat
        else:
            lines.extend(block.text.split("\n"))
    return lines


def rtf_lines(data: bytes, name: str) -> list[str]:
    """Plain lines of an RTF file (table cells joined by a tab)."""
    from striprtf.striprtf import rtf_to_text

    head = data[:64].lstrip()
    if not head.startswith(b"{\\rtf"):
        raise IngestError(f'Cannot import "{name}": it is not an RTF file (it does not start with "{{\\rtf"); '
                          f"download it again as RTF, or as .docx or .txt.")
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding="cp1252", errors="replace")
    except Exception as exc:  # noqa: BLE001 - a broken RTF file must give a message, not a traceback
        raise IngestError(f'Cannot import "{name}": the RTF could not be read ({type(exc).__name__}); download it '
                          f"again, or as .docx or .txt.") from None
    return [line.replace("|", "\t") if line.count("|") >= 1 and _TAG_CELL.match(line) else line
            for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# --- recognising and splitting ----------------------------------------------------------------------------------
_UNI_END = re.compile(r"^\s*End of Document\s*$", re.I)
_NEXIS_START = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$|^\s*Dokument\s+\d+\s+von\s+\d+\s*$", re.I)
_FACTIVA_END = re.compile(r"^\s*Document\s+[A-Za-z0-9]{16,}\s*$")
_FACTIVA_TAGS = ("HD", "CLM", "SE", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD",
                 "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "ART", "VOL")
_TAG_LINE = re.compile(rf"^\s*({'|'.join(_FACTIVA_TAGS)})(?:\s*$|\t\s*|\s{{2,}})(.*)$")
_TAG_CELL = re.compile(rf"^\s*(?:{'|'.join(_FACTIVA_TAGS)})\s*\|")
_WORDS = re.compile(r"^\s*([\d.,]+)\s+(?:words?|Wörter|mots|palabras)\s*$", re.I)


def detect_layout(lines: list[str]) -> str | None:
    """'nexis-uni', 'nexis', 'factiva-tagged', 'factiva' or None."""
    if any(_UNI_END.match(line) for line in lines):
        return "nexis-uni"
    if sum(1 for line in lines if _NEXIS_START.match(line)) >= 1 and any(
            re.match(r"^\s*LENGTH:", line) for line in lines):
        return "nexis"
    ends = sum(1 for line in lines if _FACTIVA_END.match(line))
    if ends:
        tags = {m.group(1) for m in (_TAG_LINE.match(line) for line in lines) if m}
        return "factiva-tagged" if {"HD", "AN"} <= tags else "factiva"
    tags = {m.group(1) for m in (_TAG_LINE.match(line) for line in lines) if m}
    if {"HD", "AN", "SN"} <= tags:
        return "factiva-tagged"
    return None


DATABASE_NAMES = {"nexis-uni": "Nexis Uni", "nexis": "Nexis", "factiva-tagged": "Factiva", "factiva": "Factiva"}


def split_articles(lines: list[str]) -> tuple[str, list[NewsArticle]]:
    """(layout, articles) of a download's lines; layout None and no articles when it is not one."""
    layout = detect_layout(lines)
    if layout is None:
        return "", []
    lines = [line.replace(_NBSP, " ").rstrip() for line in lines]
    parse = {"nexis-uni": _nexis_uni, "nexis": _nexis, "factiva-tagged": _factiva_tagged, "factiva": _factiva}[layout]
    return layout, [article for article in parse(lines) if article.paragraphs or article.title]


# --- Nexis Uni --------------------------------------------------------------------------------------------------
_UNI_LABEL = re.compile(r"^(Copyright|©|\(c\)|Section:|Length:|Byline:|Author:|Dateline:|Highlight:|Body$|"
                        r"Rubrik:|Länge:|Autor:|Longueur:)", re.I)
_UNI_BODY_END = re.compile(r"^(Classification|Load-Date:|Graphic$|Notes$|Link to (?:Image|the PDF))", re.I)


def _chunks_before(lines: list[str], end: re.Pattern) -> list[list[str]]:
    """The non-blank lines before each end marker; what follows the last marker (a footer) is dropped."""
    chunks: list[list[str]] = []
    chunk: list[str] = []
    for line in lines:
        if end.match(line):
            chunks.append(chunk)
            chunk = []
        elif line.strip():
            chunk.append(line.strip())
    return chunks


def _nexis_uni(lines: list[str]) -> list[NewsArticle]:
    return [_nexis_uni_article(chunk) for chunk in _chunks_before(lines, _UNI_END)]


def _nexis_uni_article(chunk: list[str]) -> NewsArticle:
    article = NewsArticle()
    first_label = next((i for i, line in enumerate(chunk) if _UNI_LABEL.match(line.strip())), len(chunk))
    head = [line.strip() for line in chunk[:first_label]]
    date_at = next((i for i in range(len(head) - 1, max(len(head) - 4, -1), -1) if find_date(head[i])), None)
    if date_at is not None and date_at >= 2 and (found := find_date(head[date_at])):
        article.published = found[0]
        head = head[:date_at]
    if head:
        article.outlet = head[-1] if len(head) >= 2 else None
        article.title = head[-2] if len(head) >= 2 else head[-1]
    in_body = False
    for line in chunk[first_label:]:
        text = line.strip()
        if in_body:
            if _UNI_BODY_END.match(text):
                in_body = False
                continue
            article.paragraphs.append(text)
            continue
        if text.lower() == "body":
            in_body = True
        else:
            _uni_field(article, text)
    return article


def _uni_field(article: NewsArticle, text: str) -> None:
    label, _, value = text.partition(":")
    value = value.strip()
    key = label.strip().lower()
    if key in ("section", "rubrik") and value:
        article.section = article.section or value
    elif key in ("length", "länge", "longueur") and value:
        article.length = article.length or value
    elif key in ("byline", "author", "autor") and value:
        article.byline = article.byline or value


# --- Nexis (nexis.com text) -------------------------------------------------------------------------------------
_NEXIS_LABEL = re.compile(r"^([A-Z][A-Z-]{2,}):\s*(.*)$")
_NEXIS_FOOTER = re.compile(r"^(LOAD-DATE|LANGUAGE|PUBLICATION-TYPE|JOURNAL-CODE|GRAPHIC|NOTES|URL|DOCUMENT-TYPE|"
                           r"SPRACHE|LANGUE):", re.I)


def _nexis(lines: list[str]) -> list[NewsArticle]:
    starts = [i for i, line in enumerate(lines) if _NEXIS_START.match(line)] + [len(lines)]
    return [_nexis_article(lines[a + 1:b]) for a, b in pairwise(starts)]


def _nexis_article(chunk: list[str]) -> NewsArticle:
    article = NewsArticle()
    length_at = next((i for i, line in enumerate(chunk) if re.match(r"^\s*(LENGTH|LÄNGE|LONGUEUR):", line)), None)
    meta = chunk[: length_at + 1] if length_at is not None else chunk[:0]
    body = chunk[length_at + 1:] if length_at is not None else chunk
    head: list[str] = []
    for line in (m.strip() for m in meta):
        match = _NEXIS_LABEL.match(line)
        if match:
            key, value = match.group(1).upper(), match.group(2).strip()
            if key in ("BYLINE", "AUTOR", "VON"):
                article.byline = value
            elif key in ("SECTION", "RUBRIK"):
                article.section = value
            elif key in ("LENGTH", "LÄNGE", "LONGUEUR"):
                article.length = value
        elif line:
            head.append(line)
    if head:
        article.outlet = head.pop(0)
    for index, line in enumerate(head):
        if found := find_date(line):
            article.published = found[0]
            head = head[index + 1:]
            break
    headline = [line for line in head if not re.search(r"\bEdition\b|^\w+;?$", line)]
    article.title = " ".join(headline) or None
    paragraph: list[str] = []
    for line in body + [""]:
        text = line.strip()
        if _NEXIS_FOOTER.match(text):
            break
        if text:
            paragraph.append(text)
        elif paragraph:
            article.paragraphs.append(" ".join(paragraph))
            paragraph = []
    if article.paragraphs and re.match(r"^(Copyright|©)", article.paragraphs[-1]):
        article.paragraphs.pop()
    return article


# --- Factiva, tagged fields -------------------------------------------------------------------------------------
def _factiva_tagged(lines: list[str]) -> list[NewsArticle]:
    articles: list[NewsArticle] = []
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        match = _TAG_LINE.match(line)
        if match:
            current = match.group(1)
            fields.setdefault(current, [])
            if match.group(2).strip():
                fields[current].append(match.group(2).strip())
        elif current is not None and line.strip():
            fields[current].append(line.strip())
        if current == "AN" and fields.get("AN"):
            articles.append(_factiva_fields(fields))
            fields, current = {}, None
    return articles


def _factiva_fields(fields: dict[str, list[str]]) -> NewsArticle:
    def one(tag: str) -> str | None:
        value = " ".join(fields.get(tag, [])).strip()
        return value or None

    article = NewsArticle(title=one("HD"), outlet=one("SN"), byline=one("BY"), section=one("SE") or one("CLM"))
    count = _WORDS.match(one("WC") or "")
    article.length = f"{count.group(1)} words" if count else one("WC")
    article.published = parse_date(one("PD") or "") or (find_date(one("PD") or "") or [None])[0]
    article.paragraphs = [*fields.get("LP", []), *fields.get("TD", [])]
    return article


# --- Factiva, full article --------------------------------------------------------------------------------------
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved)", re.I)
_LANGUAGE = re.compile(r"^(?:English|German|Deutsch|French|Français|Spanish|Español|Italian|Dutch|Chinese|"
                       r"Japanese|Portuguese|Russian)$", re.I)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|[AP]M|[A-Z]{2,4}))?$", re.I)


def _factiva(lines: list[str]) -> list[NewsArticle]:
    return [_factiva_article(chunk) for chunk in _chunks_before(lines, _FACTIVA_END)]  # then: a search summary


def _factiva_article(chunk: list[str]) -> NewsArticle:
    article = NewsArticle()
    words = next(((i, m) for i, line in enumerate(chunk) if (m := _WORDS.match(line))), None)
    if words is None:
        return NewsArticle(paragraphs=chunk)
    words_at, words_match = words
    article.length = f"{words_match.group(1)} words"
    head = chunk[:words_at]
    if head and re.match(r"^(?:By|Von|Par|Por)\s+\S", head[-1]):
        article.byline = re.sub(r"^(?:By|Von|Par|Por)\s+", "", head.pop())
    if len(head) >= 2:
        article.section = head.pop(0) if len(head[0]) <= 40 and len(head[0]) < len(head[1]) else None
    article.title = " ".join(head) or None
    rest = chunk[words_at + 1:]
    index = 0
    if index < len(rest) and len(rest[index]) <= 40 and (found := find_date(rest[index])):
        article.published = found[0]
        index += 1
    if index < len(rest) and _TIME.match(rest[index]):
        index += 1
    if index < len(rest):
        article.outlet = rest[index]
        index += 1
    body_start = index
    for offset, line in enumerate(rest[index:index + 6]):
        if _COPYRIGHT.match(line) or _LANGUAGE.match(line):
            body_start = index + offset + 1
    article.paragraphs = [line for line in rest[body_start:] if not _COPYRIGHT.match(line)]
    return article


# --- entry point ------------------------------------------------------------------------------------------------
def imported_articles(lines: list[str], *, name: str, source_format: str) -> list[ImportedText]:
    """One ImportedText per article of a download; IngestError when the lines are not a download."""
    layout, articles = split_articles(lines)
    if not layout:
        raise IngestError(f'Cannot import "{name}": it is not a Nexis Uni or Factiva download (no "End of Document" '
                          f'or "Document <number>" lines were found); nothing was imported. Import the article '
                          f"as .txt or .html, or download the batch again from the database.")
    if not articles:
        raise IngestError(f'Cannot import "{name}": it looks like a {DATABASE_NAMES[layout]} download but holds no '
                          f"article text; nothing was imported. Download the batch again.")
    database = DATABASE_NAMES[layout]
    out = []
    for number, article in enumerate(articles, start=1):
        paragraphs = [" ".join(p.split()) for p in article.paragraphs if p.strip()]
        title = " ".join(article.title.split()) if article.title else None
        text = "\n\n".join(([title] if title else []) + paragraphs)
        warnings = []
        if not article.published:
            warnings.append(f"no publication date for this article in the {database} download; enter it here")
        if not paragraphs:
            warnings.append("this article has no body text in the download (a graphic or a list?)")
        details = [f"{database} download {name}, article {number} of {len(articles)}"]
        if article.section:
            details.append(f"section: {article.section}")
        if article.length:
            details.append(f"length: {article.length}")
        out.append(ImportedText(
            text=text + "\n",
            source_name=f"{name} [{number}/{len(articles)}]",
            source_format=source_format,
            title=title,
            author=clean_author(article.byline, [article.outlet] if article.outlet else []),
            published=article.published,
            outlet=article.outlet,
            warnings=tuple(warnings),
            section=article.section,
            length=article.length,
            note="; ".join(details),
        ))
    return out


def looks_like_download(text: str) -> bool:
    """Whether a plain text is a Nexis or Factiva download (so that a .txt is split, not imported whole)."""
    return detect_layout(text.split("\n")) is not None
