"""The benchmark runner merges every module's figures and reports a failing module without stopping."""
from __future__ import annotations

import importlib.util
from pathlib import Path

RUNNER = Path(__file__).with_name("run.py")


def load_runner():
    spec = importlib.util.spec_from_file_location("bench_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_runner_merges_results_and_reports_failures(tmp_path):
    (tmp_path / "bench_alpha.py").write_text(
        "from dataclasses import dataclass\n"
        "@dataclass\nclass Size:\n    n: int\n"
        "def run(quick):\n    return {'alpha_ms': 1.5, 'shared_ms': 2.0, 'quick_flag': float(quick), 'n': Size(3).n}\n")
    (tmp_path / "bench_broken.py").write_text("def run(quick):\n    raise RuntimeError('disk on fire')\n")
    (tmp_path / "bench_crash.py").write_text("import os\ndef run(quick):\n    os._exit(3)\n")
    (tmp_path / "bench_dup.py").write_text("def run(quick):\n    return {'shared_ms': 9.0, 'dup_ms': 4.0}\n")
    (tmp_path / "bench_text.py").write_text("def run(quick):\n    return {'label': 'fast'}\n")
    (tmp_path / "helper.py").write_text("raise SystemExit('not a bench module: never imported')\n")

    report = load_runner().run_all(quick=True, folder=tmp_path)

    assert report["alpha_ms"] == 1.5 and report["quick_flag"] == 1.0 and report["n"] == 3
    assert report["dup_ms"] == 4.0 and report["shared_ms"] == 2.0  # first module (by name) keeps the name
    errors = report["errors"]
    assert "disk on fire" in errors["bench_broken"]
    assert "status 3" in errors["bench_crash"]
    assert "bench_alpha" in errors["bench_dup:shared_ms"]
    assert "non-numeric" in errors["bench_text"]
    assert set(report["seconds"]) == {"bench_alpha", "bench_broken", "bench_crash", "bench_dup", "bench_text"}
    machine = report["machine"]
    assert machine["cores"] >= 1 and machine["python"].count(".") == 2 and machine["cpu"]
    assert report["quick"] is True
