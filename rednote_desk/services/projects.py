"""Projects: opening one, seeding the default one, its codebook and backups (importing is in ``imports``).

No Qt here; the GUI calls these from worker threads where the work is long.
"""
from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

from rednote_desk.core.errors import Cancelled, UserError
from rednote_desk.core.models import Document
from rednote_desk.paths import (  # noqa: F401 - APP_NAME, PROJECT_SUFFIX, default_project_path re-exported
    APP_NAME,
    PROJECT_SUFFIX,
    data_dir,
    default_project_path,
)
from rednote_desk.store.project import Project
from rednote_desk.store.undo import Result

# the top-level resources/ folder of a source checkout (an editable install made before it was package data)
_SOURCE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def _resource(name: str) -> Path:
    """A top-level entry of the bundled resources: the package data ``rednote_desk.resources`` (the repository's
    resources/ folder, mapped there by pyproject.toml), found with importlib.resources."""
    try:
        found = importlib.resources.files("rednote_desk.resources") / name
    except ModuleNotFoundError:
        found = None
    if isinstance(found, Path) and found.exists():
        return found
    return _SOURCE_RESOURCES / name


def resources_dir() -> Path:
    return samples_dir().parent


def samples_dir() -> Path:
    return _resource("samples")


def default_codebook_path() -> Path:
    return _resource("codebooks") / "default.json"


def open_project(path: str | Path | None = None, *, handover: bool = False) -> Project:
    """Open a project file; a new one starts with the default codebook. Without a path: the default
    project, seeded with the sample articles on first use. ``handover``: opened on a worker thread for
    another thread to use (see Project.open)."""
    if path is not None:
        is_new = not Path(path).expanduser().exists()
        project = Project.open(path, handover=handover)
        if is_new:
            load_codebook_file(project, default_codebook_path())
        return project
    target = default_project_path()
    is_new = not target.exists()
    project = Project.open(target, handover=handover)
    if is_new:
        seed_default_project(project)
    return project


def ensure_recent_backup(project: Project, *, max_age_hours: float = 24.0) -> Path | None:
    """Keep a rolling automatic backup: when the newest one is older than ``max_age_hours``, write another
    (the project keeps the last few). Returns the new backup's path, or None when none was needed."""
    if project.path is None or project.read_only:
        return None
    return _backup_if_old(project, max_age_hours)


def ensure_recent_backup_of(path: str | Path, *, max_age_hours: float = 24.0) -> Path | None:
    """The same for a project file, read through a read-only connection of its own: a worker thread writes
    the daily backup while the app goes on with its own connection."""
    import os

    path = Path(path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return None  # a read-only project gets no automatic backup beside it
    with Project.open_reader(path) as reader:
        return _backup_if_old(reader, max_age_hours)


def _backup_if_old(project: Project, max_age_hours: float) -> Path | None:
    import time

    backups = project.list_backups()
    if backups and time.time() - backups[-1].stat().st_mtime < max_age_hours * 3600:
        return None
    if project.path is None or not project.copy_fits(project.path.parent):
        return None  # skipped rather than filling the disk; the next start tries again
    return project.backup(reason="daily")


def load_codebook_file(project: Project, path: str | Path) -> Result[int]:
    """Add the codebook in a JSON file (``{"tags": [...]}`` or a list); returns tags added with the changes."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot read codebook {path}: {exc}") from exc
    entries = data["tags"] if isinstance(data, dict) else data
    return project.load_codebook(entries)


def seed_default_project(project: Project) -> list[Document]:
    """Fill a new project with the default codebook and the sample articles with their known metadata."""
    from rednote_desk.core import ingest  # the importers only here: opening a project does not need them
    from rednote_desk.services.imports import store_imported

    manifest = json.loads((samples_dir() / "manifest.json").read_text(encoding="utf-8"))
    documents = []
    with project.operation_group("Set up the sample project"):  # one undo step, one transaction
        load_codebook_file(project, default_codebook_path())
        for entry in manifest["documents"]:
            imported = ingest.read_file(samples_dir() / entry["file"])
            overrides = {k: entry.get(k) for k in ("title", "outlet", "author", "published") if entry.get(k)}
            if "outlet" not in overrides and entry.get("label"):  # shown instead of a file name or a long title
                overrides["outlet"] = entry["label"]
            note = entry.get("kind") or ""
            document, _changes = store_imported(project, imported, overrides=overrides, note=note)
            documents.append(document)
    return documents


class ExportCancelled(Cancelled):
    """The user cancelled an export; the destination was left as it was."""


def export_csv_file(project: Project, destination, *, raw: bool = False, excel: bool = False,
                    progress=None, is_cancelled=None, protect=()) -> int:
    """Export annotations as CSV to a path (written atomically, never onto the project or a file in
    ``protect``: see :mod:`rednote_desk.services.output`) or an open text stream.

    ``progress(done, total, text)`` hears after every batch of rows; when ``is_cancelled()`` turns true the
    export stops with :class:`ExportCancelled` and a path destination is left untouched (no partial file),
    even when the cancel comes while the last batch is written: it is checked again before the file replaces
    the destination."""
    from rednote_desk.core.export import write_annotations_csv
    from rednote_desk.services import output

    documents, claims, paths = project.export_lookups()
    read = batches = project.iter_export_batches()
    if progress is not None or is_cancelled is not None:
        batches = _watched(read, project.annotation_count() if progress is not None else 0, progress,
                           is_cancelled)

    def write(fh) -> int:
        return write_annotations_csv(batches, fh, documents=documents, claims=claims, tag_paths=paths, raw=raw,
                                     excel=excel)

    def still_wanted() -> None:
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled("export cancelled")

    try:
        return output.write_text(destination, write, newline="", protect=[project.path, *protect],
                                 before_replace=still_wanted)
    finally:  # a stopped export ends its statement now, while the caller's connection is still open
        batches.close()
        read.close()


def _watched(batches, total: int, progress, is_cancelled):
    """``batches`` as they are, checking for a cancel before each one and telling progress after it (no
    Python step per row)."""
    done = 0
    for batch in batches:
        if is_cancelled is not None and is_cancelled():
            raise ExportCancelled("export cancelled")
        yield batch
        done += len(batch[0])  # (rows, their tags)
        if progress is not None:
            progress(done, total, f"{done:,} of {total:,} annotations")
    if is_cancelled is not None and is_cancelled():  # pressed while the last batch was written
        raise ExportCancelled("export cancelled")
    if progress is not None:
        progress(done, done, f"{done:,} annotations")
