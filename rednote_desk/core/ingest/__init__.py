"""Article import: files, bytes or pasted text -> ImportedText with metadata and trimmable boilerplate.

HTML goes through trafilatura (imported lazily, offline); plain text through encoding detection and
line-shape heuristics. Offsets are code points; the text is kept as decoded apart from newlines.
"""
from rednote_desk.core.ingest.model import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, BoilerplateSpan, ImportedText
from rednote_desk.core.ingest.reader import from_bytes, from_text, read_articles, read_file, text_sha256
from rednote_desk.core.ingest.sniff import sniff_metadata
from rednote_desk.core.ingest.trim import trim_boilerplate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "BoilerplateSpan",
    "ImportedText",
    "from_bytes",
    "from_text",
    "read_articles",
    "read_file",
    "sniff_metadata",
    "text_sha256",
    "trim_boilerplate",
]
