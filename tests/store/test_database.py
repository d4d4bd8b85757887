"""The cache file: permissions, WAL, migrations (with the copy kept before one), schema drift, identity."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from csr_console.store import database
from csr_console.store.meta import CacheMismatch, bind_cache
from csr_console.store.schema import metadata


def test_new_cache_is_private_wal_and_at_head(tmp_path: Path) -> None:
    path = tmp_path / "profile" / "cache.db"
    db = database.open_cache(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert database.current_revision(db) == database.head_revision() == database.HEAD_REVISION
    with db.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    assert not list(path.parent.glob("*.bak")), "a new cache has nothing to keep a copy of"
    db.dispose()


def test_permissions_hold_under_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "cache.db"
        database.open_cache(path).dispose()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_migrations_build_exactly_the_declared_schema(tmp_path: Path) -> None:
    db = database.open_cache(tmp_path / "cache.db")
    with db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    db.dispose()


def test_reopening_a_current_cache_does_not_migrate_or_copy(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    database.open_cache(path).dispose()
    database.open_cache(path).dispose()
    assert not list(tmp_path.glob("*.bak"))


NEXT_REVISION = f'''
"""A later schema: bookings get a column."""
import sqlalchemy as sa
from alembic import op

revision = "next"
down_revision = "{database.HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("booking") as batch:
        batch.add_column(sa.Column("flag", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("booking") as batch:
        batch.drop_column("flag")
'''


def test_a_copy_is_kept_before_a_migration_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.db"
    db = database.open_cache(path)
    with db.begin() as connection:
        connection.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('marker', 'before')")
    db.dispose()

    migrations = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, migrations)
    (migrations / "versions" / "next_flag.py").write_text(NEXT_REVISION)
    head = database.HEAD_REVISION
    monkeypatch.setattr(database, "MIGRATIONS", migrations)
    monkeypatch.setattr(database, "HEAD_REVISION", "next")

    db = database.open_cache(path)
    assert database.current_revision(db) == "next"
    with db.connect() as connection:
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(booking)")]
    assert "flag" in columns
    db.dispose()

    copies = list(tmp_path.glob(f"cache.db.{head}.*.bak"))
    assert len(copies) == 1
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    with sqlite3.connect(copies[0]) as old:
        assert old.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == ("before",)
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert "flag" not in [row[1] for row in old.execute("PRAGMA table_info(booking)")]


def test_a_cache_belongs_to_one_tenant_and_server(tmp_path: Path) -> None:
    db = database.open_cache(tmp_path / "cache.db")
    bind_cache(db, tenant=7, api_base="https://api.servicetitan.io")
    bind_cache(db, tenant=7, api_base="https://api.servicetitan.io/")
    with pytest.raises(CacheMismatch, match="tenant"):
        bind_cache(db, tenant=8, api_base="https://api.servicetitan.io")
    with pytest.raises(CacheMismatch, match="server"):
        bind_cache(db, tenant=7, api_base="https://api-integration.servicetitan.io")
    db.dispose()


def test_a_training_sandbox_keeps_its_cache_across_ports(tmp_path: Path) -> None:
    db = database.open_cache(tmp_path / "cache.db")
    bind_cache(db, tenant=7, api_base="http://127.0.0.1:40111")
    bind_cache(db, tenant=7, api_base="http://127.0.0.1:40999")
    db.dispose()


def test_a_reader_never_holds_up_a_writer(tmp_path: Path) -> None:
    db = database.open_cache(tmp_path / "cache.db")
    with database.reader(db).connect() as reading:
        assert reading.exec_driver_sql("SELECT count(*) FROM booking").scalar() == 0
        with db.begin() as writing:  # would wait for busy_timeout, then fail, if the read held the lock
            writing.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('k', 'v')")
        # The open read keeps its snapshot (WAL): the write shows to the next transaction only.
        assert reading.exec_driver_sql("SELECT count(*) FROM meta WHERE key = 'k'").scalar() == 0
    with database.reader(db).connect() as reading:
        assert reading.exec_driver_sql("SELECT count(*) FROM meta WHERE key = 'k'").scalar() == 1
    db.dispose()
