"""Hypothesis draws the same examples every run where CI runs (env CI set); local runs keep exploring."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONFTEST = Path(__file__).resolve().parent / "conftest.py"
PROBE = ("import runpy, sys; runpy.run_path(sys.argv[1]); from hypothesis import settings; "
         "print(settings.default.derandomize)")


def _derandomized(ci: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run([sys.executable, "-c", PROBE, str(CONFTEST)], env=env, capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.strip()


def test_the_ci_profile_is_loaded_only_where_ci_runs():
    assert _derandomized("true") == "True"
    assert _derandomized(None) == "False"
