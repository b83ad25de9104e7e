"""Fork server for the crash-safety test (not a test module).

Run as ``python crash_worker.py PROJECT``. The store is imported once; for each line ``api SEED`` or ``cli SEED``
read from stdin it forks a child that writes annotation operations to PROJECT in an endless loop, and prints
``child PID``; when that child has died (the test kills it with SIGKILL) it prints ``reaped PID STATUS``.

A child prints ``begin {json}`` before an operation and ``done {json}`` only after the operation returned (the
transaction committed), each as one write. ``api`` children call the store's operations directly; ``cli``
children run ``python -m rednote_desk annotate/link/delete`` as subprocesses in their own process group, so the
test's kill reaches those too. Forking saves the interpreter start-up (~0.4 s) on each of the many kills.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from rednote_desk.store.project import Project  # noqa: E402  (imported once, before forking)

CHILD_SECONDS = 8.0  # a child that was not killed by then stops on its own (the test then fails)


def say(kind: str, data: dict | str) -> None:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    os.write(1, f"{kind} {payload}\n".encode())


def pick_ids(project: Project, rng: random.Random, k: int) -> list[int]:
    ids = [row[0] for row in project.db.execute("SELECT id FROM annotations ORDER BY id")]
    return rng.sample(ids, k) if len(ids) >= k else []


def api_child(path: str, seed: int) -> None:
    rng = random.Random(seed)
    project = Project.open(path)
    doc = project.documents()[0]
    say("ready", str(os.getpid()))
    n = 0
    while True:
        n += 1
        roll = rng.random()
        if roll < 0.5 or project.annotation_count() < 3:
            start = rng.randrange(0, len(doc.text) - 40)
            end = start + rng.randrange(1, 40)
            note = f"n{seed}-{n}"
            say("begin", {"op": "add", "quote": doc.text[start:end], "note": note})
            ann = project.add_annotation(document_id=doc.id, start=start, end=end, note=note).value
            say("done", {"op": "add", "id": ann.id, "quote": doc.text[start:end], "note": note})
        elif roll < 0.7:
            (target,) = pick_ids(project, rng, 1)
            say("begin", {"op": "delete", "ids": [target]})
            project.delete_annotations([target])
            say("done", {"op": "delete", "ids": [target]})
        elif roll < 0.85:
            ids = pick_ids(project, rng, 2)
            label = f"claim {seed}-{n} 𝓞🚢"
            say("begin", {"op": "link", "ids": ids, "claim": label})
            project.link_claim(ids, label=label)
            say("done", {"op": "link", "ids": ids, "claim": label})
        else:
            (target,) = pick_ids(project, rng, 1)
            note = f"edited {seed}-{n}"
            say("begin", {"op": "note", "ids": [target], "note": note})
            project.update_annotation(target, note=note)
            say("done", {"op": "note", "ids": [target], "note": note})


def cli_child(path: str, seed: int) -> None:
    rng = random.Random(seed)
    with Project.open(path) as project:
        doc = project.documents()[0]
    say("ready", str(os.getpid()))
    base = [sys.executable, "-m", "rednote_desk", "--db", path]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    n = 0
    while True:
        n += 1
        with Project.open(path) as project:
            roll = rng.random()
            if roll < 0.5 or project.annotation_count() < 3:
                start = rng.randrange(0, len(doc.text) - 40)
                end = start + rng.randrange(1, 40)
                note = f"c{seed}-{n}"
                op = {"op": "add", "quote": doc.text[start:end], "note": note}
                args = ["annotate", "--doc", str(doc.id), "--start", str(start), "--end", str(end), "--note", note]
            elif roll < 0.75:
                (target,) = pick_ids(project, rng, 1)
                op = {"op": "delete", "ids": [target]}
                args = ["delete", str(target)]
            else:
                ids = pick_ids(project, rng, 2)
                op = {"op": "link", "ids": ids, "claim": f"cli claim {seed}-{n}"}
                args = ["link", *map(str, ids), "--claim", op["claim"]]
        say("begin", op)
        proc = subprocess.run(base + args, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            say("failed", {"op": op, "stderr": proc.stderr[-500:]})
            os._exit(4)
        if op["op"] == "add":
            op["id"] = int(proc.stdout.split()[0])
        say("done", op)


def serve(path: str) -> None:
    for line in sys.stdin:
        mode, seed = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                if mode == "cli":
                    os.setsid()  # its own process group: the test kills the child and its CLI calls together
                deadline_child = cli_child if mode == "cli" else api_child
                import signal

                signal.alarm(int(CHILD_SECONDS))
                deadline_child(path, int(seed))
            except BaseException as exc:  # noqa: BLE001 - report and leave without running the server's code
                say("error", {"error": f"{type(exc).__name__}: {exc}"})
                code = 5
            finally:
                os._exit(code)
        say("child", str(pid))
        _, status = os.waitpid(pid, 0)
        say("reaped", f"{pid} {status}")


if __name__ == "__main__":
    serve(sys.argv[1])
