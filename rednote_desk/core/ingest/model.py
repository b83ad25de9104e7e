"""Result types of an import: the decoded text, what is known about it, and trimmable site chrome."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_EXTENSIONS = (".txt", ".text", ".html", ".htm", ".md", ".markdown", ".docx", ".rtf")


@dataclass(frozen=True)
class BoilerplateSpan:
    """A stretch of site chrome offered for trimming; code-point offsets into ImportedText.text."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class ImportedText:
    """Text ready to become a Document, plus what the importer found out about it."""

    text: str
    source_name: str
    source_format: str  # "txt" | "html" | "md" | "paste" | "docx" | "rtf"
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    encoding: str | None = None
    encoding_guessed: bool = False
    boilerplate: tuple[BoilerplateSpan, ...] = ()
    warnings: tuple[str, ...] = ()
    section: str | None = None  # news-database downloads: the article's section ...
    length: str | None = None  # ... and length as the database gives it ("453 words")
    note: str = ""  # stored as the document's note when the import gives none (where the article came from)
