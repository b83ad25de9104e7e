"""Lint and type checks that keep the code as it is: ruff over the package and the tests, mypy over everything
below the GUI (core, store, services and the command line: the ``files`` of ``[tool.mypy]``). Both read their
settings from pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TYPED = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]


def _run(args: list[str], timeout: int, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          **kwargs)


def test_ruff_finds_nothing():
    result = _run(["ruff", "check", "--no-cache", "--output-format", "concise", "rednote_desk", "tests", "main.py"],
                  timeout=60)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "All checks passed" in result.stdout


def test_mypy_finds_nothing_below_the_gui(tmp_path):
    assert {"rednote_desk/core", "rednote_desk/store", "rednote_desk/services"} <= set(TYPED)
    # A cache of its own: a cold run, never one left behind by another checkout (~15 s on 2 cores).
    result = _run(["mypy", "--cache-dir", str(tmp_path / "mypy-cache"), *TYPED], timeout=120)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert result.stdout.startswith("Success: no issues found"), result.stdout[-2000:]


def test_ruff_reports_an_unused_import(tmp_path):
    """The check can fail: the configured ruff flags an import nobody uses."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\nVALUE = 1\n", encoding="utf-8")
    result = _run(["ruff", "check", "--no-cache", "--output-format", "concise", "--config",
                   str(REPO / "pyproject.toml"), str(bad)], timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:1:8: F401" in result.stdout, result.stdout


def test_mypy_reports_a_type_error(tmp_path):
    """The check can fail: the configured mypy flags an Optional used as if it were set."""
    bad = tmp_path / "bad.py"
    bad.write_text("def first(xs: list[int]) -> int:\n    found = next(iter(xs), None)\n    return found + 1\n",
                   encoding="utf-8")
    result = _run(["mypy", "--cache-dir", str(tmp_path / "mypy-cache"), "--config-file", str(REPO / "pyproject.toml"),
                   str(bad)], timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.py:3: error" in result.stdout and "None" in result.stdout, result.stdout
