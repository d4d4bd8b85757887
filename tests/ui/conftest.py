"""UI test fixtures: a qasync loop per test that qtbot's waits drive (QT-NOTES trap 7), and garbage
collected on the GUI thread only, as the console does (`csr_console.ui.gui_thread`)."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import qasync

from csr_console.api import Environment, ServiceTitanClient
from csr_console.store.database import open_cache
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from tests.conftest import credentials, sync_once


@pytest.fixture(autouse=True, scope="session")
def _no_collection_in_other_threads() -> Iterator[None]:
    # Left on, the collector also runs in worker threads and can delete an earlier test's Qt objects
    # there: the suite then aborted at random, in whichever UI test came next.
    enabled = gc.isenabled()
    gc.disable()
    yield
    if enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def qloop(qapp: Any, qtbot: Any) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        qtbot.waitUntil(lambda: all(task.done() for task in pending), timeout=5000)
    with mock.patch.object(qapp, "exit"):
        loop.stop()
    loop.close()
    asyncio.set_event_loop(None)
    asyncio.events._set_running_loop(None)


@pytest.fixture(scope="session")
def synced_cache_file(sandbox: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache synced once from the session's seeded sandbox (by the real headless runner)."""
    return sync_once(sandbox, tmp_path_factory.mktemp("ui-cache"))


@pytest.fixture
def synced_cache(synced_cache_file: Path, tmp_path: Path) -> Path:
    """A private copy of the synced cache for one test (tests may write to it)."""
    copy = tmp_path / "cache.db"
    with sqlite3.connect(synced_cache_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    copy.chmod(0o600)
    return copy


@pytest.fixture
def bridge(sandbox: Any, synced_cache: Path, qloop: asyncio.AbstractEventLoop) -> Iterator[SyncBridge]:
    """A bridge over a private synced cache whose engine talks to the session's sandbox (modules that
    need another one define their own)."""
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    yield SyncBridge(SyncService(client, db), db, actor="csr:test")
    db.dispose()
