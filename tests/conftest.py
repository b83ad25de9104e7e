"""Shared fixtures. Qt runs offscreen and the default project lives in a temporary folder."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

# Where CI runs (env CI set), Hypothesis is deterministic: the same examples every run, so a submission never
# fails on a newly drawn one. Local runs keep random exploration; whatever it finds is kept as an @example.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REDNOTE_DESK_HOME", str(home))
    return home


@pytest.fixture
def project():
    from rednote_desk.store.project import Project

    p = Project.in_memory()
    yield p
    p.close()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "p.rednote.sqlite"


@pytest.fixture
def samples() -> Path:
    return SAMPLES
