"""Workflows shared by the CLI and the GUI (no Qt, no SQL): projects, import, export, comparison, report.

The names below are the package's public face; the modules hold the code.
"""
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
