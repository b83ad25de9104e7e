"""Batch downloads written for the tests in the documented layouts of Nexis Uni (as LexisNexisTools reads
them), the older Nexis text export, and Factiva ("Full Article/Report" and "plus Indexing"). Invented text.

DOCX files are made with python-docx; RTF files are written by hand here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OUTLETS = ["The Guardian", "Süddeutsche Zeitung", "The New York Times", "Northport Herald", "Le Monde"]


@dataclass(frozen=True)
class Story:
    title: str
    outlet: str
    published: str | None  # ISO date, None: the download has no date line
    byline: str | None
    section: str | None
    words: int
    paragraphs: tuple[str, ...]


def stories(count: int, *, missing_date_at: int | None = None) -> list[Story]:
    out = []
    for i in range(count):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i * 3)
        paragraphs = tuple(
            f"Paragraph {p + 1} of story {i + 1}: the harbour council met again on day {i + 1} and discussed "
            f"the research centre, its budget of {4 + p}.{i % 10} million euros and the archive – “a start”."
            for p in range(3 + i % 3))
        out.append(Story(
            title=f"Story {i + 1}: council debates the colonial archive ({'ü' if i % 4 == 0 else 'u'}pdate)",
            outlet=OUTLETS[i % len(OUTLETS)],
            published=None if i == missing_date_at else day.isoformat(),
            byline=None if i % 5 == 4 else f"Jane Roe {i + 1}",
            section=None if i % 3 == 2 else "NEWS; Pg. 3",
            words=120 + i,
            paragraphs=paragraphs,
        ))
    return out


def _long_date(iso: str, *, weekday: bool = True) -> str:
    day = dt.date.fromisoformat(iso)
    text = f"{day.strftime('%B')} {day.day}, {day.year}"
    return f"{text} {day.strftime('%A')}" if weekday else text


def _day_month_year(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


# --- Nexis Uni ----------------------------------------------------------------------------------------------
NEXIS_UNI_COVER = [
    "User Name: =Researcher",
    "Date and Time: Monday, March 2, 2025 3:42:00 PM EST",
    "Job Number: 210987654",
    "",
    "Documents (N)",
    "Client/Matter: -None-",
    "Search Terms: colonial AND archive",
    "Search Type: Terms and Connectors",
    "Narrowed by: Content Type: News; Timeline: Jan 01, 2024 to Dec 31, 2024",
    "",
    "",
]


def nexis_uni_lines(items: list[Story]) -> list[str]:
    """Paragraphs of a Nexis Uni download, one string per paragraph; labels use a no-break space."""
    lines = [line.replace("(N)", f"({len(items)})") for line in NEXIS_UNI_COVER]
    for number, story in enumerate(items, start=1):
        lines.insert(5, f"{number}. {story.title}")  # the cover's list of titles
    for story in items:
        lines += [story.title, story.outlet]
        if story.published:
            lines.append(_long_date(story.published))
        lines.append(f"Copyright 2024 {story.outlet} All Rights Reserved")
        if story.section:
            lines.append(f"Section:\u00a0{story.section}")
        lines.append(f"Length:\u00a0{story.words} words")
        if story.byline:
            lines.append(f"Byline:\u00a0{story.byline}")
        lines += ["Body", *story.paragraphs, "Classification", "Language:\u00a0ENGLISH",
                  "Publication-Type:\u00a0Newspaper", "Subject:\u00a0HISTORY (90%); MUSEUMS (72%)",
                  f"Load-Date:\u00a0{_long_date(story.published or '2024-12-31', weekday=False)}", "",
                  "End of Document", ""]
    return lines


def nexis_uni_docx(items: list[Story]) -> bytes:
    return docx_bytes(nexis_uni_lines(items))


def nexis_uni_text(items: list[Story]) -> str:
    return "\n".join(line for line in nexis_uni_lines(items)) + "\n"


# --- Nexis (nexis.com text export, LexisNexisTools' sample.TXT layout) --------------------------------------------
def nexis_text(items: list[Story]) -> str:
    out = ["", f"Download Request: Selected Items: 1-{len(items)}", "Time Of Request: Friday, March 20, 2018",
           "", "Terms: colonial and archive", "", "Source: Combined Papers", "", ""]
    for number, story in enumerate(items, start=1):
        out += [f"                               {number} of {len(items)} DOCUMENTS", "", "",
                f"                                  {story.outlet}", ""]
        if story.published:
            out += [f"                            {_long_date(story.published)}", ""]
        out += [story.title, ""]
        if story.byline:
            out += [f"BYLINE: {story.byline}", ""]
        if story.section:
            out += [f"SECTION: {story.section}", ""]
        out += [f"LENGTH: {story.words} words", "", ""]
        for paragraph in story.paragraphs:
            words = paragraph.split()
            out += [" ".join(words[:9]), " ".join(words[9:]), ""]  # hard-wrapped, as the export does
        out += [f"LOAD-DATE: {_long_date(story.published or '2024-12-31', weekday=False)}", "",
                "LANGUAGE: ENGLISH", "", "PUBLICATION-TYPE: Newspaper", "", "",
                f"                       Copyright 2024 {story.outlet}", "                              All Rights Reserved", ""]
    return "\n".join(out) + "\n"


# --- Factiva ------------------------------------------------------------------------------------------------
def _accession(number: int) -> str:
    return f"GDN{number:09d}20240112ek1c0005v"


def factiva_lines(items: list[Story]) -> list[str]:
    """'Full Article/Report' display: headline, By, words, date, source, code, language, copyright, text."""
    lines: list[str] = []
    for number, story in enumerate(items, start=1):
        if story.section:
            lines.append(story.section.split(";")[0].title())
        lines.append(story.title)
        if story.byline:
            lines.append(f"By {story.byline}")
        lines.append(f"{story.words:,} words")
        if story.published:
            lines.append(_day_month_year(story.published))
        lines += [story.outlet, "GDN", "English", f"© 2024 {story.outlet}. All rights reserved.", *story.paragraphs,
                  "", f"Document {_accession(number)}", ""]
    lines += ["Search Summary", "Text\tcolonial and archive", "Date\tIn the last year", "Source\tAll Sources",
              f"Results Found\t{len(items)}"]
    return lines


def factiva_tagged_lines(items: list[Story]) -> list[str]:
    """'Full Article/Report plus Indexing': tagged fields, one tag and its value per table row."""
    lines: list[str] = []
    for number, story in enumerate(items, start=1):
        if story.section:
            lines.append(f"SE\t{story.section.split(';')[0].title()}")
        lines.append(f"HD\t{story.title}")
        if story.byline:
            lines.append(f"BY\t{story.byline}")
        lines.append(f"WC\t{story.words:,} words")
        if story.published:
            lines.append(f"PD\t{_day_month_year(story.published)}")
        lines += [f"SN\t{story.outlet}", "SC\tGDN", "LA\tEnglish", f"CY\t© 2024 {story.outlet}. All rights reserved.",
                  f"LP\t{story.paragraphs[0]}", *([f"TD\t{story.paragraphs[1]}", *story.paragraphs[2:]]
                                                  if len(story.paragraphs) > 1 else []),
                  "NS\tgcat : Political/General News", "RE\tgfr : Germany", "IPD\tHistory",
                  f"AN\tDocument {_accession(number)}", ""]
    return lines


def rtf(lines: list[str], *, table: bool = False) -> bytes:
    """An RTF file by hand: one paragraph per line; tagged lines as two-cell table rows when ``table``."""
    def escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                code = ord(ch)
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
        return "".join(out)

    body = []
    for line in lines:
        if table and "\t" in line:
            tag, value = line.split("\t", 1)
            body.append(f"\\trowd\\cellx1200\\cellx9000 \\intbl {escape(tag)}\\cell \\intbl {escape(value)}\\cell \\row")
        else:
            body.append(f"\\pard {escape(line)}\\par")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs20\n" + "\n".join(body) + "\n}").encode("ascii")


def docx_bytes(lines: list[str], *, table: bool = False) -> bytes:
    """A Word file with one paragraph per line; tagged lines as two-column table rows when ``table``."""
    import io

    import docx

    document = docx.Document()
    for line in lines:
        if table and "\t" in line:
            cells = document.add_table(rows=1, cols=2).rows[0].cells
            cells[0].text, cells[1].text = line.split("\t", 1)
        else:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
