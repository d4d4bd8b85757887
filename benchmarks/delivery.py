"""`python -m benchmarks delivery`: how fast a new booking reaches the cache, and what idling costs.

A fresh sandbox without its simulator; in this process the feed engine runs at its default active
cadence while a booking provider creates bookings at `--rate` a second for `--seconds` seconds. The
delivery lag of each is its `createdOn` on the server -> `received_at` in the cache (the cache's
`lag_ms`). Then the window is marked idle and the engine's requests to the sandbox are counted for
`--idle-seconds` (an httpx event hook on its client).

Figures: p50_ms, p95_ms, max_ms of the lag (goal p95 <= 3000 ms) and idle_requests_per_min.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select

from benchmarks._support import client_for, report, running_sandbox
from csr_console.api.models.crm import BookingContactCreate, CreateBookingRequest
from csr_console.domain.enums import ContactType
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.changes import ChangeHub
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.feeds import FeedEngine

#: How long the last bookings may take to arrive before the run counts as failed.
SETTLE_S = 30.0


def _request(number: int) -> CreateBookingRequest:
    return CreateBookingRequest(
        source="Angi",
        name=f"Delivery Customer {number}",
        summary="Water heater leaking",
        is_first_time_client=True,
        external_id=f"delivery-{number}",
        contacts=[BookingContactCreate(type=ContactType.MOBILE_PHONE, value="5125550142")],
    )


def _lags(db: Engine, ids: list[int]) -> list[int]:
    with db.connect() as connection:
        return list(
            connection.execute(select(schema.booking.c.lag_ms).where(schema.booking.c.id.in_(ids))).scalars()
        )


async def _run(info: dict[str, Any], cache: Path, args: argparse.Namespace) -> tuple[list[int], float]:
    db = open_cache(cache)
    requests = 0

    async def count(_request: httpx.Request) -> None:
        nonlocal requests
        requests += 1

    provider = info["providers"][0]
    async with (
        client_for(info, event_hooks={"request": [count]}) as client,
        client_for(info, provider) as partner,
    ):
        engine = FeedEngine(client, db, ChangeHub(), ConnectivityMonitor(), bookings=args.strategy)
        await engine.sync_once()
        engine.set_active(True)
        stop = asyncio.Event()
        running = asyncio.create_task(engine.run(stop))

        bookings = partner.crm.provider_bookings(provider["booking_provider"])
        await partner.warm_up()
        created: list[int] = []
        started = time.perf_counter()
        for number in range(round(args.seconds * args.rate)):
            # On a fixed schedule, so a slow create does not lower the rate.
            await asyncio.sleep(max(0.0, started + number / args.rate - time.perf_counter()))
            created.append((await bookings.create(_request(number))).id)
        deadline = time.perf_counter() + SETTLE_S
        while len(lags := _lags(db, created)) < len(created) and time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
        if len(lags) < len(created):
            raise RuntimeError(f"{len(created) - len(lags)} bookings never reached the cache")

        engine.set_active(False)
        requests = 0
        await asyncio.sleep(args.idle_seconds)
        idle = requests * 60 / args.idle_seconds
        stop.set()
        await running
    db.dispose()
    return lags, idle


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks delivery")
    parser.add_argument("--seconds", type=float, default=100.0, help="how long bookings are created")
    parser.add_argument("--rate", type=float, default=2.0, help="bookings created per second")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="how long idle requests are counted")
    parser.add_argument("--strategy", choices=["export", "list"], default="export")
    args = parser.parse_args(argv)

    with (
        tempfile.TemporaryDirectory() as folder,
        running_sandbox(Path(folder) / "sandbox.db", "--lead-rate", "0") as (info, _startup_s),
    ):
        lags, idle = asyncio.run(_run(info, Path(folder) / "cache.db", args))
    lags.sort()
    p95 = lags[min(len(lags) - 1, round(0.95 * (len(lags) - 1)))]
    print(
        f"{args.strategy}: {len(lags)} bookings, lag p50 {statistics.median(lags):.0f} ms, p95 {p95} ms, "
        f"max {lags[-1]} ms; idle: {idle:.1f} requests/min",
        flush=True,
    )
    report(
        {
            "p50_ms": round(statistics.median(lags)),
            "p95_ms": p95,
            "max_ms": lags[-1],
            "idle_requests_per_min": round(idle, 1),
        }
    )
    return 0
