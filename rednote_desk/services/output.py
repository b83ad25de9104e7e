"""The one way RedNote Desk writes an output file: CSV, JSON, matrix, report and backup copies.

Every output goes through :func:`write_text` (text written by a callback) or :func:`write_file` (a file made
by a callback, e.g. SQLite's ``VACUUM INTO``). Both check the destination first with :func:`check_destination`:

* never the open project or its ``-wal`` / ``-shm`` / ``-journal`` files: compared by path and by inode
  (``os.path.samefile``), so a symbolic link or a hard link to the project is refused too;
* never an existing file that holds a database, a write-ahead log or a rollback journal (it starts with the
  SQLite header or a WAL/journal magic number), nor an ``X-wal`` / ``X-shm`` / ``X-journal`` beside a database
  ``X``: an output never replaces somebody's project;
* a destination that is not a regular file is never replaced. A FIFO (named pipe) or a character device (a
  terminal, ``/dev/stdout``) is written into directly, as a shell redirection would; a FIFO that nobody reads
  is refused at once instead of hanging. Block devices, sockets and folders are refused.

A regular file is written to a new temporary file made with exclusive creation (:func:`tempfile.mkstemp`) in
the destination's folder, flushed to disk and then moved over the destination with :func:`os.replace`. The
temporary file is removed on any error, including Ctrl-C. A symbolic link as destination is followed: the file
it points to is replaced and the link stays.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from typing import TextIO, TypeVar

from rednote_desk.core.errors import UserError

T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputError(UserError):
    """An output destination that must not or cannot be written; the message says why."""


def _project_files(protect: Iterable[str | os.PathLike | None]) -> list[str]:
    out = []
    for item in protect:
        if item is None:
            continue
        base = os.path.abspath(os.fspath(item))
        out.append(base)
        out.extend(base + suffix for suffix in SIDE_FILE_SUFFIXES)
    return out


def _starts_like_database(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if head.startswith(SQLITE_HEADER):
        return "an SQLite database (a project?)"
    if head[:4] in WAL_MAGIC:
        return "an SQLite write-ahead log"
    if head.startswith(JOURNAL_MAGIC):
        return "an SQLite rollback journal"
    return None


def check_destination(destination: str | os.PathLike, *, protect: Iterable[str | os.PathLike | None] = (),
                      allow_special: bool = True) -> tuple[str, os.stat_result | None]:
    """Refuse a destination that must not be written; return (the real path to write, its stat or None).

    ``protect`` lists project files (their side files are protected too). ``allow_special=False`` refuses a
    FIFO or device as well (for outputs that cannot be streamed, such as database copies).
    """
    shown = os.fspath(destination)
    if not shown:
        raise OutputError("no output file given")
    real = os.path.realpath(shown)
    protected = _project_files(protect)
    for candidate in protected:
        same = os.path.normcase(candidate) == os.path.normcase(real)
        if not same and os.path.exists(candidate) and os.path.exists(real):
            try:
                same = os.path.samefile(candidate, real)
            except OSError:
                same = False
        if same:
            raise OutputError(f"refusing to write {shown}: it is the open project file "
                              f"({os.path.basename(candidate)}); choose another file name")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from exc
    folder = os.path.dirname(real) or "."
    if st is None:
        if not os.path.isdir(folder):
            raise OutputError(f"cannot write {shown}: the folder {folder} does not exist")
    elif stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {shown}: it is a folder; give a file name")
    elif stat.S_ISBLK(st.st_mode):
        raise OutputError(f"refusing to write {shown}: it is a disk device, not a file")
    elif stat.S_ISSOCK(st.st_mode):
        raise OutputError(f"refusing to write {shown}: it is a socket, not a file")
    elif not stat.S_ISREG(st.st_mode):
        if not allow_special or not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            raise OutputError(f"refusing to write {shown}: it is not a regular file")
    else:
        what = _starts_like_database(real)
        if what:
            raise OutputError(f"refusing to overwrite {shown}: it is {what}; choose another file name")
    for suffix in SIDE_FILE_SUFFIXES:
        if real.endswith(suffix) and _starts_like_database(real[: -len(suffix)]):
            raise OutputError(f"refusing to write {shown}: it belongs to the database "
                              f"{os.path.basename(real[: -len(suffix)])}; choose another file name")
    return real, st


def _open_special(real: str, shown: str, st: os.stat_result) -> int:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if stat.S_ISFIFO(st.st_mode):
        flags |= os.O_NONBLOCK  # no reader: fail at once (ENXIO) instead of hanging
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"cannot write {shown}: it is a named pipe that no program is reading") from exc
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from exc
    if stat.S_ISFIFO(st.st_mode):
        os.set_blocking(fd, True)
    return fd


def _new_temporary(real: str, shown: str, st: os.stat_result | None) -> tuple[int, str]:
    folder, name = os.path.split(real)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from exc
    try:  # the mode the file would have had (mkstemp makes it private)
        if st is not None:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
    except (OSError, AttributeError):
        pass
    return fd, temporary


def _through_temporary(real: str, shown: str, st: os.stat_result | None, protect: list,
                       fill: Callable[[int, str], T], before_replace: Callable[[], None] | None = None) -> T:
    """``fill(fd, temporary_path)`` writes a new temporary file; then it replaces ``real``. Any error (Ctrl-C
    too) removes the temporary file and leaves the destination as it was. ``before_replace()`` runs last
    before the replacement; whatever it raises abandons the output (e.g. a cancel)."""
    fd, temporary = _new_temporary(real, shown, st)
    try:
        result = fill(fd, temporary)
        if before_replace is not None:
            before_replace()
        # the destination may have changed since it was checked: look again right before replacing
        check_destination(real, protect=protect, allow_special=False)
        os.replace(temporary, real)
    except BaseException as exc:
        _remove(temporary)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from exc
        raise
    return result


def write_text(destination: str | os.PathLike | TextIO, write: Callable[[TextIO], T], *,
               protect: Iterable[str | os.PathLike | None] = (), newline: str | None = None,
               encoding: str = "utf-8", before_replace: Callable[[], None] | None = None) -> T:
    """Write text to a path (atomically, see the module) or to an open text stream; returns ``write``'s value.
    ``before_replace()`` runs when a regular file is complete, right before it replaces the destination: what
    it raises leaves the destination as it was."""
    if hasattr(destination, "write"):
        return write(destination)  # type: ignore[arg-type]
    protect = list(protect)
    shown = os.fspath(destination)
    real, st = check_destination(shown, protect=protect)
    if st is not None and not stat.S_ISREG(st.st_mode):
        fd = _open_special(real, shown, st)
        try:
            with open(fd, "w", encoding=encoding, newline=newline) as fh:
                return write(fh)
        except OSError as exc:
            raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from exc

    def fill(fd: int, temporary: str) -> T:
        with open(fd, "w", encoding=encoding, newline=newline) as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        return result

    return _through_temporary(real, shown, st, protect, fill, before_replace)


def write_file(destination: str | os.PathLike, make: Callable[[str], T], *,
               protect: Iterable[str | os.PathLike | None] = ()) -> T:
    """Have ``make(path)`` fill a new empty temporary file, then move it over ``destination``.

    For outputs that a library writes itself (SQLite's ``VACUUM INTO`` accepts an empty file). Only a regular
    file or a new name is accepted as destination.
    """
    protect = list(protect)
    shown = os.fspath(destination)
    real, st = check_destination(shown, protect=protect, allow_special=False)

    def fill(fd: int, temporary: str) -> T:
        os.close(fd)
        result = make(temporary)
        with open(temporary, "rb+") as fh:
            os.fsync(fh.fileno())
        return result

    return _through_temporary(real, shown, st, protect, fill)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass

