"""Article import: files, bytes or pasted text -> ImportedText with metadata and trimmable boilerplate.

HTML goes through trafilatura (imported lazily, offline); plain text through encoding detection and
line-shape heuristics. Offsets are code points; the text is kept as decoded apart from newlines.
"""
from .model import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS, BoilerplateSpan, ImportedText
from .reader import from_bytes, from_text, read_file, text_sha256
from .sniff import sniff_metadata
from .trim import trim_boilerplate

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "BoilerplateSpan",
    "ImportedText",
    "from_bytes",
    "from_text",
    "read_file",
    "sniff_metadata",
    "text_sha256",
    "trim_boilerplate",
]
