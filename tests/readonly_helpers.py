"""Making files truly read-only in tests, also for root (who ignores permission bits): chattr +i."""
from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Nobody, root included, may change these files or folders inside the block."""
    if os.geteuid() == 0:
        done = []
        try:
            for path in paths:
                proc = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
                if proc.returncode != 0:
                    pytest.skip("running as root and chattr +i is unavailable: cannot make a file read-only")
                done.append(path)
            yield
        finally:
            for path in reversed(done):
                subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    modes = {path: path.stat().st_mode for path in paths}
    try:
        for path in paths:
            path.chmod(stat.S_IMODE(modes[path]) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))
