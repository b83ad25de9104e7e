"""A wheel built from the repository runs outside the source tree: its resources are package data.

Builds the wheel offline (``--no-build-isolation``, from a copy of the sources so nothing is written into the
repository), installs it into a fresh virtual environment (``--system-site-packages`` for the dependencies, the
wheel itself with ``--no-deps``), then from an empty folder runs ``rednote-desk --db X docs``, the default
project's first run (codebook and sample articles), and a first launch of the window offscreen.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent  # the test takes ~12 s on 2 cores: not marked slow

LAUNCH = """
import sys
from PySide6.QtWidgets import QApplication
import rednote_desk
from rednote_desk.gui.main_window import MainWindow, settings_for_app
app = QApplication(sys.argv[:1])
window = MainWindow(None, settings=settings_for_app())
window.show()
assert window.open_startup_project(None), "the default project did not open"
app.processEvents()
print(rednote_desk.__file__)
print(len(window.project.documents()), len(window.project.tags()))
window.close()
"""


def _run(args, *, cwd, env, timeout=300) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_wheel_runs_from_a_fresh_environment(tmp_path):
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        if (REPO / name).exists():  # (older trees had no setup.py: the test then shows their wheel's failure)
            shutil.copy2(REPO / name, _mkdir(source) / name)
    for folder in ("rednote_desk", "resources"):
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", QT_QPA_PLATFORM="offscreen",
               REDNOTE_DESK_HOME=str(tmp_path / "home"))
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(dist), str(source)], cwd=tmp_path, env=env)
    [wheel] = dist.glob("rednote_desk-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", str(wheel)],
         cwd=tmp_path, env=env)
    shutil.rmtree(source)  # nothing left to fall back on: only the installed package

    work = _mkdir(tmp_path / "work")  # outside the source tree
    cli = venv / "bin" / "rednote-desk"
    _run([str(cli), "--db", str(work / "x.sqlite"), "tag-add", "Placeholder"], cwd=work, env=env)  # creates it
    new = _run([str(cli), "--db", str(work / "x.sqlite"), "docs"], cwd=work, env=env)
    assert new.stdout == ""  # a new project: no documents, but the default codebook was loaded
    tags = _run([str(cli), "--db", str(work / "x.sqlite"), "tags", "--json"], cwd=work, env=env)
    assert "Claim types/Statistic" in tags.stdout

    docs = _run([str(cli), "docs"], cwd=work, env=env)  # the default project: seeded with the samples
    assert len(docs.stdout.splitlines()) == 5

    launch = _run([str(python), "-c", LAUNCH], cwd=work, env={**env, "REDNOTE_DESK_HOME": str(tmp_path / "home2")})
    module, counts = launch.stdout.splitlines()[-2:]
    assert Path(module).is_relative_to(venv)  # the installed copy ran, not the checkout
    documents, tag_count = map(int, counts.split())
    assert documents == 5 and tag_count > 10


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
