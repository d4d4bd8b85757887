"""Opening the cache: where the file lives, its permissions, SQLite settings, and migrations.

The file is created 0600 (it holds customers' names, phones and addresses) in the user's data
directory, runs in WAL mode (readers never block the sync writer) with synchronous=FULL (an action
written to the outbox survives a crash or a power cut), and is migrated by Alembic to the current
schema when opened, after a consistent copy of the old file is taken.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.pool import ConnectionPoolEntry

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

APP_NAME = "csr-console"
MIGRATIONS = Path(__file__).with_name("migrations")
#: Copies kept of the file as it was before a migration.
KEEP_BACKUPS = 3
#: The newest migration's revision (a test holds it to Alembic's head). Opening a current cache compares
#: it with the stored one and never imports Alembic, which costs a fifth of a second of the first paint.
HEAD_REVISION = "0003"


def data_dir() -> Path:
    """The user's data directory for the console (QStandardPaths.AppDataLocation's equivalent)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_cache_path(profile: str) -> Path:
    """One cache per profile: two tenants' data never share a file."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in profile) or "default"
    return data_dir() / "cache" / f"{safe}.db"


def _create_private(path: Path) -> None:
    """Create the file (and its directory) readable by the user only, whatever the umask."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and BEGIN IMMEDIATE; SQLAlchemy's docs
    # recommend taking it over with these two hooks.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


_READ_ONLY = "csr_read_only"


def _on_begin(connection: Connection) -> None:
    # IMMEDIATE: a writer takes the write lock at BEGIN, so two writers wait (busy_timeout) instead of
    # one failing with "database is locked" when it upgrades a read transaction. Readers (the UI's
    # queries, reports) begin DEFERRED: under WAL they never block a writer nor wait for one.
    if connection.get_execution_options().get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reader(engine: Engine) -> Engine:
    """The same cache for queries only: its transactions take no write lock (use it for every read)."""
    return engine.execution_options(**{_READ_ONLY: True})


def create_cache_engine(path: Path) -> Engine:
    """An engine on the cache file, creating it 0600 if needed (no migration: see `open_cache`)."""
    _create_private(path)
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Alembic's head, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the cache (Alembic's version table), None for a new file."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup(engine: Engine, path: Path, revision: str | None) -> Path:
    """A consistent copy (SQLite's online backup: WAL content included) next to the cache file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{revision or 'empty'}.{stamp}.bak")
    _create_private(target)
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
    finally:
        raw.close()
    old = sorted(path.parent.glob(f"{path.name}.*.bak"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def migrate(engine: Engine, path: Path) -> None:
    """Bring the schema to the newest revision; copy the file first when it already holds a schema."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return
    from alembic import command

    head = head_revision()
    if current is not None:
        saved = backup(engine, path, current)
        log.info("cache %s: migrating %s -> %s (copy kept at %s)", path, current, head, saved)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")


def open_cache(path: Path) -> Engine:
    """The engine of a ready cache: created 0600 if missing, WAL, migrated to the current schema."""
    engine = create_cache_engine(path)
    migrate(engine, path)
    return engine
