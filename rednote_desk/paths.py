"""Where things live on this machine. Imports nothing heavy: the window needs it before anything else."""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "RedNote Desk"
PROJECT_SUFFIX = ".rednote.sqlite"


def data_dir() -> Path:
    """Where the default project and the settings live: $REDNOTE_DESK_HOME, else the user data folder."""
    override = os.environ.get("REDNOTE_DESK_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    """The project the app opens when none is named (seeded with the sample articles on first use)."""
    return data_dir() / f"default{PROJECT_SUFFIX}"
