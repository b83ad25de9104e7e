"""Workflows shared by the CLI and the GUI: opening projects, seeding the default one, importing files.

No Qt here; the GUI calls these from worker threads where the work is long.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rednote_desk.core import ingest
from rednote_desk.paths import APP_NAME, data_dir  # noqa: F401 - APP_NAME re-exported for callers
from rednote_desk.core.errors import UserError
from rednote_desk.core.models import Document
from rednote_desk.core.ingest.titles import fallback_title
from rednote_desk.store.project import Project

PROJECT_SUFFIX = ".rednote.sqlite"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "resources"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def default_codebook_path() -> Path:
    return resources_dir() / "codebooks" / "default.json"


def default_project_path() -> Path:
    return data_dir() / f"default{PROJECT_SUFFIX}"


def open_project(path: str | Path | None = None) -> Project:
    """Open a project file; a new one starts with the default codebook. Without a path: the default
    project, seeded with the sample articles on first use."""
    if path is not None:
        is_new = not Path(path).expanduser().exists()
        project = Project.open(path)
        if is_new:
            load_codebook_file(project, default_codebook_path())
        return project
    target = default_project_path()
    is_new = not target.exists()
    project = Project.open(target)
    if is_new:
        seed_default_project(project)
    return project


def ensure_recent_backup(project: Project, *, max_age_hours: float = 24.0) -> Path | None:
    """Keep a rolling automatic backup: when the newest one is older than ``max_age_hours``, write another
    (the project keeps the last few). Returns the new backup's path, or None when none was needed."""
    import time

    if project.path is None or project.read_only:
        return None
    backups = project.list_backups()
    if backups and time.time() - backups[-1].stat().st_mtime < max_age_hours * 3600:
        return None
    return project.backup(reason="daily")


def load_codebook_file(project: Project, path: str | Path) -> int:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read codebook {path}: {exc}") from exc
    entries = data["tags"] if isinstance(data, dict) else data
    return project.load_codebook(entries)


def seed_default_project(project: Project) -> list[Document]:
    """Fill a new project with the default codebook and the sample articles with their known metadata."""
    manifest = json.loads((samples_dir() / "manifest.json").read_text(encoding="utf-8"))
    documents = []
    with project.operation_group("Set up the sample project"):  # one undo step, one transaction
        load_codebook_file(project, default_codebook_path())
        for entry in manifest["documents"]:
            imported = ingest.read_file(samples_dir() / entry["file"])
            overrides = {k: entry.get(k) for k in ("title", "outlet", "author", "published") if entry.get(k)}
            note = entry.get("kind") or ""
            document, _ = store_imported(project, imported, overrides=overrides, note=note)
            documents.append(document)
    return documents


def store_imported(
    project: Project,
    imported: "ingest.ImportedText",
    *,
    overrides: dict | None = None,
    trim: bool = False,
    note: str = "",
) -> tuple[Document, bool]:
    """Save an imported text; sniffed metadata is used where no override is given."""
    if trim:
        imported = ingest.trim_boilerplate(imported)
    overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    title = (overrides.get("title") or imported.title or fallback_title(imported.text)
             or Path(imported.source_name).stem or "Untitled")
    return project.add_document(
        title=title,
        text=imported.text,
        text_sha256=ingest.text_sha256(imported.text),
        outlet=overrides.get("outlet", imported.outlet),
        author=overrides.get("author", imported.author),
        published=overrides.get("published", imported.published),
        url=overrides.get("url", imported.url),
        source_name=imported.source_name,
        source_format=imported.source_format,
        note=note,
    )


@dataclass(frozen=True)
class ImportOutcome:
    path: str
    document: Document | None = None
    created: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()


def import_paths(
    project: Project,
    paths: Sequence[str | Path],
    *,
    overrides: dict | None = None,
    trim: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int, int, str], bool | None] | None = None,
) -> list[ImportOutcome]:
    """Import files as one undo step; a file that fails is reported and skipped.

    ``progress(done, total, name)`` may return False to cancel; the files read until then are stored. All files
    are read before anything is written, so the write transaction stays short.
    """
    limit = ingest.DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    read: list[tuple[str, "ingest.ImportedText | None", str | None]] = []
    for index, path in enumerate(paths):
        if progress is not None and progress(index, len(paths), str(path)) is False:
            break
        try:
            read.append((str(path), ingest.read_file(path, max_bytes=limit), None))
        except UserError as exc:
            read.append((str(path), None, str(exc)))
    outcomes: list[ImportOutcome] = []
    with project.operation_group() as group:
        for path, imported, error in read:
            if imported is None:
                outcomes.append(ImportOutcome(path, error=error))
                continue
            try:
                document, created = store_imported(project, imported, overrides=overrides, trim=trim)
                outcomes.append(ImportOutcome(path, document, created, warnings=imported.warnings))
            except UserError as exc:
                outcomes.append(ImportOutcome(path, error=str(exc)))
        group.label = import_label(sum(1 for outcome in outcomes if outcome.created))
    if progress is not None:
        progress(len(outcomes), len(paths), "")
    return outcomes


def import_label(created: int) -> str:
    """The undo label of a batch import; empty for one document, which keeps that document's own label."""
    return f"Import {created} documents" if created > 1 else ""


@dataclass(frozen=True)
class ReimportOutcome:
    document: Document
    counts: dict[str, int]  # per re-anchoring method: position, quote, fuzzy, orphaned; and total
    changed: bool
    warnings: tuple[str, ...] = ()


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


def reimport_text(project: Project, document_id: int, imported: "ingest.ImportedText") -> ReimportOutcome:
    """The store half of a re-import (the reading half may run on a worker thread)."""
    changes = project.replace_document_text(
        document_id, text=imported.text, text_sha256=ingest.text_sha256(imported.text),
        source_name=imported.source_name,
    )
    return ReimportOutcome(project.document(document_id), dict(project.last_reanchor), not changes.empty,
                           imported.warnings)


def export_csv_file(project: Project, destination, *, raw: bool = False, excel: bool = False) -> int:
    """Export annotations as CSV to a path (written atomically) or an open text stream."""
    from rednote_desk.core.export import write_csv

    if hasattr(destination, "write"):
        return write_csv(project.iter_export_rows(), destination, raw=raw, excel=excel)
    destination = Path(destination)
    temporary = destination.with_name(destination.name + ".part")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as fh:
            count = write_csv(project.iter_export_rows(), fh, raw=raw, excel=excel)
        os.replace(temporary, destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(f"cannot write {destination}: {exc.strerror or exc}") from exc
    return count


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
