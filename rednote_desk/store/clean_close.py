"""A record of a project file as this app left it after a clean close, so the next open can skip the slow
whole-file ``PRAGMA quick_check`` (0.6–1.1 s on a 500 MB project) when nothing touched the file since.

The record lives in this user's data folder (``data_dir()/clean-close/``), never inside the project file or
beside it, where whoever sends or shares the file could forge it. It holds the file's size, mtime_ns, ctime_ns,
inode and device and a SHA-256 of its header and first page. The file counts as "as we left it" only when all of
these match, no ``-wal`` or ``-journal`` lies beside it, and the file's mtime is older than the record itself (a
change in the same clock tick as the close could keep the same mtime, the "racy" case: then the full check runs).
Any mismatch, or no record, runs the full check as before. The schema check (cheap) always runs.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from rednote_desk.paths import data_dir

_FIELDS = ("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino", "st_dev")


def _record_path(path: Path) -> Path:
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return data_dir() / "clean-close" / f"{key}.json"


def _head_digest(path: Path) -> str:
    """SHA-256 of the SQLite header and the first page (the page size is in the header, bytes 16–17)."""
    with open(path, "rb") as fh:
        header = fh.read(100)
        size = int.from_bytes(header[16:18], "big") if len(header) >= 18 else 0
        size = 65536 if size == 1 else size
        fh.seek(0)
        first = fh.read(max(size, 100))
    return hashlib.sha256(first).hexdigest()


def _sidecars_absent(path: Path) -> bool:
    return not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))


def _fingerprint(path: Path) -> dict:
    stat = path.stat()
    out = {name: getattr(stat, name) for name in _FIELDS}
    out["head_sha256"] = _head_digest(path)
    out["path"] = str(path.resolve())
    return out


def forget(path: Path) -> None:
    """Drop the record (the file is about to be written to, or was not closed cleanly)."""
    try:
        _record_path(path).unlink(missing_ok=True)
    except OSError:
        pass


def record_clean_close(path: Path) -> bool:
    """After the last connection of ours closed: remember the file as it is now. Nothing is recorded (and an
    old record is dropped) when a -wal or -journal is still there. Never raises: a missing record only means
    the next open runs the full check."""
    try:
        if not path.is_file() or not _sidecars_absent(path):
            forget(path)
            return False
        target = _record_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(_fingerprint(path)), encoding="utf-8")
        os.replace(temporary, target)
        return True
    except OSError:
        forget(path)
        return False


def left_as_recorded(path: Path) -> bool:
    """True only when the file is exactly as recorded at our last clean close (see the module docstring)."""
    try:
        record_file = _record_path(path)
        if not record_file.is_file() or not _sidecars_absent(path):
            return False
        recorded = json.loads(record_file.read_text(encoding="utf-8"))
        stat = path.stat()
        if stat.st_mtime_ns >= record_file.stat().st_mtime_ns:  # racy: changed in the tick of the close
            return False
        return recorded == _fingerprint(path)
    except (OSError, ValueError):
        return False
