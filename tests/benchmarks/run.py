"""Run every tests/benchmarks/bench_*.py and print one JSON object of their figures.

    python tests/benchmarks/run.py [--quick] [--json OUT]

Each module's ``run(quick)`` returns named figures; they are merged as they are (names must be unique across
modules). Every module runs in its own process, so one that fails, hangs or crashes is reported under
"errors" and the others still run. "machine" describes where the figures were taken; "seconds" how long each
module took. The exit status is 1 when any module failed.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODULE_TIMEOUT = {True: 60, False: 900}  # seconds per module, quick / full


def bench_modules(folder: Path = HERE) -> list[Path]:
    return sorted(folder.glob("bench_*.py"))


def machine() -> dict:
    """Platform, Python, CPU model, cores and memory of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "memory_gb": memory_gb,
    }


def run_one(path: Path, quick: bool, out: Path) -> None:
    """In a child process: import one bench module, call run(quick), write {"results"} or {"error"} to out."""
    sys.path.insert(0, str(ROOT))
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses and pickling look their module up there
        spec.loader.exec_module(module)
        results = module.run(quick)
        if not isinstance(results, dict):
            raise TypeError(f"run() returned {type(results).__name__}, not a dict")
        bad = [k for k, v in results.items() if not isinstance(v, (int, float)) or isinstance(v, bool)]
        if bad:
            raise TypeError(f"run() returned non-numeric values for {', '.join(map(str, bad))}")
        payload = {"results": results}
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which carries on
        payload = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=8)}
    out.write_text(json.dumps(payload))


def run_all(*, quick: bool, folder: Path = HERE) -> dict:
    figures: dict = {}
    errors: dict[str, str] = {}
    seconds: dict[str, float] = {}
    owner: dict[str, str] = {}
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory(prefix="rednote-bench-") as tmp:
        env["REDNOTE_DESK_HOME"] = str(Path(tmp) / "home")  # never touch the user's default project
        for path in bench_modules(folder):
            name = path.stem
            out = Path(tmp) / f"{name}.json"
            command = [sys.executable, str(Path(__file__).resolve()), "--one", str(path), "--out", str(out)]
            if quick:
                command.append("--quick")
            started = time.perf_counter()
            try:
                proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                                      timeout=MODULE_TIMEOUT[quick])
            except subprocess.TimeoutExpired:
                errors[name] = f"timed out after {MODULE_TIMEOUT[quick]} s"
                continue
            finally:
                seconds[name] = round(time.perf_counter() - started, 2)
            if not out.exists():
                tail = (proc.stderr or "").strip().splitlines()[-3:]
                errors[name] = f"exited with status {proc.returncode} without results: {' | '.join(tail)}"
                continue
            payload = json.loads(out.read_text())
            if "error" in payload:
                errors[name] = payload["error"]
                continue
            for key, value in payload["results"].items():
                if key in figures or key in ("machine", "errors", "seconds", "quick"):
                    errors[f"{name}:{key}"] = f"name already used by {owner.get(key, 'the runner')}; value dropped"
                    continue
                figures[key] = value
                owner[key] = name
    return {**figures, "machine": machine(), "quick": quick, "seconds": seconds, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: the whole run takes under a minute")
    parser.add_argument("--json", metavar="OUT", help="also write the JSON to this file")
    parser.add_argument("--one", metavar="BENCH", help=argparse.SUPPRESS)
    parser.add_argument("--out", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(Path(args.one), args.quick, Path(args.out))
        return 0
    report = run_all(quick=args.quick)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
