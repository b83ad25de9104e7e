"""Workflows shared by the CLI and the GUI (no Qt, no SQL): projects, import, export, comparison, report.

The names below are the package's public face; the modules hold the code. They are imported on first use
(PEP 562), so a command that only opens a project and compares does not pay for the importers.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rednote_desk.services.imports import (  # noqa: F401
        ImportOutcome,
        ReimportOutcome,
        ToStore,
        import_label,
        import_paths,
        iter_paths,
        read_files,
        reimport_file,
        reimport_text,
        store_batch,
        store_imported,
    )
    from rednote_desk.services.projects import (  # noqa: F401
        APP_NAME,
        PROJECT_SUFFIX,
        data_dir,
        default_codebook_path,
        default_project_path,
        ensure_recent_backup,
        export_csv_file,
        load_codebook_file,
        open_project,
        resources_dir,
        samples_dir,
        seed_default_project,
    )

_MODULE_OF = {
    **dict.fromkeys(("ImportOutcome", "ReimportOutcome", "ToStore", "import_label", "import_paths", "iter_paths",
                     "read_files", "reimport_file", "reimport_text", "store_batch", "store_imported"),
                    "rednote_desk.services.imports"),
    **dict.fromkeys(("APP_NAME", "PROJECT_SUFFIX", "data_dir", "default_codebook_path", "default_project_path",
                     "ensure_recent_backup", "export_csv_file", "load_codebook_file", "open_project",
                     "resources_dir", "samples_dir", "seed_default_project"),
                    "rednote_desk.services.projects"),
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
