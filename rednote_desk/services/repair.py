"""A repaired copy of a project file that fails the schema check (it came with triggers, views or changed
tables from somewhere else): a new project beside it with only the rows of our own tables.

The original is only read and never changed. The copy's undo history starts empty (the original's cannot be
trusted). Used by ``rednote-desk repair`` and by the app's "open a repaired copy" offer.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rednote_desk.core.errors import UserError
from rednote_desk.services import output
from rednote_desk.store.schema_check import write_repaired_copy


@dataclass(frozen=True)
class RepairOutcome:
    path: Path
    kept: dict[str, int]  # rows kept per table


def repaired_copy_path(source: str | Path) -> Path:
    """A free name beside the original: NAME-repaired.sqlite, NAME-repaired-2.sqlite, ..."""
    source = Path(source)
    stem = source.name.removesuffix(".sqlite").removesuffix(".db")
    for n in range(1, 1000):
        candidate = source.with_name(f"{stem}-repaired{'' if n == 1 else f'-{n}'}.sqlite")
        if not candidate.exists():
            return candidate
    raise UserError(f"cannot find a free name for a repaired copy beside {source}")


def repair_project(source: str | Path, destination: str | Path | None = None) -> RepairOutcome:
    source = Path(source).expanduser()
    if not source.is_file():
        raise UserError(f"{source} is not a project file")
    target = Path(destination) if destination is not None else repaired_copy_path(source)
    kept = output.write_file(target, lambda temporary: write_repaired_copy(source, Path(temporary)),
                             protect=[source])
    return RepairOutcome(target, kept)
