"""Drill `load`: twenty consoles poll one sandbox tenant at once while its simulator makes bookings.

Each console is a real process (`console_main`: its own cache, SyncService - the feed engine and the
outbox - and client, so its own process-wide rate limiter, as on twenty desktops), with the window active
(the CSR works: the queue is polled every 2 s). The sandbox enforces ServiceTitan's 60 calls/s per app
per tenant and counts every call it answers (`GET /_sandbox/stats`). Once every console has made its
initial sync, a window of `seconds` is measured:
- at the server: requests_per_s_per_tenant (calls answered in the window / its seconds), the most in any
  sliding 1-s window (max_requests_in_1s), the 429s it answered (throttled);
- the bookings the simulator created in the window, and the delivery lag of each to each console (its
  `createdOn` on the server -> `received_at` in that console's cache, as benchmarks/delivery.py measures
  it): lag p50/p95/max over every (console, booking);
- lost: bookings of the window missing from some console's cache SETTLE_S after the window; duplicated:
  booking rows stored twice in a cache.
The consoles' starts and initial syncs are counted apart (startup_*, from the first start to the last
console's initial sync), and the window begins WARMUP_S after them: it measures the steady load. The full
variant opens all twenty at once on empty caches (a shift starting on new machines). --quick starts them
from copies of one synced cache (consoles used before, as on any morning after the first), a fifth of a
second apart, and measures 20 s: the same steady load in well under a minute.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from benchmarks._support import client_for, percentile, running_sandbox, sandbox_stats
from benchmarks.delivery import SETTLE_S, _lags
from csr_console.api import ServiceTitanClient
from csr_console.api.models.crm import BookingQuery
from csr_console.child_process import die_with_parent
from csr_console.profiles import connection_for_sandbox_line
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.store.meta import bind_cache
from csr_console.sync.service import SyncService

CONSOLES = 20
SECONDS_FULL = 120.0
SECONDS_QUICK = 20.0
#: Simulated bookings a minute (plus Scheduling Pro sessions, some of which become bookings).
LEAD_RATE_FULL = 30.0
LEAD_RATE_QUICK = 30.0
#: Seconds between two consoles' starts: 0 opens all twenty at once (the full variant: a shift starting).
STAGGER_FULL_S = 0.0
STAGGER_QUICK_S = 0.2
#: After the last console's initial sync, the measured window starts this much later: the steady load,
#: not the tail of the startup.
WARMUP_S = 10.0
#: How long twenty consoles may take to make their initial syncs.
STARTUP_S = 300.0
READY = "ready"


def load(quick: bool) -> dict[str, Any]:
    seconds = SECONDS_QUICK if quick else SECONDS_FULL
    rate = LEAD_RATE_QUICK if quick else LEAD_RATE_FULL
    stagger = STAGGER_QUICK_S if quick else STAGGER_FULL_S
    with tempfile.TemporaryDirectory(prefix="drill-load-") as name:
        folder = Path(name)
        with running_sandbox(folder / "sandbox.db", "--lead-rate", str(rate)) as (info, _startup_s):
            connect = folder / "sandbox.json"
            connect.write_text(json.dumps(info), encoding="utf-8")
            synced = asyncio.run(_synced_cache(connect, folder / "synced.db")) if quick else None
            figures = asyncio.run(_drill(info, connect, folder, CONSOLES, seconds, stagger, synced))
    return {
        "drill": "load",
        "consoles": CONSOLES,
        "processes": True,
        "lead_rate_per_min": rate,
        "stagger_s": stagger,
        "caches": "synced copies" if quick else "empty",
        "warmup_s": WARMUP_S,
        **figures,
    }


# -- one console, in its own process -------------------------------------------------------------------
def console_main(argv: list[str]) -> int:
    """`python -c "...; console_main([CONNECT_FILE, CACHE])"`: a console syncing with its window active
    until SIGTERM; prints READY after its initial sync."""
    return asyncio.run(_console(Path(argv[0]), Path(argv[1])))


async def _console(connect: Path, cache: Path) -> int:
    connection = connection_for_sandbox_line(connect)
    db = open_cache(cache)
    bind_cache(db, tenant=connection.credentials.tenant, api_base=connection.environment.api_base)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with ServiceTitanClient(connection.credentials, connection.environment) as client:
            service = SyncService(client, db)
            service.set_active(True)  # the CSR works in the window: the queue's short interval
            await service.feeds.sync_once()
            print(READY, flush=True)
            await service.run(stop)
    finally:
        db.dispose()
    return 0


async def _synced_cache(connect: Path, cache: Path) -> Path:
    """One cache brought up to date (the --quick consoles start from copies of it)."""
    connection = connection_for_sandbox_line(connect)
    db = open_cache(cache)
    try:
        bind_cache(db, tenant=connection.credentials.tenant, api_base=connection.environment.api_base)
        async with ServiceTitanClient(connection.credentials, connection.environment) as client:
            failed = await SyncService(client, db).feeds.sync_once()
        if failed:
            raise RuntimeError(f"the initial sync left feeds behind: {failed}")
    finally:
        db.dispose()
    return cache


async def _start_console(connect: Path, cache: Path) -> asyncio.subprocess.Process:
    code = "import sys; from benchmarks.drills.load import console_main; sys.exit(console_main(sys.argv[1:]))"
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        str(connect),
        str(cache),
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=die_with_parent,  # an interrupted drill leaves no console behind
    )


async def _ready(process: asyncio.subprocess.Process) -> None:
    assert process.stdout is not None
    line = await process.stdout.readline()
    if line.decode().strip() != READY:
        raise RuntimeError(f"a console exited with {await process.wait()} before its initial sync")


async def _stop(processes: list[asyncio.subprocess.Process]) -> None:
    for process in processes:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


# -- the drill -------------------------------------------------------------------------------------------
async def _drill(
    info: dict[str, Any],
    connect: Path,
    folder: Path,
    consoles: int,
    seconds: float,
    stagger: float,
    synced: Path | None,
) -> dict[str, Any]:
    caches = [folder / f"console{number}.db" for number in range(consoles)]
    if synced is not None:
        for cache in caches:
            shutil.copyfile(synced, cache)
    processes: list[asyncio.subprocess.Process] = []
    async with client_for(info) as admin:
        try:
            launched = time.time()
            readiness = []
            for cache in caches:
                processes.append(await _start_console(connect, cache))
                readiness.append(asyncio.ensure_future(_ready(processes[-1])))
                await asyncio.sleep(stagger)
            await asyncio.wait_for(asyncio.gather(*readiness), STARTUP_S)
            all_ready = time.time()
            await asyncio.sleep(WARMUP_S)
            started = time.time()
            await asyncio.sleep(seconds)
            ended = time.time()
            stats = await sandbox_stats(admin, since=launched)
            created = await _created(admin, started, ended)
            dbs = [open_cache(cache) for cache in caches]
            try:
                delivered = await _wait_for_delivery(dbs, created)
                lags = sorted(lag for db in dbs for lag in _lags(db, created))
                duplicated = sum(_duplicate_rows(db) for db in dbs)
            finally:
                for db in dbs:
                    db.dispose()
        finally:
            await _stop(processes)

    window = _rates(stats, started, ended)
    startup = _rates(stats, launched, all_ready)
    missing = {booking for found in delivered for booking in set(created) - found}
    return {
        "seconds": round(ended - started, 1),
        "requests_per_s_per_tenant": window["per_s"],
        "max_requests_in_1s": window["max_1s"],
        "requests": window["requests"],
        "throttled": window["throttled"],
        "bookings": len(created),
        "deliveries": len(lags),
        "lag_p50_ms": round(statistics.median(lags)) if lags else None,
        "lag_p95_ms": round(percentile(lags, 0.95)) if lags else None,
        "lag_max_ms": lags[-1] if lags else None,
        "actions": 0,  # the consoles only read; every booking of the window counts in `deliveries`
        "lost": len(missing),
        "duplicated": duplicated,
        "startup_s": round(all_ready - launched, 1),
        "startup_requests_per_s": startup["per_s"],
        "startup_max_requests_in_1s": startup["max_1s"],
        "startup_throttled": startup["throttled"],
        "cpus": os.cpu_count(),
    }


async def _created(client: ServiceTitanClient, started: float, ended: float) -> list[int]:
    """The bookings the server created in [started, ended) (wall-clock seconds)."""
    query = BookingQuery(
        created_on_or_after=datetime.fromtimestamp(started, UTC),
        created_before=datetime.fromtimestamp(ended, UTC),
    )
    return [booking.id async for booking in client.crm.bookings.items(query)]


def _delivered(db: Engine, ids: list[int]) -> set[int]:
    with db.connect() as connection:
        table = schema.booking
        return set(connection.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars())


async def _wait_for_delivery(dbs: list[Engine], ids: list[int]) -> list[set[int]]:
    """Each cache's share of `ids`, once all have them all or SETTLE_S has passed."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        found = [_delivered(db, ids) for db in dbs]
        if all(len(got) == len(ids) for got in found) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.2)


def _duplicate_rows(db: Engine) -> int:
    table = schema.booking
    with db.connect() as connection:
        rows = connection.execute(
            select(func.count() - func.count(func.distinct(table.c.id))).select_from(table)
        ).scalar_one()
    return int(rows)


def _rates(stats: dict[str, Any], start: float, end: float) -> dict[str, Any]:
    """The server's counts in [start, end): calls, 429s, calls a second, and the most in any 1-s window."""
    size: float = stats["bucket_s"]
    counts = {round(at / size): (n, throttled) for at, n, throttled in stats["buckets"] if start <= at < end}
    first, last = round(start / size), round(end / size)
    per_window = max(1, round(1.0 / size))
    series = [counts.get(key, (0, 0))[0] for key in range(first, last)]
    max_1s = max(
        (sum(series[i : i + per_window]) for i in range(max(1, len(series) - per_window + 1))), default=0
    )
    requests = sum(n for n, _ in counts.values())
    return {
        "requests": requests,
        "throttled": sum(t for _, t in counts.values()),
        "per_s": round(requests / max(end - start, 1e-9), 1),
        "max_1s": max_1s,
    }
