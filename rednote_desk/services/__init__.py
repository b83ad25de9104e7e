"""Workflows shared by the CLI and the GUI (no Qt, no SQL): projects, import, export, comparison, report.

The names below are the package's public face; the modules hold the code.
"""
from rednote_desk.services.projects import (  # noqa: F401
    PROJECT_SUFFIX,
    resources_dir,
    samples_dir,
    default_codebook_path,
    default_project_path,
    open_project,
    ensure_recent_backup,
    load_codebook_file,
    seed_default_project,
    export_csv_file,
    APP_NAME,
    data_dir,
)
from rednote_desk.services.imports import (  # noqa: F401
    ToStore,
    store_imported,
    read_files,
    store_batch,
    ImportOutcome,
    import_paths,
    import_label,
    ReimportOutcome,
    reimport_file,
    reimport_text,
    iter_paths,
)
