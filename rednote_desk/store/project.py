"""A project file: one SQLite database opened through sqlite-utils.

Opening applies pending migrations (after a backup of an existing file), turns on WAL and foreign keys,
and refuses a database written by a newer version of the app.
"""
from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from rednote_desk.core.errors import DatabaseVersionError, UserError
from rednote_desk.store import clean_close
from rednote_desk.store.migrations import MIGRATION_SET, known_migration_names, migrations
from rednote_desk.store.operations import OperationsMixin
from rednote_desk.store.queries import QueriesMixin
from rednote_desk.store.undo import UndoMixin

BACKUPS_KEPT = 5


class ProjectError(UserError):
    """The project file cannot be opened or written."""


class Project(QueriesMixin, OperationsMixin, UndoMixin):
    """The project database. All SQL of the application lives in this package."""

    def __init__(self, db: Database, path: Path | None, *, read_only: bool = False):
        self.db = db
        self.path = path
        self.read_only = read_only

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, handover: bool = False) -> Project:
        """``handover``: the project is opened (checked, migrated) on a worker thread and then used only by
        another thread (the GUI thread); the connection may change threads once, never be shared."""
        path = Path(path).expanduser()
        exists = path.exists()
        if exists and path.is_dir():
            raise ProjectError(f"{path} is a folder, not a project file; give a file name such as project.sqlite")
        if not exists and not create:
            raise ProjectError(f"{path} does not exist")
        if exists:
            if not path.is_file():  # a FIFO or a device would hang or mislead the reads below
                raise ProjectError(f"{path} is not a regular file, so it cannot be a project; it was left untouched")
            _check_sqlite_header(path)
            _inspect_read_only(path)
            clean_close.forget(path)  # from here on we may write: only the next clean close records it again
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProjectError(f"cannot create the folder for {path}: {exc.strerror}") from exc
        read_only = exists and not _writable(path)
        try:
            if read_only:
                conn = _connect_read_only(path, check_same_thread=not handover)
            else:
                conn = sqlite3.connect(str(path), isolation_level=None, timeout=10, check_same_thread=not handover)
            db = Database(conn)
            db.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                db.execute("PRAGMA busy_timeout = 10000")
                if db.journal_mode != "wal":
                    db.enable_wal()
                db.execute("PRAGMA synchronous = FULL")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(
                f"{path} is not a readable RedNote Desk project ({exc}); it was left untouched"
            ) from exc
        project = cls(db, path, read_only=read_only)
        project._migrate(existing=exists)
        return project

    @classmethod
    def open_reader(cls, path: str | Path) -> Project:
        """The project read-only on a connection of its own, for a worker thread (a sqlite connection belongs
        to the thread that made it). No migrations, no writes; close it when done (``with``)."""
        path = Path(path)
        if not path.is_file():
            raise ProjectError(f"{path} does not exist")
        try:
            conn = _connect_read_only(path)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path} cannot be read ({exc})") from exc
        return cls(Database(conn), path, read_only=True)

    @classmethod
    def open_before_check(cls, path: str | Path) -> Project:
        """The project read-only while its whole-file check (``Project.open``) still runs elsewhere, for showing
        its list at once: only after the fast part of that check (a regular SQLite file, ``sqlite_master``
        exactly as our migrations make it, no step pending or unknown). The connection is ``query_only`` and
        checks every cell's size (a damaged page gives an error, not a wild read). Refused (ProjectError,
        SchemaError) when a -wal with content or a -journal lies beside the file: its changes are read only
        after the full check. The file is read as immutable, so nothing is created beside it (a -wal made here
        would make Project.open think the file was touched since the app closed it, store/clean_close): a change
        made meanwhile by a writer is not seen, so what is read here is replaced once the project is open.
        Close it when done (``with``)."""
        from urllib.parse import quote

        from rednote_desk.store.schema_check import check_schema, has_wal

        path = Path(path).expanduser()
        if not path.is_file() or path.stat().st_size == 0:
            raise ProjectError(f"{path} is not a project file yet")
        _check_sqlite_header(path)
        if has_wal(path) or Path(f"{path}-journal").exists():
            raise ProjectError(f"{path} has a -wal or -journal beside it: it is read after the whole-file check")
        try:
            conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path} cannot be read ({exc})") from exc
        project = cls(Database(conn), path, read_only=True)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA cell_size_check = ON")
            if check_schema(conn, path) != known_migration_names():
                raise ProjectError(f"{path} needs an upgrade (or is newer): it is shown after the full open")
        except sqlite3.DatabaseError as exc:
            project.db.close()
            raise ProjectError(f"{path} cannot be read ({exc})") from exc
        except BaseException:
            project.db.close()
            raise
        return project

    @classmethod
    def in_memory(cls) -> Project:
        db = Database(sqlite3.connect(":memory:", isolation_level=None))
        db.execute("PRAGMA foreign_keys = ON")
        project = cls(db, None)
        project._migrate(existing=False)
        return project

    def limit_waits(self, *, query_seconds: float | None, busy_ms: int) -> None:
        """How long this connection may wait: any one statement is interrupted after ``query_seconds`` (None: no
        limit), and a write waits at most ``busy_ms`` for another program's lock before "database is locked"."""
        from rednote_desk.store.schema_check import limit_query_time

        limit_query_time(self.db.conn, query_seconds)
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")

    def close(self) -> None:
        self.db.close()
        if not self.read_only and self.path is not None:
            clean_close.record_clean_close(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        if "_sqlite_migrations" not in self.db.table_names():
            return []
        return [
            row["name"]
            for row in self.db.query(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
            )
        ]

    def _migrate(self, *, existing: bool) -> None:
        applied = self.applied_migrations()
        known = known_migration_names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise DatabaseVersionError(
                f"{self.path} was written by a newer version of RedNote Desk (schema step {unknown[-1]}); "
                "update RedNote Desk to open it. The file was not changed."
            )
        if existing and not applied and self.db.table_names():
            raise ProjectError(f"{self.path} is an SQLite database but not a RedNote Desk project; it was left untouched")
        pending = [name for name in known if name not in applied]
        if not pending:
            return
        if self.read_only:
            raise ProjectError(f"{self.path} is read-only and needs an upgrade; copy it somewhere writable first")
        if existing and applied and self.path is not None:
            self.backup(reason=f"before-{pending[0]}")
        migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {len(known)}")

    # -- backups -------------------------------------------------------------------------------
    def backup(self, destination: str | Path | None = None, *, reason: str = "copy") -> Path:
        """Write a consistent, compact copy of the project (``VACUUM INTO``: no free pages, so a sparse or bloated
        file is not copied at its apparent size); keep the last few automatic ones. Without a destination it
        is an automatic backup in NAME.backups beside the project, refused when the disk has no room for it.
        (Outputs chosen by the user go through ``services.backup_project``, which checks the destination.)"""
        if destination is None:
            if self.path is None:
                raise ProjectError("an in-memory project has no place for backups")
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            backup_dir = self.path.parent / (self.path.name + ".backups")
            backup_dir.mkdir(exist_ok=True)
            destination = backup_dir / f"{self.path.stem}-{stamp}-{reason}.sqlite"
            automatic = True
            if not self.copy_fits(backup_dir):
                raise ProjectError(f"not enough free space in {backup_dir} for a backup of {self.copy_size()} bytes")
        else:
            automatic = False
        destination = Path(destination)
        if self.path is not None and destination.resolve() == self.path.resolve():
            raise ProjectError("a copy cannot overwrite the open project itself")
        if destination.exists() and destination.stat().st_size > 0:
            target = sqlite3.connect(str(destination))  # VACUUM INTO needs a new or empty file
            try:
                self.db.conn.backup(target)
            finally:
                target.close()
        else:
            self.write_copy(destination)
        if automatic and self.path is not None:  # automatic copies are made only for a project on disk
            backups = sorted(destination.parent.glob(f"{self.path.stem}-*.sqlite"))
            for old in backups[:-BACKUPS_KEPT]:
                old.unlink(missing_ok=True)
        return destination

    def copy_size(self) -> int:
        """About how many bytes a compact copy takes (the pages in use)."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        free = self.db.execute("PRAGMA freelist_count").fetchone()[0]
        return (pages - free) * self.db.execute("PRAGMA page_size").fetchone()[0]

    def copy_fits(self, folder: str | Path, *, margin: int = 16 * 1024 * 1024) -> bool:
        import shutil

        return shutil.disk_usage(folder).free >= self.copy_size() + margin

    def write_copy(self, path: str | Path, *, for_sharing: bool = False) -> None:
        """``VACUUM INTO`` a new or empty file. ``for_sharing``: the copy has no undo history and no free pages
        or full-text index remnants holding deleted text."""
        from rednote_desk.store.schema_check import no_time_limit

        with no_time_limit(self.db.conn):  # one statement that copies the whole file: as long as it takes
            self.db.execute("VACUUM INTO ?", [str(path)])
        if not for_sharing:
            return
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("DELETE FROM undo_log")
            for table in ("documents_fts", "annotations_fts"):
                conn.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
            conn.execute("VACUUM")
        finally:
            conn.close()

    def list_backups(self) -> list[Path]:
        if self.path is None:
            return []
        folder = self.path.parent / (self.path.name + ".backups")
        return sorted(folder.glob(f"{self.path.stem}-*.sqlite")) if folder.exists() else []


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect_read_only(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open read-only. In a folder we cannot write to, SQLite cannot create the WAL index (-shm) it needs:
    when there is no -wal file either, every change is in the main file and it can be read as immutable."""
    from urllib.parse import quote

    uri = f"file:{quote(str(path))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=check_same_thread)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if Path(f"{path}-wal").exists():
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=check_same_thread)


def _inspect_read_only(path: Path) -> None:
    """Before anything may write to the file: SQLite's quick check and our schema check, on a read-only
    connection (a -wal beside the file is read, never written back into it)."""
    from rednote_desk.store.schema_check import inspect_file

    if path.stat().st_size == 0:
        return
    whole_file = not clean_close.left_as_recorded(path)  # before connecting: that makes a -wal
    try:
        conn = _connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path} is not a readable RedNote Desk project ({exc}); it was left untouched") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        inspect_file(conn, path, whole_file=whole_file)
    finally:
        conn.close()


def _check_sqlite_header(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ProjectError(f"cannot read {path}: {exc.strerror}") from exc
    if head and head != b"SQLite format 3\x00":
        raise ProjectError(f"{path} is not a RedNote Desk project (not an SQLite file); it was left untouched")
