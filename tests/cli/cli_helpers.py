"""Running the CLI in tests: in-process (fast) or as a real process (exit code, stderr, no traceback)."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, timeout: float = 120, env: dict | None = None, cwd: Path | None = None) -> Result:
    """``python -m rednote_desk ARGS`` as a separate process."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "rednote_desk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=full_env, cwd=cwd)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def run_main(capsys, *args: str) -> Result:
    """The CLI's ``main`` in this process."""
    from rednote_desk.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def assert_clean_error(result: Result, *needles: str) -> str:
    """A non-zero exit with one readable error line on stderr and no traceback; returns that line."""
    assert result.code != 0, result
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    lines = [line for line in result.err.splitlines() if line.startswith("rednote-desk: error")]
    assert len(lines) == 1, result.err
    for needle in needles:
        assert needle.lower() in lines[0].lower(), lines[0]
    return lines[0]
