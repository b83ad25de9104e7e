"""Importing: read files (slow, no database; may run on a worker thread), then store one batch (one undo step).

The CLI (``import_paths``) and the GUI import dialog (``store_batch`` with the reviewed texts) go through the same
``store_batch``, so both apply the same rules: sniffed metadata where nothing is given, the store's date check,
duplicates recognised by their text. No Qt and no SQL here.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rednote_desk.core import ingest
from rednote_desk.core.errors import UserError
from rednote_desk.core.ingest.titles import fallback_title
from rednote_desk.core.models import Document
from rednote_desk.core.rules import date_problem
from rednote_desk.store.project import Project
from rednote_desk.store.undo import Changes, Result


@dataclass(frozen=True)
class ToStore:
    """One item of a batch: a text read from ``name`` (or why it could not be read), with the user's choices."""

    name: str
    imported: ingest.ImportedText | None
    overrides: Mapping[str, str | None] | None = None
    trim: bool = False
    error: str | None = None
    note: str = ""


@dataclass(frozen=True)
class ImportOutcome:
    path: str
    document: Document | None = None
    created: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()


def store_imported(
    project: Project,
    imported: ingest.ImportedText,
    *,
    overrides: Mapping[str, str | None] | None = None,
    trim: bool = False,
    note: str = "",
) -> Result[Document]:
    """Save an imported text; sniffed metadata is used where no override is given.

    Returns the document with the changes (empty when the same text was already in the project). A given
    published date must be ``YYYY-MM-DD`` (the store refuses anything else); a sniffed one that is not valid
    is dropped rather than failing the import.
    """
    if trim:
        imported = ingest.trim_boilerplate(imported)
    given = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    title = (given.get("title") or imported.title or fallback_title(imported.text)
             or Path(imported.source_name).stem or "Untitled")
    sniffed_date = imported.published if date_problem(imported.published) is None else None
    return project.add_document(
        title=title,
        text=imported.text,
        text_sha256=ingest.text_sha256(imported.text),
        outlet=given.get("outlet", imported.outlet),
        author=given.get("author", imported.author),
        published=given.get("published", sniffed_date),
        url=given.get("url", imported.url),
        source_name=imported.source_name,
        source_format=imported.source_format,
        note=note or imported.note,
    )


def read_files(
    paths: Sequence[str | Path],
    *,
    overrides: Mapping[str, str | None] | None = None,
    trim: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int, int, str], bool | None] | None = None,
) -> list[ToStore]:
    """Read and parse files without touching a project; a file that fails carries its error.

    ``progress(done, total, name)`` may return False to cancel: the files read until then are returned.
    """
    limit = ingest.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    items: list[ToStore] = []
    for index, path in enumerate(paths):
        if progress is not None and progress(index, len(paths), str(path)) is False:
            break
        try:
            articles = ingest.read_articles(path, max_bytes=limit)  # a news-database download: one per article
        except UserError as exc:
            items.append(ToStore(str(path), None, error=str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one odd file must not end the batch (reported, not raised)
            items.append(ToStore(str(path), None, error=f"{path}: unexpected error: {type(exc).__name__}: {exc}"))
            continue
        for imported in articles:
            name = str(path) if len(articles) == 1 else f"{path} {imported.source_name.rsplit(' ', 1)[-1]}"
            items.append(ToStore(name, imported, overrides, trim))
    return items


def store_batch(project: Project, items: Sequence[ToStore], *, label: str | None = None) -> Result[list[ImportOutcome]]:
    """Store read texts as one undo step (one transaction); an item that fails is reported, the others kept.

    The undo label is ``label``, else "Import N documents" (or the single document's own label).
    """
    outcomes: list[ImportOutcome] = []
    with project.operation_group() as group:
        for item in items:
            if item.imported is None:
                outcomes.append(ImportOutcome(item.name, error=item.error or "could not be read"))
                continue
            try:
                document, changes = store_imported(project, item.imported, overrides=item.overrides,
                                                   trim=item.trim, note=item.note)
            except UserError as exc:
                outcomes.append(ImportOutcome(item.name, error=str(exc)))
                continue
            outcomes.append(ImportOutcome(item.name, document, not changes.empty, warnings=item.imported.warnings))
        group.label = label if label is not None else import_label(sum(1 for o in outcomes if o.created))
    return Result(outcomes, group.changes)


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    *,
    overrides: Mapping[str, str | None] | None = None,
    trim: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int, int, str], bool | None] | None = None,
) -> list[ImportOutcome]:
    """Import files as one undo step; a file that fails is reported and skipped.

    All files are read before anything is written, so the write transaction stays short.
    """
    items = read_files(paths, overrides=overrides, trim=trim, max_bytes=max_bytes, progress=progress)
    outcomes = store_batch(project, items).value
    if progress is not None:
        progress(len(outcomes), len(paths), "")
    return outcomes


def import_label(created: int) -> str:
    """The undo label of a batch import; empty for one document, which keeps that document's own label."""
    return f"Import {created} documents" if created > 1 else ""


def iter_paths(items: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the supported files they contain (sorted); files are kept as given."""
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in ingest.SUPPORTED_EXTENSIONS))
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class ReimportOutcome:
    document: Document
    counts: dict[str, int]  # per re-anchoring method: position, quote, fuzzy, orphaned; and total
    changes: Changes
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return not self.changes.empty


def reimport_file(
    project: Project, document_id: int, path: str | Path, *, trim: bool = False, max_bytes: int | None = None
) -> ReimportOutcome:
    """Replace a document's text by a new version of its file; annotations are re-anchored or orphaned."""
    project.document(document_id)
    limit = ingest.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    imported = ingest.read_file(path, max_bytes=limit)
    if trim:
        imported = ingest.trim_boilerplate(imported)
    return reimport_text(project, document_id, imported)


def reimport_text(project: Project, document_id: int, imported: ingest.ImportedText) -> ReimportOutcome:
    """The store half of a re-import (the reading half may run on a worker thread)."""
    counts, changes = project.replace_document_text(
        document_id, text=imported.text, text_sha256=ingest.text_sha256(imported.text),
        source_name=imported.source_name,
    )
    return ReimportOutcome(project.document(document_id), counts, changes, imported.warnings)
