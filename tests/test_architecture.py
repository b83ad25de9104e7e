"""The Qt boundary and the SQL boundary, enforced."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    script = Path(sys.executable).parent / "lint-imports"
    command = [str(script)] if script.exists() else ["lint-imports"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout


def test_core_and_store_import_without_pyside6():
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import pkgutil, importlib, rednote_desk.core, rednote_desk.store\n"
        "for pkg in (rednote_desk.core, rednote_desk.store):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "import rednote_desk.services.projects, rednote_desk.cli\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env={**os.environ})
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
